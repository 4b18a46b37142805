"""The additional statistics ("Analisis tambahan"), checked against independent implementations.

Reference values and where they come from:
- t-intervals: scipy.stats.t / scipy.stats.sem on the respondents' weighted scores, computed here;
- Welch: scipy.stats.ttest_ind(equal_var=False).confidence_interval;
- bootstrap: scipy.stats.bootstrap (percentile) on the same respondent scores, and the regulation's
  formula (compute_ikm) applied to the very resamples the bootstrap drew;
- Cronbach's alpha: Statology, "How to Calculate Cronbach's Alpha in Python" (Bobbitt 2021), which
  prints pingouin 0.x's result on a 10 x 3 survey, alpha 0.7734375 with 95% CI [0.336, 0.939]; the
  covariance example of Julia StatsBase's ``cronbachalpha`` docs (alpha 0.8136); a hand computation
  with exact fractions; Feldt's formula written out with scipy.stats.f;
- coverage: seeded simulations from a known population.
"""

from __future__ import annotations

import json
import math
import statistics
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats as sps

from ikm_utils.errors import StatsError
from ikm_utils.method.compute import compute_ikm
from ikm_utils.method.grading import grade
from ikm_utils.method.indonesian import format_number
from ikm_utils.method.schemes import get_scheme, grade_table
from ikm_utils.stats.additional import additional_analysis
from ikm_utils.stats.compare import compare_periods, difference_from_intervals
from ikm_utils.stats.describe import answer_shares, item_missingness, rank_groups, small_group_warning
from ikm_utils.stats.intervals import (
    Interval,
    bootstrap_ci,
    boundary_check,
    fpc,
    resample_sums,
    respondent_scores,
    t_interval,
)
from ikm_utils.stats.reliability import alpha_of_matrix, cronbach_alpha, feldt_interval

CODES = [f"U{i}" for i in range(1, 10)]
TABLE_A = grade_table("A_2017")
TABLE_B = grade_table("B_2004")
REALDATA = Path(__file__).resolve().parents[3] / "shared" / "realdata"


def survey(n: int, seed: int, *, blanks: float = 0.0, mood: float = 3.1) -> pd.DataFrame:
    """n respondents x 9 unsur, answers 1-4 that move together (a respondent's general satisfaction)."""
    rng = np.random.default_rng(seed)
    general = rng.normal(0, 0.6, size=(n, 1))
    x = np.clip(np.rint(mood + general + rng.normal(0, 0.55, size=(n, 9))), 1, 4)
    if blanks:
        x[rng.random(x.shape) < blanks] = np.nan
    return pd.DataFrame(x, columns=CODES)


def weighted_scores(df: pd.DataFrame) -> np.ndarray:
    """Each respondent's score on the 25-100 scale with equal weights: 25 x the mean of their answers."""
    return 25 * df[CODES].to_numpy(dtype=float).mean(axis=1)


# --- bootstrap -------------------------------------------------------------------------------------


def test_bootstrap_is_reproducible_with_its_seed():
    df = survey(150, 1, blanks=0.05)
    a, b = bootstrap_ci(df, seed=11), bootstrap_ci(df, seed=11)
    assert np.array_equal(a.replicates, b.replicates) and a.ikm == b.ikm and a.nrr == b.nrr
    c = bootstrap_ci(df, seed=12)
    assert not np.array_equal(a.replicates, c.replicates)
    assert len(a.replicates) == 2000 and a.seed == 11


def test_bootstrap_estimates_are_the_regulations_numbers():
    df = survey(120, 2, blanks=0.08)
    ci, official = bootstrap_ci(df), compute_ikm(df).total
    assert ci.ikm.estimate == float(official.ikm_exact * 25)
    assert [ci.nrr[u.kode].estimate for u in official.unsur] == [u.nrr for u in official.unsur]
    assert ci.n == official.n_responden


def test_each_bootstrap_replicate_is_the_ikm_of_a_resample_of_respondents():
    # the bootstrap draws, per replicate, n row indices in one block (int32, one chunk at this size)
    df = survey(60, 3, blanks=0.1)
    ci = bootstrap_ci(df, replicates=200, seed=5)
    idx = np.random.default_rng(5).integers(0, 60, size=(200, 60), dtype=np.int32)
    for b in range(5):
        resample = df.iloc[idx[b]].reset_index(drop=True)
        assert ci.replicates[b] == pytest.approx(float(compute_ikm(resample).total.ikm_exact * 25), abs=1e-9)
        assert ci.nrr_replicates[b, 0] == pytest.approx(compute_ikm(resample).total.unsur[0].nrr, abs=1e-12)


