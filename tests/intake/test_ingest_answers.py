"""Answers to scores 1-4, and profile columns normalised (jenis kelamin, usia, pendidikan, dates)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st
from ingest_samples import CODES, SCHEME

from ikm_utils.errors import DataValidationError
from ikm_utils.intake.answers import answer_key, map_answers
from ikm_utils.intake.ingest import IngestOptions, load_responses
from ikm_utils.intake.profile import age_bands, ages, categories, dates

U = {u.kode: u for u in SCHEME.unsur}


def score(code, value, **kw):
    s = answer_key(U[code], **kw).score(value)
    return None if math.isnan(s) else (None if s == -1 else int(s))


def invalid(code, value, **kw):
    return answer_key(U[code], **kw).score(value) == -1


@pytest.mark.parametrize("value", ["4", "4.0", " 4 ", "4,0", "+4"])
def test_whole_numbers_in_any_spelling_are_scores(value):
    assert score("U1", value) == 4


@pytest.mark.parametrize("value", ["0", "5", "3.5", "-1", "tiga", "Sangat Mudah", "44"])
def test_values_outside_the_scale_or_of_another_unsur_are_invalid(value):
    assert invalid("U1", value)


@pytest.mark.parametrize(
    "value", ["Sangat sopan dan ramah", "SANGAT SOPAN DAN RAMAH", "Sangat Sopan Dan Ramah ", "sangat-sopan, dan  ramah"]
)
def test_labels_ignore_case_spacing_and_punctuation(value):
    assert score("U7", value) == 4


def test_each_unsur_reads_its_own_labels():
    assert [score("U4", t) for t in ("Sangat mahal", "Cukup Mahal", "murah", "GRATIS")] == [1, 2, 3, 4]
    assert [score("U9", t) for t in ("Buruk", "Cukup", "Baik", "Sangat Baik")] == [1, 2, 3, 4]
    assert [score("U8", t) for t in ("Tidak Ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal",
                                     "Dikelola dengan baik")] == [1, 2, 3, 4]


def test_word_variants_from_the_scheme_file():
    assert score("U8", "Ada tapi tidak berfungsi") == 2
    assert score("U1", "Sgt sesuai") == 4


def test_generic_labels_are_read_for_every_unsur():
    assert [score("U1", t) for t in ("Tidak baik", "Kurang baik", "Baik", "Sangat baik")] == [1, 2, 3, 4]


def test_letter_codes_only_when_declared():
    assert invalid("U2", "b")
    assert [score("U2", t, letter_codes=True) for t in ("a", "B", "c.", "D")] == [1, 2, 3, 4]


def test_option_letter_or_number_before_a_label_must_agree_with_it():
    assert score("U1", "b. Kurang sesuai") == 2
    assert score("U1", "4 - Sangat sesuai") == 4
    assert score("U1", "Sesuai (3)") == 3
    assert invalid("U1", "1. Sangat sesuai")


def test_custom_labels_win_per_unsur_and_for_all():
    custom = {"U9": {"Mantap": 4, "Baik": 4}, "*": {"Jelek": 1}}
    assert score("U9", "mantap", custom=custom) == 4
    assert score("U9", "Baik", custom=custom) == 4  # the custom map overrides the scheme's label
    assert score("U1", "JELEK", custom=custom) == 1
    assert invalid("U1", "Mantap", custom=custom)
    assert "Mantap" in answer_key(U["U9"], custom).expected


def test_blank_is_not_answered_not_zero():
    scores, bad = map_answers(pa.array(["", "  ", None, "3"]), answer_key(U["U1"]))
    assert np.isnan(scores[:3]).all() and scores[3] == 3 and not bad.any()


@given(st.lists(st.sampled_from(["1", "2", "3", "4", "Sesuai", "SANGAT SESUAI", "", "9", "x"]), max_size=60))
def test_column_mapping_equals_cell_by_cell_mapping(values):
    key = answer_key(U["U1"])
    scores, bad = map_answers(pa.array(values, type=pa.string()), key)
    one_by_one = [key.score(v) for v in values]
    assert bad.tolist() == [s == -1 for s in one_by_one]
    assert [None if np.isnan(s) else s for s in scores] == [None if (np.isnan(s) or s == -1) else s for s in one_by_one]


# --------------------------------------------------------------------------- profile


def test_jenis_kelamin_variants_become_l_and_p():
    c = categories(pa.array(["L", "Laki-laki", "Laki - Laki", "laki laki", "PRIA", "P", "Perempuan", "wanita", None]),
                   "jenis_kelamin")
    assert c.values.tolist()[:8] == ["L"] * 5 + ["P"] * 3 and pd.isna(c.values.iloc[8]) and c.unknown == {}


def test_unknown_categories_are_kept_as_written_and_reported(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("Pendidikan,Pekerjaan," + ",".join(CODES) + "\n"
                    "SMA / SMK,Pegawai Negeri Sipil," + ",".join("4" * 9) + "\n"
                    "Pesantren,ASN," + ",".join("4" * 9) + "\n"
                    "Pesantren,Nelayan," + ",".join("4" * 9) + "\n")
    r = load_responses(path)
    assert r.data["pendidikan"].tolist() == ["SMA", "Pesantren", "Pesantren"]
    assert r.data["pekerjaan"].tolist() == ["PNS", "ASN", "Nelayan"]  # ASN includes PPPK: kept
    kinds = {(p.kind, p.column, p.value, p.row) for p in r.warnings}
    assert kinds == {("kategori_tidak_dikenal", "Pendidikan", "Pesantren", 3),
                     ("kategori_tidak_dikenal", "Pekerjaan", "Nelayan", 4)}
    assert "2 baris" in next(p.message for p in r.warnings if p.value == "Pesantren")


def test_ages_in_years_and_invalid_ages():
    years, bad = ages(pa.array(["17", "64 tahun", "45.0", "", "200", "dua puluh"]))
    assert years.tolist()[:3] == [17, 64, 45] and bad.tolist() == [False, False, False, False, True, True]


def test_default_and_declared_age_bands():
    years = pd.Series([17, 25, 26, 55, 56, 80, 15, None], dtype="Int64")
    assert age_bands(years).tolist()[:7] == ["17–25", "17–25", "26–35", "46–55", "≥ 56", "≥ 56", "< 17"]
    declared = age_bands(years, [(17, 30), (31, None)])
    assert declared.tolist()[:7] == ["17–30", "17–30", "17–30", "≥ 31", "≥ 31", "≥ 31", "< 17"]
    assert list(declared.cat.categories) == ["< 17", "17–30", "≥ 31"] and declared.cat.ordered


def test_age_bands_from_ingest_options(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("Usia," + ",".join(CODES) + "\n40," + ",".join("3" * 9) + "\nabc," + ",".join("3" * 9) + "\n")
    r = load_responses(path, SCHEME, IngestOptions(age_bands=[(17, 39), (40, None)]))
    assert r.data["usia_kelompok"].tolist()[0] == "≥ 40" and pd.isna(r.data["usia"].iloc[1])
    (w,) = r.warnings
    assert (w.kind, w.row, w.value) == ("usia_tidak_valid", 3, "abc")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15/07/2020 08.05.07", "2020-07-15 08:05:07"),
        ("15/07/2020 08:05:07", "2020-07-15 08:05:07"),
        ("2020-07-15 13:53:59", "2020-07-15 13:53:59"),
        ("2020-07-15", "2020-07-15 00:00:00"),
        ("15-07-2020", "2020-07-15 00:00:00"),
        ("15 Juli 2020", "2020-07-15 00:00:00"),
        ("3 Agustus 2020 14.20", "2020-08-03 14:20:00"),
        ("7/15/2020 8:05:07", "2020-07-15 08:05:07"),
    ],
)
def test_dates_in_indonesian_formats(text, expected):
    d = dates(pa.array([text]))
    assert str(d.values.iloc[0]) == expected and not d.invalid.any()


def test_day_first_is_preferred_and_month_first_only_when_needed():
    assert str(dates(pa.array(["03/08/2020", "04/08/2020"])).values.iloc[0]) == "2020-08-03 00:00:00"
    mixed = dates(pa.array(["03/08/2020", "15/08/2020"]))
    assert [str(v) for v in mixed.values] == ["2020-08-03 00:00:00", "2020-08-15 00:00:00"]


def test_unreadable_dates_are_reported_not_guessed(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("Tanggal," + ",".join(CODES) + "\n15/07/2020," + ",".join("3" * 9) + "\nkemarin,"
                    + ",".join("3" * 9) + "\n")
    r = load_responses(path)
    (w,) = r.warnings
    assert (w.kind, w.row, w.column, w.value) == ("tanggal_tidak_valid", 3, "Tanggal", "kemarin")
    assert pd.isna(r.data["tanggal"].iloc[1])


def test_invalid_answer_names_what_was_expected(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text(",".join(CODES) + "\n" + ",".join(["4"] * 3 + ["Mahal"] + ["4"] * 5) + "\n")
    with pytest.raises(DataValidationError) as err:
        load_responses(path)
    (p,) = err.value.problems
    assert p.expected == "angka 1–4 atau label (1 Sangat mahal, 2 Cukup mahal, 3 Murah, 4 Gratis)"
    assert "U4 Biaya/Tarif" in p.message
