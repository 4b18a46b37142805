"""The lesson's numbers and sentences follow the class and the scheme (no kernel here)."""

from __future__ import annotations

import re
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
from lesson_classes import BUNDLED, class_14_unsur, class_15, class_complete

from ikm_utils.errors import DataValidationError, IkmError
from ikm_utils.method.compute import compute_ikm
from ikm_utils.method.schemes import get_scheme
from ikm_utils.report import lesson_text as teks
from ikm_utils.report.lesson import (
    lesson_interval,
    options_from_dict,
    options_to_dict,
    prepare_lesson,
    replicate_shares,
    variant_answers,
    variants,
)


@pytest.fixture(scope="module")
def example():
    return prepare_lesson(BUNDLED)


@pytest.fixture
def fifteen(tmp_path):
    return prepare_lesson(class_15(tmp_path))


@pytest.fixture
def kepmen(tmp_path):
    return prepare_lesson(class_14_unsur(tmp_path), "kepmenpan25_2004")


# --- who is counted ---------------------------------------------------------------------------------


def test_an_empty_questionnaire_is_not_a_respondent(fifteen):
    assert fifteen.n == 15 and fifteen.n_read == 16
    assert fifteen.empty_rows == (11,)  # header is row 1, the empty form is the 10th data row
    assert fifteen.result.n_responden == 15 and fifteen.blanks == 4
    assert "**15 responden** dihitung" in teks.header(fifteen) and "baris 11" in teks.header(fifteen)


def test_the_answer_table_shows_every_questionnaire_and_its_sums(fifteen):
    shown = teks.answer_table(fifteen).data
    assert len(shown) == 15 + 2  # every respondent, then Σ and n
    assert list(shown.index[-2:]) == [teks.SUM_ROW, teks.COUNT_ROW]
    assert shown.loc[teks.SUM_ROW, "U1"] == shown["U1"].iloc[:15].sum() == fifteen.sums["U1"]
    assert shown.loc[teks.COUNT_ROW, "U1"] == 14 and shown.loc[teks.COUNT_ROW, "U2"] == 15
    html = teks.answer_table(fifteen).to_html()
    assert f">{int(fifteen.sums['U1'])}<" in html and ".000" not in html and ",000" not in html


def test_all_four_answer_labels_of_every_unsur_are_listed():
    table = teks.labels_table(get_scheme()).data
    assert list(table.columns) == ["Unsur", "1", "2", "3", "4"]
    assert table.loc["U8", "2"] == "Ada tetapi tidak berfungsi" and table.loc["U4", "3"] == "Murah"


def test_a_14_unsur_file_under_the_default_scheme_stops_with_a_hint(tmp_path):
    # reading the file already stops on unsur the scheme lacks (intake: kolom_unsur_skema_lain), with the hint
    with pytest.raises(IkmError, match=r"'U10', 'U11', 'U12', 'U13', 'U14'.*--skema kepmenpan25_2004"):
        prepare_lesson(class_14_unsur(tmp_path))


def test_bad_data_and_a_population_below_n_stop_before_any_kernel(tmp_path):
    bad = tmp_path / "salah.csv"
    bad.write_text("U1,U2,U3,U4,U5,U6,U7,U8,U9\n4,4,4,4,4,4,4,4,7\n", encoding="utf-8")
    with pytest.raises(DataValidationError):
        prepare_lesson(bad)
    with pytest.raises(IkmError, match="N = 8 lebih kecil dari jumlah responden yang dihitung \\(n = 10\\)"):
        prepare_lesson(BUNDLED, population=8)


def test_ingest_options_pass_through_a_notebook_parameter():
    from ikm_utils.intake.ingest import IngestOptions, LongLayout

    opts = IngestOptions(columns={"U8": "u9"}, letter_codes=True, sheet=1, long=LongLayout("id", "item", "skor"))
    assert options_from_dict(options_to_dict(opts)) == opts
    assert options_to_dict(IngestOptions()) == {}


# --- the scheme's own numbers -----------------------------------------------------------------------


