"""Files to text columns: CSV (delimiter and encoding sniffed), XLSX, and the long layout pivot.

Every reader returns a :class:`RawTable`: the headers as written, one pyarrow text column per
header (null = blank cell), and the spreadsheet row of every record (header = row 1), so that
later problems can name the exact cell. Nothing here interprets the answers.

A text column is ``string`` or, for a CSV column whose values repeat (answers, categories),
``dictionary<int32, string>`` with one dictionary holding the column's values in order of first
appearance, exactly what ``dictionary_encode`` would give: the parser builds it for little more
than the cost of the indices, and every later step reads each distinct value once.
:func:`text_column` gives any column as plain ``string``.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import mmap
import re
import threading
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from ikm_utils.intake.limits import CSV_FIELD_LIMIT, MAX_CELL_CHARS
from ikm_utils.intake.validate import Problem, problem

CSV_SUFFIXES = (".csv", ".tsv", ".txt", ".tab")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
DELIMITERS = (",", ";", "\t", "|")
SNIFF_BYTES = 256 * 1024
UTF8_BOM = codecs.BOM_UTF8
_EXCEL_SEP = re.compile(rb"^(?:\xef\xbb\xbf)?sep=([,;\t|])\r?\n", re.IGNORECASE)
#: Cells listed by name in one message (the rest are counted).
CELLS_NAMED = 12

# The csv module's default (128 KiB) would end a long saran in "_csv.Error: field larger than field
# limit"; over-long cells are named by check_cell_lengths instead.
csv.field_size_limit(CSV_FIELD_LIMIT)


class ReadFailed(Exception):
    """The file cannot be turned into a table; ``problems`` says why (file-level errors)."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = list(problems)


@dataclass
class RawTable:
    """A file's cells as text (``string`` or dictionary-encoded ``string`` columns), with where each one came from.

    ``rows[i]`` is the spreadsheet row of record ``i``; ``cell_rows[j]`` overrides it per cell
    for column ``j`` (long layout: each answer comes from its own row). ``labels[j]`` is how
    problems name column ``j`` (the header as written, or ``jawaban (item u3)`` in a long file).
    """

    headers: list[str]
    columns: list[pa.ChunkedArray]
    rows: np.ndarray
    labels: list[str] = field(default_factory=list)
    cell_rows: list[np.ndarray | None] = field(default_factory=list)
    info: dict[str, object] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.labels:
            self.labels = list(self.headers)
        if not self.cell_rows:
            self.cell_rows = [None] * len(self.headers)

    @property
    def n_rows(self) -> int:
        """Number of records (responses in a wide file, answer rows in a long one)."""
        return len(self.rows)

    def row_of(self, j: int) -> np.ndarray:
        """Spreadsheet row of every cell of column ``j``."""
        cr = self.cell_rows[j]
        return self.rows if cr is None else cr


def read_table(path: Path, *, sheet: str | int | None = None, encoding: str | None = None) -> RawTable:
    """Read a CSV or XLSX file into a :class:`RawTable` (raises :class:`ReadFailed`)."""
    suffix = path.suffix.lower()
    if suffix in XLSX_SUFFIXES:
        table = read_xlsx(path, sheet=sheet)
    elif suffix in (".xls", ".ods"):
        raise ReadFailed([problem("format_tidak_didukung", path, value=suffix,
                                  expected="CSV atau XLSX (simpan ulang dari spreadsheet sebagai .xlsx atau .csv)")])
    else:
        table = read_csv(path, encoding=encoding)
    too_long = check_cell_lengths(table, path)
    if too_long:
        raise ReadFailed(too_long)
    return table


