"""Statistics beyond the regulation: confidence intervals, grade-boundary checks, period differences.

Shown in the report as "Analisis tambahan", clearly apart from the regulation's figures, and never
changing them: the point estimates here are the same IKM and NRR that ``compute.py`` gives.

- **Bootstrap** (:func:`bootstrap_ci`): respondents are resampled with replacement (a respondent keeps
  all their answers, blanks included), the IKM and every NRR are recomputed by the regulation's
  formula, and the percentile interval is taken. Seeded, so a report is reproducible.
- **Interval t** (:func:`t_interval`): with complete answers the IKM is the mean of the respondents'
  weighted scores ``25 * sum(w_i * x_ri)``, so a t-interval on those means applies; each NRR is the
  mean of its answers.
- **Finite population** (``population=N``): the survey samples n of N service users without
  replacement; the variance shrinks by ``(N - n) / (N - 1)`` (the bootstrap deviations by its root).

Answer distributions, item missingness and small-group warnings live in ``describe.py``;
Cronbach's alpha in ``reliability.py``; period-to-period differences in ``compare.py``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

import numpy as np
import pandas as pd

from ikm_utils.errors import StatsError
from ikm_utils.method.compute import SCALE, Summary, answer_counts, score_matrix, summarize
from ikm_utils.method.grading import Number, grade, round_half_up
from ikm_utils.method.indonesian import format_number
from ikm_utils.method.schemes import DEFAULT_SCHEME, GradeTable, Scheme, get_scheme

#: Default confidence level, number of bootstrap replicates and seed (reproducible reports).
LEVEL = 0.95
REPLICATES = 2000
SEED = 2017
#: The 25-100 scale of the converted IKM (1 x 25 to 4 x 25).
SCALE_MIN, SCALE_MAX = 25.0, 100.0
#: Resampled row indices drawn per chunk (bounds memory: chunk x n int32 + float64 counts).
_CHUNK_CELLS = 4_000_000
#: Above this many respondents the bootstrap sums are drawn from their normal limit (see ``resample_sums``).
LARGE_N = 5_000

METHOD_LABELS = {
    "bootstrap": "Bootstrap persentil (responden diambil ulang)",
    "t": "Interval t (rata-rata nilai responden)",
    "welch": "Welch (selisih rata-rata nilai responden)",
    "interval": "Pendekatan normal dari interval kedua periode",
}


@dataclass(frozen=True)
class Interval:
    """A confidence interval around a point estimate.

    >>> Interval(88.4, 86.94, 89.91, 0.95, "bootstrap", 120).format()
    '86,9–89,9'
    """

    estimate: float
    lower: float
    upper: float
    level: float
    method: str
    n: int

    def contains(self, value: float) -> bool:
        """Whether ``value`` lies inside the interval (bounds included)."""
        return self.lower <= value <= self.upper

    @property
    def width(self) -> float:
        return self.upper - self.lower

    def scaled(self, factor: float) -> Interval:
        """The same interval on another scale (NRR x 25 puts an NRR on the 25-100 scale)."""
        return Interval(self.estimate * factor, self.lower * factor, self.upper * factor, self.level, self.method,
                        self.n)

    def format(self, decimals: int = 1, sep: str = "–") -> str:
        """The bounds the Indonesian way, ``'86,9–89,9'`` (use ``sep=' hingga '`` around negatives)."""
        return f"{format_number(self.lower, decimals)}{sep}{format_number(self.upper, decimals)}"

    def to_list(self) -> list[float]:
        """``[lower, upper]`` (the ``ikm_konversi_ci95`` entry of ringkasan.json)."""
        return [float(self.lower), float(self.upper)]


@dataclass(frozen=True, eq=False)
class Intervals:
    """Intervals of the IKM (25-100 scale) and of every NRR (1-4 scale) by one method.

    ``ikm`` or an ``nrr`` entry is ``None`` when that interval cannot be computed; ``note`` then says
    why, in Indonesian. ``replicates`` holds the bootstrap IKM replicates (after any finite-population
    rescaling), ``nrr_replicates`` those of every NRR (columns in unsur order).
    """

    method: str
    level: float
    population: int | None
    n: int
    ikm: Interval | None
    nrr: dict[str, Interval | None]
    notes: tuple[str, ...] = ()
    replicates: np.ndarray | None = field(default=None, repr=False)
    nrr_replicates: np.ndarray | None = field(default=None, repr=False)
    seed: int | None = None


@dataclass(frozen=True)
class _Sample:
    """One group's answers, without the responses that answered no unsur (as compute.py does)."""

    scheme: Scheme
    values: np.ndarray  # (n, k) float64, 0 for a blank answer
    answered: np.ndarray  # (n, k) float64, 1 answered / 0 blank
    weights: np.ndarray  # (k,) float64
    summary: Summary

    @property
    def n(self) -> int:
        return self.values.shape[0]

    @property
    def complete(self) -> bool:
        return bool(self.answered.all())


