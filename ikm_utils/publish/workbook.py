"""``olah_data.xlsx``: the regulation's "hasil olah data" as a workbook an auditor re-checks in Excel.

The first sheet holds one row per counted respondent and one column per unsur, and under it the
jumlah nilai, n, NRR, bobot (written as ``=1/9``), NRR tertimbang, nilai konversi, the IKM, its
conversion, mutu and kinerja as **live formulas** over those cells, the values ikm-report computed
beside them, and cells that say whether the two agree. The other sheets are the report's tables:
per unsur, per layanan, profile, saran, excluded rows with their reasons, the grade table the mutu
formulas read, and the parameters.

Text from respondents or parameters is always written as a text cell: a saran that starts with
``=``, ``+``, ``-``, ``@`` or a tab never becomes a formula (it is stored as a string and marked
with Excel's quote prefix, so editing the cell does not turn it into one either).

The workbook is written in openpyxl's write-only mode (rows streamed), except the respondent rows
of the first sheet: plain numbers built per column and spliced in at save (``sheet_rows.py``), so
100,000 respondents take seconds, not a minute.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ikm_utils.publish.sheet_rows import PLACEHOLDER, number_rows, splice_rows
from ikm_utils.report import appendix, tables
from ikm_utils.report.saran import saran_table

#: The file name inside the report folder.
FILE_NAME = "olah_data.xlsx"
#: Excel's limit of characters in one cell.
MAX_CELL_CHARS = 32767
#: First characters that make a spreadsheet program read text as a formula (CSV/formula injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
#: Two figures agree when they differ by at most this (floating point of Excel vs exact fractions).
TOLERANCE = "1E-9"
#: Sheet names, in order.
SHEETS = {
    "olah": "Olah Data",
    "unsur": "Per Unsur",
    "layanan": "Per Layanan",
    "profil": "Profil",
    "saran": "Saran",
    "kecuali": "Dikecualikan",
    "mutu": "Tabel Mutu",
    "parameter": "Parameter",
}
AGREE, DISAGREE = "ya", "TIDAK"

_BOLD = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
_TOTAL_FILL = PatternFill("solid", fgColor="EEF1F4")
_FORMULA_FILL = PatternFill("solid", fgColor="FFF2CC")
_WRAP = Alignment(wrap_text=True, vertical="top")


# ---------------------------------------------------------------------------- cells


def safe_text(value: Any) -> str:
    """Text as a spreadsheet may hold it: illegal control characters dropped, cut at Excel's limit.

    >>> safe_text("a\\x00b"), len(safe_text("x" * 40000))
    ('ab', 32767)
    """
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    return text if len(text) <= MAX_CELL_CHARS else text[: MAX_CELL_CHARS - 1] + "…"


def text_cell(ws: Any, value: Any, **style: Any) -> WriteOnlyCell:
    """A cell that holds ``value`` as text, whatever it starts with (never a formula)."""
    cell = WriteOnlyCell(ws)
    text = safe_text(value)
    cell.value = text
    cell.data_type = "s"  # openpyxl reads a leading "=" as a formula: undo that
    if text.startswith(FORMULA_STARTS):
        cell.quotePrefix = True  # Excel keeps it text even when the cell is edited
    _style(cell, **style)
    return cell


def formula_cell(ws: Any, formula: str, number_format: str | None = None, **style: Any) -> WriteOnlyCell:
    """A live formula (``formula`` starts with ``=``)."""
    if not formula.startswith("="):
        raise ValueError(f"not a formula: {formula!r}")
    cell = WriteOnlyCell(ws, value=formula)
    cell.fill = _FORMULA_FILL
    _style(cell, number_format=number_format, **style)
    return cell


def value_cell(ws: Any, value: Any, number_format: str | None = None, **style: Any) -> WriteOnlyCell:
    """A cell for any value: numbers stay numbers, a :class:`Fraction` becomes the formula ``=p/q``,
    blanks stay empty and everything else is text."""
    if value is None or value is pd.NA or value is pd.NaT:
        cell = WriteOnlyCell(ws)
    elif isinstance(value, Fraction):
        return formula_cell(ws, fraction_formula(value), number_format or "# ?/??", **style)
    elif isinstance(value, bool | np.bool_):
        return text_cell(ws, "Ya" if value else "Tidak", **style)
    elif isinstance(value, int | np.integer):
        cell = WriteOnlyCell(ws, value=int(value))
    elif isinstance(value, float | np.floating | Decimal):
        number = float(value)
        cell = WriteOnlyCell(ws, value=None if math.isnan(number) else number)
    elif isinstance(value, datetime | date | pd.Timestamp):
        return text_cell(ws, value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat(), **style)
    else:
        return text_cell(ws, value, **style)
    _style(cell, number_format=number_format, **style)
    return cell


def _style(cell: WriteOnlyCell, number_format: str | None = None, bold: bool = False, fill: Any = None,
           wrap: bool = False) -> None:
    if number_format:
        cell.number_format = number_format
    if bold:
        cell.font = _BOLD
    if fill is not None:
        cell.fill = fill
    if wrap:
        cell.alignment = _WRAP


def fraction_formula(weight: Fraction) -> str:
    """A weight as Excel should compute it: exactly, ``=1/9`` rather than 0,111.

    >>> fraction_formula(Fraction(1, 9)), fraction_formula(Fraction(111, 1000)), fraction_formula(Fraction(1))
    ('=1/9', '=111/1000', '=1')
    """
    w = Fraction(weight)
    return f"={w.numerator}" if w.denominator == 1 else f"={w.numerator}/{w.denominator}"


def number_format(spec: Any) -> str | None:
    """Excel number format for a display spec of ``df.attrs["format"]`` (decimals, ``"%1"``, ``"id"``).

    >>> number_format(3), number_format("%1"), number_format("id"), number_format(0)
    ('0.000', '0.0"%"', '0', '#,##0')
    """
    if spec == "id":
        return "0"
    if isinstance(spec, str) and spec.startswith("%"):
        places = int(spec[1:] or 1)
        return ("0." + "0" * places if places else "0") + '"%"'
    if isinstance(spec, str) and spec.startswith("+"):
        places = int(spec[1:] or 2)
        return "+0." + "0" * places + ";-0." + "0" * places
    if isinstance(spec, int):
        return "#,##0" if spec == 0 else "0." + "0" * spec
    return None


def _width(values: Iterable[Any], low: int = 6, high: int = 60) -> float:
    longest = max((len(str(v)) for v in values if v is not None), default=0)
    return float(min(high, max(low, longest + 2)))


# ---------------------------------------------------------------------------- generic table sheets


class _Sheet:
    """A write-only sheet. Excel reads column widths and frozen panes before the rows, so a sheet
    either gets its widths up front (``widths``: rows stream straight to the file, for the large
    respondent sheet) or buffers its rows and measures them, then writes all in :meth:`finish`."""

    def __init__(self, wb: Workbook, title: str, freeze: str | None = "A2",
                 widths: dict[int, float] | None = None) -> None:
        self.ws = wb.create_sheet(title)
        self.rows = 0
        self.widths: dict[int, list[Any]] = {}
        self.buffer: list[list[Any]] | None = None if widths else []
        if widths:
            self._layout(widths, freeze)
        self.freeze = freeze
        self.block: Iterable[str] | None = None  # rows spliced in at save (sheet_rows), and their number
        self.block_height = 0

    def _layout(self, widths: dict[int, float], freeze: str | None) -> None:
        for col, width in widths.items():
            self.ws.column_dimensions[get_column_letter(col)].width = width
        if freeze:
            self.ws.freeze_panes = freeze

    def append(self, cells: Sequence[Any], measure: Sequence[Any] | None = None) -> int:
        if self.buffer is None:
            self.ws.append(list(cells))
        else:
            self.buffer.append(list(cells))
        self.rows += 1
        for i, v in enumerate(measure if measure is not None else [None] * len(cells), start=1):
            self.widths.setdefault(i, []).append(v)
        return self.rows

    def header(self, names: Sequence[str]) -> int:
        return self.append([text_cell(self.ws, n, bold=True, fill=_HEADER_FILL, wrap=True) for n in names], names)

    def finish(self) -> None:
        """Set the measured widths (6-60 characters) and the frozen header, then write the buffered rows."""
        if self.buffer is None:
            return
        self._layout({col: _width(values) for col, values in self.widths.items()}, self.freeze)
        for row in self.buffer:
            self.ws.append(row)
        self.buffer = None


def _table_rows(sheet: _Sheet, df: pd.DataFrame, fmt_override: dict[str, str] | None = None) -> None:
    fmt = dict(df.attrs.get("format", {}))
    total_from = len(df) - int(df.attrs.get("total_rows", 0))
    formats = {c: (fmt_override or {}).get(c) or number_format(fmt.get(c)) for c in df.columns}
    sheet.header([str(c) for c in df.columns])
    for i, row in enumerate(df.itertuples(index=False, name=None)):
        total = i >= total_from
        cells, shown = [], []
        for col, value in zip(df.columns, row, strict=True):
            nf = formats[col]
            if nf is None and isinstance(value, float | np.floating) and not float(value).is_integer():
                nf = "0.00"
            long_text = isinstance(value, str) and len(value) > 60  # saran, reasons: wrap in a 60-wide column
            cells.append(value_cell(sheet.ws, value, nf, bold=total, fill=_TOTAL_FILL if total else None,
                                    wrap=long_text))
            shown.append(value if not isinstance(value, float | np.floating) else f"{float(value):.3f}")
        sheet.append(cells, shown)


# ---------------------------------------------------------------------------- the audit sheet


def _mutu_formula(value_ref: str, column: str, n_bands: int, first_row: int = 2) -> str:
    """Nested IF over the grade sheet's lower bounds (highest band first) returning ``column`` of the band."""
    sheet = f"'{SHEETS['mutu']}'"
    bound = get_column_letter(GRADE_BOUND_COLUMN)
    expr = f"{sheet}!${column}${first_row + n_bands - 1}"
    for i in range(n_bands - 2, -1, -1):
        r = first_row + i
        expr = f"IF({value_ref}>={sheet}!${bound}${r},{sheet}!${column}${r},{expr})"
    return f'=IF({value_ref}="","",{expr})'