def text_column(column: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    """A text column as plain ``string`` (a dictionary-encoded one decoded; others as they are).

    >>> text_column(pa.array(["a", None, "a"]).dictionary_encode()).to_pylist()
    ['a', None, 'a']
    """
    return column.cast(pa.string()) if pa.types.is_dictionary(column.type) else column


def _longest_bytes(column: pa.ChunkedArray) -> int:
    """An upper bound of the characters in any cell: the longest cell (or dictionary value) in bytes."""
    import pyarrow.compute as pc

    longest = 0
    for chunk in column.chunks:
        values = chunk.dictionary if pa.types.is_dictionary(chunk.type) else chunk
        if len(values):
            longest = max(longest, pc.max(pc.binary_length(values)).as_py() or 0)
    return longest


def _cell_list(cells: Sequence[str]) -> str:
    shown = ", ".join(cells[:CELLS_NAMED])
    return shown + (f" … ({len(cells)} sel)" if len(cells) > CELLS_NAMED else "")


def check_cell_lengths(table: RawTable, path: Path, limit: int = MAX_CELL_CHARS) -> list[Problem]:
    """One problem per column holding cells longer than ``limit`` characters (rows named).

    Such a cell cannot come from Excel (its own limit is 32,767) and would make every later step
    slow; it is refused before anything parses it.
    """
    import pyarrow.compute as pc

    problems = []
    for j, col in enumerate(table.columns):
        if _longest_bytes(col) <= limit:  # no cell has more bytes, so none has more characters
            continue
        lengths = pc.utf8_length(text_column(col))
        longest = pc.max(lengths).as_py()
        if longest is None or longest <= limit:
            continue
        over = np.flatnonzero(pc.fill_null(pc.greater(lengths, limit), False).to_numpy(zero_copy_only=False))
        rows = table.row_of(j)[over]
        problems.append(problem("sel_terlalu_panjang", path, column=table.labels[j],
                                value=f"{longest} karakter",
                                expected=f"paling banyak {limit} karakter per sel (batas Excel)",
                                note=f"baris {_cell_list([str(r) for r in rows])}",
                                note_en=f"rows {_cell_list([str(r) for r in rows])}"))
    return problems


# --------------------------------------------------------------------------- CSV


def _decode_head(head: bytes, encoding: str | None, path: Path) -> tuple[str, str, list[Problem]]:
    """Decode the first bytes of a CSV: the forced encoding, else UTF-8 (BOM or not), else Windows-1252."""
    if encoding:
        try:
            return codecs.getincrementaldecoder(encoding)().decode(head, final=False), encoding, []
        except (LookupError, UnicodeDecodeError) as exc:
            raise ReadFailed([problem("berkas_tidak_terbaca", path, value=encoding, expected="encoding yang benar",
                                      note=str(exc))]) from exc
    try:
        return codecs.getincrementaldecoder("utf-8-sig")().decode(head, final=False), "utf-8", []
    except UnicodeDecodeError:
        pass
    return _cp1252(head, path), "cp1252", [_cp1252_warning(path)]


def _cp1252(data: bytes, path: Path) -> str:
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise ReadFailed([problem("berkas_tidak_terbaca", path, expected="teks UTF-8 atau Windows-1252",
                                  note=f"byte {exc.start}: {data[exc.start:exc.start + 1]!r}")]) from exc


def _cp1252_warning(path: Path) -> Problem:
    return problem("encoding_windows1252", path, expected="UTF-8",
                   note="periksa huruf beraksen; simpan ulang sebagai CSV UTF-8 bila perlu",
                   note_en="check accented letters; save again as CSV UTF-8 if needed")


def sniff_delimiter(text: str) -> str:
    """The delimiter (``,`` ``;`` tab ``|``) that splits the first lines into the most, consistent, cells.

    >>> sniff_delimiter("a;b;c\\n1;2,5;3\\n")
    ';'
    """
    lines = text.splitlines()[:50]
    if len(lines) > 1 and not text.endswith(("\n", "\r")):
        lines = lines[:-1]  # the last line of a sample may be cut
    best, best_score = ",", (-1, -1)
    for d in DELIMITERS:
        try:
            records = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=d))
        except csv.Error:
            continue
        records = [r for r in records if r]
        if not records:
            continue
        width = len(records[0])
        consistent = sum(len(r) == width for r in records)
        score = (consistent if width > 1 else 0, width)
        if score > best_score:
            best, best_score = d, score
    return best


