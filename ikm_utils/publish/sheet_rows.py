"""Many plain number rows of a worksheet, written per column instead of per cell.

openpyxl spends about 10 µs on every cell it writes; the respondent block of ``olah_data.xlsx``
(100,000 respondents × 12 cells) would take most of a minute. The block holds only numbers and one
formula per row, so it is built here as SpreadsheetML text, one column at a time, and spliced into
the workbook openpyxl wrote around it:

1. the sheet is written by openpyxl with a single placeholder row (a text cell holding
   :data:`PLACEHOLDER`) where the block goes;
2. :func:`splice_rows` copies the saved package, replaces that row by the block and moves every
   later row down by the block's height (their row numbers only: the formulas under the block are
   written for their final place already).

Each row's formula carries its cached value (``<v>``), so a viewer that does not recalculate
still shows the sums; Excel recalculates everything on opening (openpyxl sets ``fullCalcOnLoad``).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator, Mapping
from pathlib import Path

import numpy as np

#: Text of the placeholder cell (never shown: :func:`splice_rows` replaces its row).
PLACEHOLDER = "ikm-report: baris responden"
#: Rows built per piece (bounds the memory of the text to a few MB).
CHUNK = 20_000
_ROW_NUMBER = re.compile(r'(<row r="|<c r="[A-Z]{1,3})(\d+)"')


def _numbers_text(values: np.ndarray) -> list[str]:
    """Numbers as SpreadsheetML writes them (integers without ``.0``); NaN gives ``""``."""
    blank = np.isnan(values)
    whole = np.where(blank, 0, values)
    if np.array_equal(whole, np.round(whole)) and np.abs(whole).max(initial=0) < 2**53:
        text = list(map(str, whole.astype(np.int64).tolist()))
    else:
        text = list(map(repr, whole.tolist()))
    if blank.any():
        text = ["" if b else t for t, b in zip(text, blank.tolist(), strict=True)]
    return text


def number_rows(top: int, columns: Mapping[str, np.ndarray], total: tuple[str, str, str] | None = None,
                chunk: int = CHUNK) -> Iterator[str]:
    """``<row>`` elements for numeric columns, from row ``top`` down, in pieces of ``chunk`` rows.

    Parameters
    ----------
    top
        Row number of the first row.
    columns
        Column letter -> float values (NaN: no cell), all the same length.
    total
        ``(first, last, column)``: per row, ``=IF(COUNT(first:last)=0,"",SUM(first:last))`` in
        ``column``, with the sum as its cached value (an empty text when the row has no number).

    >>> rows = "".join(number_rows(2, {"A": np.array([1.0, 2.0]), "B": np.array([4.0, np.nan])}))
    >>> rows
    '<row r="2"><c r="A2"><v>1</v></c><c r="B2"><v>4</v></c></row><row r="3"><c r="A3"><v>2</v></c></row>'
    >>> next(number_rows(7, {"A": np.array([3.0]), "B": np.array([4.0])}, ("A", "B", "C")))[-57:]
    '<f>IF(COUNT(A7:B7)=0,"",SUM(A7:B7))</f><v>7</v></c></row>'
    """
    letters = list(columns)
    values = [np.asarray(columns[c], dtype=float) for c in letters]
    n = len(values[0]) if values else 0
    cells = [f'<c r="{c}{{0}}"><v>{{{i}}}</v></c>' for i, c in enumerate(letters, start=1)]
    if total:
        first, last, target = total
        block = np.column_stack(values[letters.index(first):letters.index(last) + 1])
        answered = ~np.isnan(block).all(axis=1)
        values.append(np.where(answered, np.nansum(block, axis=1), np.nan))
        formula = f'<f>IF(COUNT({first}{{0}}:{last}{{0}})=0,"",SUM({first}{{0}}:{last}{{0}}))</f>'
        cells.append(f'<c r="{target}{{0}}">{formula}<v>{{{len(letters) + 1}}}</v></c>')
        empty_total = f'<c r="{target}{{0}}" t="str">{formula}<v></v></c>'  # as Excel caches ""
    full = ('<row r="{0}">' + "".join(cells) + "</row>").format  # a row with every cell: one call
    for start in range(0, n, chunk):
        stop = min(n, start + chunk)
        texts = [_numbers_text(column[start:stop]) for column in values]
        out = []
        for r, row in zip(range(top + start, top + stop), zip(*texts, strict=True), strict=True):
            if all(row):
                out.append(full(r, *row))
                continue
            parts = [cell.format(r, *row) for cell, t in zip(cells, row, strict=True) if t]
            if total and not row[-1]:
                parts.append(empty_total.format(r))
            out.append(f'<row r="{r}">{"".join(parts)}</row>')
        yield "".join(out)


def _shift(xml: str, by: int) -> str:
    """Row numbers of ``<row>`` and ``<c>`` elements in ``xml`` moved down by ``by``."""
    return _ROW_NUMBER.sub(lambda m: f'{m.group(1)}{int(m.group(2)) + by}"', xml)


def splice_rows(package: bytes, part: str, rows: Iterator[str], height: int, path: str | Path,
                compresslevel: int = 3) -> Path:
    """Write the xlsx ``package`` to ``path`` with the placeholder row of sheet ``part`` replaced by ``rows``.

    Parameters
    ----------
    package
        The workbook as openpyxl saved it (bytes of the zip).
    part
        The sheet's name inside the zip (``xl/worksheets/sheet1.xml``).
    rows
        The block's ``<row>`` text, in pieces (:func:`number_rows`).
    height
        How many rows the block has: the rows after the placeholder move down by ``height - 1``.
    path
        Where the finished workbook goes.
    compresslevel
        zlib level of the package (3: half the time of 6 on the large sheet, file ~20% larger).
    """
    import io

    path = Path(path)
    with (zipfile.ZipFile(io.BytesIO(package)) as src,
          zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as out):
        for info in src.infolist():
            data = src.read(info)
            if info.filename != part:
                out.writestr(info.filename, data)
                continue
            xml = data.decode("utf-8")
            at = xml.index(f"<t>{PLACEHOLDER}</t>")
            start, end = xml.rindex("<row ", 0, at), xml.index("</row>", at) + len("</row>")
            with out.open(part, "w") as sheet:  # plain zip records, as openpyxl writes them
                sheet.write(xml[:start].encode("utf-8"))
                for piece in rows:
                    sheet.write(piece.encode("utf-8"))
                sheet.write(_shift(xml[end:], height - 1).encode("utf-8"))
    return path


__all__ = ["PLACEHOLDER", "number_rows", "splice_rows"]