def round_times_25(ref: str) -> str:
    """``ref`` × 25 rounded half-up to 2 decimals, robust to binary fractions (as ikm-report rounds).

    ``ROUND(x*2500, 9)`` first removes the float noise of an exact ...,5 (76,605 stored as
    76,6049999...), then ``ROUND(…, 0)`` rounds half away from zero and ``/100`` gives 2 decimals.
    """
    return f"ROUND(ROUND({ref}*2500,9),0)/100"


#: Column of the grade sheet holding the lower bound used for grading (``tables.grade_table``).
GRADE_BOUND_COLUMN = 6


#: The rows under the respondents on the first sheet (label, key), in order.
FOOTER = (
    ("Jumlah nilai", "jumlah_nilai"),
    ("n (menjawab)", "n"),
    ("NRR = jumlah nilai / n", "nrr"),
    ("Bobot", "bobot"),
    ("NRR tertimbang = NRR × bobot", "nrr_tertimbang"),
    ("Nilai konversi unsur = NRR × 25", "nilai_konversi"),
    ("NRR menurut ikm-report", "nrr_pustaka"),
    ("Nilai konversi menurut ikm-report", "konversi_pustaka"),
    ("Rumus dan ikm-report cocok", "cocok_unsur"),
)
#: The result block under the footer (label, key): formula in column C, library value in D, check in E.
RESULTS = (
    ("IKM (1–4) = Σ NRR tertimbang", "ikm"),
    ("Nilai IKM (25–100) = IKM × 25", "ikm_konversi"),
    ("Mutu pelayanan", "mutu"),
    ("Kinerja unit pelayanan", "kinerja"),
    ("Semua angka cocok", "cocok"),
)
FIRST_UNSUR_COLUMN = 3  # C