def test_kepmenpan_text_uses_k_14_its_printed_weights_and_table_b(kepmen):
    assert kepmen.k == 14 and "kolom U1…U14" in teks.header(kepmen)
    assert "w = 1/14 = 0,071429…" in teks.weight_sentence(kepmen) and "0,071" in teks.weight_sentence(kepmen)
    text, _ = teks.weight_trap(kepmen)
    assert "0,071 × 14 × 4 × 25 = **99,40**" in text and "0,07 × 14 × 4 × 25 = **98,00**" in text
    gaps = teks.gaps_sentence(kepmen.scheme.tabel_mutu)
    assert "43,75 | 43,76, 62,50 | 62,51 dan 81,25 | 81,26" in gaps and "88,30" not in gaps
    assert list(teks.gap_table(kepmen.scheme.tabel_mutu).data["Nilai"]) == [81.25, 81.255, 81.26]
    for sentence in (teks.header(kepmen), teks.weight_sentence(kepmen), text, gaps):
        assert "1/9" not in sentence and "U9" not in sentence and "0,111" not in sentence


def test_the_example_class_shows_every_trap_with_its_classic_value(example):
    v = variants(example.answers, example.scheme)
    assert (v["tepat"].konversi, v["tepat"].mutu) == (Decimal("88.36"), "A")
    assert v["bobot3"].konversi == Decimal("88.28") and v["bobot3"].mutu == "B"  # 0,111
    assert v["bobot2"].konversi == Decimal("87.48")  # 0,11: maximum 99,00
    assert v["kosong0"].konversi == Decimal("87.50")
    assert v["nrr2"].konversi == Decimal("88.36") and v["ikm2"].konversi == Decimal("88.25")


def test_trap_2_blames_rounding_the_ikm_when_rounding_the_nrr_alone_keeps_the_grade(example):
    text, table = teks.rounding_trap(example)
    assert "karena **IKM skala 1–4 dibulatkan**" in text and "Membulatkan NRR saja memberi 88,36 (mutu A)" in text
    assert list(table.data["IKM unit"]) == ["88,36", "88,36", "88,25", "88,25"]


def test_trap_3_speaks_only_of_what_the_class_has(tmp_path, example, fifteen):
    complete = prepare_lesson(class_complete(tmp_path))
    text, table = teks.blank_trap(complete)
    assert "tidak punya jawaban kosong" in text and table is None
    text, table = teks.blank_trap(example)
    assert "1 jawaban kosong" in text and "87,50" in text and "lembar" not in text and len(table.data) == 2
    text, table = teks.blank_trap(fifteen)
    assert "4 jawaban kosong" in text and "n menjadi 16" in text and "9 nilai nol" in text and len(table.data) == 3


def test_a_variant_keeps_n_and_blanks_but_changes_answers(example):
    a = example.answers
    v3, v3b, v4 = variant_answers(a, 3), variant_answers(a, 3), variant_answers(a, 4)
    assert v3.equals(v3b) and not v3.equals(v4) and not v3.equals(a)
    assert v3.isna().equals(a.isna()) and v3.stack().dropna().between(1, 4).all()
    les = prepare_lesson(BUNDLED, varian=3)
    assert les.n == 10 and list(les.counts) == list(example.counts) and "varian 3" in teks.header(les)


# --- the interval -----------------------------------------------------------------------------------


def test_no_interval_is_shown_below_the_minimum_n(tmp_path):
    les = prepare_lesson(class_complete(tmp_path, rows=6))
    iv = lesson_interval(les, replicates=300)
    assert iv.low is None and "6 responden (kurang dari" in iv.reason
    assert teks.interval_sentence(les, iv).startswith("**Interval tidak ditampilkan.**")


def test_with_complete_answers_the_interval_is_the_t_interval_with_factor_sqrt_1_minus_n_over_N(tmp_path):
    from scipy.stats import t

    les = prepare_lesson(class_complete(tmp_path, rows=12), population=48)
    iv = lesson_interval(les, replicates=300)
    w = np.full(9, 1 / 9)
    y = 25 * les.answers.to_numpy() @ w
    half = t.ppf(0.975, 11) * y.std(ddof=1) / np.sqrt(12) * np.sqrt(1 - 12 / 48)
    assert iv.low == pytest.approx(y.mean() - half) and iv.high == pytest.approx(y.mean() + half)


