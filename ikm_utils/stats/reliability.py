"""Cronbach's alpha of the unsur: do the answers move together, as one satisfaction scale?

    alpha = k / (k - 1) * (1 - sum(var(item_i)) / var(total))       (Cronbach 1951; variances with ddof 1)

over the respondents who answered every item (listwise). The 95% interval is Feldt's (Feldt, Woodruff
& Salih 1987): with n respondents and k items, ``(1 - alpha) / (1 - alpha_hat)`` follows an F
distribution with ``n - 1`` and ``(n - 1)(k - 1)`` degrees of freedom, so

    lower = 1 - (1 - alpha_hat) * F(1 - c/2; n - 1, (n - 1)(k - 1))
    upper = 1 - (1 - alpha_hat) * F(c/2;     n - 1, (n - 1)(k - 1))

(the same as pingouin's ``cronbach_alpha``). A respondent bootstrap interval is available too.
Alpha says nothing about whether the IKM is right; it says whether the nine answers of a respondent
tend to go up and down together. Very high values with many identical answer rows ("straight-lining",
e.g. untouched forms with every unsur at 4) are a data-quality sign, not a virtue.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ikm_utils.errors import StatsError
from ikm_utils.method.compute import score_matrix
from ikm_utils.method.indonesian import format_number
from ikm_utils.method.schemes import DEFAULT_SCHEME, Scheme, get_scheme
from ikm_utils.stats.intervals import LEVEL, SEED, level_label, percentile_interval, resample_sums

#: Conventional reading of alpha (George & Mallery 2003, "rule of thumb"): lower bound -> label.
#: A convention of the literature, not a regulation's number.
ALPHA_READING = (
    (0.9, "sangat baik"),
    (0.8, "baik"),
    (0.7, "dapat diterima"),
    (0.6, "dipertanyakan"),
    (0.5, "buruk"),
    (-math.inf, "tidak dapat diterima"),
)


@dataclass(frozen=True)
class AlphaResult:
    """Cronbach's alpha, its interval, and the rows it used."""

    alpha: float  # NaN when undefined (fewer than 2 complete rows, or no variation in the totals)
    lower: float
    upper: float
    level: float
    method: str  # "Feldt" or "bootstrap"
    n: int  # complete respondents used
    k: int  # items
    n_incomplete: int  # respondents left out because they skipped an item
    n_seragam: int  # complete respondents who gave the same answer to every item
    hidden: str | None = None  # why alpha is not shown (too few complete respondents), one sentence

    @property
    def reading(self) -> str:
        """The conventional Indonesian reading ("baik", "dapat diterima", ...)."""
        if self.hidden:
            return "tidak ditampilkan"
        if math.isnan(self.alpha):
            return "tidak dapat dihitung"
        return next(label for bound, label in ALPHA_READING if self.alpha >= bound)

    @property
    def kalimat(self) -> str:
        """One Indonesian sentence for the report."""
        if self.hidden:
            return self.hidden
        if math.isnan(self.alpha):
            return (f"Alpha Cronbach tidak dapat dihitung ({self.n} responden dengan jawaban lengkap; "
                    "diperlukan sedikitnya 2 responden dan variasi pada jumlah nilai).")
        text = (f"Alpha Cronbach {self.k} unsur = {format_number(self.alpha, 2)} "
                f"(selang kepercayaan {level_label(self.level)} "
                f"{format_number(self.lower, 2)}–{format_number(self.upper, 2)}, {self.method}; "
                f"{format_number(self.n, 0)} responden dengan jawaban lengkap): konsistensi internal {self.reading}.")
        if self.n_incomplete:
            text += f" {format_number(self.n_incomplete, 0)} responden dengan jawaban tidak lengkap tidak dihitung."
        if self.n and self.n_seragam / self.n >= 0.2:
            share = format_number(100 * self.n_seragam / self.n, 1)
            text += (f" Perhatian: {share}% responden memberi jawaban yang sama untuk semua unsur; "
                     "alpha yang tinggi dapat mencerminkan pola ini, bukan konsistensi yang sebenarnya.")
        return text


