"""Descriptive additions for "Analisis tambahan": answer shares, item missingness, fair group rankings.

- **Share of answers 3-4** per unsur: the part of the answers that are "baik" or "sangat baik"; easier
  to read than an NRR and shows where dissatisfaction sits.
- **Item missingness**: blanks per unsur among the respondents counted (those who answered at least
  one unsur). A blank is left out of that unsur's n, so a high share changes who the NRR speaks for.
- **Small groups**: an IKM from fewer than 30 respondents is too uncertain to rank; a warning comes
  before any ranking, and each group's bootstrap interval is shown beside its place.

Tables carry Indonesian column labels; percentages are on the 0-100 scale, unrounded.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ikm_utils.method.compute import SCALE, answer_counts, compute_ikm, group_labels, score_matrix
from ikm_utils.method.indonesian import format_number, join_words
from ikm_utils.method.schemes import DEFAULT_SCHEME, Scheme, get_scheme
from ikm_utils.stats.intervals import LEVEL, MIN_N_INTERVAL, REPLICATES, SEED, ikm_interval, level_label

#: Groups smaller than this are flagged before any ranking (a statistical convention, not the regulation's).
MIN_GROUP_N = 30


def _counts(scores: pd.DataFrame, scheme: Scheme | str) -> tuple[Scheme, np.ndarray, int]:
    scheme = get_scheme(scheme) if isinstance(scheme, str) else scheme
    matrix = score_matrix(scores, scheme.codes)
    kept = matrix[matrix.max(axis=1, initial=0) > 0]
    return scheme, answer_counts(kept)[0], len(kept)


def answer_shares(scores: pd.DataFrame, scheme: Scheme | str = DEFAULT_SCHEME) -> pd.DataFrame:
    """Share (%) of each answer 1-4 per unsur among its answers, and the share of 3-4.

    >>> t = answer_shares(pd.DataFrame({f"U{i}": [4, 3, 2, None] for i in range(1, 10)}))
    >>> t.loc[0, "Kode"], int(t.loc[0, "Menjawab"]), round(float(t.loc[0, "% 3–4"]), 2)
    ('U1', 3, 66.67)
    """
    scheme, counts, _ = _counts(scores, scheme)
    answered = counts[:, 1:].sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = 100 * counts[:, 1:] / answered[:, None]
    table = pd.DataFrame({"Kode": scheme.codes, "Unsur": [u.nama for u in scheme.unsur], "Menjawab": answered})
    for v in range(4):
        table[f"% {v + 1}"] = shares[:, v]
    table["% 3–4"] = shares[:, 2] + shares[:, 3]
    return table


def item_missingness(scores: pd.DataFrame, scheme: Scheme | str = DEFAULT_SCHEME) -> pd.DataFrame:
    """Blank answers per unsur among the respondents counted (who answered at least one unsur).

    >>> t = item_missingness(pd.DataFrame({"U1": [4, None, 3, 4], **{f"U{i}": [4] * 4 for i in range(2, 10)}}))
    >>> t.loc[0, "Kode"], int(t.loc[0, "Responden"]), int(t.loc[0, "Kosong"]), float(t.loc[0, "% kosong"])
    ('U1', 4, 1, 25.0)
    """
    scheme, counts, n = _counts(scores, scheme)
    blank = n - counts[:, 1:].sum(axis=1)
    return pd.DataFrame({
        "Kode": scheme.codes,
        "Unsur": [u.nama for u in scheme.unsur],
        "Responden": n,
        "Kosong": blank,
        "% kosong": 100 * blank / n if n else np.nan,
    })


def small_groups(sizes: Mapping[str, int], min_n: int = MIN_GROUP_N) -> dict[str, int]:
    """The groups with fewer than ``min_n`` respondents.

    >>> small_groups({"KTP": 120, "KK": 12, "Akta": 29})
    {'KK': 12, 'Akta': 29}
    """
    return {g: int(n) for g, n in sizes.items() if n < min_n}


def small_group_warning(sizes: Mapping[str, int], *, label: str = "kelompok", min_n: int = MIN_GROUP_N) -> str | None:
    """The Indonesian warning to print before a ranking of groups, or ``None`` when all are large enough.

    >>> small_group_warning({"KTP": 120, "KK": 12}, label="jenis layanan")
    'Perhatian: jenis layanan KK (n = 12) memiliki kurang dari 30 responden; IKM-nya sangat tidak pasti, \
sehingga urutan peringkat yang melibatkannya tidak dapat diandalkan.'
    """
    small = small_groups(sizes, min_n)
    if not small:
        return None
    names = [f"{g} (n = {format_number(n, 0)})" for g, n in small.items()]
    listed = join_words(names)
    pronoun = "IKM-nya" if len(names) == 1 else "IKM-nya masing-masing"
    return (f"Perhatian: {label} {listed} memiliki kurang dari {min_n} responden; {pronoun} sangat tidak pasti, "
            "sehingga urutan peringkat yang melibatkannya tidak dapat diandalkan.")


@dataclass(frozen=True, eq=False)
class Ranking:
    """Groups ranked by IKM, with their intervals, and the warning to show before the table."""

    kolom: str
    tabel: pd.DataFrame
    peringatan: str | None


def rank_groups(
    scores: pd.DataFrame,
    by: str,
    scheme: Scheme | str = DEFAULT_SCHEME,
    *,
    label: str | None = None,
    weight_mode: str = "exact",
    min_n: int = MIN_GROUP_N,
    level: float = LEVEL,
    replicates: int = REPLICATES,
    seed: int = SEED,
) -> Ranking:
    """Rank the groups of column ``by`` by IKM, each with its interval (``ikm_interval``) and an ``n < 30`` flag.

    A group of fewer than ``MIN_N_INTERVAL`` respondents gets no interval (the note says so).

    Groups without an IKM (an unsur nobody in the group answered) are listed last, unranked.

    >>> df = pd.DataFrame({f"U{i}": [4] * 30 + [3] * 5 for i in range(1, 10)})
    >>> df["layanan"] = ["KTP"] * 30 + ["KK"] * 5
    >>> r = rank_groups(df, "layanan", replicates=200)
    >>> r.tabel[["Peringkat", "Kelompok", "n", "Catatan"]].values.tolist()
    [[1, 'KTP', 30, ''], [2, 'KK', 5, 'n < 30; tanpa interval (n < 10)']]
    """
    scheme = get_scheme(scheme) if isinstance(scheme, str) else scheme
    result = compute_ikm(scores, scheme, weight_mode=weight_mode, by=by)
    codes, labels = group_labels(scores[by])
    rows = []
    for i, name in enumerate(labels):
        s = result.kelompok[by][name]
        ci = None
        if s.ikm_exact is not None and s.n_responden >= MIN_N_INTERVAL:  # fewer: no interval (the report's rule)
            ci = ikm_interval(scores[codes == i], scheme, level, seed, weight_mode=weight_mode)
        note = f"n < {min_n}" if s.n_responden < min_n else ""
        if s.n_responden < MIN_N_INTERVAL:
            note += f"; tanpa interval (n < {MIN_N_INTERVAL})"
        rows.append({
            "Kelompok": name,
            "n": s.n_responden,
            "IKM": None if s.ikm_exact is None else float(s.ikm_exact * SCALE),
            "Batas bawah": None if ci is None else ci.low,
            "Batas atas": None if ci is None else ci.high,
            "Mutu": s.mutu,
            "Catatan": note,
        })
    table = pd.DataFrame(rows, columns=["Kelompok", "n", "IKM", "Batas bawah", "Batas atas", "Mutu", "Catatan"])
    table = table.sort_values(["IKM", "Kelompok"], ascending=[False, True], na_position="last", kind="stable")
    ranked = table["IKM"].notna()
    table.insert(0, "Peringkat", pd.array([*range(1, int(ranked.sum()) + 1), *[None] * int((~ranked).sum())],
                                          dtype="Int64"))
    table = table.reset_index(drop=True).rename(columns={
        "Batas bawah": f"Batas bawah {level_label(level)}", "Batas atas": f"Batas atas {level_label(level)}"})
    sizes = {name: result.kelompok[by][name].n_responden for name in labels}
    return Ranking(by, table, small_group_warning(sizes, label=label or by, min_n=min_n))