def _prepare(scores: pd.DataFrame, scheme: Scheme | str, weight_mode: str) -> _Sample:
    scheme = get_scheme(scheme) if isinstance(scheme, str) else scheme
    weights = scheme.weights(weight_mode)
    matrix = score_matrix(scores, scheme.codes)
    kept = matrix[matrix.max(axis=1, initial=0) > 0]
    summary = summarize(answer_counts(kept)[0], len(matrix), len(kept), scheme, weights)
    return _Sample(
        scheme=scheme,
        values=kept.astype(np.float64),
        answered=(kept > 0).astype(np.float64),
        weights=np.array([float(w) for w in weights]),
        summary=summary,
    )


def _check_level(level: float) -> None:
    if not 0 < level < 1:
        raise StatsError(f"Tingkat kepercayaan harus di antara 0 dan 1 (mis. 0.95), bukan {level!r}.")


def fpc(population: int | None, n: int) -> float:
    """Finite-population correction of a variance, ``(N - n) / (N - 1)``; 1 without a population.

    >>> fpc(1000, 200), fpc(None, 200), fpc(150, 150)
    (0.8008008008008008, 1.0, 0.0)
    """
    if population is None:
        return 1.0
    if isinstance(population, bool) or not isinstance(population, int | np.integer) or population < 1:
        raise StatsError(f"Populasi (N) harus bilangan bulat >= 1, bukan {population!r}.")
    if population < n:
        raise StatsError(f"Populasi (N = {population}) lebih kecil dari jumlah responden (n = {n}).")
    if population == n:
        return 0.0
    return (population - n) / (population - 1)


