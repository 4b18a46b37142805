"""Charts and the report's cells survive one respondent, identical rows and any category text."""

from __future__ import annotations

import pandas as pd
import pytest
from hostile_samples import row, run_cells, write_unit

from ikm_utils.method.schemes import get_scheme
from ikm_utils.publish.export import external_references
from ikm_utils.report import display, plots


def test_trend_point_just_outside_a_zero_width_interval_draws():
    trend = pd.DataFrame({"label": ["Semester I 2024"], "periode": ["2024-S1"], "ikm_konversi": [77.78],
                          "mutu": ["C"], "skema": ["permen14_2017"], "ci95_bawah": [77.7778], "ci95_atas": [77.7778]})
    fig = plots.plot_tren(trend, get_scheme("permen14_2017").tabel_mutu)
    assert display.figure_svg(fig).startswith(b"<?xml")


@pytest.mark.parametrize("rows", [
    [row((3, 3, 3, 3, 3, 3, 3, 3, 4))],  # one respondent
    [row((4, 3, 3, 3, 3, 3, 3, 3, 3), usia=str(20 + i)) for i in range(30)],  # untouched kiosk forms
], ids=["satu-responden", "30-baris-identik"])
def test_every_report_cell_runs(tmp_path, rows):
    params = write_unit(tmp_path / "unit", rows, populasi=100)
    shown = run_cells(params, tmp_path / "outputs")
    assert any("Indeks Kepuasan" in str(s) or "IKM" in str(s) for s in shown)


def test_dollar_text_in_categories_is_drawn_as_written(tmp_path):
    rows = [row(pekerjaan="$x^{2$ pedagang", layanan="Biaya $5$ & $"), row(pekerjaan="$$", layanan="$\\alpha$")]
    params = write_unit(tmp_path / "unit", rows * 3)
    shown = "".join(map(str, run_cells(params, tmp_path / "outputs")))
    assert "$x^{2$ pedagang" in shown  # the profile table, escaped text as written
    series = pd.Series([2, 1], index=["$x^{2$ pedagang", "$\\alpha$"], name="Pekerjaan")
    svg = display.figure_svg(plots.plot_profil(series)).decode()
    assert "$x^{2$ pedagang" in svg  # matplotlib keeps each label's text in a comment: drawn as text


def test_escaped_url_in_a_saran_does_not_trip_the_offline_check():
    page = display.bullet_list_html(["Lihat url(https://contoh.id/a.png) dan <img src='https://x.id/b.png'>"])
    assert "url(https://contoh.id" in page and external_references(page) == []
    assert external_references('<div style="background:url(https://x.id/a.png)"></div>') == ["https://x.id/a.png"]
    assert external_references('<link rel="stylesheet" href="//cdn.example/a.css">') == ["//cdn.example/a.css"]
