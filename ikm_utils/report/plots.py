"""The report's charts: seaborn in one style, Indonesian labels, readable in print.

One function per kind of figure, each returning a :class:`matplotlib.figure.Figure` built without
pyplot (nothing is shown twice in a notebook, nothing stays open). Grade bands come from the
scheme's grade table (``Scheme.tabel_mutu``), never from literals. Numbers on axes and labels use
the decimal comma.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from contextlib import contextmanager

import matplotlib as mpl
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MultipleLocator

from ikm_utils.method.compute import Summary
from ikm_utils.method.indonesian import format_number
from ikm_utils.method.schemes import GradeTable, generic_labels
from ikm_utils.report.palette import BAND_COLOURS, BAR, INK, SCALE_MAX, SCALE_MIN, grade_colours
from ikm_utils.report.palette import grade_bands as _bands
from ikm_utils.report.privacy import mask_personal_data

WIDTH = 7.0  # inches: the text width of an A4 page with 2 cm margins, so 1 pt = 1 pt on paper
#: Answer colours 1..4 for the diverging distribution.
ANSWER_COLOURS = ("#b2182b", "#ef8a62", "#67a9cf", "#2166ac")

_RC = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
    "axes.labelsize": 9,
    "xtick.labelsize": 8.5,
    "ytick.labelsize": 8.5,
    "legend.fontsize": 8.5,
    "axes.edgecolor": "#888888",
    "text.color": INK,
    "axes.labelcolor": INK,
    # category text is respondents' text: "$5$ lainnya" is shown as written, never parsed as mathtext
    "text.parse_math": False,
}


@contextmanager
def report_style():
    """The report's plotting style (seaborn ``whitegrid`` + print-sized fonts), applied locally."""
    with sns.axes_style("whitegrid", {"grid.color": "#dddddd"}), mpl.rc_context(_RC):
        yield


def _finish(fig: Figure) -> Figure:
    """Lay the figure out once and freeze it, so every save gives the same drawing."""
    fig.draw_without_rendering()
    fig.set_layout_engine("none")
    return fig


def _wrap(text: str, width: int = 26) -> str:
    """Break a long unsur label over lines so the bars keep most of the width."""
    return "\n".join(textwrap.wrap(text, width)) or text


def _categories(values) -> list[str]:
    """Category labels as drawn: masked (respondents' free text), distinct, never empty.

    >>> _categories(["Lainnya: hub 0812-9988-7766", "", "Lainnya: hub 0812-9988-0000"])
    ['Lainnya: hub 0812****7766', '–', 'Lainnya: hub 0812****0000']
    """
    out: list[str] = []
    for v in values:
        text = mask_personal_data(str(v)).strip() or "–"
        while text in out:  # two raw values that mask alike stay two bars
            text += " "
        out.append(text)
    return out


def _comma(decimals: int = 0) -> FuncFormatter:
    return FuncFormatter(lambda x, _pos: format_number(x, decimals))


def _draw_bands(ax, table: GradeTable, vertical: bool, label_at: float | None = None) -> None:
    """Shade the grade bands behind the data and name each band (``gid`` ``band-A`` ... for checks)."""
    bands = _bands(table)
    colours = BAND_COLOURS if len(bands) == len(BAND_COLOURS) else sns.color_palette("RdYlGn", len(bands))
    for (start, end, mutu, _), colour in zip(bands, colours, strict=True):
        span = ax.axvspan(start, end, color=colour, zorder=0, lw=0) if vertical else \
            ax.axhspan(start, end, color=colour, zorder=0, lw=0)
        span.set_gid(f"band-{mutu}")
        mid = (start + end) / 2
        if label_at is None:
            continue
        if vertical:
            ax.text(mid, label_at, mutu, ha="center", va="bottom", fontsize=9, fontweight="bold", color="#555555",
                    transform=ax.get_xaxis_transform(), clip_on=False)
        else:
            ax.text(label_at, mid, mutu, ha="left", va="center", fontsize=9, fontweight="bold", color="#555555",
                    transform=ax.get_yaxis_transform(), clip_on=False)


