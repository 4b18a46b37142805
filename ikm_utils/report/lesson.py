"""The numbers of the teaching notebook (``notebooks/metode_ikm.ipynb``) on any class's data.

``prepare_lesson`` reads a class's answers with the same ingestion as ``ikm compute`` and keeps the
respondents that the IKM counts (a questionnaire with no unsur answer is counted apart, never as
zeros). Everything the lesson prints is computed here from the scheme and the data: the traps
(printed weights, early rounding, blank = 0, an empty form counted), the interval and its
bootstrap picture. The sentences are built in ``lesson_text``; the exercises in ``lesson_check``.
"""

from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd

from ikm_utils.errors import IkmError
from ikm_utils.intake.ingest import IngestOptions, LongLayout, load_responses
from ikm_utils.method.compute import SCALE, Summary, compute_ikm
from ikm_utils.method.grading import grade, round_half_up
from ikm_utils.method.schemes import DEFAULT_SCHEME, Scheme, get_scheme, scheme_ids
from ikm_utils.stats.intervals import bootstrap_ci, t_interval

#: Fewest respondents for which the lesson shows a 95% interval (``MIN_N_INTERVAL`` of
#: ``stats.intervals`` when that module provides it).
FALLBACK_MIN_N = 10
#: Questionnaires shown one by one in the answer table and the worksheet (Σ and n always cover all).
SHOWN_ROWS = 250
LEVEL = 0.95
_UNSUR_HEADER = re.compile(r"^\s*u(?:nsur)?\s*[-_ ]?\s*(\d{1,2})\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Lesson:
    """One class's data, ready to teach with.

    ``answers`` holds the unsur columns of the counted respondents (index 1..n, NaN = blank);
    ``empty_rows`` the spreadsheet rows of questionnaires without any unsur answer (not counted).
    """

    scheme: Scheme
    answers: pd.DataFrame
    data: pd.DataFrame
    population: int
    source: str
    n_read: int
    empty_rows: tuple[int, ...]
    excluded: int
    varian: int | None
    result: Summary

    @property
    def n(self) -> int:
        """Counted respondents (at least one unsur answered)."""
        return len(self.answers)

    @property
    def k(self) -> int:
        return self.scheme.k

    @property
    def codes(self) -> list[str]:
        return self.scheme.codes

    @property
    def blanks(self) -> int:
        """Blank unsur answers among the counted respondents."""
        return int(self.answers.isna().sum().sum())

    @property
    def sums(self) -> pd.Series:
        """Jumlah nilai per unsur (integers)."""
        return self.answers.sum().astype(int)

    @property
    def counts(self) -> pd.Series:
        """nᵢ: respondents who answered each unsur."""
        return self.answers.count().astype(int)

    @property
    def weights(self) -> tuple[Fraction, ...]:
        return self.scheme.weights("exact")

    @property
    def konversi(self) -> Decimal:
        return self.result.ikm_konversi


# ------------------------------------------------------------------------------------------ options


def options_to_dict(options: IngestOptions | None) -> dict:
    """Ingest options as plain JSON data (a papermill parameter); dates as ISO text."""
    if options is None:
        return {}
    raw = asdict(options)
    if options.period is not None:
        raw["period"] = [d.isoformat() for d in options.period]
    if options.age_bands is not None:
        raw["age_bands"] = [list(b) for b in options.age_bands]
    default = asdict(IngestOptions())
    return {k: v for k, v in raw.items() if v != default[k]}


def options_from_dict(raw: dict | None) -> IngestOptions:
    """The inverse of :func:`options_to_dict`."""
    from datetime import date

    raw = dict(raw or {})
    if raw.get("long"):
        raw["long"] = LongLayout(**raw["long"])
    if raw.get("period"):
        raw["period"] = tuple(date.fromisoformat(d) for d in raw["period"])
    if raw.get("age_bands"):
        raw["age_bands"] = [tuple(b) for b in raw["age_bands"]]
    unknown = set(raw) - set(asdict(IngestOptions()))
    if unknown:
        raise IkmError(f"Opsi data tidak dikenal: {', '.join(sorted(unknown))}.")
    return IngestOptions(**raw)


# ------------------------------------------------------------------------------------------ the data


def unsur_columns_beyond(headers: list[str], scheme: Scheme) -> list[str]:
    """Headers that look like unsur codes beyond the scheme's k (``U10`` … ``U14`` under a 9-unsur scheme).

    >>> unsur_columns_beyond(["no", "U1", "U10", "u14", "usia"], get_scheme())
    ['U10', 'u14']
    """
    found = []
    for h in headers:
        m = _UNSUR_HEADER.match(str(h))
        if m and int(m.group(1)) > scheme.k:
            found.append(str(h))
    return found


def _check_unsur_count(other_columns: list[str], scheme: Scheme, path: Path) -> None:
    extra = unsur_columns_beyond(other_columns, scheme)
    if not extra:
        return
    k = scheme.k + len(extra)
    fits = [s for s in scheme_ids() if get_scheme(s).k == k]
    hint = f" Pakai --skema {fits[0]}." if fits else " Petakan kolomnya dengan --kolom atau pilih skema yang sesuai."
    raise IkmError(
        f"Berkas {path.name} memuat kolom unsur di luar {scheme.k} unsur skema {scheme.id}: "
        f"{', '.join(extra)} (tampaknya {k} unsur).{hint}"
    )


def variant_answers(answers: pd.DataFrame, varian: int) -> pd.DataFrame:
    """A per-student variant of a class: about one answer in six moves one step up or down (1–4).

    Blanks stay blank and every respondent keeps at least one answer, so n and every nᵢ are those of
    the class; at least one answer changes. The same ``varian`` always gives the same data.

    >>> a = pd.DataFrame({"U1": [4.0, 3.0, np.nan], "U2": [2.0, 3.0, 4.0]})
    >>> v = variant_answers(a, 7); bool(v.isna().equals(a.isna())), bool((v != a).any().any())
    (True, True)
    """
    rng = np.random.default_rng([int(varian), 2017])
    x = answers.to_numpy(dtype=float, copy=True)
    answered = ~np.isnan(x)
    move = answered & (rng.random(x.shape) < 1 / 6)
    if not move.any() and answered.any():
        cells = np.argwhere(answered)
        i, j = cells[rng.integers(len(cells))]
        move[i, j] = True
    step = rng.choice([-1.0, 1.0], size=x.shape)
    shifted = x + step
    shifted = np.where((shifted < 1) | (shifted > 4), x - step, shifted)
    x[move] = shifted[move]
    return pd.DataFrame(x, index=answers.index, columns=answers.columns)


def prepare_lesson(
    data_path: str | Path,
    scheme_id: str = DEFAULT_SCHEME,
    *,
    options: IngestOptions | dict | None = None,
    population: int = 120,
    varian: int | None = None,
) -> Lesson:
    """Read and check a class's data for the lesson (before any kernel starts, and inside it).

    Raises
    ------
    DataValidationError
        The file has data problems (every one listed, as ``ikm validate`` does).
    IkmError
        No respondent answered, the file has unsur columns beyond the scheme, or N < n.
    """
    path = Path(data_path)
    scheme = get_scheme(scheme_id)
    opts = options if isinstance(options, IngestOptions) else options_from_dict(options)
    responses = load_responses(path, scheme, opts)
    _check_unsur_count(list(responses.info.get("kolom_lain", [])), scheme, path)
    frame = responses.data
    answered = frame[scheme.codes].notna().any(axis=1)
    if not answered.any():
        raise IkmError(f"Berkas {path.name} tidak memuat satu pun jawaban unsur.")
    empty_rows = tuple(int(b) for b in frame.loc[~answered, "baris"])
    data = frame.loc[answered].reset_index(drop=True)
    data.index = pd.RangeIndex(1, len(data) + 1, name="Responden")
    answers = data[scheme.codes].astype(float)
    if varian is not None:
        if isinstance(varian, bool) or not isinstance(varian, int) or varian < 0:
            raise IkmError(f"Varian harus bilangan bulat >= 0, bukan {varian!r}.")
        answers = variant_answers(answers, varian)
        data[scheme.codes] = answers
    check_population(population, len(answers))
    result = compute_ikm(answers, scheme).total
    return Lesson(scheme=scheme, answers=answers, data=data, population=population, source=path.name,
                  n_read=responses.n_read, empty_rows=empty_rows, excluded=len(responses.excluded),
                  varian=varian, result=result)


def check_population(population: object, n: int) -> None:
    """N must be a whole number of service users, at least the n respondents counted."""
    if isinstance(population, bool) or not isinstance(population, int) or population < 1:
        raise IkmError(f"Populasi N harus bilangan bulat >= 1, bukan {population!r}.")
    if population < n:
        raise IkmError(f"Populasi N = {population} lebih kecil dari jumlah responden yang dihitung (n = {n}).")


# ------------------------------------------------------------------------------------------ the traps


def to_konversi(ikm: Fraction | Decimal) -> Decimal:
    """IKM (1–4) × 25, rounded half-up to 2 decimals."""
    return round_half_up(Fraction(ikm) * SCALE, 2)


@dataclass(frozen=True)
class Variant:
    """One way of computing the IKM (correct or a classic mistake) and what it gives."""

    key: str
    label: str
    konversi: Decimal
    mutu: str


def nrr_fractions(answers: pd.DataFrame) -> list[Fraction]:
    """NRRᵢ = Jumlah nilaiᵢ / nᵢ as exact fractions (blanks left out)."""
    return [Fraction(int(answers[c].sum()), int(answers[c].count())) for c in answers.columns]


def printed_weight(k: int, places: int) -> Fraction:
    """1/k rounded half-up to ``places`` decimals, as a worksheet prints it (0,111; 0,11).

    >>> printed_weight(9, 3), printed_weight(9, 2), printed_weight(14, 3)
    (Fraction(111, 1000), Fraction(11, 100), Fraction(71, 1000))
    """
    return Fraction(round_half_up(Fraction(1, k), places))


def variants(answers: pd.DataFrame, scheme: Scheme, n_empty: int = 0) -> dict[str, Variant]:
    """The IKM unit of ``answers`` computed right and with each classic mistake.

    Keys: ``tepat`` (1/k, no intermediate rounding), ``bobot3`` (weight printed with 3 decimals,
    0,111), ``bobot2`` (0,11), ``nrr2`` (NRR rounded to 2 decimals), ``ikm2`` (IKM 1–4 rounded to 2
    decimals before × 25), ``keduanya`` (both), ``kosong0`` (a blank answer counted as 0) and
    ``lembar0`` (also every empty questionnaire counted as k zeros).
    """
    table = scheme.tabel_mutu
    w = scheme.weights("exact")
    nrr = nrr_fractions(answers)
    exact = sum(v * wi for v, wi in zip(nrr, w, strict=True))
    nrr2 = [Fraction(round_half_up(v, 2)) for v in nrr]
    ikm_nrr2 = sum(v * wi for v, wi in zip(nrr2, w, strict=True))
    n_all = len(answers)
    zero = [Fraction(int(answers[c].sum()), n_all) for c in answers.columns]
    sheet = [Fraction(int(answers[c].sum()), n_all + n_empty) for c in answers.columns]
    k = scheme.k
    p3, p2 = printed_weight(k, 3), printed_weight(k, 2)
    values = {
        "tepat": ("bobot 1/k, tanpa pembulatan antara", to_konversi(exact)),
        "bobot3": (f"bobot tercetak {_comma(p3)}", to_konversi(sum(nrr) * p3)),
        "bobot2": (f"bobot {_comma(p2)}", to_konversi(sum(nrr) * p2)),
        "nrr2": ("NRR dibulatkan 2 desimal", to_konversi(ikm_nrr2)),
        "ikm2": ("IKM (1–4) dibulatkan 2 desimal sebelum × 25", to_konversi(round_half_up(exact, 2))),
        "keduanya": ("NRR dan IKM (1–4) dibulatkan 2 desimal", to_konversi(round_half_up(ikm_nrr2, 2))),
        "kosong0": ("jawaban kosong dihitung 0", to_konversi(sum(v * wi for v, wi in zip(zero, w, strict=True)))),
        "lembar0": ("lembar kosong ikut dihitung sebagai nol",
                    to_konversi(sum(v * wi for v, wi in zip(sheet, w, strict=True)))),
    }
    return {key: Variant(key, label, v, grade(v, table).mutu) for key, (label, v) in values.items()}


def _comma(value: Fraction | Decimal) -> str:
    from ikm_utils.method.indonesian import format_number

    places = len(str(Decimal(value.numerator) / Decimal(value.denominator)).split(".")[-1])
    return format_number(float(value), places)


# ------------------------------------------------------------------------------------------ the interval


@dataclass(frozen=True)
class LessonInterval:
    """The 95% interval of the IKM unit the lesson shows (``low``/``high`` None when not meaningful)."""

    estimate: float
    low: float | None
    high: float | None
    method: str
    n: int
    reason: str | None = None
    min_n: int = FALLBACK_MIN_N
    replicates: np.ndarray = field(default=None, repr=False)


def fpc_factor(population: int, n: int) -> float:
    """√(1 − n/N): the finite-population factor of a standard error when s uses n − 1.

    >>> round(fpc_factor(120, 10), 4), fpc_factor(10, 10)
    (0.9574, 0.0)
    """
    return math.sqrt(max(0.0, 1 - n / population))


def _contract_interval():
    """``(ikm_interval, MIN_N_INTERVAL)`` of ``stats.intervals`` when present (issue 9), else ``(None, fallback)``."""
    from ikm_utils.stats import intervals

    return getattr(intervals, "ikm_interval", None), int(getattr(intervals, "MIN_N_INTERVAL", FALLBACK_MIN_N))


def _shrink(estimate: float, bound: float, factor: float) -> float:
    return estimate + (bound - estimate) * factor


def lesson_interval(lesson: Lesson, *, seed: int = 2017, replicates: int = 2000) -> LessonInterval:
    """The 95% interval of the IKM unit with the finite-population factor √(1 − n/N), or why there is none.

    Uses ``stats.intervals.ikm_interval`` when available; otherwise a t-interval on the respondents'
    scores (complete answers) or the bootstrap standard error × t(n − 1) (with blanks). Below the
    minimum n no interval is shown. The bootstrap replicates (for the picture) are kept either way.
    """
    scheme, n = lesson.scheme, lesson.n
    est = float(lesson.result.ikm_exact * SCALE)
    factor = fpc_factor(lesson.population, n)
    boot = bootstrap_ci(lesson.answers, scheme, replicates=replicates, seed=seed)
    reps = est + (boot.replicates - est) * factor
    contract, min_n = _contract_interval()
    if n < min_n:
        reason = (f"Dengan {n} responden (kurang dari {min_n}) interval 95% tidak bermakna: sebaran nilai belum "
                  "dapat diperkirakan dengan layak, jadi interval tidak ditampilkan.")
        return LessonInterval(est, None, None, "tidak dihitung", n, reason, min_n, reps)
    if contract is not None:
        got = contract(lesson.answers, scheme, level=LEVEL, seed=seed)
        if got.low is None or got.high is None:
            return LessonInterval(est, None, None, got.method, n, got.reason, min_n, reps)
        return LessonInterval(est, _shrink(est, got.low, factor), _shrink(est, got.high, factor), got.method, n,
                              None, min_n, reps)
    if not lesson.blanks:
        t = t_interval(lesson.answers, scheme, level=LEVEL).ikm
        return LessonInterval(est, _shrink(est, t.lower, factor), _shrink(est, t.upper, factor),
                              "interval t pada nilai responden", n, None, min_n, reps)
    from scipy.stats import t as student

    se = float(np.nanstd(boot.replicates, ddof=1)) * math.sqrt(n / (n - 1))
    half = float(student.ppf((1 + LEVEL) / 2, n - 1)) * se * factor
    return LessonInterval(est, est - half, est + half, "galat baku bootstrap × t(n − 1)", n, None, min_n, reps)


def replicate_shares(replicates: np.ndarray, scheme: Scheme) -> list[tuple[str, float]]:
    """Share of bootstrap replicates in each grade (highest first), grading like the regulation's rule.

    >>> replicate_shares(np.array([90.0, 80.0, 80.0, 88.305]), get_scheme())
    [('A', 0.5), ('B', 0.5)]
    """
    x = np.floor(np.asarray(replicates, dtype=float) * 100 + 0.5 + 1e-9) / 100
    x = x[~np.isnan(x)]
    shares, taken = [], np.zeros(len(x), dtype=bool)
    for band in scheme.tabel_mutu.kelas:
        inside = (x >= float(band.batas_bawah) - 1e-9) & ~taken
        taken |= inside
        if inside.any():
            shares.append((band.mutu, float(inside.mean())))
    return shares