def test_resampled_sums_equal_a_plain_loop_over_the_drawn_rows():
    values = np.arange(1.0, 41.0).reshape(20, 2)
    fast = resample_sums(values, np.random.default_rng(9), 300)
    idx = np.random.default_rng(9).integers(0, 20, size=(300, 20), dtype=np.int32)
    assert np.array_equal(fast, values[idx].sum(axis=1))


def test_bootstrap_agrees_with_scipy_bootstrap_on_complete_answers():
    df = survey(300, 4)
    ours = bootstrap_ci(df, replicates=2000, seed=1).ikm
    ref = sps.bootstrap((weighted_scores(df),), np.mean, n_resamples=4000, method="percentile",
                        confidence_level=0.95, rng=np.random.default_rng(2)).confidence_interval
    # Monte Carlo error of each bound is about 0.05 points here
    assert ours.lower == pytest.approx(ref.low, abs=0.2) and ours.upper == pytest.approx(ref.high, abs=0.2)


def test_bootstrap_interval_of_each_nrr_brackets_it():
    ci = bootstrap_ci(survey(80, 5, blanks=0.1))
    for interval in ci.nrr.values():
        assert interval.lower <= interval.estimate <= interval.upper and interval.lower >= 1 and interval.upper <= 4


def test_finite_population_correction_shrinks_the_bootstrap_deviations_by_its_root():
    df = survey(200, 6)
    plain, corrected = bootstrap_ci(df, seed=3), bootstrap_ci(df, seed=3, population=500)
    root = math.sqrt((500 - 200) / (500 - 1))
    est = plain.ikm.estimate
    assert corrected.ikm.lower - est == pytest.approx(root * (plain.ikm.lower - est))
    assert corrected.ikm.upper - est == pytest.approx(root * (plain.ikm.upper - est))
    census = bootstrap_ci(df, population=200).ikm
    assert census.lower == census.upper == pytest.approx(est)


def test_population_smaller_than_sample_and_bad_level_are_refused():
    df = survey(50, 7)
    with pytest.raises(StatsError, match="lebih kecil dari jumlah responden"):
        bootstrap_ci(df, population=40)
    with pytest.raises(StatsError, match="Tingkat kepercayaan"):
        t_interval(df, level=95)
    assert fpc(1000, 200) == pytest.approx(800 / 999) and fpc(None, 5) == 1.0


def test_responses_without_any_answer_are_not_resampled():
    df = pd.concat([survey(30, 8), pd.DataFrame({c: [np.nan] * 5 for c in CODES})], ignore_index=True)
    assert bootstrap_ci(df, replicates=100).n == 30 == compute_ikm(df).total.n_responden


# --- the analytic interval -------------------------------------------------------------------------


def test_t_interval_of_the_ikm_equals_scipy_on_respondent_scores():
    df = survey(90, 9)
    y = weighted_scores(df)
    lo, hi = sps.t.interval(0.95, len(y) - 1, loc=y.mean(), scale=sps.sem(y))
    ci = t_interval(df).ikm
    assert (ci.lower, ci.upper) == (pytest.approx(lo), pytest.approx(hi))
    assert ci.estimate == pytest.approx(y.mean())
    assert respondent_scores(df) == pytest.approx(y)


def test_t_interval_with_finite_population_correction():
    df = survey(90, 10)
    y = weighted_scores(df)
    scale = sps.sem(y) * math.sqrt((300 - 90) / (300 - 1))
    lo, hi = sps.t.interval(0.9, len(y) - 1, loc=y.mean(), scale=scale)
    ci = t_interval(df, population=300, level=0.9).ikm
    assert (ci.lower, ci.upper) == (pytest.approx(lo), pytest.approx(hi))