def _layout(n: int, codes: Sequence[str]) -> dict[str, Any]:
    """Row numbers and unsur column letters of the first sheet for ``n`` respondents."""
    out: dict[str, Any] = {"top": 2, "bottom": n + 1, "n": n}
    out["col"] = {c: get_column_letter(FIRST_UNSUR_COLUMN + i) for i, c in enumerate(codes)}
    out["sum_col"] = get_column_letter(FIRST_UNSUR_COLUMN + len(codes))
    base = n + 3  # after the header, the respondents and one blank row
    out.update({key: base + i for i, (_, key) in enumerate(FOOTER)})
    head = base + len(FOOTER) + 1  # one blank row, then the result block's header
    out["head"] = head
    out.update({key: head + 1 + i for i, (_, key) in enumerate(RESULTS)})
    return out


def audit_cells(n: int, codes: Sequence[str]) -> dict[str, Any]:
    """Addresses on the first sheet of the formula cells :func:`write_workbook` writes for ``n``
    counted respondents: ``ikm``, ``ikm_konversi``, ``mutu``, ``kinerja``, ``cocok`` (the overall
    check), and per unsur code ``nrr``, ``nilai_konversi``, ``jumlah_nilai``, ``n``.

    >>> audit_cells(2, ["U1", "U2"])["ikm"], audit_cells(2, ["U1", "U2"])["nrr"]
    ('C16', {'U1': 'C7', 'U2': 'D7'})
    """
    lay = _layout(n, codes)
    main = get_column_letter(FIRST_UNSUR_COLUMN)
    out: dict[str, Any] = {k: f"{main}{lay[k]}" for _, k in RESULTS}
    for key in ("nrr", "nilai_konversi", "jumlah_nilai", "n"):
        out[key] = {c: f"{lay['col'][c]}{lay[key]}" for c in codes}
    return out