def plot_nrr_unsur(summary: Summary, table: GradeTable, title: str | None = None) -> Figure:
    """Each unsur's NRR × 25 as horizontal bars, the grade bands behind, the unit's IKM as a line."""
    unsur = list(summary.unsur)
    labels = [_wrap(f"{u.kode} {u.nama}") for u in unsur]
    values = [float(u.nilai_konversi) if u.nilai_konversi is not None else float("nan") for u in unsur]
    frame = pd.DataFrame({"Unsur": labels, "Nilai": values})
    with report_style():
        fig = Figure(figsize=(WIDTH, 0.42 * len(unsur) + 1.3), layout="constrained")
        ax = fig.subplots()
        _draw_bands(ax, table, vertical=True, label_at=1.005)
        sns.barplot(data=frame, x="Nilai", y="Unsur", ax=ax, color=BAR, orient="h", width=0.62, zorder=2,
                    linewidth=0)
        for y, v in enumerate(values):
            if v == v:
                ax.text(v - 0.8, y, format_number(v), va="center", ha="right", fontsize=8.5, color="white",
                        fontweight="bold", zorder=3)
        handles = [Patch(color=c, label=f"{m} {k}") for (_, _, m, k), c in zip(_bands(table), BAND_COLOURS,
                                                                               strict=False)][::-1]
        if summary.ikm_konversi is not None:
            ikm = float(summary.ikm_konversi)
            ax.axvline(ikm, color=INK, ls="--", lw=1.2, zorder=1.5)
            handles.insert(0, Line2D([], [], color=INK, ls="--", lw=1.2, label=f"IKM unit {format_number(ikm)}"))
        ax.legend(handles=handles, ncols=3, loc="upper center", bbox_to_anchor=(0.5, -0.1 - 0.3 / len(unsur)),
                  frameon=False, fontsize=8, handlelength=1.6, columnspacing=1.2)
        ax.set_xlim(SCALE_MIN, SCALE_MAX)
        ax.xaxis.set_major_locator(MultipleLocator(10))
        ax.xaxis.set_major_formatter(_comma())
        ax.set_xlabel("Nilai konversi (NRR × 25), skala 25–100")
        ax.set_ylabel("")
        ax.grid(axis="y", visible=False)
        ax.set_title(title or "Nilai per unsur pelayanan dan mutu pelayanan", loc="left", pad=16)
    return _finish(fig)


def plot_distribusi(summary: Summary, title: str | None = None) -> Figure:
    """Answer shares per unsur as diverging stacked bars: answers 1-2 left of zero, 3-4 right."""
    names = generic_labels()
    rows = [u for u in summary.unsur if u.n]
    labels = [_wrap(f"{u.kode} {u.nama}") for u in rows]
    shares = [[100 * c / u.n for c in u.distribusi] for u in rows]
    with report_style():
        fig = Figure(figsize=(WIDTH, 0.42 * len(rows) + 1.6), layout="constrained")
        ax = fig.subplots()
        y = list(range(len(rows)))
        s1 = [s[0] for s in shares]
        s2 = [s[1] for s in shares]
        s3 = [s[2] for s in shares]
        s4 = [s[3] for s in shares]
        ax.barh(y, [-v for v in s2], color=ANSWER_COLOURS[1], height=0.6, label=f"2 {names[1]}", zorder=2)
        ax.barh(y, [-v for v in s1], left=[-v for v in s2], color=ANSWER_COLOURS[0], height=0.6,
                label=f"1 {names[0]}", zorder=2)
        ax.barh(y, s3, color=ANSWER_COLOURS[2], height=0.6, label=f"3 {names[2]}", zorder=2)
        ax.barh(y, s4, left=s3, color=ANSWER_COLOURS[3], height=0.6, label=f"4 {names[3]}", zorder=2)
        for yi, (a, b, c, d) in zip(y, shares, strict=True):
            ax.text(-(a + b) - 1.5, yi, format_number(a + b, 0) + "%", ha="right", va="center", fontsize=8)
            ax.text(c + d + 1.5, yi, format_number(c + d, 0) + "%", ha="left", va="center", fontsize=8)
        ax.axvline(0, color=INK, lw=1, zorder=3)
        low = max([a + b for a, b, _, _ in shares] + [10])
        ax.set_xlim(-min(100, low + 14), 114)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _p: format_number(abs(x), 0)))
        ax.set_yticks(y, labels)
        ax.invert_yaxis()
        ax.set_xlabel("Persentase jawaban (%): nilai 1–2 di kiri, nilai 3–4 di kanan")
        ax.grid(axis="y", visible=False)
        handles, legend_labels = ax.get_legend_handles_labels()
        order = [1, 0, 2, 3]  # 1, 2, 3, 4 from left to right
        ax.legend([handles[i] for i in order], [legend_labels[i] for i in order], ncols=4, loc="upper center",
                  bbox_to_anchor=(0.5, -0.16), frameon=False)
        ax.set_title(title or "Distribusi jawaban per unsur", loc="left")
    return _finish(fig)