def test_t_interval_of_the_ikm_needs_complete_answers_but_nrr_intervals_do_not():
    df = survey(60, 11, blanks=0.05)
    ci = t_interval(df)
    assert ci.ikm is None and "mengosongkan" in ci.notes[0] and "bootstrap" in ci.notes[0]
    u1 = df["U1"].dropna().to_numpy()
    lo, hi = sps.t.interval(0.95, len(u1) - 1, loc=u1.mean(), scale=sps.sem(u1))
    assert (ci.nrr["U1"].lower, ci.nrr["U1"].upper) == (pytest.approx(lo), pytest.approx(hi))


def test_legacy_weights_carry_into_the_respondent_scores():
    df = survey(40, 12)
    ci = t_interval(df, weight_mode="legacy").ikm
    assert ci.estimate == pytest.approx(float(compute_ikm(df, weight_mode="legacy").total.ikm_exact * 25))
    assert ci.estimate == pytest.approx(0.999 * t_interval(df).ikm.estimate)


# --- coverage --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def population() -> tuple[pd.DataFrame, float]:
    pop = survey(20_000, 2024)
    return pop, float(compute_ikm(pop).total.ikm_exact * 25)


def test_t_interval_covers_the_true_ikm_in_95_percent_of_400_samples(population):
    pop, truth = population
    rng = np.random.default_rng(400)
    hits = [t_interval(pop.iloc[rng.integers(0, len(pop), 100)]).ikm.contains(truth) for _ in range(400)]
    assert 0.93 <= np.mean(hits) <= 0.97


def test_finite_population_correction_keeps_coverage_at_95_percent():
    # 200 of 400 service users, drawn without replacement: without the correction the interval is too wide
    pop = survey(400, 77)
    truth = float(compute_ikm(pop).total.ikm_exact * 25)
    rng = np.random.default_rng(401)
    samples = [pop.iloc[rng.choice(400, 200, replace=False)] for _ in range(400)]
    corrected = np.mean([t_interval(s, population=400).ikm.contains(truth) for s in samples])
    uncorrected = np.mean([t_interval(s).ikm.contains(truth) for s in samples])
    assert 0.93 <= corrected <= 0.97
    assert uncorrected > 0.98


def test_bootstrap_covers_the_true_ikm_with_blank_answers(population):
    pop, _ = population
    pop = pop.mask(np.random.default_rng(5).random(pop.shape) < 0.06)
    truth = float(compute_ikm(pop).total.ikm_exact * 25)
    rng = np.random.default_rng(402)
    hits = [bootstrap_ci(pop.iloc[rng.integers(0, len(pop), 100)], replicates=500, seed=i).ikm.contains(truth)
            for i in range(200)]
    assert 0.91 <= np.mean(hits) <= 0.98


# --- grade boundaries ------------------------------------------------------------------------------


def test_boundary_sentence_from_the_brief():
    b = boundary_check(Interval(88.40, 86.9, 89.9, 0.95, "bootstrap", 150), TABLE_A)
    assert b.kalimat == "88,40 (selang kepercayaan 95% 86,9–89,9): A, namun batas bawah di kategori B"
    assert b.crosses and (b.mutu, b.mutu_bawah, b.mutu_atas) == ("A", "B", "A")


def test_boundaries_come_from_the_schemes_grade_table():
    ci = Interval(64.43, 62.0, 66.0, 0.95, "bootstrap", 80)
    head = "64,43 (selang kepercayaan 95% 62,0–66,0)"
    assert boundary_check(ci, TABLE_B).kalimat == head + ": B, namun batas bawah di kategori C"
    assert boundary_check(ci, TABLE_A).kalimat == head + ": D, namun batas atas di kategori C"


def test_interval_inside_one_grade_and_interval_reaching_both_neighbours():
    inside = boundary_check(Interval(82.0, 79.5, 84.2, 0.95, "t", 300), TABLE_A)
    assert not inside.crosses and inside.kalimat.endswith("B; seluruh interval di kategori B")
    both = boundary_check(Interval(82.0, 75.0, 90.0, 0.9, "t", 20), TABLE_A)
    assert both.kalimat == ("82,00 (selang kepercayaan 90% 75,0–90,0): B, namun batas bawah di kategori C dan batas "
                            "atas di kategori A")


def test_a_bound_shown_with_two_decimals_when_one_would_hide_its_grade():
    # 88,33 is A, but "88,3" would read as B
    b = boundary_check(Interval(90.0, 88.33, 91.7, 0.95, "t", 300), TABLE_A)
    assert "95% 88,33–91,7" in b.kalimat and not b.crosses


