"""NRR, IKM and grades, for a whole unit and for every group of a grouping column.

Full precision inside: answer counts are integers, NRR and IKM are exact fractions, and the
only rounding is the 2-decimal half-up rounding of the 25-100 value that is graded
(``grading.py``). Display rounding belongs to the presentation layer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pandas as pd

from ikm_utils.errors import ScoreError
from ikm_utils.method.grading import grade, round_half_up
from ikm_utils.method.schemes import DEFAULT_SCHEME, Scheme, get_scheme

#: Label of the group of respondents who left the grouping column blank.
BLANK_GROUP = "(tidak diisi)"
SCALE = 25  # IKM (1-4) x 25 = IKM unit (25-100)


@dataclass(frozen=True)
class UnsurResult:
    """The figures of one unsur within one group of respondents."""

    kode: str
    nama: str
    n: int
    jumlah_nilai: int
    distribusi: tuple[int, int, int, int]
    bobot_exact: Fraction
    nrr_exact: Fraction | None
    nilai_konversi: Decimal | None
    mutu: str | None
    kinerja: str | None

    @property
    def nrr(self) -> float | None:
        """NRR = jumlah nilai / n (unrounded)."""
        return None if self.nrr_exact is None else float(self.nrr_exact)

    @property
    def bobot(self) -> float:
        return float(self.bobot_exact)

    @property
    def nrr_tertimbang(self) -> float | None:
        """NRR x bobot (unrounded)."""
        return None if self.nrr_exact is None else float(self.nrr_exact * self.bobot_exact)

    def to_dict(self) -> dict:
        """The unsur entry of the ``ikm compute --json`` contract."""
        return {
            "kode": self.kode,
            "nama": self.nama,
            "n": self.n,
            "jumlah_nilai": self.jumlah_nilai,
            "nrr": self.nrr,
            "bobot": self.bobot,
            "nrr_tertimbang": self.nrr_tertimbang,
            "nilai_konversi": None if self.nilai_konversi is None else float(self.nilai_konversi),
            "mutu": self.mutu,
            "kinerja": self.kinerja,
        }


@dataclass(frozen=True)
class Summary:
    """IKM of one group of respondents (the whole unit, one layanan, one demographic group).

    ``n_responden`` counts responses with at least one valid unsur answer; responses with none
    are excluded from every figure and counted in ``n_tanpa_jawaban``.
    """

    n_responden: int
    n_tanpa_jawaban: int
    unsur: tuple[UnsurResult, ...]
    ikm_exact: Fraction | None
    ikm_konversi: Decimal | None
    mutu: str | None
    kinerja: str | None

    @property
    def ikm(self) -> float | None:
        """IKM on the 1-4 scale (the regulation's "nilai indeks"), unrounded."""
        return None if self.ikm_exact is None else float(self.ikm_exact)

    def to_dict(self) -> dict:
        """The summary part of the ``ikm compute --json`` contract."""
        return {
            "n_responden": self.n_responden,
            "unsur": [u.to_dict() for u in self.unsur],
            "ikm": self.ikm,
            "ikm_konversi": None if self.ikm_konversi is None else float(self.ikm_konversi),
            "mutu": self.mutu,
            "kinerja": self.kinerja,
        }


@dataclass(frozen=True)
class IkmResult:
    """The result of one computation: the unit's summary and the summaries per group."""

    skema: Scheme
    bobot_mode: str
    total: Summary
    kelompok: dict[str, dict[str, Summary]] = field(default_factory=dict)

    def to_dict(self) -> dict:
        """The ``ikm compute --json`` contract (``kelompok`` only when groups were asked for)."""
        out = {"skema": self.skema.id, "bobot": self.bobot_mode, **self.total.to_dict()}
        if self.kelompok:
            out["kelompok"] = {
                col: {name: s.to_dict() for name, s in groups.items()} for col, groups in self.kelompok.items()
            }
        return out


def score_matrix(scores: pd.DataFrame, codes: Sequence[str]) -> np.ndarray:
    """The unsur columns as an ``int8`` matrix with 0 for a blank answer.

    Accepts integer, float (NaN = blank) and nullable integer columns holding 1-4.

    >>> score_matrix(pd.DataFrame({"U1": [4, None, 2]}), ["U1"]).ravel().tolist()
    [4, 0, 2]
    """
    missing = [c for c in codes if c not in scores.columns]
    if missing:
        present = ", ".join(map(str, scores.columns))
        raise ScoreError(f"Kolom unsur tidak ada: {', '.join(missing)} (kolom yang ada: {present}).")
    out = np.empty((len(scores), len(codes)), dtype=np.int8, order="F")  # column-major: fast per-unsur counts
    for j, code in enumerate(codes):
        col = scores[code]
        if col.dtype == np.int8 and not isinstance(col.dtype, pd.api.extensions.ExtensionDtype):
            values = col.to_numpy()
            bad = (values < 1) | (values > 4)
            if bad.any():
                _raise_bad(code, col[bad])
            out[:, j] = values
            continue
        try:
            values = col.to_numpy(dtype=np.float64, na_value=np.nan)
        except (TypeError, ValueError) as exc:
            raise ScoreError(f"Kolom {code} berisi nilai yang bukan angka 1-4.") from exc
        blank = np.isnan(values)
        bad = ~blank & ~np.isin(values, (1.0, 2.0, 3.0, 4.0))
        if bad.any():
            _raise_bad(code, col[bad])
        out[:, j] = np.where(blank, 0, values).astype(np.int8)
    return out


def _raise_bad(code: str, bad: pd.Series) -> None:
    shown = ", ".join(f"baris {i}: {v!r}" for i, v in list(bad.items())[:5])
    raise ScoreError(f"Kolom {code}: {len(bad)} nilai di luar 1-4 ({shown}{', ...' if len(bad) > 5 else ''}).")


def answer_counts(matrix: np.ndarray, group_codes: np.ndarray | None = None, n_groups: int = 1) -> np.ndarray:
    """Counts of each answer 0 (blank) to 4, per group and unsur: shape ``(n_groups, k, 5)``.

    >>> answer_counts(np.array([[4], [3], [0]], dtype=np.int8))[0, 0].tolist()
    [1, 0, 0, 1, 1]
    """
    k = matrix.shape[1]
    if group_codes is None:
        return np.stack([np.bincount(matrix[:, j], minlength=5) for j in range(k)])[None, :, :]
    base = group_codes.astype(np.int64) * 5
    counts = np.empty((n_groups, k, 5), dtype=np.int64)
    for j in range(k):
        counts[:, j, :] = np.bincount(base + matrix[:, j], minlength=n_groups * 5).reshape(n_groups, 5)
    return counts


def summarize(
    counts: np.ndarray,
    n_rows: int,
    n_responden: int,
    scheme: Scheme,
    weights: Sequence[Fraction],
    nrr_decimals: int | None = None,
) -> Summary:
    """Build the summary of one group from its answer counts (shape ``(k, 5)``).

    ``nrr_decimals`` rounds each NRR half-up before weighting: only for reproducing legacy
    spreadsheets, never the default.
    """
    table = scheme.tabel_mutu
    unsur = []
    ikm: Fraction | None = Fraction(0)
    for u, w, c in zip(scheme.unsur, weights, counts, strict=True):
        dist = tuple(int(x) for x in c[1:5])
        n = sum(dist)
        total = sum(v * x for v, x in zip((1, 2, 3, 4), dist, strict=True))
        nrr = Fraction(total, n) if n else None
        if nrr is not None and nrr_decimals is not None:
            nrr = Fraction(round_half_up(nrr, nrr_decimals))
        if nrr is None:
            ikm = None
            g = None
        else:
            g = grade(nrr * SCALE, table)
            if ikm is not None:
                ikm += nrr * w
        unsur.append(
            UnsurResult(
                kode=u.kode,
                nama=u.nama,
                n=n,
                jumlah_nilai=total,
                distribusi=dist,
                bobot_exact=w,
                nrr_exact=nrr,
                nilai_konversi=None if g is None else g.nilai,
                mutu=None if g is None else g.mutu,
                kinerja=None if g is None else g.kinerja,
            )
        )
    if n_responden == 0:
        ikm = None
    g = None if ikm is None else grade(ikm * SCALE, table)
    return Summary(
        n_responden=n_responden,
        n_tanpa_jawaban=n_rows - n_responden,
        unsur=tuple(unsur),
        ikm_exact=ikm,
        ikm_konversi=None if g is None else g.nilai,
        mutu=None if g is None else g.mutu,
        kinerja=None if g is None else g.kinerja,
    )


def group_labels(column: pd.Series) -> tuple[np.ndarray, list[str]]:
    """Integer group codes and sorted group labels of a grouping column (blank -> ``(tidak diisi)``)."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        cats = [str(c) for c in column.cat.categories]
        codes = column.cat.codes.to_numpy().astype(np.int64)
        if (codes < 0).any():
            cats.append(BLANK_GROUP)
            codes = np.where(codes < 0, len(cats) - 1, codes)
        order = sorted(range(len(cats)), key=lambda i: cats[i])
        remap = np.empty(len(cats), dtype=np.int64)
        remap[order] = np.arange(len(cats))
        return remap[codes], [cats[i] for i in order]
    text = column.astype("string").str.strip()
    text = text.mask(text.isna() | (text == ""), BLANK_GROUP)
    codes, uniques = pd.factorize(text, sort=True)
    return codes.astype(np.int64), [str(u) for u in uniques]


def compute_ikm(
    scores: pd.DataFrame,
    scheme: Scheme | str = DEFAULT_SCHEME,
    *,
    weight_mode: str = "exact",
    by: str | Sequence[str] | None = None,
    nrr_decimals: int | None = None,
) -> IkmResult:
    """Compute the IKM of a score table, and of every group of each ``by`` column.

    Parameters
    ----------
    scores
        One row per response, one column per unsur code (values 1-4, blank = not answered),
        plus any grouping columns.
    scheme
        A :class:`Scheme` or a preset id (default ``permen14_2017``).
    weight_mode
        ``exact`` (1/k, default) or ``legacy`` (weight as printed, e.g. 0,111).
    by
        Grouping column name(s): jenis layanan, unit, demographics.
    nrr_decimals
        Round NRR before weighting (legacy spreadsheets only).

    Examples
    --------
    >>> df = pd.DataFrame({f"U{i}": [4, 3, 3, 2] for i in range(1, 10)})
    >>> r = compute_ikm(df); (r.total.unsur[0].nrr, str(r.total.ikm_konversi), r.total.mutu)
    (3.0, '75.00', 'C')
    """
    if isinstance(scheme, str):
        scheme = get_scheme(scheme)
    weights = scheme.weights(weight_mode)
    matrix = score_matrix(scores, scheme.codes)
    answered = matrix.max(axis=1, initial=0) > 0
    n_rows = len(matrix)
    total = summarize(answer_counts(matrix)[0], n_rows, int(answered.sum()), scheme, weights, nrr_decimals)
    kelompok: dict[str, dict[str, Summary]] = {}
    columns = [by] if isinstance(by, str) else list(by or [])
    for col in columns:
        if col not in scores.columns:
            raise ScoreError(f"Kolom pengelompokan '{col}' tidak ada di data.")
        codes, labels = group_labels(scores[col])
        g = len(labels)
        counts = answer_counts(matrix, codes, g)
        rows = np.bincount(codes, minlength=g)
        responders = np.bincount(codes, weights=answered, minlength=g).astype(np.int64)
        kelompok[col] = {
            label: summarize(counts[i], int(rows[i]), int(responders[i]), scheme, weights, nrr_decimals)
            for i, label in enumerate(labels)
        }
    return IkmResult(skema=scheme, bobot_mode=weight_mode, total=total, kelompok=kelompok)
