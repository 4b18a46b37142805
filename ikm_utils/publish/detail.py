"""Per-respondent detail written beside the report, so the page and the notebook stay small.

With tens of thousands of respondents, Lampiran 2 and the saran list would make a page of tens
of megabytes. The page lists the first rows and the totals; every row is in a CSV beside it:

- ``olah_data_responden.csv``: each counted respondent's scores per unsur and their sum
  (``appendix.respondent_frame``), numbers only;
- ``saran_responden.csv``: every distinct saran with its theme and count, masked
  (``privacy.mask_personal_data``), and never starting with ``=``, ``+``, ``-`` or ``@`` (a
  spreadsheet would take it for a formula).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ikm_utils.report.appendix import RESPONDENT_CSV, respondent_frame
from ikm_utils.report.saran import SARAN_CSV, saran_table

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def as_text_cell(value: object) -> object:
    """A text cell a spreadsheet will not run as a formula (``'`` put before ``=``, ``+``, ``-``, ``@``).

    >>> as_text_cell("=HYPERLINK(\\"x\\")"), as_text_cell("Antri lama"), as_text_cell(3)
    ('\\'=HYPERLINK("x")', 'Antri lama', 3)
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_detail(ctx: Any, folder: str | Path) -> dict[str, Path]:
    """Write the per-respondent CSVs of a report context into ``folder``; returns ``{kind: path}``."""
    folder = Path(folder)
    scores = respondent_frame(ctx.data, ctx.scheme)
    path = folder / RESPONDENT_CSV
    scores.to_csv(path, index=False, float_format="%.0f", encoding="utf-8")
    out = {"olah_data": path}
    saran = saran_table(ctx.saran(), ctx.scheme, per_theme=None)  # ctx.saran() is already masked
    saran["Saran"] = saran["Saran"].map(as_text_cell)
    path = folder / SARAN_CSV
    saran.to_csv(path, index=False, encoding="utf-8")
    out["saran"] = path
    return out