def test_the_estimate_is_graded_with_the_half_up_rule():
    b = boundary_check(Interval(76.60, 75.0, 78.0, 0.95, "t", 300), TABLE_A, estimate=Fraction(76605, 1000))
    assert (b.nilai, b.mutu) == (Decimal("76.61"), "B")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(25, 100, allow_nan=False), min_size=3, max_size=3).map(sorted))
def test_boundary_check_grades_every_bound_as_grade_does(values):
    lo, est, hi = values
    b = boundary_check(Interval(est, lo, hi, 0.95, "bootstrap", 100), TABLE_A)
    assert (b.mutu_bawah, b.mutu, b.mutu_atas) == tuple(grade(v, TABLE_A).mutu for v in (lo, est, hi))
    assert b.crosses == ("namun" in b.kalimat) == (len({b.mutu_bawah, b.mutu, b.mutu_atas}) > 1)
    order = "DCBA"
    assert order.index(b.mutu_bawah) <= order.index(b.mutu) <= order.index(b.mutu_atas)


# --- two periods -----------------------------------------------------------------------------------


def test_welch_difference_equals_scipy():
    before, after = survey(120, 20), survey(150, 21, mood=3.3)
    d = compare_periods(before, after, method="welch")
    ref = sps.ttest_ind(weighted_scores(after), weighted_scores(before), equal_var=False).confidence_interval(0.95)
    assert (d.lower, d.upper) == (pytest.approx(ref.low), pytest.approx(ref.high))
    assert d.estimate == pytest.approx(weighted_scores(after).mean() - weighted_scores(before).mean())


def test_bootstrap_and_welch_differences_agree():
    before, after = survey(200, 22), survey(200, 23, mood=3.25)
    boot, welch = compare_periods(before, after), compare_periods(before, after, method="welch")
    assert boot.estimate == pytest.approx(welch.estimate)
    assert boot.lower == pytest.approx(welch.lower, abs=0.3) and boot.upper == pytest.approx(welch.upper, abs=0.3)


def test_a_real_change_is_called_significant_in_plain_words():
    before, after = survey(250, 24), survey(250, 25, mood=3.4)
    d = compare_periods(before, after, labels=("2023-S2", "2024-S1"))
    official = [compute_ikm(x).total.ikm_konversi for x in (before, after)]
    assert d.significant and d.lower > 0
    assert d.displayed_difference == official[1] - official[0]
    assert d.kalimat.startswith(f"IKM naik {format_number(official[1] - official[0])} poin (dari "
                                f"{format_number(official[0])} pada 2023-S2 menjadi {format_number(official[1])}")
    assert d.kalimat.endswith("perbedaan ini bermakna secara statistik.")


def test_two_samples_of_one_population_cannot_be_told_apart():
    d = compare_periods(survey(100, 26), survey(100, 27))
    assert not d.significant and d.lower < 0 < d.upper
    assert d.kalimat.endswith("perbedaan ini tidak dapat dibedakan dari variasi sampel.")


def test_welch_needs_complete_answers():
    with pytest.raises(StatsError, match="jawaban lengkap"):
        compare_periods(survey(50, 28, blanks=0.1), survey(50, 29), method="welch")


def test_difference_from_two_published_intervals():
    z = sps.norm.ppf(0.975)
    d = difference_from_intervals((80.0, 78.0, 82.0), (83.0, 81.5, 84.5), TABLE_A)
    se = math.sqrt((4 / (2 * z)) ** 2 + (3 / (2 * z)) ** 2)
    assert (d.lower, d.upper) == (pytest.approx(3 - z * se), pytest.approx(3 + z * se))
    assert d.significant and "naik 3,00 poin" in d.kalimat


# --- Cronbach's alpha ------------------------------------------------------------------------------

STATOLOGY = pd.DataFrame({"U1": [1, 2, 2, 3, 2, 2, 3, 3, 2, 3], "U2": [1, 1, 1, 2, 3, 3, 2, 3, 3, 3],
                          "U3": [1, 1, 2, 1, 2, 3, 3, 3, 2, 3]})


def test_alpha_and_feldt_interval_match_the_published_pingouin_example():
    r = cronbach_alpha(STATOLOGY, items=["U1", "U2", "U3"])
    assert r.alpha == pytest.approx(0.7734375, abs=1e-12)
    assert (round(r.lower, 3), round(r.upper, 3)) == (0.336, 0.939)


