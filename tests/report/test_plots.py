"""The report's charts: they build, speak Indonesian, and draw the grade bands from the scheme's table."""

from decimal import Decimal

import pandas as pd
import pytest
from matplotlib.figure import Figure

from ikm_utils.method.compute import compute_ikm
from ikm_utils.method.schemes import GradeBand, GradeTable, get_scheme, grade_table
from ikm_utils.report import plots
from ikm_utils.report.display import figure_html
from ikm_utils.report.tables import profile_series

CODES = [f"U{i}" for i in range(1, 10)]


@pytest.fixture(scope="module")
def summary():
    df = pd.DataFrame({c: [4, 3, 3, 2, 1, 4, None] for c in CODES})
    df["U3"] = [2, 2, 1, 3, 2, 1, 2]
    return compute_ikm(df).total


def odd_table() -> GradeTable:
    """A made-up grade table, so a band drawn from literals would show."""
    bands = (("A", "90.00"), ("B", "70.50"), ("C", "40.25"), ("D", "25.00"))
    return GradeTable("X", "uji", tuple(GradeBand(4 - i, m, f"kinerja {m}", Decimal(b), "", "")
                                        for i, (m, b) in enumerate(bands)))


def band_spans(fig: Figure, vertical: bool) -> dict[str, tuple[float, float]]:
    out = {}
    for patch in fig.axes[0].patches:
        gid = patch.get_gid() or ""
        if gid.startswith("band-"):
            start = patch.get_x() if vertical else patch.get_y()
            size = patch.get_width() if vertical else patch.get_height()
            out[gid[5:]] = (round(start, 6), round(start + size, 6))
    return out


def all_text(fig: Figure) -> str:
    parts = []
    for ax in fig.axes:
        parts += [ax.get_title(loc="left"), ax.get_xlabel(), ax.get_ylabel()]
        parts += [t.get_text() for t in ax.texts + ax.get_xticklabels() + ax.get_yticklabels()]
        legend = ax.get_legend()
        if legend:
            parts += [t.get_text() for t in legend.get_texts()]
    return "\n".join(parts)


def test_nrr_bars_have_the_grade_bands_of_the_given_table_behind(summary):
    fig = plots.plot_nrr_unsur(summary, odd_table())
    assert isinstance(fig, Figure)
    assert band_spans(fig, vertical=True) == {"D": (25, 40.25), "C": (40.25, 70.5), "B": (70.5, 90), "A": (90, 100)}
    ax = fig.axes[0]
    assert all(p.get_zorder() < 1 for p in ax.patches if (p.get_gid() or "").startswith("band-"))


def test_nrr_bars_show_each_unsur_value_and_indonesian_labels(summary):
    fig = plots.plot_nrr_unsur(summary, get_scheme().tabel_mutu)
    text = all_text(fig)
    assert "Nilai konversi (NRR × 25)" in text and "IKM unit" in text
    for u in summary.unsur:
        assert u.kode in text
        assert f"{u.nilai_konversi:.2f}".replace(".", ",") in text  # decimal comma
    assert "A Sangat baik" in text and "D Tidak baik" in text  # band names from the table


def test_regulation_bands_follow_the_scheme_table():
    a = plots._bands(grade_table("A_2017"))
    b = plots._bands(grade_table("B_2004"))
    assert [x[0] for x in a] == [25.0, 65.0, 76.61, 88.31]
    assert [x[0] for x in b] == [25.0, 43.76, 62.51, 81.26]


def test_distribution_diverges_at_zero_with_answers_1_2_left(summary):
    fig = plots.plot_distribusi(summary)
    ax = fig.axes[0]
    u3 = summary.unsur[2]
    left = -100 * (u3.distribusi[0] + u3.distribusi[1]) / u3.n
    row = [p for p in ax.patches if abs(p.get_y() + p.get_height() / 2 - 2) < 1e-9]
    assert min(p.get_x() + min(0, p.get_width()) for p in row) == pytest.approx(left)
    assert max(p.get_x() + p.get_width() for p in row) == pytest.approx(100 + left)
    text = all_text(fig)
    assert "Persentase jawaban" in text and "1 Tidak baik" in text and "4 Sangat baik" in text


def test_profile_panels_count_each_category():
    data = pd.DataFrame({"jenis_kelamin": ["L", "P", "P"], "pendidikan": ["SMA", "S1", "SMA"]})
    fig = plots.plot_profil(profile_series(data))
    assert [ax.get_title(loc="left") for ax in fig.axes] == ["Jenis Kelamin", "Pendidikan"]
    assert "2 (66,7%)" in all_text(fig) and "Perempuan" in all_text(fig)


def test_trend_line_over_bands_marks_another_scheme():
    trend = pd.DataFrame({
        "label": ["Semester II 2023", "Semester I 2024", "Semester II 2024"],
        "ikm_konversi": [70.0, 80.25, 85.5],
        "mutu": ["B", "B", "B"],
        "skema": ["kepmenpan25_2004", "permen14_2017", "permen14_2017"],
    })
    fig = plots.plot_tren(trend, odd_table())
    assert set(band_spans(fig, vertical=False)) == {"A", "B", "C", "D"}
    text = all_text(fig)
    assert "80,25 (B)" in text and "kepmenpan25_2004" in text and "Periode" in text
    hollow = [line for line in fig.axes[0].lines if line.get_markerfacecolor() == "white"]
    assert len(hollow) == 1


def interval_bars(fig: Figure) -> dict[str, tuple[float, float]]:
    """The error bars of the trend by period id: (lower, upper) on the y axis."""
    out = {}
    for coll in fig.axes[0].collections:
        gid = coll.get_gid() or ""
        if gid.startswith("ci-"):
            (x0, y0), (x1, y1) = coll.get_segments()[0]
            out[gid[3:]] = (round(min(y0, y1), 6), round(max(y0, y1), 6))
    return out


def test_trend_draws_an_interval_only_for_periods_that_have_one():
    trend = pd.DataFrame({
        "periode": ["2023-S1", "2023-S2", "2024-S1"],
        "label": ["Semester I 2023", "Semester II 2023", "Semester I 2024"],
        "ikm_konversi": [76.48, 78.32, 80.38],
        "mutu": ["C", "B", "B"],
        "skema": ["permen14_2017"] * 3,
        "ci95_bawah": [float("nan"), 77.37, 79.43],  # 2023-S1 was typed by hand: no interval
        "ci95_atas": [float("nan"), 79.23, 81.30],
    })
    fig = plots.plot_tren(trend, get_scheme().tabel_mutu)
    assert interval_bars(fig) == {"2023-S2": (77.37, 79.23), "2024-S1": (79.43, 81.3)}
    low, high = fig.axes[0].get_ylim()
    assert low <= 77.37 and high >= 81.30
    assert "Interval\nkepercayaan 95%" in all_text(fig)
    plain = plots.plot_tren(trend.drop(columns=["ci95_bawah", "ci95_atas"]), get_scheme().tabel_mutu)
    assert interval_bars(plain) == {} and "kepercayaan" not in all_text(plain)


def test_figures_embed_as_svg_without_network_or_date(summary):
    fig = plots.plot_nrr_unsur(summary, get_scheme().tabel_mutu)
    page = figure_html(fig, "Gambar 3.1 <Uji>")
    assert page.count('src="data:image/svg+xml;base64,') == 1 and "http" not in page.split("base64,")[0]
    assert "Gambar 3.1 &lt;Uji&gt;" in page
    assert figure_html(fig) == figure_html(fig)  # no timestamp: the same figure, the same bytes