def read_csv(path: Path, *, encoding: str | None = None) -> RawTable:
    """Read a CSV: delimiter sniffed, UTF-8 with or without BOM, else Windows-1252 (with a warning).

    The fast path is pyarrow's multithreaded reader; files it cannot take as they are (blank
    lines inside the data, rows with too many cells) go through the standard ``csv`` module,
    which keeps exact spreadsheet row numbers and names each bad row. ``info["sha256"]`` is a
    future of the digest (:func:`sha256_in_background`).
    """
    data = _file_bytes(path)
    end = len(data)
    while end and data[end - 1] in b" \t\r\n":
        end -= 1
    if not data[:SNIFF_BYTES].lstrip(b" \t\r\n\xef\xbb\xbf") or end == 0:
        raise ReadFailed([problem("berkas_kosong", path, expected="baris judul dan paling sedikit satu baris jawaban")])
    declared = _EXCEL_SEP.match(data[:16])
    if declared:  # Excel's "sep=;" line: it names the delimiter and is not shown as a row
        bom = UTF8_BOM if data[:3] == UTF8_BOM else b""
        data = bom + data[declared.end():]
        end = len(data)
        while end and data[end - 1] in b" \t\r\n":
            end -= 1
    text_head, enc, problems = _decode_head(data[:SNIFF_BYTES], encoding, path)
    delimiter = declared.group(1).decode() if declared else sniff_delimiter(text_head)
    header_rec = next(csv.reader(io.StringIO(text_head, newline=""), delimiter=delimiter), [])
    headers = [h.strip().lstrip("\ufeff").strip() for h in header_rec]
    info = {"format": "CSV", "encoding": "UTF-8" if enc == "utf-8" else enc, "delimiter": delimiter,
            "sha256": sha256_in_background(data)}
    repeating = repeating_columns(text_head, delimiter, len(header_rec))
    table, strict = _pyarrow_csv(data, enc, delimiter, header_rec, repeating)
    if table is None or not strict:
        data = bytes(data)  # the slower paths below take the file as bytes
    # valid UTF-8 at the start, not further on: a Windows-1252 file with a late accent
    if table is None and enc == "utf-8" and encoding is None and not _is_utf8(data):
        enc, problems = "cp1252", [_cp1252_warning(path)]
        info["encoding"] = "cp1252"
        table, strict = _pyarrow_csv(data, enc, delimiter, header_rec, repeating)
    if table is not None and not strict:
        # pyarrow skipped any blank lines, which would shift every later row number: when the
        # line breaks do not match the records (blank lines or multi-line cells), look closer
        breaks = data.count(b"\n", 0, end) or data.count(b"\r", 0, end)
        if breaks != table.num_rows and any(data.find(b, 0, end) != -1 for b in (b"\n\n", b"\n\r\n", b"\r\r")):
            table = None
    if table is not None:
        n = table.num_rows
        return RawTable(headers=headers, columns=list(table.columns), rows=np.arange(2, n + 2, dtype=np.int64),
                        info=info, problems=problems)
    if enc == "utf-8" and encoding is None and not _is_utf8(data):
        enc, problems = "cp1252", [_cp1252_warning(path)]
        info["encoding"] = "cp1252"
    text = _cp1252(data, path) if enc == "cp1252" else data.decode("utf-8-sig" if enc == "utf-8" else enc)
    return _python_csv(text, delimiter, headers, path, info, problems)


def sha256_in_background(data: bytes | mmap.mmap) -> Future:
    """A future of the SHA-256 (hex) of ``data``, computed on another core while the file is parsed.

    ``hashlib`` releases the GIL on large buffers, so hashing 200 MB overlaps the parsing and
    checking instead of preceding them.
    """
    future: Future = Future()

    def run() -> None:
        try:
            future.set_result(hashlib.sha256(data).hexdigest())
        except BaseException as exc:  # handed to whoever asks for the digest
            future.set_exception(exc)

    threading.Thread(target=run, name="sha256", daemon=True).start()
    return future


def _file_bytes(path: Path) -> bytes | mmap.mmap:
    """The file's bytes, memory-mapped when possible (no copy of a large file; read-only)."""
    try:
        with path.open("rb") as fh:
            return mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):  # an empty file cannot be mapped, nor can some special files
        return path.read_bytes()


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


