"""The fast paths of reading a large export give exactly what the straightforward ones give.

A CSV column may be parsed dictionary-encoded or as plain text, in one chunk or many; dates
written at full width are read by numpy, others by pyarrow; repeated timestamps are found among
neighbours when the column is sorted. None of these choices may change a score, a row number, a
category or a message.
"""

from __future__ import annotations

import string
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ikm_utils.intake import readers
from ikm_utils.intake.ingest import check_file
from ikm_utils.intake.profile import DATE_FORMATS, strptime_seconds
from ikm_utils.intake.validate import repeated_times

FIELD_DIGITS = {"%Y": 4, "%m": 2, "%d": 2, "%H": 2, "%M": 2, "%S": 2}


@st.composite
def written_dates(draw: st.DrawFn, fmt: str) -> str | None:
    """A value in (or near) ``fmt``: any digits in each field, sometimes short, a wrong separator, spaces."""
    if draw(st.integers(0, 9)) == 0:
        return None
    out, i = [], 0
    while i < len(fmt):
        if fmt[i] == "%":
            width = FIELD_DIGITS[fmt[i:i + 2]]
            if fmt[i:i + 2] == "%Y" and draw(st.booleans()):
                out.append(str(draw(st.integers(1890, 2210))))
            else:
                out.append("".join(draw(st.lists(st.sampled_from(string.digits), min_size=max(1, width - 1),
                                                  max_size=width))))
            i += 2
        else:
            out.append(draw(st.sampled_from([fmt[i], fmt[i], fmt[i], "x", "é"])))
            i += 1
    return draw(st.sampled_from(["", "", " "])) + "".join(out)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(DATE_FORMATS), st.data())
def test_dates_at_full_width_are_read_as_strptime_reads_them(fmt: str, data: st.DataObject) -> None:
    values = data.draw(st.lists(written_dates(fmt), min_size=1, max_size=60))
    text = pa.array(values, type=pa.string())
    expected = pc.strptime(text, format=fmt, unit="s", error_is_null=True)
    assert strptime_seconds(text, fmt).equals(expected)


def test_every_valid_day_of_two_centuries_is_read_as_strptime_reads_it() -> None:
    days = pd.date_range("1900-01-01", "2199-12-31", freq="D") + pd.to_timedelta(np.arange(109_573) % 86_400, "s")
    for fmt in ("%d/%m/%Y %H.%M.%S", "%Y-%m-%d %H:%M:%S", "%d/%m/%Y"):
        text = pa.array(days.strftime(fmt))
        assert strptime_seconds(text, fmt).equals(pc.strptime(text, format=fmt, unit="s", error_is_null=True))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(0, 20)), max_size=40), st.booleans())
def test_repeated_timestamps_are_those_pandas_calls_duplicated(seconds: list[int | None], ordered: bool) -> None:
    if ordered:
        seconds = sorted(s for s in seconds if s is not None) + [None] * seconds.count(None)
    stamps = pd.Series(pd.to_datetime([None if s is None else 1_700_000_000 + s for s in seconds], unit="s"),
                       dtype="datetime64[ns]")
    expected = (stamps.duplicated(keep=False) & stamps.notna()).to_numpy()
    assert repeated_times(stamps.to_numpy()).tolist() == expected.tolist()


HEADER = ["Cap waktu", "Jenis Kelamin", "Usia", "Pendidikan", *(f"U{i}" for i in range(1, 10)), "Saran"]
CELLS = {
    "Cap waktu": ["02/01/2024 08.00.06", "02/01/2024 08.00.06", "03/01/2024 09.10.00", "", "kemarin", "2024-01-05"],
    "Jenis Kelamin": ["Laki-laki", "Perempuan", "L", "", "Waria?", "Jenis Kelamin"],
    "Usia": ["22", "43 tahun", "", "tiga", "150"],
    "Pendidikan": ["SMA/SMK", "S1", "", "Pesantren"],
    "Saran": ["", "", "Baik sekali", " Baik sekali ", "Saran"],
}
ANSWERS = ["4", "3", "Sangat baik", "SESUAI", "Baik", "", "5", "U1", "c. Baik"]


@st.composite
def csv_exports(draw: st.DrawFn) -> str:
    n = draw(st.integers(1, 40))
    rows = [",".join(HEADER)]
    for _ in range(n):
        cells = [draw(st.sampled_from(CELLS.get(h, ANSWERS))) for h in HEADER]
        rows.append(",".join(f'"{c}"' if draw(st.booleans()) else c for c in cells))
        if draw(st.integers(0, 15)) == 0:  # a blank line, or a record of blank cells
            rows.append(draw(st.sampled_from(["", "," * (len(HEADER) - 1)])))
    return "\n".join(rows) + draw(st.sampled_from(["\n", "", "\n\n", "\r\n"]))


def _checked(path: Path) -> tuple[pd.DataFrame, list[str], list[str]]:
    r = check_file(path)
    kinds = [str(c.type) for c in readers.read_table(path).columns]
    return r.data, [p.message for p in r.problems], kinds


@settings(max_examples=25, deadline=None)
@given(csv_exports())
def test_dictionary_and_plain_columns_give_the_same_responses(text: str) -> None:
    """Every column plain, every column dictionary-encoded, in chunks of a few hundred bytes: same result."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as mp:
        path = Path(tmp) / "ekspor.csv"
        path.write_text(text, encoding="utf-8")
        mp.setattr(readers, "repeating_columns", lambda head, delimiter, width: set())
        plain, plain_problems, plain_kinds = _checked(path)
        mp.setattr(readers, "repeating_columns", lambda head, delimiter, width: set(range(width)))
        mp.setattr(readers, "CSV_BLOCK_BYTES", 256)
        coded, coded_problems, coded_kinds = _checked(path)
    assert "string" in plain_kinds
    pd.testing.assert_frame_equal(coded, plain)
    assert coded_problems == plain_problems


def test_a_blank_line_keeps_the_spreadsheet_row_of_every_later_response(tmp_path: Path) -> None:
    path = tmp_path / "kosong.csv"
    path.write_text(",".join(f"U{i}" for i in range(1, 10)) + "\n" + "4," * 8 + "4\n\n" + "3," * 8 + "3\n")
    assert check_file(path).data["baris"].tolist() == [2, 4]


def test_a_line_break_inside_a_cell_counts_as_one_spreadsheet_row(tmp_path: Path) -> None:
    path = tmp_path / "multi.csv"
    path.write_text(",".join([*(f"U{i}" for i in range(1, 10)), "Saran"]) + "\n"
                    + "4," * 9 + '"baris satu\nbaris dua"\n' + "3," * 9 + "x\n")
    r = check_file(path)
    assert r.data["baris"].tolist() == [2, 3] and r.data["saran"].tolist() == ["baris satu\nbaris dua", "x"]
