"""Respondent profile columns, normalised: jenis kelamin, usia and its bands, pendidikan, pekerjaan, dates.

Categories are read through the variants in ``data/schemes.yaml`` (``Laki - Laki`` -> ``L``,
``S1 / Setara`` -> ``S1``); unknown categories are kept as written and reported, never dropped.
Dates are read in the formats Indonesian exports use (``15/07/2020 08.05.07``, ``2020-07-15``,
``15-07-2020``, ``15 Juli 2020``), day first; month first only when day first cannot read them.
Every function works on distinct values, so a million rows cost little more than a hundred.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ikm_utils.intake.recognise import normalise
from ikm_utils.method.schemes import ingest_vocabulary

#: Formats tried in order on a sample; the first that reads every sampled value is used.
DATE_FORMATS = (
    "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d",
    "%d/%m/%Y %H.%M.%S", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H.%M", "%d/%m/%Y %H:%M", "%d/%m/%Y",
    "%d-%m-%Y %H.%M.%S", "%d-%m-%Y %H:%M:%S", "%d-%m-%Y %H:%M", "%d-%m-%Y", "%d.%m.%Y",
    "%Y/%m/%d %H:%M:%S", "%Y/%m/%d", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%m/%d/%Y",
)
MONTHS_ID = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "pebruari": 2, "maret": 3, "mar": 3, "april": 4, "apr": 4,
    "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "agustus": 8, "agu": 8, "agt": 8, "ags": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11, "nopember": 11,
    "desember": 12, "des": 12,
}
_DATE_WORDS = re.compile(r"^(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})(?:[ ,]+(\d{1,2})[.:](\d{2})(?:[.:](\d{2}))?)?$")
MAX_AGE = 120


@dataclass
class Categories:
    """A normalised category column and the values that no variant matched (value -> first position)."""

    values: pd.Series
    unknown: dict[str, int]


@cache
def _variants(field: str) -> dict[str, str]:
    table = ingest_vocabulary()["nilai_profil"].get(field, {})
    return {normalise(v): canon for canon, variants in table.items() for v in (canon, *variants)}


def _text_codes(column: pa.ChunkedArray | pa.Array) -> tuple[np.ndarray, list[str | None]]:
    """Dictionary codes (-1 = blank) and the distinct values, stripped."""
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks() if column.num_chunks != 1 else column.chunk(0)
    enc = column.dictionary_encode() if not pa.types.is_dictionary(column.type) else column
    idx = enc.indices.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)
    uniques = [None if v is None or not str(v).strip() else str(v).strip() for v in enc.dictionary.to_pylist()]
    return idx, uniques


def categories(column: pa.ChunkedArray | pa.Array, field: str) -> Categories:
    """Normalise a category column (``jenis_kelamin``, ``pendidikan``, ``pekerjaan``; others are stripped only).

    >>> c = categories(pa.array(["Laki - Laki", "perempuan", None, "Waria?"]), "jenis_kelamin")
    >>> c.values.tolist(), c.unknown
    (['L', 'P', nan, 'Waria?'], {'Waria?': 3})
    """
    idx, uniques = _text_codes(column)
    variants = _variants(field)
    canon: list[str | None] = []
    unknown: dict[str, int] = {}
    for k, v in enumerate(uniques):
        if v is None:
            canon.append(None)
            continue
        c = variants.get(normalise(v)) if variants else v
        if c is None:
            c = v
            hits = np.flatnonzero(idx == k)
            unknown[v] = int(hits[0]) if len(hits) else 0
        canon.append(c)
    cats = list(dict.fromkeys(c for c in canon if c is not None))
    where = {c: i for i, c in enumerate(cats)}
    lookup = np.array([where[c] if c is not None else -1 for c in canon] + [-1], dtype=np.int64)
    codes = lookup[idx] if len(idx) else np.empty(0, dtype=np.int64)
    return Categories(values=pd.Series(pd.Categorical.from_codes(codes, categories=cats)), unknown=unknown)


def ages(column: pa.ChunkedArray | pa.Array) -> tuple[pd.Series, np.ndarray]:
    """Ages in whole years (nullable Int64) and the mask of values that are not an age 0-120.

    >>> a, bad = ages(pa.array(["22", " 43 ", "tiga", None, "150", "30 tahun"]))
    >>> a.tolist(), bad.tolist()
    ([22, 43, <NA>, <NA>, <NA>, 30], [False, False, True, False, True, False])
    """
    idx, uniques = _text_codes(column)
    table = []
    for v in uniques:
        if v is None:
            table.append(np.nan)
            continue
        m = re.fullmatch(r"(\d{1,3})(?:[.,]0+)?\s*(?:th|thn|tahun)?\.?", v.strip().casefold())
        years = float(m.group(1)) if m else -1.0
        table.append(years if 0 <= years <= MAX_AGE else -1.0)
    lut = np.array([*table, np.nan], dtype=np.float64)
    values = lut[idx] if len(idx) else np.empty(0)
    bad = values == -1.0
    values[bad] = np.nan
    return pd.Series(values).astype("Int64"), bad


def band_label(low: int, high: int | None) -> str:
    """The label of an age band: ``"17–25"`` or ``"≥ 56"``.

    >>> band_label(17, 25), band_label(56, None)
    ('17–25', '≥ 56')
    """
    return f"≥ {low}" if high is None else f"{low}–{high}"


def default_age_bands() -> list[tuple[int, int | None]]:
    """The age bands used when none are declared (``data/schemes.yaml``)."""
    return [(int(lo), None if hi is None else int(hi)) for lo, hi in ingest_vocabulary()["kelompok_usia_bawaan"]]


def age_bands(years: pd.Series, bands: Sequence[tuple[int, int | None]] | None = None) -> pd.Series:
    """Ages grouped into ordered band labels; an age outside every band gets ``"< 17"`` or ``"> 55"``.

    >>> age_bands(pd.Series([17, 25, 26, 70, None, 12], dtype="Int64")).tolist()
    ['17–25', '17–25', '26–35', '≥ 56', nan, '< 17']
    """
    bands = sorted(bands or default_age_bands(), key=lambda b: b[0])
    labels = [band_label(lo, hi) for lo, hi in bands]
    v = years.to_numpy(dtype=np.float64, na_value=np.nan)
    codes = np.full(len(v), -1, dtype=np.int64)
    for k in range(len(bands) - 1, -1, -1):  # the first band that holds the age wins
        lo, hi = bands[k]
        inside = (v >= lo) & (v <= hi) if hi is not None else v >= lo
        codes[inside] = k
    if (v < bands[0][0]).any():
        labels.insert(0, f"< {bands[0][0]}")
        codes[codes >= 0] += 1
        codes[v < bands[0][0]] = 0
    gaps = ~np.isnan(v) & (codes == -1)
    if gaps.any():  # between declared bands, or above a closed last band
        labels.append("lainnya")
        codes[gaps] = len(labels) - 1
    return pd.Series(pd.Categorical.from_codes(codes, categories=labels, ordered=True))


def _words_date(text: str) -> pd.Timestamp | None:
    m = _DATE_WORDS.match(text.strip())
    if not m or m.group(2).casefold() not in MONTHS_ID:
        return None
    d, _, y, hh, mm, ss = m.groups()
    try:
        return pd.Timestamp(int(y), MONTHS_ID[m.group(2).casefold()], int(d), int(hh or 0), int(mm or 0), int(ss or 0))
    except ValueError:
        return None


#: Excel's day 0 (serial numbers count days from here; 1900 leap-year bug included) and the
#: serials read as dates (1954-10-14 .. 2119-04-28): a column of plain numbers outside is no date.
EXCEL_EPOCH = pd.Timestamp(1899, 12, 30)
SERIAL_RANGE = (20_000.0, 80_000.0)
_SERIAL = re.compile(r"^\d{5}(?:[.,]\d+)?$")


@dataclass
class Dates:
    """Parsed dates (datetime64[ns], NaT = blank or unreadable), the unreadable mask, and the time of day.

    ``timed`` marks the values that carry a real time of day (written with one, in a column where
    at least one value is not at midnight); ``has_time`` says whether any does. Only those are
    compared to the second (duplicate submissions): a date alone is never a timestamp.
    """

    values: pd.Series
    invalid: np.ndarray
    has_time: bool
    format: str | None
    timed: np.ndarray | None = None


def _serials(text: pd.Series) -> pd.Series | None:
    """Excel serial numbers (``44027`` = 2020-07-15, ``44027.58`` with a time), or None when not all are."""
    present = text.dropna()
    if not len(present) or not present.str.fullmatch(_SERIAL).all():
        return None
    days = pd.to_numeric(text.str.replace(",", ".", regex=False), errors="coerce")
    if not days.dropna().between(*SERIAL_RANGE).all():
        return None
    return (EXCEL_EPOCH + pd.to_timedelta((days * 86400).round(), unit="s")).astype("datetime64[ns]")


#: Digits of each number a date format holds, when written at full width (15/07/2020 08.05.07).
_FULL_WIDTH = {"%Y": 4, "%m": 2, "%d": 2, "%H": 2, "%M": 2, "%S": 2}
#: Years read by numpy (first, past the last); others are left to pyarrow.
_YEARS = (1900, 2200)


@cache
def _month_starts() -> np.ndarray:
    """Day number (since 1970-01-01) of the first day of each month of ``_YEARS``."""
    first = np.arange((_YEARS[0] - 1970) * 12, (_YEARS[1] - 1970) * 12).astype("datetime64[M]")
    return first.astype("datetime64[D]").view("i8")


@cache
def _month_days() -> np.ndarray:
    """Days in each month of ``_YEARS``."""
    starts = _month_starts()
    return np.diff(np.append(starts, starts[-1] + 31))


@cache
def _full_width_layout(fmt: str) -> tuple[int, dict[str, int], list[tuple[int, int]]] | None:
    """Width, start of each number and the literal bytes of ``fmt`` written at full width (None: other codes)."""
    starts: dict[str, int] = {}
    literals: list[tuple[int, int]] = []
    pos = i = 0
    while i < len(fmt):
        if fmt[i] == "%":
            code = fmt[i:i + 2]
            if code not in _FULL_WIDTH or code in starts:
                return None
            starts[code] = pos
            pos, i = pos + _FULL_WIDTH[code], i + 2
        else:
            if ord(fmt[i]) > 127:
                return None
            literals.append((pos, ord(fmt[i])))
            pos, i = pos + 1, i + 1
    return (pos, starts, literals) if {"%Y", "%m", "%d"} <= starts.keys() else None


def _read_full_width(cells: np.ndarray, layout: tuple) -> tuple[np.ndarray, np.ndarray]:
    """Seconds since 1970 of values at full width (rows of ``cells``) and which of them are real dates and times."""
    _, starts, literals = layout
    by_position = np.ascontiguousarray(cells.T)  # one row per character position
    digit = by_position - np.uint8(48)  # wraps: anything but 0-9 is above 9
    good = np.ones(len(cells), dtype=bool)
    for pos, char in literals:
        good &= by_position[pos] == char
    number = {}
    for code, start in starts.items():
        pairs = [digit[k] * np.uint8(10) + digit[k + 1] for k in range(start, start + _FULL_WIDTH[code], 2)]
        for k in range(start, start + _FULL_WIDTH[code]):
            good &= digit[k] <= 9
        number[code] = pairs[0].astype(np.int64) * 100 + pairs[1] if len(pairs) == 2 else pairs[0]
    year, month, day = number["%Y"], number["%m"], number["%d"]
    zero = np.zeros(len(good), dtype=np.uint8)
    hour, minute, second = (number.get(c, zero) for c in ("%H", "%M", "%S"))
    good &= (year >= _YEARS[0]) & (year < _YEARS[1]) & (month >= 1) & (month <= 12)
    good &= (hour <= 23) & (minute <= 59) & (second <= 59)
    month_index = np.where(good, (year - _YEARS[0]) * 12 + month - 1, 0)
    good &= (day >= 1) & (day <= _month_days()[month_index])
    seconds = ((_month_starts()[month_index] + day - 1) * 86_400 + hour.astype(np.int64) * 3600
               + minute.astype(np.int64) * 60 + second)
    seconds[~good] = 0
    return seconds, good


#: Values read by numpy at once (small enough for every temporary to stay in the cache).
_DATE_BLOCK = 1 << 16


def strptime_seconds(text: pa.Array, fmt: str) -> pa.Array:
    """``pc.strptime(text, fmt, unit="s", error_is_null=True)``, faster on values written at full width.

    Values of exactly the format's full width (``15/07/2020 08.05.07``) that hold a real date and
    time are read with numpy, a block at a time; every other value (blank, shorter, a day 31 in
    February, second 60, ...) is left to ``pc.strptime``, so the result is the same.

    >>> strptime_seconds(pa.array(["15/07/2020 08.05.07", "31/02/2024 00.00.00", "1/7/2020 8.05.07", None]),
    ...                  "%d/%m/%Y %H.%M.%S").to_pylist()[1:3]
    [datetime.datetime(2024, 3, 2, 0, 0), datetime.datetime(2020, 7, 1, 8, 5, 7)]
    """
    layout = _full_width_layout(fmt)
    full = None
    if layout is not None and len(text) and text.null_count < len(text):
        width = layout[0]
        offsets = np.frombuffer(text.buffers()[1], dtype=np.int32)[text.offset:text.offset + len(text) + 1]
        lengths = np.diff(offsets)
        valid = text.is_valid().to_numpy(zero_copy_only=False)
        full = valid & (lengths == width)
        if full.any():
            packed = text if (lengths[~full] == 0).all() else text.filter(pa.array(full))
            first = np.frombuffer(packed.buffers()[1], dtype=np.int32)[packed.offset]
            cells = np.frombuffer(packed.buffers()[2], dtype=np.uint8)[first:first + width * int(full.sum())]
            cells = cells.reshape(-1, width)
            seconds = np.empty(len(cells), dtype=np.int64)
            good = np.empty(len(cells), dtype=bool)
            for at in range(0, len(cells), _DATE_BLOCK):
                seconds[at:at + _DATE_BLOCK], good[at:at + _DATE_BLOCK] = _read_full_width(
                    cells[at:at + _DATE_BLOCK], layout)
            if len(good) == len(text):  # every value at full width (no blank): no scatter
                full, result = good, seconds
            else:
                rows = np.flatnonzero(full)
                full[rows] = good
                result = np.zeros(len(text), dtype=np.int64)
                result[rows] = seconds
    if full is None or not full.any():
        return pc.strptime(text, format=fmt, unit="s", error_is_null=True)
    rest = np.flatnonzero(~full)
    mask = ~full
    if len(rest):
        other = pc.strptime(text.take(pa.array(rest)), format=fmt, unit="s", error_is_null=True)
        result[rest] = other.cast(pa.int64()).fill_null(0).to_numpy(zero_copy_only=False)
        mask[rest] = other.is_null().to_numpy(zero_copy_only=False)
    return pa.array(result, type=pa.int64(), mask=mask).cast(pa.timestamp("s"))


def dates(column: pa.ChunkedArray | pa.Array) -> Dates:
    """Read a date or timestamp column in the formats Indonesian exports use.

    Text dates (day first), ISO dates and timestamps, spreadsheet date cells (read by
    ``readers.date_cell_text``) and Excel serial numbers (``44027.58``) all follow one rule: a
    value is a timestamp only when it carries a time of day.

    >>> d = dates(pa.array(["15/07/2020 08.05.07", "16/07/2020 13.00.00", None, "kemarin"]))
    >>> [str(x) for x in d.values], d.invalid.tolist(), d.has_time
    (['2020-07-15 08:05:07', '2020-07-16 13:00:00', 'NaT', 'NaT'], [False, False, False, True], True)
    >>> d = dates(pa.array(["44027", "44028.5"])); [str(x) for x in d.values], d.timed.tolist()
    (['2020-07-15 00:00:00', '2020-07-16 12:00:00'], [False, True])
    """
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks() if column.num_chunks != 1 else column.chunk(0)
    text = pc.utf8_trim_whitespace(column.cast(pa.string()))
    text = pc.if_else(pc.equal(text, ""), pa.scalar(None, pa.string()), text)
    valid = text.is_valid().to_numpy(zero_copy_only=False)
    present = text.drop_null()
    sample = present.slice(0, 2000)
    chosen = None
    written_time = np.zeros(len(text), dtype=bool)
    for fmt in DATE_FORMATS:
        parsed = pc.strptime(sample, format=fmt, unit="s", error_is_null=True)
        if len(sample) and parsed.null_count == 0:
            chosen = fmt
            break
    if chosen is not None:
        parsed = strptime_seconds(text, chosen)
        values = pd.Series(parsed.to_numpy(zero_copy_only=False)).astype("datetime64[ns]")
        if "%H" in chosen:
            written_time = values.notna().to_numpy()
    else:
        serial = _serials(pd.Series(text.to_numpy(zero_copy_only=False), dtype="str")) if len(present) else None
        if serial is not None:
            values = serial
            written_time = (serial != serial.dt.normalize()).to_numpy()
        else:
            values = pd.Series(np.full(len(text), np.datetime64("NaT"), dtype="datetime64[ns]"))
    missing = values.isna().to_numpy() & valid
    if missing.any():  # a few values in another format: read those one distinct value at a time
        raw = pd.Series(text.to_numpy(zero_copy_only=False))
        for v in pd.unique(raw[missing]):
            ts, timed_text = _words_date(v), False
            if ts is not None:
                timed_text = bool(_DATE_WORDS.match(v.strip()).group(4))
            else:
                for fmt in DATE_FORMATS:
                    ts = pd.to_datetime(v, format=fmt, errors="coerce")
                    if not pd.isna(ts):
                        timed_text = "%H" in fmt
                        break
            if ts is not None and not pd.isna(ts):
                where = (raw == v).to_numpy()
                values[where] = ts
                written_time[where] = timed_text
    nat = values.isna().to_numpy()
    invalid = nat & valid
    ns = values.to_numpy(dtype="datetime64[ns]").view("i8")
    has_time = bool((ns[~nat] % 86_400_000_000_000 != 0).any())
    timed = written_time & ~nat & has_time
    return Dates(values=values, invalid=invalid, has_time=has_time, format=chosen, timed=timed)