#: Sampled records and the share of distinct values under which a CSV column is read dictionary-encoded.
REPEAT_SAMPLE = 2000
REPEAT_SHARE = 0.5


def repeating_columns(head: str, delimiter: str, width: int) -> set[int]:
    """Columns whose values repeat in the first records of a CSV (answers, categories, blank saran).

    Only how a column is held depends on this (dictionary-encoded or plain text), never what it holds.

    >>> sorted(repeating_columns("t,u1\\n08.00.01,Baik\\n08.00.02,Baik\\n08.00.03,Baik\\n", ",", 2))
    [1]
    """
    distinct: list[set[str]] = [set() for _ in range(width)]
    n = 0
    try:
        for n, record in enumerate(csv.reader(io.StringIO(head, newline=""), delimiter=delimiter)):
            if n > REPEAT_SAMPLE:
                break
            if n:
                for j, cell in enumerate(record[:width]):
                    distinct[j].add(cell)
    except csv.Error:
        return set()
    return {j for j, seen in enumerate(distinct) if n > 1 and len(seen) <= REPEAT_SHARE * n}


def _first_appearance(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """A dictionary column read with its header cell (record 0), as the data's one dictionary column.

    Chunks are unified (values in order of first appearance) and the header's value, first in the
    dictionary, is dropped; should the header's text also be a value of the data, the column is
    decoded to plain text instead (its order of first appearance would not be the data's).
    """
    import pyarrow.compute as pc

    whole = column.unify_dictionaries().combine_chunks() if column.num_chunks != 1 else column.chunk(0)
    indices = whole.indices.slice(1)
    if whole.indices[0].is_valid:  # the header's value is dictionary value 0
        if (pc.min(indices).as_py() if len(indices) else 1) == 0:
            return pa.chunked_array([whole.slice(1).cast(pa.string())])
        indices = pc.subtract(indices, pa.scalar(1, indices.type))
        whole = pa.DictionaryArray.from_arrays(indices, whole.dictionary.slice(1))
    else:
        whole = whole.slice(1)
    return pa.chunked_array([whole])


#: Bytes of CSV text each parser thread takes at once.
CSV_BLOCK_BYTES = 1 << 24


def _pyarrow_csv(
    data: bytes, enc: str, delimiter: str, header_rec: list[str], repeating: set[int] = frozenset()
) -> tuple[pa.Table | None, bool]:
    """The CSV through pyarrow (records after the header), or None; and whether its rows are exact.

    The first attempt keeps blank lines (as records without a value): a table with no empty
    record and no line break inside a cell has one record per line, so its row numbers are exact
    without counting the file's line breaks. Otherwise the file is read again skipping blank
    lines, as before, and the caller compares the line breaks with the records.
    """
    names = [f"c{i}" for i in range(len(header_rec))]
    body = len(data)
    while body and data[body - 1] in b"\r\n":  # trailing line breaks are no blank lines
        body -= 1
    dictionary = pa.dictionary(pa.int32(), pa.string())
    types = {n: dictionary if j in repeating else pa.string() for j, n in enumerate(names)}
    attempts = [(False, False), (False, True), (True, True)]
    if len(names) < 2:  # one column: a blank line is a blank cell, not an error
        attempts = attempts[1:]
    for newlines, skip_blank in attempts:
        try:
            table = pacsv.read_csv(
                pa.py_buffer(data)[:body] if not skip_blank else pa.py_buffer(data),
                read_options=pacsv.ReadOptions(
                    encoding="utf8" if enc == "utf-8" else enc, column_names=names, skip_rows=0,
                    use_threads=True, block_size=CSV_BLOCK_BYTES,
                ),
                parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=newlines,
                                                 ignore_empty_lines=skip_blank),
                convert_options=pacsv.ConvertOptions(
                    column_types=types, strings_can_be_null=True,
                    null_values=[""], quoted_strings_can_be_null=True,
                ),
            )
        except (pa.ArrowInvalid, UnicodeDecodeError):
            continue
        if table.num_rows == 0:
            return table, not skip_blank
        # The first record is the header; check that pyarrow saw the same one.
        first = [table.column(i)[0].as_py() or "" for i in range(len(names))]
        if [f.lstrip("\ufeff") for f in first] != [h.lstrip("\ufeff") for h in header_rec]:
            continue
        columns = [_first_appearance(c) if pa.types.is_dictionary(c.type) else c.slice(1) for c in table.columns]
        if not skip_blank and not _one_record_per_line(columns):
            continue  # perhaps a blank line read as an empty record: read as before, then compare
        return pa.table(columns, names=names), not skip_blank
    return None, False


