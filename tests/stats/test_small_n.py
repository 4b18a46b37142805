"""Statistics that hold at small n: the report's IKM interval covers the true IKM 93-97% of the time
at n = 10, 20, 30 and 100 (seeded simulation), below the minimum n nothing is shown, ties are ties."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ikm_utils.method.compute import compute_ikm
from ikm_utils.stats.intervals import MIN_N_ALPHA, MIN_N_INTERVAL, IkmInterval, ikm_interval

CODES = [f"U{i}" for i in range(1, 10)]
REPLICATIONS = 1500


def population(size: int = 20_000, seed: int = 9, blank_share: float = 0.0) -> pd.DataFrame:
    """Service users whose nine answers share a general satisfaction (as real SKM answers do), mostly 3-4."""
    rng = np.random.default_rng(seed)
    general = rng.normal(0.0, 0.8, (size, 1))
    answers = np.clip(np.round(general + rng.normal(0.0, 0.7, (size, 9)) + 3.2), 1, 4)
    frame = pd.DataFrame(answers, columns=CODES)
    if blank_share:
        frame = frame.mask(rng.random(frame.shape) < blank_share)
    return frame


def coverage(pop: pd.DataFrame, n: int, seed: int) -> float:
    truth = float(compute_ikm(pop, "permen14_2017").total.ikm_exact * 25)
    rng = np.random.default_rng(seed)
    hits = 0
    for _ in range(REPLICATIONS):
        ci = ikm_interval(pop.iloc[rng.integers(0, len(pop), n)], "permen14_2017")
        assert ci.shown, ci.reason
        hits += ci.low <= truth <= ci.high
    return hits / REPLICATIONS


@pytest.mark.parametrize("n", [10, 20, 30, 100])
def test_the_95_interval_covers_the_true_ikm_93_to_97_percent_of_the_time(n):
    assert 0.93 <= coverage(population(), n, seed=n) <= 0.97


@pytest.mark.parametrize("n", [30, 100])
def test_with_blank_answers_the_linearised_interval_also_covers_93_to_97_percent(n):
    pop = population(blank_share=0.08)
    assert ikm_interval(pop.head(50), "permen14_2017").method.startswith("Interval t dengan linearisasi")
    assert 0.93 <= coverage(pop, n, seed=100 + n) <= 0.97


def test_with_complete_answers_it_is_the_t_interval_on_respondent_scores():
    from scipy import stats

    sample = population().head(25)
    y = 25 * sample.mean(axis=1)
    lo, hi = stats.t.interval(0.95, len(y) - 1, loc=y.mean(), scale=stats.sem(y))
    ci = ikm_interval(sample, "permen14_2017")
    assert ci.low == pytest.approx(lo) and ci.high == pytest.approx(hi) and ci.n == 25


def test_below_the_minimum_n_no_interval_and_one_sentence_why():
    two = pd.DataFrame({c: [4, 1] for c in CODES})
    ci = ikm_interval(two, "permen14_2017")
    assert isinstance(ci, IkmInterval) and (ci.low, ci.high) == (None, None)
    assert ci.reason == ("Interval kepercayaan tidak ditampilkan: hanya 2 responden, sedangkan interval memerlukan "
                         f"sedikitnya {MIN_N_INTERVAL}.")
    assert (MIN_N_INTERVAL, MIN_N_ALPHA) == (10, 30)


def test_bounds_stay_on_the_25_to_100_scale_and_identical_answers_give_no_interval():
    almost_all_4 = pd.DataFrame({c: [4] * 11 + [1] for c in CODES})
    ci = ikm_interval(almost_all_4, "permen14_2017")
    assert ci.low >= 25 and ci.high == 100.0
    all_4 = ikm_interval(pd.DataFrame({c: [4] * 12 for c in CODES}), "permen14_2017")
    assert not all_4.shown and "nilai yang sama" in all_4.reason