def _olah_sheet(wb: Workbook, ctx: Any) -> _Sheet:
    scheme, summary = ctx.scheme, ctx.summary
    codes = scheme.codes
    k = len(codes)
    answered = ctx.answered()
    n = len(answered)
    lay = _layout(n, codes)
    col, top, bottom = lay["col"], lay["top"], lay["bottom"]
    widths = {1: _width([n, "No"]), 2: 34.0, **{FIRST_UNSUR_COLUMN + i: 9.0 for i in range(k + 1)}}
    widths.update({FIRST_UNSUR_COLUMN + i: 13.0 for i in range(3)})  # the result block: "Sangat baik", "ikm-report"
    sheet = _Sheet(wb, SHEETS["olah"], freeze="C2", widths=widths)
    ws = sheet.ws
    sheet.header(["No", "Baris data", *codes, "Jumlah"])
    rows = answered["baris"].to_numpy() if "baris" in answered.columns else np.arange(2, n + 2)
    first_c, last_c = col[codes[0]], col[codes[-1]]
    # The respondent rows (most of the file's cells: plain numbers, no style) are built per column
    # and take the place of this one row when the workbook is saved (sheet_rows.splice_rows).
    columns = {"A": np.arange(1, n + 1, dtype=float), "B": np.asarray(rows, dtype=float)}
    columns.update({col[c]: answered[c].to_numpy(dtype=float) for c in codes})
    sheet.block = number_rows(top, columns, (first_c, last_c, lay["sum_col"]))
    sheet.block_height = n
    ws.append([text_cell(ws, PLACEHOLDER)])
    sheet.rows += n
    sheet.append([])

    weights = dict(zip(codes, ctx.result.skema.weights(ctx.result.bobot_mode), strict=True))
    weight_format = "0.000" if any(len(str(w.denominator)) > 2 for w in weights.values()) else "# ?/??"
    lib = {u.kode: u for u in summary.unsur}

    def footer_cell(key: str, x: str, u: Any) -> WriteOnlyCell:
        ref = {k_: f"{x}{lay[k_]}" for _, k_ in FOOTER}
        if key == "jumlah_nilai":
            return formula_cell(ws, f"=SUM({x}{top}:{x}{bottom})", "#,##0")
        if key == "n":
            return formula_cell(ws, f"=COUNT({x}{top}:{x}{bottom})", "#,##0")
        if key == "nrr":
            return formula_cell(ws, f'=IF({ref["n"]}=0,"",{ref["jumlah_nilai"]}/{ref["n"]})', "0.000")
        if key == "bobot":
            return formula_cell(ws, fraction_formula(weights[u.kode]), weight_format)
        if key == "nrr_tertimbang":
            return formula_cell(ws, f'=IF({ref["nrr"]}="","",{ref["nrr"]}*{ref["bobot"]})', "0.000")
        if key == "nilai_konversi":
            return formula_cell(ws, f'=IF({ref["nrr"]}="","",{round_times_25(ref["nrr"])})', "0.00")
        if key == "nrr_pustaka":
            return value_cell(ws, u.nrr, "0.000")
        if key == "konversi_pustaka":
            return value_cell(ws, None if u.nilai_konversi is None else float(u.nilai_konversi), "0.00")
        return formula_cell(ws, _agree([(ref["nrr"], ref["nrr_pustaka"]),
                                        (ref["nilai_konversi"], ref["konversi_pustaka"])]))

    for name, key in FOOTER:
        cells = [None, text_cell(ws, name, bold=True)]
        cells += [footer_cell(key, col[c], lib[c]) for c in codes]
        sheet.append(cells, [None, name])
    sheet.append([])

    # The result block: label in B, formula in C, the library's value in D and the check in E.
    main, lib_col, ok_col = (get_column_letter(FIRST_UNSUR_COLUMN + i) for i in range(3))
    sheet.append([None, *(text_cell(ws, t, bold=True, fill=_HEADER_FILL)
                          for t in ("Hasil", "Rumus Excel", "ikm-report", "Cocok"))])
    n_bands = len(scheme.tabel_mutu.kelas)
    n_row = f"{first_c}{lay['n']}:{last_c}{lay['n']}"
    weighted = f"{first_c}{lay['nrr_tertimbang']}:{last_c}{lay['nrr_tertimbang']}"
    ikm_ref = f"{main}{lay['ikm']}"
    formulas = {
        "ikm": (f'=IF(COUNTIF({n_row},0)>0,"",SUM({weighted}))', summary.ikm, "0.000"),
        "ikm_konversi": (f'=IF({ikm_ref}="","",{round_times_25(ikm_ref)})',
                         None if summary.ikm_konversi is None else float(summary.ikm_konversi), "0.00"),
        "mutu": (_mutu_formula(f"{main}{lay['ikm_konversi']}", "D", n_bands), summary.mutu, None),
        "kinerja": (_mutu_formula(f"{main}{lay['ikm_konversi']}", "E", n_bands), summary.kinerja, None),
    }
    for name, key in RESULTS[:-1]:
        formula, value, nf = formulas[key]
        r = lay[key]
        sheet.append([None, text_cell(ws, name, bold=True), formula_cell(ws, formula, nf, bold=True),
                      value_cell(ws, value, nf), formula_cell(ws, _agree([(f"{main}{r}", f"{lib_col}{r}")]))],
                     [None, name])
    ok_row = f"{first_c}{lay['cocok_unsur']}:{last_c}{lay['cocok_unsur']}"
    checks = f'COUNTIF({ok_row},"{AGREE}")={k},COUNTIF({ok_col}{lay["ikm"]}:{ok_col}{lay["kinerja"]},"{AGREE}")=4'
    sheet.append([None, text_cell(ws, RESULTS[-1][0], bold=True),
                  formula_cell(ws, f'=IF(AND({checks}),"COCOK","TIDAK COCOK")', bold=True)])
    sheet.append([])
    notes = [
        "Sel berwarna kuning berisi rumus Excel; ubah nilai responden di atas dan semua angka dihitung ulang.",
        f"Bobot setiap unsur ditulis sebagai pecahan eksak ({fraction_formula(weights[codes[0]])}), "
        "bukan 0,111 yang tercetak di pedoman.",
        "Pembulatan: nilai skala 25–100 dibulatkan 2 desimal setengah ke atas; ROUND(…;9) lebih dulu "
        "menghapus galat pecahan biner, seperti aritmetika eksak ikm-report.",
        f"Mutu dan kinerja dibaca dari lembar '{SHEETS['mutu']}' (batas bawah setiap kelas).",
        "Sel kosong pada jawaban = tidak menjawab; tidak dihitung dalam n unsur itu.",
    ]
    for note in notes:
        sheet.append([None, text_cell(ws, note)])
    return sheet