def _one_record_per_line(columns: list[pa.ChunkedArray]) -> bool:
    """No record without a value (a blank line) and no cell holding a line break."""
    if columns and min(c.null_count for c in columns) > 0:
        empty = np.ones(len(columns[0]), dtype=bool)
        for c in columns:
            empty &= c.is_null().to_numpy(zero_copy_only=False)
        if empty.any():
            return False
    for c in columns:
        for chunk in c.chunks:
            values = chunk.dictionary if pa.types.is_dictionary(chunk.type) else chunk
            data = values.buffers()[2]
            if data is None:
                continue
            # the text of every value (and maybe a few neighbours: a false alarm only costs a count)
            text = data.to_pybytes()
            if b"\n" in text or b"\r" in text:
                return False
    return True


def _python_csv(
    text: str, delimiter: str, headers: list[str], path: Path, info: dict, problems: list[Problem]
) -> RawTable:
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=delimiter)
    width = len(headers)
    cells: list[list[str | None]] = [[] for _ in range(width)]
    rows: list[int] = []
    problems = list(problems)
    try:
        records = list(reader)
    except csv.Error as exc:  # e.g. a NUL byte, or a field over CSV_FIELD_LIMIT
        raise ReadFailed([problem("berkas_tidak_terbaca", path, row=reader.line_num, expected="CSV yang sah",
                                  note=str(exc))]) from None
    for i, rec in enumerate(records):
        row = i + 1  # a spreadsheet shows each record (even one spanning lines) as one row
        if i == 0 or not any(c.strip() for c in rec):
            continue
        if len(rec) > width and any(c.strip() for c in rec[width:]):
            problems.append(problem("jumlah_kolom_salah", path, row=row, value=str(len(rec)),
                                    expected=f"{width} sel (sebanyak judul kolom)",
                                    note="sel berlebih tidak dibaca; periksa pemisah kolom dan tanda kutip",
                                    note_en="extra cells are not read; check delimiters and quotes"))
        rec = rec[:width] + [""] * (width - len(rec))
        rows.append(row)
        for j, c in enumerate(rec):
            cells[j].append(c if c != "" else None)
    columns = [pa.chunked_array([pa.array(col, type=pa.string())]) for col in cells]
    return RawTable(headers=headers, columns=columns, rows=np.asarray(rows, dtype=np.int64), info=info,
                    problems=problems)


# --------------------------------------------------------------------------- XLSX


def cell_text(value: object) -> str | None:
    """A spreadsheet cell as text: whole numbers without ``.0``, dates in ISO form, blank -> None.

    >>> [cell_text(v) for v in (4.0, 3.5, None, "  ", datetime(2020, 7, 15, 8, 5, 7))]
    ['4', '3.5', None, None, '2020-07-15 08:05:07']
    """
    if value is None:
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date | time):
        return value.isoformat()
    text = str(value)
    return text if text.strip() else None


#: Number-format tokens that show a time of day (``h``, ``s``, AM/PM); ``m`` alone is a month.
_TIME_FORMAT = re.compile(r"h|s|am/pm|a/p", re.IGNORECASE)
_FORMAT_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