def test_the_lesson_interval_covers_about_95_percent_at_n_10_with_blanks():
    """Seeded simulation: a population of 2,000 answer sheets with 3% blanks, samples of 10."""
    rng = np.random.default_rng(13)
    pop = rng.choice([1, 2, 3, 4], p=[0.05, 0.2, 0.45, 0.3], size=(2000, 9)).astype(float)
    pop[rng.random(pop.shape) < 0.03] = np.nan
    truth = float(compute_ikm(pd.DataFrame(pop, columns=[f"U{i}" for i in range(1, 10)])).total.ikm_exact * 25)
    hits = trials = 0
    from ikm_utils.report.lesson import Lesson

    scheme = get_scheme()
    for _ in range(300):
        sample = pd.DataFrame(pop[rng.choice(2000, 10, replace=False)], columns=scheme.codes,
                              index=pd.RangeIndex(1, 11))
        if sample.isna().all().any():
            continue
        les = Lesson(scheme, sample, sample, 2000, "sim", 10, (), 0, None, compute_ikm(sample, scheme).total)
        iv = lesson_interval(les, replicates=400, seed=int(rng.integers(1 << 30)))
        trials += 1
        hits += iv.low <= truth <= iv.high
    assert 0.92 <= hits / trials <= 0.99


def test_replicate_shares_name_the_grades_under_the_picture(example):
    iv = lesson_interval(example, replicates=500)
    shares = replicate_shares(iv.replicates, example.scheme)
    assert sum(s for _, s in shares) == pytest.approx(1)
    sentence = teks.shares_sentence(example, iv)
    assert re.fullmatch(r"\d+% replikasi di A dan \d+% replikasi di B\.", sentence)


def test_a_very_large_class_shows_the_first_rows_and_sums_over_all(tmp_path):
    from ikm_utils.report.lesson import SHOWN_ROWS
    from ikm_utils.report.lesson_check import Latihan

    path = tmp_path / "besar.csv"
    x = np.random.default_rng(4).integers(1, 5, size=(SHOWN_ROWS + 50, 9))
    pd.DataFrame(x, columns=[f"U{i}" for i in range(1, 10)]).to_csv(path, index=False)
    les = prepare_lesson(path, population=1000)
    shown = teks.answer_table(les).data
    assert len(shown) == SHOWN_ROWS + 2 and shown.loc[teks.SUM_ROW, "U1"] == x[:, 0].sum()
    assert f"Tabel memuat {SHOWN_ROWS} lembar pertama dari {SHOWN_ROWS + 50}" in teks.blank_sentence(les)
    assert Latihan(les).window[1] <= SHOWN_ROWS


def test_a_class_saved_by_excel_reads_like_its_csv(tmp_path):
    csv = class_15(tmp_path)
    xlsx = tmp_path / "kelas_15.xlsx"
    pd.read_csv(csv).to_excel(xlsx, index=False, sheet_name="Jawaban")
    a, b = prepare_lesson(csv), prepare_lesson(xlsx, options={"sheet": "Jawaban"})
    assert (b.n, b.empty_rows, b.blanks) == (a.n, a.empty_rows, a.blanks) == (15, (11,), 4)
    assert b.konversi == a.konversi


def test_two_respondents_still_make_a_lesson(tmp_path):
    from ikm_utils.report.lesson_check import Latihan

    path = class_complete(tmp_path, rows=12)
    two = tmp_path / "dua.csv"
    pd.read_csv(path).head(2).to_csv(two, index=False)
    les = prepare_lesson(two)
    assert les.n == 2 and lesson_interval(les, replicates=200).low is None
    lat = Latihan(les)
    assert lat.window == (1, 1) and lat.answer(2) != les.konversi or les.answers.iloc[0].equals(les.answers.iloc[1])


def test_the_small_n_interval_of_stats_intervals_is_used_when_it_exists(monkeypatch, example):
    """Contract 4 (``ikm_interval``, ``MIN_N_INTERVAL``): consumed when present, √(1 − n/N) applied around it."""
    from dataclasses import dataclass

    from ikm_utils.stats import intervals

    @dataclass
    class Fake:
        low: float | None
        high: float | None
        method: str
        n: int
        reason: str | None = None

    est = float(example.result.ikm_exact * 25)
    monkeypatch.setattr(intervals, "ikm_interval", lambda s, sch, level, seed: Fake(est - 6, est + 4, "metode X", 10),
                        raising=False)
    monkeypatch.setattr(intervals, "MIN_N_INTERVAL", 8, raising=False)
    iv = lesson_interval(example, replicates=200)
    factor = np.sqrt(1 - 10 / 120)
    assert iv.method == "metode X" and iv.min_n == 8
    assert iv.low == pytest.approx(est - 6 * factor) and iv.high == pytest.approx(est + 4 * factor)
    monkeypatch.setattr(intervals, "ikm_interval", lambda s, sch, level, seed: Fake(None, None, "metode X", 10,
                                                                                     "alasan"), raising=False)
    assert lesson_interval(example, replicates=200).reason == "alasan"