def test_alpha_by_hand_with_exact_fractions():
    rows = [(4, 3, 4), (3, 3, 3), (2, 2, 3), (4, 4, 4), (3, 2, 2), (1, 2, 2)]
    items = list(zip(*rows, strict=True))
    item_var = sum(statistics.variance([Fraction(v) for v in col]) for col in items)
    total_var = statistics.variance([Fraction(sum(r)) for r in rows])
    expected = Fraction(3, 2) * (1 - item_var / total_var)
    assert alpha_of_matrix(np.array(rows)) == pytest.approx(float(expected), abs=1e-12)


def test_alpha_of_the_statsbase_covariance_example():
    # StatsBase.jl docs: cov [[10,6,6,6],[6,11,6,6],[6,6,12,6],[6,6,6,13]] -> alpha 0.8136
    cov = np.array([[10, 6, 6, 6], [6, 11, 6, 6], [6, 6, 12, 6], [6, 6, 6, 13]], dtype=float)
    z = np.random.default_rng(0).normal(size=(50, 4))
    z -= z.mean(axis=0)
    z = z @ np.linalg.inv(np.linalg.cholesky(np.cov(z, rowvar=False))).T  # sample covariance exactly I
    x = z @ np.linalg.cholesky(cov).T
    assert np.cov(x, rowvar=False) == pytest.approx(cov)
    assert round(alpha_of_matrix(x), 4) == 0.8136


def test_feldt_interval_is_the_f_distribution_formula():
    df = survey(50, 30)
    r = cronbach_alpha(df)
    df1, df2 = 49, 49 * 8
    assert r.lower == pytest.approx(1 - (1 - r.alpha) * sps.f.ppf(0.975, df1, df2))
    assert r.upper == pytest.approx(1 - (1 - r.alpha) * sps.f.ppf(0.025, df1, df2))
    assert feldt_interval(r.alpha, 50, 9, 0.9)[0] > r.lower


def test_alpha_uses_complete_rows_and_counts_the_others():
    df = survey(100, 31, blanks=0.03)
    complete = df.dropna()
    r = cronbach_alpha(df)
    assert (r.n, r.k, r.n_incomplete) == (len(complete), 9, 100 - len(complete))
    c = complete.to_numpy()
    expected = 9 / 8 * (1 - c.var(axis=0, ddof=1).sum() / c.sum(axis=1).var(ddof=1))
    assert r.alpha == pytest.approx(expected)
    assert "tidak lengkap tidak dihitung" in r.kalimat


def test_bootstrap_interval_of_alpha_is_close_to_feldts_on_a_large_sample():
    df = survey(600, 32)
    feldt, boot = cronbach_alpha(df), cronbach_alpha(df, method="bootstrap", replicates=1000)
    assert boot.alpha == feldt.alpha and boot.lower < boot.alpha < boot.upper
    assert boot.lower == pytest.approx(feldt.lower, abs=0.02) and boot.upper == pytest.approx(feldt.upper, abs=0.02)


def test_alpha_warns_about_identical_answer_rows_and_is_undefined_without_variation():
    df = pd.concat([survey(40, 33), pd.DataFrame({c: [4] * 30 for c in CODES})], ignore_index=True)
    r = cronbach_alpha(df)
    assert r.n_seragam >= 30 and "jawaban yang sama untuk semua unsur" in r.kalimat
    flat = cronbach_alpha(pd.DataFrame({c: [4] * 10 for c in CODES}))
    assert math.isnan(flat.alpha) and "tidak dapat dihitung" in flat.kalimat


# --- distributions, missingness, groups ------------------------------------------------------------


def test_share_of_answers_three_and_four_per_unsur():
    df = pd.DataFrame({c: [4, 3, 2, np.nan] for c in CODES})
    df["U2"] = [1, 1, 4, 4]
    t = answer_shares(df).set_index("Kode")
    assert t.loc["U1", "Menjawab"] == 3 and t.loc["U1", "% 3–4"] == pytest.approx(200 / 3)
    assert t.loc["U2", "% 1"] == 50 and t.loc["U2", "% 3–4"] == 50


