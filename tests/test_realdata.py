"""The two real SKM data sets in ../shared/realdata, read from every layout they come in.

Both questionnaires number the unsur in their own order (u8 = sarana, u9 = pengaduan), the
opposite of PermenPANRB 14/2017, so the order is stated by unsur name, as a user must.
Gianyar has a date-only ``tanggal`` and a full timestamp ``waktu``: the timestamp is used, and
it shows two real double submissions (same second, same answers, rows 53 and 88).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from ikm_utils.errors import DataValidationError
from ikm_utils.intake.ingest import IngestOptions, LongLayout, check_file, load_responses
from ikm_utils.method.compute import compute_ikm
from ikm_utils.method.schemes import form_order, get_scheme

REALDATA = Path(__file__).resolve().parents[2] / "shared" / "realdata"
pytestmark = [pytest.mark.realdata, pytest.mark.skipif(not REALDATA.exists(), reason="../shared/realdata is absent")]

SCHEME = get_scheme("permen14_2017")
QUESTIONNAIRE_ORDER = {"U8": "u9", "U9": "u8"}
FORM_ORDER = form_order(SCHEME, ["persyaratan", "prosedur", "waktu", "biaya", "produk", "kompetensi", "perilaku",
                                 "sarana", "pengaduan"])
GIANYAR = "skm_polres_gianyar_skck_2020.csv"
GIANYAR_LONG = "skm_polres_gianyar_skck_2020_long.csv"
MAHULU = "skm_setda_mahakam_ulu_2025.csv"
#: The Mahakam Ulu form's pre-checked answers (SOURCES.md): Swasta, Laki-laki, usia 29, SMA/SMK, every unsur 4.
MAHULU_DEFAULTS = {"pekerjaan": "Swasta", "jenis_kelamin": "Laki-laki", "usia_code": 29, "pendidikan": "SMA / SMK",
                   **{f"U{i}": 4 for i in range(1, 10)}}


def gianyar(layout: str, policy: str = "exclude"):
    if layout == "wide":
        return load_responses(REALDATA / GIANYAR, SCHEME, IngestOptions(form_order=FORM_ORDER, policy=policy))
    value = {"long_text": "jawaban_teks", "long_score": "skor"}[layout]
    opts = IngestOptions(form_order=FORM_ORDER, long=LongLayout("respondent_id", "item", value), policy=policy)
    return load_responses(REALDATA / GIANYAR_LONG, SCHEME, opts)


@pytest.mark.parametrize("layout", ["wide", "long_text", "long_score"])
def test_polres_gianyar_201_read_2_double_submissions_199_used_85_93_b_from_every_layout(layout):
    r = gianyar(layout)
    total = compute_ikm(r.data, SCHEME).total
    assert (total.n_responden, total.ikm_konversi, total.mutu) == (199, Decimal("85.93"), "B")
    assert r.n_read == 201 and len(r.excluded) == 2 and set(r.excluded["jenis"]) == {"kiriman ganda"}
    assert r.mapping["tanggal"] == "waktu" and "waktu" in r.info["tanggal_dipilih"]
    assert {p.kind for p in r.errors} == {"duplikat_kiriman"}


def test_polres_gianyar_with_both_doubles_kept_is_the_published_85_85_b():
    r = gianyar("wide")
    kept = compute_ikm(r.data, SCHEME).total
    both = load_responses(REALDATA / GIANYAR, SCHEME, IngestOptions(form_order=FORM_ORDER, columns={
        "tanggal": "tanggal"})).data  # the date-only column: no second to compare, nothing flagged
    total = compute_ikm(both, SCHEME).total
    assert (total.n_responden, total.ikm_konversi, total.mutu) == (201, Decimal("85.85"), "B")
    assert kept.n_responden == 199


def test_polres_gianyar_stop_policy_names_both_double_submissions():
    with pytest.raises(DataValidationError) as exc:
        gianyar("wide", policy="stop")
    assert sorted(p.row for p in exc.value.errors) == [53, 88]


def test_polres_gianyar_layouts_agree_answer_by_answer():
    wide, text, score = gianyar("wide"), gianyar("long_text"), gianyar("long_score")
    by_id = [r.data.set_index("id_responden").sort_index() for r in (wide, text, score)]
    for code in SCHEME.codes:
        assert by_id[0][code].tolist() == by_id[1][code].tolist() == by_id[2][code].tolist()
    # the long file's answer text carries the profile too; it is normalised like the wide file's
    for col in ("jenis_kelamin", "pendidikan", "pekerjaan", "usia"):
        assert by_id[0][col].astype(str).tolist() == by_id[1][col].astype(str).tolist()
    assert set(wide.data["pekerjaan"].unique()) == {"Lainnya", "Swasta", "Wirausaha", "POLRI"}


def test_polres_gianyar_bare_codes_warn_that_the_labels_belong_to_the_other_unsur():
    r = check_file(REALDATA / GIANYAR, SCHEME)
    assert r.mapping["U8"] == "u8"  # a bare code maps by its code ...
    assert "Urutan kuesioner belum dinyatakan" in r.info["urutan_kuesioner"]
    warned = {(p.column, p.expected) for p in r.warnings if p.kind == "urutan_unsur_meragukan"}
    assert warned == {("u8", "U9"), ("u9", "U8")}  # ... and the label columns show the swap
    assert not any(h.endswith("_label") for h in r.mapping.values())


def test_polres_gianyar_long_text_without_mapping_names_every_swapped_answer():
    opts = IngestOptions(long=LongLayout("respondent_id", "item", "jawaban_teks"))
    r = check_file(REALDATA / GIANYAR_LONG, SCHEME, opts)
    bad = [p for p in r.errors if p.kind == "nilai_tidak_valid"]
    assert bad and {p.column for p in bad} <= {"jawaban_teks (item u8)", "jawaban_teks (item u9)"}
    assert {p.expected for p in r.warnings if p.kind == "urutan_unsur_meragukan"} == {"U8", "U9"}


def test_mahakam_ulu_26_respondents_6_units_92_84_with_form_defaults_flagged():
    r = load_responses(REALDATA / MAHULU, SCHEME, IngestOptions(columns=QUESTIONNAIRE_ORDER,
                                                                form_defaults=MAHULU_DEFAULTS))
    result = compute_ikm(r.data, SCHEME, by="unit")
    assert (result.total.n_responden, result.total.ikm_konversi, result.total.mutu) == (26, Decimal("92.84"), "A")
    assert len(result.kelompok["unit"]) == 6
    flagged = sorted(p.row for p in r.warnings if p.kind == "isian_bawaan_formulir")
    marked = sorted(r.data.loc[r.data["all_form_defaults"] == "1", "baris"].tolist())
    assert len(flagged) == 9 and flagged == marked
    assert r.errors == [] and len(r.data) == 26  # flagged, kept: dropping them is the analyst's decision


def test_mahakam_ulu_profile_is_normalised():
    r = load_responses(REALDATA / MAHULU, SCHEME, IngestOptions(columns=QUESTIONNAIRE_ORDER))
    assert set(r.data["jenis_kelamin"].unique()) == {"L", "P"}
    assert set(r.data["pekerjaan"].unique()) == {"ASN", "Swasta", "Lainnya"}  # ASN (PNS + PPPK) kept
    assert set(r.data["pendidikan"].unique()) == {"SMA", "S1", "S2/S3"} and not r.warnings
    assert r.mapping["unit"] == "unit_name" and r.mapping["tanggal"] == "created_at"
    assert "usia" not in r.mapping  # usia_code is the app's band code, not an age in years
    assert set(r.data["usia_kelompok"].unique()) == {"<30", "30-40", "41-50"}
    assert r.data["tanggal"].min().date().isoformat() == "2025-11-12"
