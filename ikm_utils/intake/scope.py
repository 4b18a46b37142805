"""Which rows of an export belong to this report: the unit filter (``data.saring``).

A multi-unit export (one file, several Bagian) gives one report per unit by naming the column
and the value(s) to keep. Rows outside the filter are *di luar cakupan*: counted and named in the
summary, never treated as excluded errors, and never checked (another unit's bad row does not
stop this unit's report). Values are compared ignoring case, spaces and punctuation.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from ikm_utils.intake.readers import RawTable, text_column
from ikm_utils.intake.recognise import Recognition, normalise
from ikm_utils.intake.validate import Problem, problem


def as_filter(saring: Mapping[str, object] | None) -> dict[str, list[str]]:
    """``{column: value or list}`` -> ``{column: [values as text]}``.

    >>> as_filter({"unit": "Bagian Hukum", "jenis_layanan": ["A", 2]})
    {'unit': ['Bagian Hukum'], 'jenis_layanan': ['A', '2']}
    """
    out: dict[str, list[str]] = {}
    for column, value in (saring or {}).items():
        values = value if isinstance(value, list | tuple | set) else [value]
        out[str(column)] = [str(v) for v in values]
    return out


def describe_filter(saring: Mapping[str, Sequence[str]]) -> str:
    """``unit = Bagian Organisasi; jenis_layanan = A atau B``."""
    return "; ".join(f"{c} = {' atau '.join(vs)}" for c, vs in saring.items())


def _column(table: RawTable, rec: Recognition, name: str) -> int | None:
    if name in rec.columns:
        return rec.columns[name]
    hits = [j for j, h in enumerate(table.headers) if h == name] or [
        j for j, h in enumerate(table.headers) if normalise(h) == normalise(name)]
    return hits[0] if len(hits) == 1 else None


def scope_mask(
    table: RawTable, rec: Recognition, saring: Mapping[str, Sequence[str]], path: Path
) -> tuple[np.ndarray, list[Problem]]:
    """Rows inside the filter (all given columns match one of their values) and the filter's errors."""
    keep = np.ones(table.n_rows, dtype=bool)
    problems: list[Problem] = []
    for name, values in saring.items():
        j = _column(table, rec, name)
        if j is None:
            problems.append(problem("kolom_tidak_ada", path, column=name, expected="kolom untuk saring (data.saring)",
                                    note=f"kolom yang ada: {', '.join(table.headers)}",
                                    note_en=f"columns present: {', '.join(table.headers)}"))
            continue
        text = pd.Series(text_column(table.columns[j]).to_pandas(), dtype="object").map(
            lambda v: None if v is None or v != v else normalise(v))
        wanted = {normalise(v) for v in values}
        hit = text.isin(wanted).to_numpy()
        present = set(text.dropna())
        absent = [v for v in values if normalise(v) not in present]
        if absent:
            shown = sorted({str(v).strip() for v in table.columns[j].to_pylist() if v is not None and str(v).strip()})
            problems.append(problem("saring_tanpa_baris", path, column=table.labels[j], value=", ".join(absent),
                                    expected="salah satu nilai di kolom itu",
                                    note=f"nilai yang ada: {', '.join(shown[:20])}",
                                    note_en=f"values present: {', '.join(shown[:20])}"))
        keep &= hit
    return keep, problems


def subset(table: RawTable, keep: np.ndarray) -> RawTable:
    """The rows of ``table`` where ``keep`` is true (cells, rows, per-cell rows, reader problems)."""
    idx = pa.array(np.flatnonzero(keep))
    rows = table.rows[keep]
    kept_rows = set(rows.tolist())
    for cr in table.cell_rows:
        if cr is not None:
            kept_rows |= set(cr[keep].tolist())
    return replace(
        table,
        columns=[c.take(idx) for c in table.columns],
        rows=rows,
        cell_rows=[None if cr is None else cr[keep] for cr in table.cell_rows],
        problems=[p for p in table.problems if p.row is None or p.row in kept_rows],
        info=dict(table.info),
    )