def date_cell_text(value: object, number_format: str | None = None) -> str | None:
    """A cell as text with the one date rule: a date cell is a date, a date-time cell a timestamp.

    Excel keeps every date as a date-time; what the cell *shows* says which it is. A value at
    midnight whose number format has no time of day is written as a date only (``2020-07-15``),
    so it is never taken for a timestamp (and never compared to the second as one). A time of
    day that is there is always kept, even when the format hides it. Other values: :func:`cell_text`.

    >>> date_cell_text(datetime(2020, 7, 15), "yyyy-mm-dd"), date_cell_text(datetime(2020, 7, 15), "m/d/yy h:mm")
    ('2020-07-15', '2020-07-15 00:00:00')
    >>> date_cell_text(datetime(2020, 7, 15, 8, 5, 7), "dd/mm/yyyy"), date_cell_text(4.0, "General")
    ('2020-07-15 08:05:07', '4')
    """
    if isinstance(value, datetime) and value.time() == time(0) and number_format:
        shown = _FORMAT_LITERALS.sub("", number_format)
        if not _TIME_FORMAT.search(shown):
            return value.date().isoformat()
    return cell_text(value)


def read_xlsx(path: Path, *, sheet: str | int | None = None) -> RawTable:
    """Read the first (or the named/numbered) sheet of an XLSX workbook.

    The header is the first row with two or more filled cells (a one-cell title above the table
    is skipped); row numbers are the sheet's own.
    """
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged or non-XLSX file
        raise ReadFailed([problem("berkas_tidak_terbaca", path, expected="buku kerja XLSX", note=str(exc))]) from exc
    try:
        names = wb.sheetnames
        if sheet is None:
            ws = wb.worksheets[0]
        elif isinstance(sheet, int) or (isinstance(sheet, str) and sheet.isdigit() and sheet not in names):
            idx = int(sheet)
            if not 0 <= idx < len(names):
                raise ReadFailed([problem("lembar_tidak_ada", path, value=str(sheet),
                                          expected=f"nomor lembar 0–{len(names) - 1} atau nama: {', '.join(names)}")])
            ws = wb.worksheets[idx]
        else:
            key = sheet.strip().casefold()
            match = [n for n in names if n == sheet] or [n for n in names if n.strip().casefold() == key]
            if not match:
                raise ReadFailed([problem("lembar_tidak_ada", path, value=str(sheet),
                                          expected=f"salah satu dari: {', '.join(names)}")])
            ws = wb[match[0]]
        header: list[str | None] | None = None
        records: list[tuple] = []
        rows: list[int] = []
        title_rows: list[int] = []
        for r, cells in enumerate(ws.iter_rows(min_row=1), start=1):
            texts = [date_cell_text(c.value, getattr(c, "number_format", None)) for c in cells]
            filled = sum(t is not None for t in texts)
            if not filled:
                continue
            if header is None:
                if filled == 1:  # a title above the table ("SKM Dinas X 2024"): not the header
                    title_rows.append(r)
                    continue
                header = texts
                continue
            records.append(texts)
            rows.append(r)
        if header is None and title_rows:  # a one-column sheet after all
            raise ReadFailed([problem("berkas_tidak_terbaca", path, expected="tabel dengan judul kolom",
                                      note=f"lembar '{ws.title}' hanya berisi satu kolom")])
        info = {"format": "XLSX", "sheet": ws.title, "baris_judul": title_rows,
                "lembar_lain": [n for n in names if n != ws.title]}
        uncached = uncached_formulas(wb, ws)
    finally:
        wb.close()
    if uncached:
        where = f"lembar '{info['sheet']}', sel {_cell_list(uncached)}"
        raise ReadFailed([problem(
            "rumus_tanpa_nilai", path, expected="nilai yang tersimpan di setiap sel",
            note=f"{where}; buka berkas di Excel atau LibreOffice lalu simpan ulang agar nilai rumus ikut "
                 "tersimpan, atau salin-tempel sel itu sebagai nilai",
            note_en=f"sheet '{info['sheet']}', cells {_cell_list(uncached)}; open the file in Excel or "
                    "LibreOffice and save it again, or paste the cells as values")])
    if header is None:
        raise ReadFailed([problem("berkas_kosong", path, expected="baris judul dan paling sedikit satu baris jawaban")])
    width = max([len(header), *(len(r) for r in records)])
    used = [j for j in range(width) if (j < len(header) and header[j] is not None)
            or any(j < len(r) and r[j] is not None for r in records)]
    from openpyxl.utils import get_column_letter

    headers = [(header[j] if j < len(header) and header[j] is not None else f"Kolom {get_column_letter(j + 1)}").strip()
               for j in used]
    columns = [pa.chunked_array([pa.array([r[j] if j < len(r) else None for r in records], type=pa.string())])
               for j in used]
    return RawTable(headers=headers, columns=columns, rows=np.asarray(rows, dtype=np.int64), info=info)


