"""The infographic kit: the period's result on one page for social media, the website and the notice board.

``infografis.png`` (1080×1350, portrait), ``infografis_kotak.png`` (1080×1080) and
``infografis_a4.pdf`` (the portrait layout on A4 paper), drawn with matplotlib alone (no browser):
unit and period, the IKM in large type with its mutu and kinerja, n responden, the unsur as bars in
the grade colours of the report's charts (``report.palette.grade_colours``), the weakest unsur with
its RTL in one sentence, the trend of the last periods and the unit's contact line.

Sizes are in points relative to the figure width, so the A4 poster reads like the phone image.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path

from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch, Rectangle

from ikm_utils.method.indonesian import format_number
from ikm_utils.method.schemes import GradeTable
from ikm_utils.publish.facts import PublicFacts
from ikm_utils.report.palette import BAR, INK, grade_colours

#: File names of the kit.
FILES = {"potret": "infografis.png", "kotak": "infografis_kotak.png", "a4": "infografis_a4.pdf"}
#: Pixel sizes of the images (width, height) at :data:`DPI`.
PIXELS = {"potret": (1080, 1350), "kotak": (1080, 1080)}
DPI = 100
A4_INCHES = (8.27, 11.69)
MUTED = "#59636e"
PAPER = "#ffffff"
NOTE_FILL = "#fff4e0"
NOTE_EDGE = "#e0a040"


@dataclass(frozen=True)
class _Layout:
    """Vertical regions (bottom, top) as fractions of the figure height."""

    header: tuple[float, float]
    ikm: tuple[float, float]
    bars: tuple[float, float]
    legend: float
    note: tuple[float, float]
    trend: tuple[float, float]
    trend_x: tuple[float, float]
    footer: tuple[float, float]


_LAYOUTS = {
    "potret": _Layout(header=(0.865, 1.0), ikm=(0.685, 0.855), bars=(0.345, 0.635), legend=0.308,
                      note=(0.21, 0.282), trend=(0.08, 0.16), trend_x=(0.10, 0.96), footer=(0.0, 0.045)),
    "kotak": _Layout(header=(0.83, 1.0), ikm=(0.59, 0.815), bars=(0.215, 0.535), legend=0.172,
                     note=(0.063, 0.147), trend=(0.645, 0.755), trend_x=(0.66, 0.965), footer=(0.0, 0.05)),
}


def _wrap(text: str, width_in: float, size: float, max_lines: int) -> str:
    """Wrap ``text`` for a box ``width_in`` inches wide (on the 10,8-inch design) at font ``size``; cut with …
    after ``max_lines``."""
    per_line = max(10, int(width_in * 72 / (size * 0.55)))
    lines = textwrap.wrap(text, per_line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = textwrap.shorten(lines[-1] + " …", per_line, placeholder=" …")
    return "\n".join(lines)


def _short_label(label: str) -> str:
    """``Semester II 2024`` -> ``Smt II\\n2024`` (trend ticks)."""
    words = label.replace("Semester", "Smt").replace("Triwulan", "TW").split()
    return " ".join(words[:-1]) + "\n" + words[-1] if len(words) > 1 else label


def draw_infographic(facts: PublicFacts, table: GradeTable, kind: str = "potret") -> Figure:
    """The infographic of one period as a matplotlib figure.

    Parameters
    ----------
    facts
        The published figures (``facts.public_facts``).
    table
        The scheme's grade table (band colours and the legend).
    kind
        ``"potret"`` (1080×1350), ``"kotak"`` (1080×1080) or ``"a4"`` (A4, the portrait layout).
    """
    if kind == "a4":
        size, lay = A4_INCHES, _LAYOUTS["potret"]
    elif kind in PIXELS:
        size, lay = (PIXELS[kind][0] / DPI, PIXELS[kind][1] / DPI), _LAYOUTS[kind]
    else:
        raise ValueError(f"jenis infografis tidak dikenal: {kind}")
    width, height = size
    k = width / 10.8  # font scale: the same proportions on every size
    colours = grade_colours(table)
    fig = Figure(figsize=size, dpi=DPI, facecolor=PAPER)
    fig.set_layout_engine("none")

    def text(x, y, s, size, **kw):
        kw.setdefault("color", INK)
        kw.setdefault("family", "DejaVu Sans")
        return fig.text(x, y, s, fontsize=size * k, **kw)

    # Header: unit, period.
    h0, h1 = lay.header
    fig.patches.append(Rectangle((0, h0), 1, h1 - h0, transform=fig.transFigure, color=BAR, zorder=0))
    text(0.05, h1 - 0.022 * 13.5 / height, "HASIL SURVEI KEPUASAN MASYARAKAT", 17, color="#cfe0f5",
         weight="bold", va="top")
    unit = _wrap(facts.unit, 10.8 * 0.9, 28, 2)
    text(0.05, (h0 + h1) / 2 - 0.004, unit, 28 if "\n" not in unit else 24, color="white", weight="bold",
         va="center", linespacing=1.1)
    sub = facts.periode_label + (f"  ·  {facts.instansi}" if facts.instansi else "")
    text(0.05, h0 + 0.015 * 13.5 / height, _wrap(sub, 10.8 * 0.9, 17, 1), 17, color="white", va="bottom")

    # The IKM, its grade and n.
    i0, i1 = lay.ikm
    mid = (i0 + i1) / 2
    fill = colours.get(facts.mutu or "", "#dddddd")
    text(0.05, i1, "Indeks Kepuasan Masyarakat", 19, color=MUTED, va="top")
    if kind == "kotak":  # the trend takes the right third: grade and n go under the number
        mid += 0.02
        text(0.045, mid, facts.ikm_text, 74, color=BAR, weight="bold", va="center")
        _badge(fig, 0.44, mid, 0.15, width / height, fill, facts.mutu, k)
        text(0.05, i0 + 0.035, f"Kinerja unit pelayanan: {facts.kinerja or '–'}", 16, weight="bold", va="bottom")
        text(0.05, i0, f"skala 25–100  ·  {facts.sample_line()}", 14.5, color=MUTED, va="bottom")
    else:
        text(0.045, mid - 0.005, facts.ikm_text, 86, color=BAR, weight="bold", va="center")
        text(0.05, i0, f"skala 25–100  ·  {facts.sample_line()}", 15.5, color=MUTED, va="bottom")
        _badge(fig, 0.50, mid, 0.17, width / height, fill, facts.mutu, k)
        text(0.72, mid + 0.03, "Kinerja unit pelayanan", 16, color=MUTED, va="center")
        text(0.72, mid - 0.005, _wrap(facts.kinerja or "–", 10.8 * 0.26, 30, 2), 30, weight="bold",
             va="center")
        text(0.72, mid - 0.04, facts.regulasi, 13, color=MUTED, va="center")

    _bars(fig, facts, colours, lay, k)
    _legend(fig, table, colours, lay.legend, k)

    # The weakest unsur and its RTL, in one sentence.
    n0, n1 = lay.note
    fig.patches.append(FancyBboxPatch((0.05, n0), 0.90, n1 - n0, transform=fig.transFigure,
                                      boxstyle="round,pad=0,rounding_size=0.012", facecolor=NOTE_FILL,
                                      edgecolor=NOTE_EDGE, lw=1.5 * k))
    text(0.07, (n0 + n1) / 2, _wrap(facts.weakest_line(), 10.8 * 0.84, 15, 3), 15, va="center",
         linespacing=1.25)

    _trend(fig, facts, colours, lay, k)

    f0, f1 = lay.footer
    fig.patches.append(Rectangle((0, f0), 1, f1 - f0, transform=fig.transFigure, color="#eef1f4", zorder=0))
    contact = facts.kontak or facts.unit
    text(0.5, (f0 + f1) / 2, _wrap(contact, 10.8 * 0.92, 14, 2), 14, ha="center", va="center")
    return fig


def _badge(fig: Figure, x: float, mid: float, w: float, aspect: float, fill: str, mutu: str | None,
           k: float) -> None:
    """The grade letter in a rounded square of its band colour, ``w`` wide, centred at height ``mid``."""
    h = w * aspect
    fig.patches.append(FancyBboxPatch((x, mid - h / 2), w, h, transform=fig.transFigure,
                                      boxstyle="round,pad=0,rounding_size=0.02", facecolor=fill, edgecolor=INK,
                                      lw=2 * k))
    size = 64 * w / 0.17
    fig.text(x + w / 2, mid + h * 0.08, mutu or "–", fontsize=size * k, weight="bold", ha="center", va="center",
             color=INK)
    fig.text(x + w / 2, mid - h * 0.34, "Mutu pelayanan", fontsize=12.5 * k * min(1, w / 0.15), ha="center",
             va="center", color=INK)


def _bars(fig: Figure, facts: PublicFacts, colours: dict[str, str], lay: _Layout, k: float) -> None:
    b0, b1 = lay.bars
    title_y = b1 + 0.012
    fig.text(0.05, title_y, "Nilai per unsur pelayanan (skala 25–100)", fontsize=18 * k, weight="bold", color=INK,
             va="bottom")
    ax = fig.add_axes((0.40, b0, 0.53, b1 - b0))
    items = list(facts.unsur)
    ys = list(range(len(items)))[::-1]
    for y, u in zip(ys, items, strict=True):
        if u.nilai is None:
            ax.text(26, y, "tidak ada jawaban", va="center", fontsize=12 * k, color=MUTED)
            continue
        ax.barh(y, u.nilai - 25, left=25, height=0.68, color=colours.get(u.mutu or "", "#dddddd"), edgecolor=INK,
                lw=1.0 * k)
        ax.text(u.nilai + 0.8, y, f"{format_number(u.nilai)} {u.mutu or ''}", va="center", fontsize=14 * k,
                color=INK, weight="bold", zorder=3, bbox={"facecolor": PAPER, "edgecolor": "none", "pad": 1})
    ax.set_yticks(ys, [_wrap(f"{u.kode} {u.nama}", 10.8 * 0.33, 13.5, 2) for u in items], fontsize=13.5 * k)
    ax.set_xlim(25, 112)
    ax.set_ylim(-0.6, len(items) - 0.4)
    if facts.ikm is not None:
        ax.axvline(facts.ikm, color=INK, ls="--", lw=1.4 * k, zorder=0.5)
        ax.text(facts.ikm, len(items) - 0.45, f"IKM {facts.ikm_text}", ha="center", va="bottom", fontsize=12 * k,
                color=INK)
    ax.set_xticks([])
    ax.tick_params(axis="y", length=0, pad=6 * k, colors=INK)
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)
    ax.spines["left"].set_color(INK)
    ax.set_facecolor("none")


def _legend(fig: Figure, table: GradeTable, colours: dict[str, str], y: float, k: float) -> None:
    bands = list(table.kelas)  # highest first
    step = 0.9 / len(bands)
    for i, band in enumerate(bands):
        x = 0.05 + i * step
        fig.patches.append(Rectangle((x, y - 0.008), 0.03, 0.016 * (fig.get_figwidth() / fig.get_figheight()),
                                     transform=fig.transFigure, facecolor=colours[band.mutu], edgecolor=INK,
                                     lw=0.8 * k))
        fig.text(x + 0.038, y, f"{band.mutu} {band.kinerja}", fontsize=12.5 * k, va="center", color=INK)


def _trend(fig: Figure, facts: PublicFacts, colours: dict[str, str], lay: _Layout, k: float) -> None:
    t0, t1 = lay.trend
    x0, x1 = lay.trend_x
    fig.text(x0 - 0.02 if x0 > 0.5 else 0.05, t1 + 0.022, "Tren IKM", fontsize=17 * k, weight="bold", color=INK,
             va="bottom")
    narrow = x1 - x0 < 0.5
    points = facts.tren[-4:] if narrow else facts.tren  # a third of the square holds four labels at most
    ax = fig.add_axes((x0, t0, x1 - x0, t1 - t0))
    ax.set_facecolor("none")
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.set_yticks([])
    if len(points) < 2:
        ax.set_xticks([])
        ax.spines["bottom"].set_visible(False)
        ax.text(0.5, 0.5, "Belum ada periode sebelumnya untuk dibandingkan.", transform=ax.transAxes, ha="center",
                va="center", fontsize=13 * k, color=MUTED)
        return
    xs = list(range(len(points)))
    values = [p.nilai for p in points]
    ax.plot(xs, values, color=BAR, lw=2.5 * k, zorder=1)
    for x, p in zip(xs, points, strict=True):
        ax.scatter([x], [p.nilai], s=(110 * k) ** 1, color=colours.get(p.mutu or "", "#dddddd"), edgecolor=BAR,
                   linewidths=2 * k, zorder=2)
        ax.annotate(f"{format_number(p.nilai)} {p.mutu or ''}", (x, p.nilai), textcoords="offset points",
                    xytext=(0, 9 * k), ha="center", fontsize=12.5 * k, color=INK,
                    weight="bold" if x == xs[-1] else "normal")
    low, high = min(values), max(values)
    pad = max(2.0, (high - low) * 0.25)
    ax.set_ylim(low - pad, high + pad * 2.2)
    ax.set_xlim(-0.4, len(points) - 0.6)
    ax.set_xticks(xs, [_short_label(p.label) for p in points], fontsize=11.5 * k, color=INK)
    ax.tick_params(axis="x", length=0, pad=4 * k)
    ax.spines["bottom"].set_color("#bbbbbb")


def write_infographics(facts: PublicFacts, table: GradeTable, folder: str | Path) -> dict[str, Path]:
    """Write the kit into ``folder``: ``{"potret": infografis.png, "kotak": ..., "a4": ...pdf}``."""
    folder = Path(folder)
    out = {}
    title = f"Hasil SKM {facts.unit} {facts.periode_label}"
    for kind, name in FILES.items():
        fig = draw_infographic(facts, table, kind)
        path = folder / name
        if kind == "a4":
            fig.savefig(path, format="pdf", metadata={"Title": title, "Creator": "ikm-report", "CreationDate": None})
        else:
            _save_png(fig, path, {"Title": title, "Software": "ikm-report"})
        out[kind] = path
    return out


def _save_png(fig: Figure, path: Path, metadata: dict[str, str]) -> None:
    """The figure as an RGB PNG (the paper is opaque: no alpha channel), zlib level 3: the same pixels
    as ``savefig`` writes, half the encoding time and a slightly smaller file."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image, PngImagePlugin

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    info = PngImagePlugin.PngInfo()
    for key, value in metadata.items():
        info.add_text(key, value)
    image = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    image.convert("RGB").save(path, format="png", compress_level=3, pnginfo=info, dpi=(DPI, DPI))


__all__ = ["DPI", "FILES", "PIXELS", "draw_infographic", "write_infographics"]