def test_item_missingness_counts_blanks_among_respondents():
    df = pd.DataFrame({c: [4, 3, 3, 2] for c in CODES})
    df.loc[1, "U8"] = np.nan
    df.loc[4] = np.nan  # answered nothing: not a respondent
    t = item_missingness(df).set_index("Kode")
    assert (t.loc["U8", "Responden"], t.loc["U8", "Kosong"], t.loc["U8", "% kosong"]) == (4, 1, 25.0)
    assert t.loc["U1", "Kosong"] == 0


def test_small_groups_are_named_before_any_ranking():
    assert small_group_warning({"KTP": 45, "KK": 30}) is None
    text = small_group_warning({"KTP": 45, "KK": 12, "Akta": 7}, label="jenis layanan")
    assert text.startswith("Perhatian: jenis layanan KK (n = 12) dan Akta (n = 7) memiliki kurang dari 30 responden")


def test_ranking_orders_groups_flags_small_ones_and_leaves_groups_without_ikm_unranked():
    big, small = survey(60, 40, mood=3.4), survey(12, 41, mood=2.6)
    empty_u9 = survey(8, 42).assign(U9=np.nan)
    df = pd.concat([big.assign(layanan="KTP"), small.assign(layanan="KK"), empty_u9.assign(layanan="Akta")])
    r = rank_groups(df, "layanan", label="jenis layanan", replicates=300)
    t = r.tabel
    assert list(t["Kelompok"]) == ["KTP", "KK", "Akta"] and list(t["Peringkat"].iloc[:2]) == [1, 2]
    assert pd.isna(t["Peringkat"].iloc[2]) and pd.isna(t["IKM"].iloc[2])
    assert list(t["Catatan"]) == ["", "n < 30", "n < 30; tanpa interval (n < 10)"]
    assert "Akta (n = 8) dan KK (n = 12)" in r.peringatan
    assert t["Batas bawah 95%"].iloc[0] < t["IKM"].iloc[0] < t["Batas atas 95%"].iloc[0]


# --- the report section ----------------------------------------------------------------------------


def test_additional_analysis_never_changes_the_regulations_numbers():
    df = survey(150, 50, blanks=0.02).assign(layanan=["A"] * 100 + ["B"] * 50)
    a = additional_analysis(df, population=1000, by="layanan")
    official = compute_ikm(df).total
    assert a.ikm_intervals.loc[0, "IKM"] == float(official.ikm_exact * 25)
    assert list(a.unsur_intervals["NRR"]) == [u.nrr for u in official.unsur]
    assert list(a.unsur_intervals["Mutu"]) == [u.mutu for u in official.unsur]
    assert a.ikm_intervals.loc[0, "Mutu"] == official.mutu


def test_additional_analysis_gives_indonesian_tables_sentences_and_the_ringkasan_fields():
    before = survey(150, 51)
    df = survey(180, 52, mood=3.3).assign(layanan=["A"] * 160 + ["B"] * 20)
    a = additional_analysis(df, population=2000, previous=before, labels=("2023-S2", "2024-S1"), by="layanan",
                            group_labels={"layanan": "jenis layanan"})
    assert list(a.ikm_intervals.columns[:4]) == ["Metode", "IKM", "Batas bawah 95%", "Batas atas 95%"]
    # the report states ikm_interval (holds its level at small n); bootstrap and t follow as comparisons
    assert a.ikm_konversi_ci95 == [a.interval.low, a.interval.high]
    assert a.ikm_intervals.loc[0, "Metode"] == a.interval.method
    assert a.ikm_intervals.loc[1, "Metode"].startswith("Bootstrap") and len(a.ikm_intervals) == 2  # t = stated one
    d = json.loads(json.dumps(a.to_dict()))
    assert d["ikm_konversi_ci95"] == a.ikm_konversi_ci95 and d["analisis_tambahan"]["seed"] == 2017
    assert d["analisis_tambahan"]["populasi"] == 2000 and set(d["analisis_tambahan"]["nrr_ci95"]) == set(CODES)
    assert a.boundary.kalimat + "." in a.sentences
    assert a.alpha.kalimat in a.sentences and a.difference.kalimat in a.sentences
    assert a.comparison.loc[0, "Dari"] == "2023-S2" and "B (n = 20)" in a.warnings[0]
    assert a.sentences.index(a.warnings[0]) == len(a.sentences) - 1
    shown = a.formatted_tables()
    assert set(shown) >= {"interval_ikm", "interval_unsur", "distribusi", "reliabilitas", "perbandingan",
                          "peringkat_layanan"}
    assert shown["interval_ikm"].loc[0, "IKM"] == format_number(a.ikm_intervals.loc[0, "IKM"])
    assert "," in shown["interval_ikm"].loc[0, "IKM"]