def alpha_of_matrix(x: np.ndarray) -> float:
    """Cronbach's alpha of a complete (n, k) matrix; NaN when the total has no variance.

    >>> alpha_of_matrix(np.array([[1, 1], [2, 2], [3, 3]]))  # two identical items
    1.0
    """
    x = np.asarray(x, dtype=np.float64)
    n, k = x.shape
    if n < 2 or k < 2:
        return math.nan
    total_var = x.sum(axis=1).var(ddof=1)
    if total_var == 0:
        return math.nan
    return float(k / (k - 1) * (1 - x.var(axis=0, ddof=1).sum() / total_var))


def feldt_interval(alpha: float, n: int, k: int, level: float = LEVEL) -> tuple[float, float]:
    """Feldt's interval of Cronbach's alpha for n respondents and k items.

    >>> lo, hi = feldt_interval(0.7734375, 10, 3); round(lo, 3), round(hi, 3)
    (0.336, 0.939)
    """
    from scipy.special import fdtri  # the F quantile; scipy.stats takes a second more to import

    if math.isnan(alpha) or n < 2 or k < 2:
        return math.nan, math.nan
    df1, df2 = n - 1, (n - 1) * (k - 1)
    tail = (1 - level) / 2
    return 1 - (1 - alpha) * float(fdtri(df1, df2, 1 - tail)), 1 - (1 - alpha) * float(fdtri(df1, df2, tail))


def _bootstrap_alpha(x: np.ndarray, level: float, replicates: int, seed: int) -> tuple[float, float]:
    n, k = x.shape
    total = x.sum(axis=1, keepdims=True)
    sums = resample_sums(np.hstack([x, x * x, total, total * total]), np.random.default_rng(seed), replicates)
    s1, s2 = sums[:, :k], sums[:, k : 2 * k]
    t1, t2 = sums[:, 2 * k], sums[:, 2 * k + 1]
    item_var = (s2 - s1 * s1 / n) / (n - 1)
    total_var = (t2 - t1 * t1 / n) / (n - 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        reps = k / (k - 1) * (1 - item_var.sum(axis=1) / total_var)
    reps[~np.isfinite(reps)] = np.nan
    return percentile_interval(reps, level)


def cronbach_alpha(
    scores: pd.DataFrame,
    scheme: Scheme | str = DEFAULT_SCHEME,
    *,
    items: Sequence[str] | None = None,
    level: float = LEVEL,
    method: str = "feldt",
    replicates: int = 2000,
    seed: int = SEED,
) -> AlphaResult:
    """Cronbach's alpha of the unsur over respondents with complete answers, with an interval.

    Parameters
    ----------
    scores
        One row per response, unsur columns 1-4 (blank = not answered).
    scheme, items
        The unsur are the scheme's codes, or ``items`` (a subset of them).
    method
        ``"feldt"`` (analytic, default) or ``"bootstrap"`` (percentile, respondents resampled).

    Examples
    --------
    >>> df = pd.DataFrame({"U1": [1, 2, 2, 3, 2, 2, 3, 3, 2, 3], "U2": [1, 1, 1, 2, 3, 3, 2, 3, 3, 3],
    ...                    "U3": [1, 1, 2, 1, 2, 3, 3, 3, 2, 3]})
    >>> r = cronbach_alpha(df, items=["U1", "U2", "U3"]); round(r.alpha, 7), r.n, r.k
    (0.7734375, 10, 3)
    """
    if method not in ("feldt", "bootstrap"):
        raise StatsError(f"Metode interval alpha '{method}' tidak dikenal; pilih 'feldt' atau 'bootstrap'.")
    if not 0 < level < 1:
        raise StatsError(f"Tingkat kepercayaan harus di antara 0 dan 1, bukan {level!r}.")
    scheme = get_scheme(scheme) if isinstance(scheme, str) else scheme
    codes = list(items) if items is not None else scheme.codes
    matrix = score_matrix(scores, codes)
    matrix = matrix[matrix.max(axis=1, initial=0) > 0]  # responses without any answer are not respondents
    complete = matrix[(matrix > 0).all(axis=1)].astype(np.float64)
    n, k = complete.shape
    alpha = alpha_of_matrix(complete)
    if method == "bootstrap" and not math.isnan(alpha):
        lo, hi = _bootstrap_alpha(complete, level, replicates, seed)
    else:
        lo, hi = feldt_interval(alpha, n, k, level)
    uniform = int((complete.min(axis=1) == complete.max(axis=1)).sum()) if n else 0
    return AlphaResult(alpha, lo, hi, level, "Feldt" if method == "feldt" else "bootstrap", n, k,
                       len(matrix) - n, uniform)