def plot_profil(profiles: Mapping[str, pd.Series] | pd.Series, title: str | None = None) -> Figure | str:
    """Respondent profile: one horizontal bar panel per field (count and percentage on each bar).

    Nothing to draw gives one sentence instead: the fields the questionnaire did not ask, or the
    one category every respondent shares (a single-service unit needs no chart of one bar).
    """
    if isinstance(profiles, pd.Series):
        profiles = {str(profiles.name or "Profil"): profiles}
    items = [(k, v) for k, v in profiles.items() if len(v)]
    if not items:
        asked = [k.lower() for k in profiles]
        return (f"Kuesioner periode ini tidak memuat isian {' dan '.join(asked)}." if asked else
                "Kuesioner periode ini tidak memuat data profil responden.")
    if len(items) == 1 and len(items[0][1]) == 1:
        name, counts = items[0]
        return (f"Seluruh responden ({format_number(int(counts.iloc[0]), 0)} orang) memiliki {name.lower()} yang "
                f"sama: {counts.index[0]}.")
    ncols = 2 if len(items) > 1 else 1
    nrows = -(-len(items) // ncols)
    heights = [max(len(v) for _, v in items[r * ncols:(r + 1) * ncols]) for r in range(nrows)]
    with report_style():
        fig = Figure(figsize=(WIDTH, sum(0.3 * h + 0.9 for h in heights) + 0.3), layout="constrained")
        grid = fig.add_gridspec(nrows, ncols, height_ratios=[h + 2 for h in heights])
        for i, (name, counts) in enumerate(items):
            ax = fig.add_subplot(grid[i // ncols, i % ncols])
            frame = pd.DataFrame({"Kategori": _categories(counts.index), "Jumlah": counts.to_numpy()})
            sns.barplot(data=frame, x="Jumlah", y="Kategori", ax=ax, color=BAR, orient="h", width=0.65)
            total = frame["Jumlah"].sum()
            top = frame["Jumlah"].max() or 1
            for yi, v in enumerate(frame["Jumlah"]):
                share = format_number(100 * v / total, 1) if total else "0"
                ax.text(v + top * 0.02, yi, f"{format_number(v, 0)} ({share}%)", va="center", fontsize=8)
            ax.set_xlim(0, top * 1.45)
            ax.xaxis.set_major_formatter(_comma())
            ax.set_title(name, loc="left")
            ax.set_xlabel("Jumlah responden")
            ax.set_ylabel("")
            ax.grid(axis="y", visible=False)
        if title:
            fig.suptitle(title, fontweight="bold", x=0.01, ha="left")
    return _finish(fig)


def plot_tren(trend: pd.DataFrame, table: GradeTable, title: str | None = None) -> Figure:
    """IKM (25-100) per period as a line over the grade bands; each point labelled with value and grade.

    ``trend`` has ``label``, ``ikm_konversi``, ``mutu`` and ``skema`` per period, oldest first
    (``ikm_utils.report.tables.trend_data``). Bands are those of ``table`` (the current scheme); a point
    graded under another scheme is drawn hollow and its label says which scheme. When ``trend`` has
    ``ci95_bawah``/``ci95_atas`` (``tables.trend_data``), each period with an interval gets
    an error bar (``gid`` ``ci-<periode>``); periods without one (typed by hand) get none.
    """
    data = trend.dropna(subset=["ikm_konversi"]).reset_index(drop=True)
    current = str(data["skema"].iloc[-1]).split("+")[0] if len(data) else ""
    has_ci = {"ci95_bawah", "ci95_atas"} <= set(data.columns)
    lows = data["ci95_bawah"].astype(float).tolist() if has_ci else [float("nan")] * len(data)
    highs = data["ci95_atas"].astype(float).tolist() if has_ci else [float("nan")] * len(data)
    with report_style():
        fig = Figure(figsize=(WIDTH, 3.4), layout="constrained")
        ax = fig.subplots()
        values = data["ikm_konversi"].astype(float).tolist()
        low = min(values + [v for v in lows if v == v] + [76.0]) - 6
        high = max(values + [v for v in highs if v == v] + [90.0]) + 4
        _draw_bands(ax, table, vertical=False)
        ax.set_ylim(max(SCALE_MIN, low), min(SCALE_MAX, high))
        x = list(range(len(data)))
        sns.lineplot(x=x, y=values, ax=ax, color=BAR, lw=2, marker=None, zorder=2)
        with_ci = False
        for xi, r in data.iterrows():
            other = str(r["skema"]).split("+")[0] != current
            value, lo, hi = float(r["ikm_konversi"]), lows[xi], highs[xi]
            top = value
            if lo == lo and hi == hi:
                # the graded value is rounded: it may lie just outside a zero-width interval
                yerr = [[max(value - lo, 0.0)], [max(hi - value, 0.0)]]
                bar = ax.errorbar(xi, value, yerr=yerr, fmt="none", ecolor=INK, elinewidth=1.2,
                                  capsize=4, capthick=1.2, zorder=2.5)
                bar.lines[2][0].set_gid(f"ci-{r.get('periode', xi)}")
                top, with_ci = max(value, hi), True
            ax.plot(xi, value, "o", ms=7, mfc="white" if other else BAR, mec=BAR, mew=2, zorder=3)
            text = f"{format_number(value)} ({r['mutu'] or '–'})"
            if other:
                text += f"\n{r['skema']}"
            ax.annotate(text, (xi, top), textcoords="offset points", xytext=(0, 7 if top > value else 9),
                        ha="center", fontsize=8.5, zorder=4)
        ax.set_xticks(x, [str(v).replace(" ", "\n", 1) for v in data["label"]])
        ax.set_xlim(-0.5, len(x) - 0.5)
        ax.yaxis.set_major_formatter(_comma())
        ax.set_ylabel("Nilai IKM (skala 25–100)")
        ax.set_xlabel("Periode")
        ax.grid(axis="x", visible=False)
        handles = [Patch(color=c, label=f"{m} {k}") for (_, _, m, k), c in zip(_bands(table), BAND_COLOURS,
                                                                               strict=False)][::-1]
        if with_ci:
            handles.append(Line2D([], [], color=INK, lw=1.2, marker="_", ms=8, mew=1.2,
                                  label="Interval\nkepercayaan 95%"))
        ax.legend(handles=handles, title="Mutu", loc="upper left", bbox_to_anchor=(1.03, 1), frameon=False,
                  fontsize=8)
        ax.set_title(title or "Tren nilai IKM", loc="left", pad=14)
    return _finish(fig)


__all__ = ["grade_colours", "plot_distribusi", "plot_nrr_unsur", "plot_profil", "plot_tren", "report_style"]