def uncached_formulas(wb: object, ws: object) -> list[str]:
    """Cells (``C2``) of ``ws`` that hold a formula but no stored value.

    Excel stores each formula's last value beside it; files written by scripts (openpyxl,
    pandas with formulas) or some tools do not, and a reader that only sees values would take
    those cells for blank answers. The sheet's XML is scanned once (only when it holds formulas).
    """
    from xml.etree.ElementTree import iterparse

    part = getattr(ws, "_worksheet_path", None)
    archive = getattr(wb, "_archive", None)
    if part is None or archive is None:
        return []
    with archive.open(part) as fh:  # a cheap first look: most sheets have no formula at all
        has_formula = False
        tail = b""
        while chunk := fh.read(1 << 20):
            if re.search(rb"<(?:\w+:)?f[ >/]", tail + chunk):
                has_formula = True
                break
            tail = chunk[-16:]
    if not has_formula:
        return []
    cells = []
    with archive.open(part) as fh:
        for _event, el in iterparse(fh, events=("end",)):
            if el.tag.rsplit("}", 1)[-1] != "c":
                continue
            parts = {child.tag.rsplit("}", 1)[-1]: child for child in el}
            value = parts.get("v")
            # an empty <v/> is a stored empty text only for a text result (t="str"); a number is never empty
            empty = value is None or (not (value.text or "").strip() and el.get("t") not in ("str", "s"))
            if "f" in parts and empty and "is" not in parts:
                cells.append(el.get("r") or "?")
            el.clear()
    return cells


# --------------------------------------------------------------------------- long layout


def find_header(headers: Sequence[str], name: str) -> int | None:
    """Index of the header written ``name`` (exactly, else ignoring case and outer spaces; must be unique)."""
    exact = [j for j, h in enumerate(headers) if h == name]
    if len(exact) == 1:
        return exact[0]
    loose = [j for j, h in enumerate(headers) if h.strip().casefold() == name.strip().casefold()]
    return loose[0] if len(loose) == 1 else None


