"""The change of a unit's IKM from one period to the next, with its interval and a plain verdict.

Two periods are two independent samples (different respondents). :func:`compare_periods` takes both
periods' answers: a respondent bootstrap per period (works with blanks) or Welch's t-interval on the
respondents' weighted scores (complete answers). :func:`difference_from_intervals` works from two
published IKMs and intervals only (an earlier ringkasan.json), by a normal approximation. The change
is called real ("bermakna secara statistik") when its interval excludes zero.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import pandas as pd

from ikm_utils.errors import StatsError
from ikm_utils.method.compute import SCALE
from ikm_utils.method.grading import Number, grade
from ikm_utils.method.indonesian import format_number
from ikm_utils.method.schemes import DEFAULT_SCHEME, GradeTable, Scheme
from ikm_utils.stats.intervals import (
    LEVEL,
    REPLICATES,
    SEED,
    _check_level,
    _prepare,
    _t_quantile,
    fpc,
    level_label,
    percentile_interval,
    resample_sums,
)


@dataclass(frozen=True)
class Difference:
    """The change of a unit's IKM (25-100) from one period to the next, with its interval."""

    sebelum: Decimal  # the earlier period's official IKM (2 decimals, as graded)
    sesudah: Decimal  # the later period's
    estimate: float  # exact difference, later minus earlier
    lower: float
    upper: float
    level: float
    method: str
    n_sebelum: int
    n_sesudah: int
    kalimat: str

    @property
    def significant(self) -> bool:
        """Whether the interval excludes 0 (a change larger than sampling variation)."""
        return self.lower > 0 or self.upper < 0

    @property
    def displayed_difference(self) -> Decimal:
        """The difference of the two published numbers (what a reader computes from the report)."""
        return self.sesudah - self.sebelum


def _difference_sentence(d_shown: Decimal, before: Decimal, after: Decimal, lo: float, hi: float, level: float,
                         labels: Sequence[str]) -> str:
    if d_shown > 0:
        change = f"IKM naik {format_number(d_shown)} poin"
    elif d_shown < 0:
        change = f"IKM turun {format_number(-d_shown)} poin"
    else:
        change = "IKM tidak berubah"
    sig = lo > 0 or hi < 0
    verdict = ("perbedaan ini bermakna secara statistik" if sig
               else "perbedaan ini tidak dapat dibedakan dari variasi sampel")
    return (f"{change} (dari {format_number(before)} pada {labels[0]} menjadi {format_number(after)} pada "
            f"{labels[1]}; selang kepercayaan {level_label(level)} untuk selisihnya {format_number(lo, 1)} hingga "
            f"{format_number(hi, 1)}); "
            f"{verdict}.")


def _z_quantile(level: float) -> float:
    from statistics import NormalDist

    return NormalDist().inv_cdf((1 + level) / 2)


def difference_from_intervals(
    previous: tuple[Number, float, float],
    current: tuple[Number, float, float],
    table: GradeTable,
    *,
    level: float = LEVEL,
    labels: Sequence[str] = ("periode sebelumnya", "periode ini"),
    n: tuple[int, int] = (0, 0),
) -> Difference:
    """Difference of two periods known only by their IKM and interval (e.g. an earlier ringkasan.json).

    Each standard error is read back from its interval, ``(upper - lower) / (2 z)``, and the
    difference gets the normal interval ``d +- z sqrt(se1^2 + se2^2)`` (independent samples). An
    approximation: prefer :func:`compare_periods` when both periods' answers are at hand.

    >>> from ikm_utils.method.schemes import grade_table
    >>> d = difference_from_intervals((85.10, 84.0, 86.2), (87.40, 86.3, 88.5), grade_table("A_2017"))
    >>> round(d.lower, 2), round(d.upper, 2), d.significant
    (0.74, 3.86, True)
    """
    _check_level(level)
    z = _z_quantile(level)
    (a, a_lo, a_hi), (b, b_lo, b_hi) = previous, current
    se = math.hypot((a_hi - a_lo) / (2 * z), (b_hi - b_lo) / (2 * z))
    before, after = grade(a, table).nilai, grade(b, table).nilai
    estimate = float(b) - float(a)
    lo, hi = estimate - z * se, estimate + z * se
    text = _difference_sentence(after - before, before, after, lo, hi, level, labels)
    return Difference(before, after, estimate, lo, hi, level, "interval", n[0], n[1], text)


