"""Respondent rows built per column and spliced into an openpyxl workbook (``sheet_rows.py``)."""

from __future__ import annotations

import io
import math

import numpy as np
import openpyxl
from test_workbook import EXAMPLE, recompute, workbook_for

from ikm_utils.publish.sheet_rows import PLACEHOLDER, number_rows, splice_rows
from ikm_utils.publish.workbook import SHEETS


def _spliced(tmp_path, columns, total=None, chunk=3):
    """A sheet: header, the placeholder, a blank row, a footer with a SUM formula; the block spliced in."""
    n = len(next(iter(columns.values())))
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("S")
    ws.append(["kepala"])
    ws.append([PLACEHOLDER])
    ws.append([])
    ws.append(["jumlah", f"=SUM(B2:B{n + 1})"])  # written for its final place: row n + 3
    buffer = io.BytesIO()
    wb.save(buffer)
    path = splice_rows(buffer.getvalue(), ws.path.lstrip("/"), number_rows(2, columns, total, chunk=chunk), n,
                       tmp_path / "s.xlsx")
    return path, n


def test_the_block_takes_the_placeholder_row_and_the_rows_under_it_move_down(tmp_path):
    b = np.array([4.0, np.nan, 2.0, 3.0, np.nan, 1.0, 4.0])  # more rows than one piece (chunk=3)
    c = np.array([1.0, np.nan, 3.0, np.nan, 2.0, 4.0, 4.0])
    path, n = _spliced(tmp_path, {"A": np.arange(1.0, 8.0), "B": b, "C": c}, total=("B", "C", "D"))
    ws = openpyxl.load_workbook(path)["S"]
    assert ws.max_row == n + 3 and ws["A1"].value == "kepala"
    assert [ws.cell(r, 1).value for r in range(2, n + 2)] == list(range(1, 8))
    for r, (x, y) in enumerate(zip(b, c, strict=True), start=2):  # a blank answer is an empty cell, not 0
        assert ws.cell(r, 2).value == (None if math.isnan(x) else int(x))
        assert ws.cell(r, 3).value == (None if math.isnan(y) else int(y))
        assert ws.cell(r, 4).value == f'=IF(COUNT(B{r}:C{r})=0,"",SUM(B{r}:C{r}))'
    assert ws.cell(n + 2, 1).value is None
    assert (ws.cell(n + 3, 1).value, ws.cell(n + 3, 2).value) == ("jumlah", "=SUM(B2:B8)")
    assert PLACEHOLDER not in {c.value for row in ws.iter_rows() for c in row}


def test_each_row_formula_caches_its_sum_and_an_empty_row_caches_empty_text(tmp_path):
    b, c = np.array([4.0, np.nan, 2.5]), np.array([1.0, np.nan, np.nan])
    path, _ = _spliced(tmp_path, {"B": b, "C": c}, total=("B", "C", "D"))
    cached = openpyxl.load_workbook(path, data_only=True)["S"]
    assert [cached.cell(r, 4).value for r in (2, 3, 4)] == [5, None, 2.5]  # openpyxl reads "" as None
    get = recompute(path)
    assert [get("S", f"D{r}") for r in (2, 3, 4)] == [5, "", 2.5]  # the formulas agree with their cached values
    assert get("S", "B6") == 6.5  # the footer sums the spliced block


def test_an_empty_block_removes_the_placeholder_row(tmp_path):
    path, _ = _spliced(tmp_path, {"A": np.array([])})
    ws = openpyxl.load_workbook(path)["S"]
    assert [ws.cell(r, 1).value for r in (1, 2, 3)] == ["kepala", None, "jumlah"]


def test_the_example_workbook_caches_every_respondents_jumlah(tmp_path):
    ctx, path = workbook_for(EXAMPLE, tmp_path)
    n, codes = ctx.summary.n_responden, ctx.scheme.codes
    ws = openpyxl.load_workbook(path, data_only=True)[SHEETS["olah"]]
    answers = ctx.answered()[codes].to_numpy(dtype=float)
    sums = [ws.cell(r, 3 + len(codes)).value for r in range(2, n + 2)]
    assert sums == [int(s) for s in np.nansum(answers, axis=1)]
