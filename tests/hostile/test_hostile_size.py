"""Size: with 100,000 respondents the page lists the first rows and the totals; the rest go beside it."""

from __future__ import annotations

import csv
from types import SimpleNamespace

import numpy as np
import pandas as pd

from ikm_utils.method.compute import compute_ikm
from ikm_utils.method.schemes import get_scheme
from ikm_utils.publish.detail import write_detail
from ikm_utils.report.appendix import RESPONDENT_CSV, RESPONDENT_ROWS_SHOWN, excluded_table, respondent_table
from ikm_utils.report.display import html_table
from ikm_utils.report.saran import SARAN_CSV, SARAN_PER_THEME, saran_table, theme_counts

SCHEME = get_scheme("permen14_2017")
N = 100_000


def big_scores(n: int = N) -> pd.DataFrame:
    rng = np.random.default_rng(14)
    df = pd.DataFrame(rng.integers(1, 5, size=(n, 9)).astype(float), columns=SCHEME.codes)
    df["baris"] = np.arange(2, n + 2)
    return df


def test_lampiran_2_lists_the_first_rows_then_how_many_more_then_totals_over_everyone():
    data = big_scores()
    summary = compute_ikm(data[SCHEME.codes], SCHEME).total
    table = respondent_table(data, summary, SCHEME)
    assert len(table) == RESPONDENT_ROWS_SHOWN + 1 + 4
    note = table["Baris data"].iloc[RESPONDENT_ROWS_SHOWN]
    assert note.startswith("… 99.000 responden berikutnya tidak dicetak") and RESPONDENT_CSV in note
    assert table.iloc[-4]["U1"] == summary.unsur[0].jumlah_nilai  # Jumlah nilai of all 100,000
    assert table.iloc[-3]["U1"] == N
    assert len(html_table(table, small=True)) < 400_000


def test_small_units_still_list_every_respondent():
    data = big_scores(385)
    table = respondent_table(data, compute_ikm(data[SCHEME.codes], SCHEME).total, SCHEME)
    assert len(table) == 385 + 4


def test_saran_list_keeps_the_most_frequent_per_theme_and_counts_the_rest():
    saran = [f"Antrian loket nomor {i % 30_000}" for i in range(60_000)] + ["Toilet kotor"] * 3
    table = saran_table(saran, SCHEME)
    assert len(table) <= (SCHEME.k + 2) * (SARAN_PER_THEME + 1)
    assert table["Jumlah"].sum() == len(saran)  # nothing silently dropped: the closing row counts the rest
    rest = table[table["Saran"].str.startswith("…")]
    assert len(rest) == 1 and rest["Saran"].iloc[0].startswith(f"… {30_000 - SARAN_PER_THEME} saran lain")
    assert theme_counts(saran, SCHEME)["Jumlah saran"].sum() == len(saran)
    assert len(html_table(table)) < 100_000


def test_excluded_list_is_bounded_and_says_how_many_more():
    excluded = pd.DataFrame({"baris": np.arange(2, 5002), "alasan": ["nilai tidak valid di kolom 'U1' ('9')"] * 5000})
    table = excluded_table(SimpleNamespace(excluded=excluded))
    assert len(table) == 201 and table["Alasan"].iloc[-1].startswith("… 4.800 respons lain dikecualikan")


def test_detail_csvs_hold_every_respondent_and_saran_that_cannot_run_as_formulas(tmp_path):
    data = big_scores(2000)
    data["saran"] = ["=HYPERLINK(\"https://x.example\")", "+62 812-3456-7890", "Bagus"] * 666 + ["@SUM(A1)"] * 2
    ctx = SimpleNamespace(data=data, scheme=SCHEME, saran=lambda: __import__(
        "ikm_utils.report.saran", fromlist=["collect_saran"]).collect_saran(data))
    files = write_detail(ctx, tmp_path)
    with open(files["olah_data"], encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 2000 and rows[0]["Baris data"] == "2"
    text = (tmp_path / SARAN_CSV).read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text and "'@SUM" in text and "'+62812****7890" in text
    assert "3456-7890" not in text