def compare_periods(
    previous: pd.DataFrame,
    current: pd.DataFrame,
    scheme: Scheme | str = DEFAULT_SCHEME,
    *,
    weight_mode: str = "exact",
    method: str = "bootstrap",
    labels: Sequence[str] = ("periode sebelumnya", "periode ini"),
    population_previous: int | None = None,
    population_current: int | None = None,
    level: float = LEVEL,
    replicates: int = REPLICATES,
    seed: int = SEED,
) -> Difference:
    """Difference of a unit's IKM between two periods (independent samples), with a verdict.

    ``method="bootstrap"``: each period's respondents are resampled separately and the percentile
    interval of the replicate differences is taken (works with blanks). ``method="welch"``: Welch's
    t-interval on the difference of the mean respondent scores (needs complete answers in both).

    Examples
    --------
    >>> a = pd.DataFrame({f"U{i}": [3, 3, 4, 3, 2, 3, 3, 4] * 5 for i in range(1, 10)})
    >>> b = pd.DataFrame({f"U{i}": [4, 3, 4, 4, 3, 4, 3, 4] * 5 for i in range(1, 10)})
    >>> d = compare_periods(a, b, method="welch", labels=("2023-S2", "2024-S1")); d.significant
    True
    >>> d.kalimat[:56]
    'IKM naik 12,50 poin (dari 78,13 pada 2023-S2 menjadi 90,'
    """
    _check_level(level)
    if method not in ("bootstrap", "welch"):
        raise StatsError(f"Metode perbandingan '{method}' tidak dikenal; pilih 'bootstrap' atau 'welch'.")
    a, b = _prepare(previous, scheme, weight_mode), _prepare(current, scheme, weight_mode)
    for s, label in ((a, labels[0]), (b, labels[1])):
        if s.summary.ikm_exact is None:
            raise StatsError(f"IKM {label} tidak dapat dihitung (tidak ada jawaban untuk sedikitnya satu unsur).")
    est_a, est_b = float(a.summary.ikm_exact * SCALE), float(b.summary.ikm_exact * SCALE)
    estimate = float((b.summary.ikm_exact - a.summary.ikm_exact) * SCALE)
    f_a, f_b = fpc(population_previous, a.n), fpc(population_current, b.n)
    if method == "welch":
        if not (a.complete and b.complete):
            raise StatsError("Metode Welch memerlukan jawaban lengkap di kedua periode; gunakan metode bootstrap.")
        if a.n < 2 or b.n < 2:
            raise StatsError("Metode Welch memerlukan sedikitnya 2 responden di setiap periode.")
        ya, yb = SCALE * (a.values @ a.weights), SCALE * (b.values @ b.weights)
        va, vb = ya.var(ddof=1) / a.n * f_a, yb.var(ddof=1) / b.n * f_b
        se = math.sqrt(va + vb)
        dof = (va + vb) ** 2 / (va**2 / (a.n - 1) + vb**2 / (b.n - 1)) if va + vb > 0 else float(a.n + b.n - 2)
        half = _t_quantile(level, dof) * se
        lo, hi = estimate - half, estimate + half
    else:
        rng = np.random.default_rng(seed)
        reps = []
        for s, f, est in ((a, f_a, est_a), (b, f_b, est_b)):
            sums = resample_sums(np.hstack([s.values, s.answered]), rng, replicates)
            k = s.values.shape[1]
            with np.errstate(invalid="ignore", divide="ignore"):
                ikm = SCALE * ((sums[:, :k] / sums[:, k:]) @ s.weights)
            reps.append(est + math.sqrt(f) * (ikm - est))
        lo, hi = percentile_interval(reps[1] - reps[0], level)
    before = grade(a.summary.ikm_exact * SCALE, a.scheme.tabel_mutu).nilai
    after = grade(b.summary.ikm_exact * SCALE, b.scheme.tabel_mutu).nilai
    text = _difference_sentence(after - before, before, after, lo, hi, level, labels)
    return Difference(before, after, estimate, lo, hi, level, method, a.n, b.n, text)