def _agree(pairs: Sequence[tuple[str, str]]) -> str:
    """``ya`` when each formula cell equals its library value (both empty, or within the tolerance)."""
    parts = [f"ISNUMBER({f})=ISNUMBER({v})" for f, v in pairs]
    for f, v in pairs:
        parts.append(f"IF(ISNUMBER({f}),ABS(N({f})-N({v}))<={TOLERANCE},{f}&\"\"={v}&\"\")")
    return f'=IF(AND({",".join(parts)}),"{AGREE}","{DISAGREE}")'


# ---------------------------------------------------------------------------- the other sheets


def _unsur_frame(summary: Any) -> pd.DataFrame:
    df = tables.unsur_table(summary)
    weights = [u.bobot_exact for u in summary.unsur]
    df["Bobot"] = [*weights, sum(weights, Fraction(0))]
    return df


def _parameter_rows(value: Any, prefix: str = "") -> list[tuple[str, Any]]:
    """The parameter model flattened to (key path, value) rows: ``unit.nama``, ``rtl[0].program``."""
    if isinstance(value, dict):
        rows: list[tuple[str, Any]] = []
        for key, item in value.items():
            rows += _parameter_rows(item, f"{prefix}.{key}" if prefix else str(key))
        return rows
    if isinstance(value, list | tuple):
        if not value:
            return [(prefix, "")]
        if all(not isinstance(v, dict | list | tuple) for v in value):
            return [(prefix, ", ".join(str(v) for v in value))]
        rows = []
        for i, item in enumerate(value):
            rows += _parameter_rows(item, f"{prefix}[{i}]")
        return rows
    return [(prefix, value)]