def test_additional_analysis_compares_with_a_previous_ringkasan_when_only_its_interval_is_known():
    df = survey(200, 54)
    a = additional_analysis(df, previous_interval=(70.0, 68.5, 71.5), labels=("2023-S2", "2024-S1"))
    ci = a.interval
    expected = difference_from_intervals((70.0, 68.5, 71.5), (ci.estimate, ci.low, ci.high), TABLE_A,
                                         labels=("2023-S2", "2024-S1"))
    assert (a.difference.lower, a.difference.upper) == (pytest.approx(expected.lower), pytest.approx(expected.upper))
    assert a.comparison.loc[0, "Metode"].startswith("Pendekatan normal") and a.difference.kalimat in a.sentences
    assert a.to_dict()["analisis_tambahan"]["selisih"]["metode"] == "interval"


def test_additional_analysis_with_blanks_explains_the_missing_t_interval():
    a = additional_analysis(survey(80, 53, blanks=0.05), replicates=500)
    assert a.analytic.ikm is None and pd.isna(a.ikm_intervals.loc[2, "IKM"])
    assert "gunakan interval bootstrap" in a.ikm_intervals.loc[2, "Keterangan"]
    assert a.interval.method.startswith("Interval t dengan linearisasi") and a.interval.shown
    assert any(s.startswith("Jawaban kosong terbanyak pada unsur") for s in a.sentences)


def test_numpy_numbers_are_formatted_the_indonesian_way():
    assert format_number(np.float64(3.5), 3) == "3,500" and format_number(np.float64(76.605)) == "76,61"


@pytest.mark.realdata
@pytest.mark.skipif(not REALDATA.exists(), reason="../shared/realdata tidak ada")
def test_real_survey_gianyar():
    raw = pd.read_csv(REALDATA / "skm_polres_gianyar_skck_2020.csv")
    # questionnaire order: u8 sarana, u9 pengaduan; 14/2017 numbers them U9 and U8
    df = raw.rename(columns={**{f"u{i}": f"U{i}" for i in range(1, 8)}, "u8": "U9", "u9": "U8"})
    a = additional_analysis(df, get_scheme("permen14_2017"), population=5000)
    official = compute_ikm(df).total
    assert a.bootstrap.n == official.n_responden == 201
    assert a.bootstrap.ikm.lower < a.bootstrap.ikm.estimate < a.bootstrap.ikm.upper
    # complete answers: the t-interval and the bootstrap agree to a few tenths
    assert a.analytic.ikm.lower == pytest.approx(a.bootstrap.ikm.lower, abs=0.4)
    assert 0 < a.alpha.alpha < 1 and a.alpha.n == 201


@pytest.mark.realdata
@pytest.mark.skipif(not REALDATA.exists(), reason="../shared/realdata tidak ada")
def test_real_survey_mahakam_ulu_ranks_units_with_a_warning():
    raw = pd.read_csv(REALDATA / "skm_setda_mahakam_ulu_2025.csv")
    df = raw.rename(columns={**{f"u{i}": f"U{i}" for i in range(1, 8)}, "u8": "U9", "u9": "U8"})
    r = rank_groups(df, "unit_name", label="unit", replicates=500)
    assert r.peringatan.startswith("Perhatian: unit ") and r.tabel["Catatan"].str.startswith("n < 30").all()
    assert r.tabel["n"].sum() == 26


def test_additional_analysis_below_the_minimum_n_shows_no_interval_and_no_alpha():
    a = additional_analysis(survey(2, 55), replicates=200)
    assert a.ikm_konversi_ci95 is None and a.boundary is None
    assert a.bagian["ikm"] == [a.interval.reason] and "hanya 2 responden" in a.interval.reason
    assert pd.isna(a.ikm_intervals["IKM"]).all() and pd.isna(a.unsur_intervals["NRR bawah"]).all()
    assert a.alpha.kalimat.startswith("Alpha Cronbach tidak ditampilkan: hanya 2 responden")
    assert "dapat diterima" not in " ".join(a.sentences)
