"""Lampiran 2 as a typed listing: one line per respondent, the header on every page, the totals last."""

from __future__ import annotations

import re

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from ikm_utils.method.compute import compute_ikm
from ikm_utils.method.schemes import get_scheme
from ikm_utils.report import appendix
from ikm_utils.report.display import LISTING_BLOCK, listing_html, to_html

SCHEME = get_scheme("permen14_2017")
CODES = SCHEME.codes


def _table(rows: list[list[int | None]]) -> pd.DataFrame:
    data = pd.DataFrame(rows, columns=CODES, dtype="Int8")
    data["baris"] = range(2, len(rows) + 2)
    return appendix.respondent_table(data, compute_ikm(data, scheme=SCHEME).total, SCHEME)


def _lines(page: str, part: str = "tbody") -> list[list[str]]:
    """The words of each typed line inside ``part`` (thead or the body rows)."""
    page = page.split("</thead>")[0 if part == "thead" else 1]
    return [line.split() for pre in re.findall(r"<pre>(.*?)</pre>", page, flags=re.S) for line in pre.split("\n")]


def test_respondent_with_answers_4_3_3_2_is_one_line_with_their_sum():
    page = to_html(_table([[4, 3, 3, 2, 4, 4, 4, 4, 4], [3, 3, 3, 3, 3, 3, 3, 3, 3]]), "Tabel L2.1 Nilai")
    lines = _lines(page)
    assert lines[0] == ["1", "2", "4", "3", "3", "2", "4", "4", "4", "4", "4", "32"]
    assert lines[1] == ["2", "3", *["3"] * 9, "27"]
    assert _lines(page, "thead") == [["No", "Baris", "data", *CODES, "Jumlah"]]
    assert "<caption>Tabel L2.1 Nilai</caption>" in page  # listed in the Daftar Tabel like any table


def test_totals_close_the_listing_bold_and_kept_with_the_last_rows():
    page = to_html(_table([[4] * 9, [3] * 9, [2] * 9]), "Tabel L2.1")
    closing = page.split('<tbody class="ikm-akhir">')[1]
    assert closing.count('<tr class="ikm-total">') == 4
    words = _lines("</thead>" + closing)
    assert words[-4][:2] == ["Jumlah", "nilai"] and words[-4][2:] == ["9"] * 9
    assert words[-2] == ["NRR", *["3,000"] * 9]
    assert words[-1] == ["NRR", "tertimbang", *["0,333"] * 9, "3,000"]


def test_a_blank_answer_is_a_dash_and_every_line_keeps_its_columns():
    page = to_html(_table([[4, None, 3, 3, 3, 3, 3, 3, 3]]), None)
    assert _lines(page)[0] == ["1", "2", "4", "–", *["3"] * 7, "25"]


def test_rows_come_in_blocks_so_a_page_breaks_between_them():
    page = to_html(_table([[3] * 9] * 25), None)
    blocks = re.findall(r"<tr><td><pre>(.*?)</pre></td></tr>", page, flags=re.S)
    assert [b.count("\n") + 1 for b in blocks] == [LISTING_BLOCK, LISTING_BLOCK, 5]


def test_more_respondents_than_printed_are_said_in_a_plain_line():
    data = pd.DataFrame([[3] * 9] * 12, columns=CODES, dtype="Int8")
    table = appendix.respondent_table(data, compute_ikm(data, scheme=SCHEME).total, SCHEME, limit=10)
    page = to_html(table, None)
    assert len(_lines(page)) == 10 + 4
    assert re.search(r'<tr class="ikm-total"><td>… 2 responden berikutnya tidak dicetak', page)


def test_text_in_a_listing_is_escaped_and_masked():
    t = pd.DataFrame({"No": [1], "Nama": ["<b>x</b> 0812-3456-7890"], "U1": [4]}, dtype=object)
    t.attrs["format"] = {"U1": 0}
    page = listing_html(t)
    assert "<b>x" not in page and "&lt;b&gt;x&lt;/b&gt;" in page and "0812-3456-7890" not in page


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.one_of(st.none(), st.integers(1, 4)), min_size=9, max_size=9), min_size=1, max_size=40))
def test_every_counted_respondent_is_one_line_whatever_the_answers(rows):
    rows = [r for r in rows if any(v is not None for v in r)] or [[4] * 9]
    lines = _lines(to_html(_table(rows), None))
    assert len(lines) == len(rows) + 4
    for words, answers in zip(lines, rows, strict=False):
        assert words[2:11] == ["–" if v is None else str(v) for v in answers]