def pivot_long(table: RawTable, id_col: str, item_col: str, value_col: str, path: Path) -> RawTable:
    """Pivot a long table (one row per respondent x item) to one row per respondent.

    The items become the headers (in order of first appearance), respondents keep the order of
    first appearance, and every cell remembers the row it came from. Other columns are carried
    when they hold one value per respondent (a date, a unit), a date or time column by the
    respondent's first row (:func:`is_time_header`), and dropped otherwise (listed in
    ``info["kolom_tidak_dipakai"]``). An item given twice for one respondent is an error.
    """
    where = {}
    missing = []
    for role, name in (("id", id_col), ("item", item_col), ("nilai", value_col)):
        j = find_header(table.headers, name)
        if j is None:
            missing.append(problem("kolom_tidak_ada", path, column=name, expected=f"kolom {role} format panjang",
                                   note=f"kolom yang ada: {', '.join(table.headers)}",
                                   note_en=f"columns present: {', '.join(table.headers)}"))
        where[role] = j
    if missing:
        raise ReadFailed(missing)
    problems = list(table.problems)
    ids = _stripped(table.columns[where["id"]])
    items = _stripped(table.columns[where["item"]])
    usable = ~(ids.isna() | items.isna()).to_numpy()
    for i in np.flatnonzero(~usable):
        col = id_col if ids.isna().iloc[i] else item_col
        problems.append(problem("nilai_tidak_valid", path, row=int(table.rows[i]), column=col, value="",
                                expected="ID responden dan item terisi", note="baris ini tidak dibaca",
                                note_en="this row is not read"))
    pos = np.flatnonzero(usable)
    id_codes, id_values = _factorize(ids.to_numpy()[pos])
    item_codes, item_values = _factorize(items.to_numpy()[pos])
    n_resp, n_item = len(id_values), len(item_values)
    flat = id_codes.astype(np.int64) * n_item + item_codes
    order = np.argsort(flat, kind="stable")
    sorted_flat = flat[order]
    repeat = np.zeros(len(flat), dtype=bool)
    repeat[order[1:]] = sorted_flat[1:] == sorted_flat[:-1]
    firsts = np.full(n_resp * n_item, -1, dtype=np.int64)
    firsts[flat[~repeat]] = pos[~repeat]
    for k in np.flatnonzero(repeat):
        first_row = int(table.rows[firsts[flat[k]]])
        problems.append(problem("item_ganda", path, row=int(table.rows[pos[k]]), column=item_col,
                                value=str(item_values[item_codes[k]]), expected="satu jawaban per item per responden",
                                note=f"responden {id_values[id_codes[k]]}, sudah ada di baris {first_row}",
                                note_en=f"respondent {id_values[id_codes[k]]}, already in row {first_row}"))
    cell_src = firsts.reshape(n_resp, n_item)  # source record of each (respondent, item), -1 = absent
    first_rec = np.full(n_resp, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(first_rec, id_codes, pos)
    resp_rows = table.rows[first_rec]
    headers = [table.headers[where["id"]]]
    labels = [table.labels[where["id"]]]
    columns = [pa.chunked_array([pa.array(list(id_values), type=pa.string())])]
    cell_rows: list[np.ndarray | None] = [None]
    dropped = []
    for j, h in enumerate(table.headers):
        if j in where.values():
            continue
        col = table.columns[j].combine_chunks()
        if _constant_per_respondent(col, pos, id_codes, first_rec) or is_time_header(h):
            headers.append(h)
            labels.append(table.labels[j])
            columns.append(pa.chunked_array([col.take(pa.array(first_rec))]))
            cell_rows.append(None)
        else:
            dropped.append(h)
    values = table.columns[where["nilai"]].combine_chunks()
    for k, item in enumerate(item_values):
        src = cell_src[:, k]
        idx = pa.array(src, mask=src < 0)
        headers.append(str(item))
        labels.append(f"{value_col} ({item_col} {item})")
        columns.append(pa.chunked_array([values.take(idx)]))
        cell_rows.append(np.where(src >= 0, table.rows[np.maximum(src, 0)], resp_rows))
    info = dict(table.info)
    info.update({"tata_letak": "panjang", "baris_panjang": table.n_rows, "kolom_tidak_dipakai": dropped})
    return RawTable(headers=headers, columns=columns, rows=resp_rows, labels=labels, cell_rows=cell_rows,
                    info=info, problems=problems)


def is_time_header(header: str) -> bool:
    """Whether a header names a date or timestamp (``waktu``, ``tanggal``, ``created_at`` ...).

    In a long layout such a column may move on by a second between one respondent's rows (each
    answer saved as it came); the respondent's first row gives the submission time, as in the
    wide export, instead of the column being dropped.
    """
    from ikm_utils.intake.recognise import normalise
    from ikm_utils.method.schemes import ingest_vocabulary

    vocab = ingest_vocabulary()
    words = {normalise(w) for w in (*vocab["cap_waktu_pendamping"], *vocab["profil"]["tanggal"])}
    return normalise(header) in words


def _stripped(col: pa.ChunkedArray) -> pd.Series:
    s = text_column(col).to_pandas().astype("string").str.strip()
    return s.mask(s == "")


def _factorize(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    codes, uniques = pd.factorize(values, sort=False)
    return codes, np.asarray(uniques, dtype=object)


def _constant_per_respondent(col: pa.Array, pos: np.ndarray, id_codes: np.ndarray, first_rec: np.ndarray) -> bool:
    codes, _ = pd.factorize(text_column(col).to_pandas().to_numpy())
    return bool((codes[pos] == codes[first_rec[id_codes]]).all())