def resample_sums(values: np.ndarray, rng: np.random.Generator, replicates: int) -> np.ndarray:
    """Column sums of ``values`` in ``replicates`` bootstrap resamples of its rows: shape ``(B, columns)``.

    Each replicate draws n row indices with replacement; the draws become integer counts per row, and
    one matrix product turns counts into sums (exact for integer values), so 2000 replicates of 1000
    respondents take a few hundredths of a second.

    With more than :data:`LARGE_N` rows, drawing n indices per replicate would dominate a report
    (2000 x 100,000 draws per interval); the sum of n rows drawn with replacement is then, by the
    central limit theorem, normal with mean ``n * mean`` and covariance ``n * cov`` of the rows
    (the empirical distribution's own), and the replicates are drawn from that limit instead.

    >>> s = resample_sums(np.array([[1.0], [3.0]]), np.random.default_rng(0), 1000)
    >>> sorted(set(s[:, 0].tolist()))
    [2.0, 4.0, 6.0]
    >>> big = np.random.default_rng(1).integers(1, 5, size=(50_000, 1)).astype(float)
    >>> reps = resample_sums(big, np.random.default_rng(2), 2000)
    >>> bool(abs(reps.mean() / big.sum() - 1) < 1e-3), bool(abs(reps.std() / (big.std() * 50_000 ** 0.5) - 1) < 0.1)
    (True, True)
    """
    n, cols = values.shape
    out = np.empty((replicates, cols), dtype=np.float64)
    if n == 0:
        out[:] = np.nan
        return out
    if n > LARGE_N:
        mean = values.mean(axis=0)
        centred = values - mean
        cov = centred.T @ centred / n
        return rng.multivariate_normal(n * mean, n * cov, size=replicates, method="eigh")
    chunk = max(1, _CHUNK_CELLS // n)
    for start in range(0, replicates, chunk):
        m = min(chunk, replicates - start)
        idx = rng.integers(0, n, size=(m, n), dtype=np.int64 if m * n >= 2**31 else np.int32)
        idx += (np.arange(m, dtype=idx.dtype) * n)[:, None]
        counts = np.bincount(idx.ravel(), minlength=m * n).reshape(m, n)
        out[start : start + m] = counts.astype(np.float64) @ values
    return out


def percentile_interval(replicates: np.ndarray, level: float = LEVEL) -> tuple[float, float]:
    """The percentile interval of bootstrap replicates (NaN replicates ignored).

    >>> percentile_interval(np.arange(101.0), 0.9)
    (5.0, 95.0)
    """
    tail = round((1 - level) / 2, 12)  # 0.05 / 2, not 0.04999999999999999
    lo, hi = np.nanquantile(replicates, [tail, 1 - tail])
    return float(lo), float(hi)


def bootstrap_ci(
    scores: pd.DataFrame,
    scheme: Scheme | str = DEFAULT_SCHEME,
    *,
    weight_mode: str = "exact",
    population: int | None = None,
    level: float = LEVEL,
    replicates: int = REPLICATES,
    seed: int = SEED,
) -> Intervals:
    """Percentile bootstrap intervals of the IKM (25-100) and every NRR (1-4), resampling respondents.

    Parameters
    ----------
    scores
        One row per response, unsur columns (1-4, blank = not answered), as for ``compute_ikm``.
    scheme, weight_mode
        As for ``compute_ikm``; the replicates use the same formula and weights.
    population
        N service users; when given, replicate deviations from the estimate are scaled by
        ``sqrt((N - n) / (N - 1))`` (finite-population correction).
    level, replicates, seed
        Confidence level, number of bootstrap replicates, and the seed that makes them reproducible.

    Examples
    --------
    >>> df = pd.DataFrame({f"U{i}": [4, 3, 3, 4, 3, 2, 4, 3, 3, 4] for i in range(1, 10)})
    >>> ci = bootstrap_ci(df, replicates=500)
    >>> round(ci.ikm.estimate, 2), ci.ikm.lower < ci.ikm.estimate < ci.ikm.upper
    (82.5, True)
    """
    _check_level(level)
    if replicates < 10:
        raise StatsError(f"Jumlah replikasi bootstrap terlalu kecil: {replicates}.")
    s = _prepare(scores, scheme, weight_mode)
    codes = s.scheme.codes
    if s.n == 0:
        return Intervals("bootstrap", level, population, 0, None, dict.fromkeys(codes),
                         ("Tidak ada responden yang menjawab.",), seed=seed)
    shrink = math.sqrt(fpc(population, s.n))
    rng = np.random.default_rng(seed)
    sums = resample_sums(np.hstack([s.values, s.answered]), rng, replicates)
    k = len(codes)
    with np.errstate(invalid="ignore", divide="ignore"):
        nrr_reps = sums[:, :k] / sums[:, k:]
    ikm_reps = SCALE * (nrr_reps @ s.weights)

    notes = []
    if s.n > LARGE_N:
        notes.append(f"Dengan lebih dari {LARGE_N:,} responden, jumlah nilai setiap sampel ulang diambil dari "
                     "sebaran normal limitnya (teorema limit pusat), bukan dengan mengundi ulang responden satu per "
                     "satu.".replace(",", "."))
    ikm = None
    if s.summary.ikm_exact is not None:
        est = float(s.summary.ikm_exact * SCALE)
        ikm_reps = est + shrink * (ikm_reps - est)
        undefined = int(np.isnan(ikm_reps).sum())
        if undefined:
            notes.append(f"{undefined} dari {replicates} replikasi tidak menghasilkan IKM (ada unsur tanpa jawaban "
                         "dalam sampel ulang); replikasi itu diabaikan.")
        ikm = Interval(est, *percentile_interval(ikm_reps, level), level, "bootstrap", s.n)
    nrr: dict[str, Interval | None] = {}
    for j, u in enumerate(s.summary.unsur):
        if u.nrr is None:
            nrr[u.kode] = None
            continue
        nrr_reps[:, j] = u.nrr + shrink * (nrr_reps[:, j] - u.nrr)
        nrr[u.kode] = Interval(u.nrr, *percentile_interval(nrr_reps[:, j], level), level, "bootstrap", u.n)
    return Intervals("bootstrap", level, population, s.n, ikm, nrr, tuple(notes), ikm_reps, nrr_reps, seed)


@cache
def _t_quantile(level: float, df: float) -> float:
    # scipy.special, not scipy.stats (the same quantile; a second less to import for every render)
    from scipy.special import stdtrit

    return float(stdtrit(df, (1 + level) / 2))


def _mean_interval(x: np.ndarray, level: float, population: int | None, method: str = "t") -> Interval | None:
    n = len(x)
    if n < 2:
        return None
    mean = float(x.mean())
    se = float(x.std(ddof=1)) / math.sqrt(n) * math.sqrt(fpc(population, n))
    half = _t_quantile(level, n - 1) * se
    return Interval(mean, mean - half, mean + half, level, method, n)


def respondent_scores(scores: pd.DataFrame, scheme: Scheme | str = DEFAULT_SCHEME, *,
                      weight_mode: str = "exact") -> np.ndarray:
    """Each respondent's weighted score on the 25-100 scale, ``25 * sum(w_i * x_ri)``.

    Only for respondents who answered every unsur (others get NaN); with complete answers their mean
    is exactly the IKM.

    >>> respondent_scores(pd.DataFrame({f"U{i}": [4, 3] for i in range(1, 10)})).tolist()
    [100.0, 75.0]
    """
    s = _prepare(scores, scheme, weight_mode)
    y = SCALE * (s.values @ s.weights)
    y[~s.answered.all(axis=1)] = np.nan
    return y


def t_interval(
    scores: pd.DataFrame,
    scheme: Scheme | str = DEFAULT_SCHEME,
    *,
    weight_mode: str = "exact",
    population: int | None = None,
    level: float = LEVEL,
) -> Intervals:
    """Analytic intervals: t-interval on respondents' weighted scores (IKM) and on each unsur's answers (NRR).

    The IKM interval needs complete answers (then the IKM is the mean of the respondents' scores);
    with any blank it is ``None`` and ``notes`` says so. NRR intervals use each unsur's answers.
    ``population`` applies the finite-population correction ``(N - n) / (N - 1)`` to the variance.

    Examples
    --------
    >>> df = pd.DataFrame({f"U{i}": [4, 3, 3, 4, 3, 2, 4, 3, 3, 4] for i in range(1, 10)})
    >>> ci = t_interval(df)  # scores 100, 75, ...: mean 82.5, sd 16.87, t(0.975; 9) = 2.262
    >>> round(ci.ikm.lower, 2), round(ci.ikm.upper, 2)
    (70.43, 94.57)
    """
    _check_level(level)
    s = _prepare(scores, scheme, weight_mode)
    codes = s.scheme.codes
    fpc(population, s.n)  # validates N against n
    notes = []
    ikm = None
    if s.n and s.complete:
        y = SCALE * (s.values @ s.weights)
        ikm = _mean_interval(y, level, population)
        if ikm is not None:  # report the regulation's exact value as the estimate
            ikm = Interval(float(s.summary.ikm_exact * SCALE), ikm.lower, ikm.upper, level, "t", s.n)
    elif s.n:
        blanks = int((~s.answered.astype(bool)).any(axis=1).sum())
        notes.append(f"Interval t untuk IKM tidak dihitung: {blanks} responden mengosongkan sedikitnya satu unsur, "
                     "sehingga IKM bukan rata-rata nilai responden; gunakan interval bootstrap.")
    if s.n < 2:
        notes.append("Interval t memerlukan sedikitnya 2 responden.")
    nrr = {}
    for j, code in enumerate(codes):
        nrr[code] = _mean_interval(s.values[s.answered[:, j] > 0, j], level, population)
    return Intervals("t", level, population, s.n, ikm, nrr, tuple(notes))


# --- the report's interval of the IKM (small-n rules) ------------------------------------------------

#: Fewest respondents for which an interval of the IKM is shown, and for Cronbach's alpha. Below
#: them the figure is left out and one sentence says why: a t-interval from 2 respondents spans
#: more than the whole 25-100 scale, and alpha from a handful of rows says nothing.
MIN_N_INTERVAL = 10
MIN_N_ALPHA = 30
#: The Indonesian names of the methods :func:`ikm_interval` uses.
IKM_INTERVAL_METHODS = {
    "t": "Interval t pada nilai tertimbang responden",
    "linear": "Interval t dengan linearisasi (ada jawaban kosong)",
}


@dataclass(frozen=True)
class IkmInterval:
    """The interval of the IKM (25-100) the report shows, or why none is shown.

    ``low``/``high`` are ``None`` when ``reason`` (Indonesian, one sentence) says why; ``method`` is
    the Indonesian name of the method, ``n`` the respondents counted.
    """

    low: float | None
    high: float | None
    method: str
    n: int
    reason: str | None = None
    estimate: float | None = None
    level: float = LEVEL

    @property
    def shown(self) -> bool:
        return self.low is not None and self.high is not None

    def as_interval(self) -> Interval | None:
        """The same bounds as an :class:`Interval` (for grade-boundary checks), or None."""
        if not self.shown or self.estimate is None:
            return None
        return Interval(self.estimate, self.low, self.high, self.level, "t", self.n)


def ikm_interval(
    scores: pd.DataFrame,
    scheme: Scheme | str = DEFAULT_SCHEME,
    level: float = LEVEL,
    seed: int | None = SEED,
    *,
    weight_mode: str = "exact",
    population: int | None = None,
) -> IkmInterval:
    """The interval of the IKM that holds its level at small n (coverage 93-97% at n = 10 ... 100, simulated).

    With complete answers the IKM is the mean of the respondents' weighted scores, and the
    t-interval on those scores is used. With blanks the IKM is a weighted sum of ratios (each NRR
    over its own respondents); its first-order (Taylor) linearisation gives each respondent's
    contribution ``25 * sum_i w_i * a_ri * (x_ri - NRR_i) / p_i`` (``a`` answered, ``p_i`` the share
    who answered unsur i), and the t-interval uses their standard deviation; with complete answers
    both are the same. Bounds are kept inside 25-100. The percentile bootstrap is not used here: at
    n = 10 it covers the true IKM only about 88% of the time. ``seed`` is accepted for a stable
    signature (the method is analytic, nothing is random).

    Below :data:`MIN_N_INTERVAL` respondents, or when every respondent scored the same (no
    variation to estimate from), no interval is given and ``reason`` says why.

    >>> df = pd.DataFrame({f"U{i}": [4, 3, 3, 4, 3, 2, 4, 3, 3, 4] for i in range(1, 10)})
    >>> ci = ikm_interval(df); round(ci.low, 2), round(ci.high, 2), ci.method
    (70.43, 94.57, 'Interval t pada nilai tertimbang responden')
    >>> ikm_interval(df.head(2)).reason
    'Interval kepercayaan tidak ditampilkan: hanya 2 responden, sedangkan interval memerlukan sedikitnya 10.'
    """
    _check_level(level)
    s = _prepare(scores, scheme, weight_mode)
    method = IKM_INTERVAL_METHODS["t" if s.complete else "linear"]
    estimate = None if s.summary.ikm_exact is None else float(s.summary.ikm_exact * SCALE)
    if s.n < MIN_N_INTERVAL:
        return IkmInterval(None, None, method, s.n, f"Interval kepercayaan tidak ditampilkan: hanya {s.n} responden, "
                           f"sedangkan interval memerlukan sedikitnya {MIN_N_INTERVAL}.", estimate, level)
    if estimate is None:
        return IkmInterval(None, None, method, s.n, "Interval kepercayaan tidak ditampilkan: ada unsur yang tidak "
                           "dijawab siapa pun, sehingga IKM tidak dapat dihitung.", None, level)
    share = s.answered.mean(axis=0)
    nrr = np.array([float(u.nrr_exact) for u in s.summary.unsur])
    z = SCALE * ((s.answered * (s.values - nrr)) / share) @ s.weights
    sd = float(z.std(ddof=1))
    if sd == 0.0:
        return IkmInterval(None, None, method, s.n, "Interval kepercayaan tidak ditampilkan: semua responden memberi "
                           "nilai yang sama, sehingga tidak ada variasi untuk menaksirnya.", estimate, level)
    half = _t_quantile(level, s.n - 1) * sd / math.sqrt(s.n) * math.sqrt(fpc(population, s.n))
    low, high = max(SCALE_MIN, estimate - half), min(SCALE_MAX, estimate + half)
    return IkmInterval(low, high, method, s.n, None, estimate, level)


# --- grade boundaries ------------------------------------------------------------------------------


@dataclass(frozen=True)
class BoundaryCheck:
    """Where an estimate and its interval bounds fall in the grade table (all on the 25-100 scale)."""

    nilai: Decimal
    mutu: str
    lower: float
    upper: float
    mutu_bawah: str
    mutu_atas: str
    level: float
    kalimat: str

    @property
    def crosses(self) -> bool:
        """Whether the interval reaches another grade than the estimate's."""
        return self.mutu_bawah != self.mutu or self.mutu_atas != self.mutu


def _display_decimals(value: float, table: GradeTable, decimals: int) -> int:
    """``decimals``, or 2 where rounding to ``decimals`` would show a bound in another grade."""
    if grade(round_half_up(value, decimals), table).mutu != grade(value, table).mutu:
        return 2
    return decimals


def level_label(level: float) -> str:
    """``0.95 -> '95%'``.

    >>> level_label(0.95), level_label(0.9)
    ('95%', '90%')
    """
    return format_number(level * 100, 0 if round(level * 100, 6).is_integer() else 1) + "%"


def boundary_check(
    interval: Interval, table: GradeTable, *, estimate: Number | None = None, decimals: int = 1
) -> BoundaryCheck:
    """Grade the estimate and both interval bounds (25-100 scale) with the scheme's grade table.

    The sentence reads like "88,40 (selang kepercayaan 95% 86,9–89,9): A, namun batas bawah di kategori B". Bounds are
    shown with ``decimals`` decimals, or 2 where fewer would hide the grade they are in.

    >>> from ikm_utils.method.schemes import grade_table
    >>> b = boundary_check(Interval(88.4, 86.9, 89.9, 0.95, "bootstrap", 120), grade_table("A_2017"))
    >>> b.crosses, b.kalimat
    (True, '88,40 (selang kepercayaan 95% 86,9–89,9): A, namun batas bawah di kategori B')
    """
    est = grade(interval.estimate if estimate is None else estimate, table)
    lo, hi = grade(interval.lower, table), grade(interval.upper, table)
    shown = (
        f"{format_number(est.nilai)} (selang kepercayaan {level_label(interval.level)} "
        f"{format_number(interval.lower, _display_decimals(interval.lower, table, decimals))}–"
        f"{format_number(interval.upper, _display_decimals(interval.upper, table, decimals))}): {est.mutu}"
    )
    parts = []
    if lo.mutu != est.mutu:
        parts.append(f"batas bawah di kategori {lo.mutu}")
    if hi.mutu != est.mutu:
        parts.append(f"batas atas di kategori {hi.mutu}")
    text = f"{shown}, namun {' dan '.join(parts)}" if parts else f"{shown}; seluruh interval di kategori {est.mutu}"
    return BoundaryCheck(est.nilai, est.mutu, interval.lower, interval.upper, lo.mutu, hi.mutu, interval.level, text)