def _excluded_frame(ctx: Any) -> pd.DataFrame:
    df = appendix.excluded_table(ctx.responses)
    data = ctx.data
    codes = ctx.scheme.codes
    empty = data[data[codes].isna().all(axis=1)]
    extra = pd.DataFrame({
        "No": np.arange(len(df) + 1, len(df) + len(empty) + 1),
        "Baris data": empty["baris"].to_numpy() if "baris" in empty.columns else [None] * len(empty),
        "Alasan": ["tidak ada jawaban unsur yang sah (tidak dihitung dalam IKM)"] * len(empty),
    })
    out = pd.concat([df, extra], ignore_index=True) if len(extra) else df
    out.attrs = df.attrs
    return out


def write_workbook(ctx: Any, path: str | Path) -> Path:
    """Write ``olah_data.xlsx`` for one report context (``ikm_utils.report.context.ReportContext``).

    Parameters
    ----------
    ctx
        The report context (params, responses, result).
    path
        Where the workbook goes (normally ``<staging>/olah_data.xlsx``).

    Returns
    -------
    Path
        ``path``. The formula cells of the first sheet are listed in ``WORKBOOK_CELLS`` order by
        :func:`audit_cells`.
    """
    path = Path(path)
    wb = Workbook(write_only=True)
    sheets = [_olah_sheet(wb, ctx)]

    s = _Sheet(wb, SHEETS["unsur"])
    _table_rows(s, _unsur_frame(ctx.summary))
    sheets.append(s)

    s = _Sheet(wb, SHEETS["layanan"])
    groups = [c for c in ctx.params.kelompok if c in ctx.result.kelompok]
    if not groups:
        s.header(["Keterangan"])
        s.append([text_cell(s.ws, "Tidak ada pengelompokan layanan pada data.")], ["Tidak ada pengelompokan"])
    for i, column in enumerate(groups):
        if i:
            s.append([])
        _table_rows(s, tables.group_table(ctx.result, column))
    sheets.append(s)

    s = _Sheet(wb, SHEETS["profil"])
    answered = ctx.answered()
    for i, column in enumerate(tables.profile_fields(ctx.data)):
        if i:
            s.append([])
        _table_rows(s, tables.profile_table(answered, column))
    sheets.append(s)

    s = _Sheet(wb, SHEETS["saran"])
    _table_rows(s, saran_table(ctx.saran(), ctx.scheme))
    sheets.append(s)

    s = _Sheet(wb, SHEETS["kecuali"])
    _table_rows(s, _excluded_frame(ctx))
    sheets.append(s)

    s = _Sheet(wb, SHEETS["mutu"])
    _table_rows(s, tables.grade_table(ctx.scheme.tabel_mutu))
    sheets.append(s)

    s = _Sheet(wb, SHEETS["parameter"])
    s.header(["Kunci", "Nilai"])
    for key, value in _parameter_rows(ctx.params.model_dump(mode="json")):
        long_text = isinstance(value, str) and len(value) > 60
        s.append([text_cell(s.ws, key), value_cell(s.ws, value, wrap=long_text)], [key, value])
    sheets.append(s)

    for sheet in sheets:
        sheet.finish()
    package = io.BytesIO()
    wb.save(package)
    olah = sheets[0]
    return splice_rows(package.getvalue(), olah.ws.path.lstrip("/"), olah.block or iter(()), olah.block_height, path)


__all__ = ["FILE_NAME", "SHEETS", "audit_cells", "fraction_formula", "safe_text", "text_cell", "write_workbook"]
