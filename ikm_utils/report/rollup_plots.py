"""The roll-up's charts: units with their intervals over the grade bands, the unit × unsur NRR heatmap.

Same style as the unit report (``plots.report_style``), Indonesian labels, decimal comma.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ikm_utils.method.indonesian import format_number
from ikm_utils.method.schemes import GradeTable
from ikm_utils.report.plots import (
    BAR,
    INK,
    SCALE_MAX,
    WIDTH,
    _bands,
    _comma,
    _draw_bands,
    _finish,
    _wrap,
    report_style,
)


def plot_units(units: pd.DataFrame, table: GradeTable, pooled: float | None = None, mean: float | None = None,
               title: str | None = None) -> Figure:
    """Each unit's IKM as a point with its 95% interval, highest first, over the grade bands.

    ``units`` is ``Rollup.units_table()`` (``Unit``, ``n``, ``IKM``, the interval bounds, ``_kecil``).
    Small units (``_kecil``) are drawn hollow and their label says ``n = …``.
    """
    data = units.dropna(subset=["IKM"]).reset_index(drop=True)
    with report_style():
        fig = Figure(figsize=(WIDTH, 0.34 * max(len(data), 3) + 1.6), layout="constrained")
        ax = fig.subplots()
        lows = [v for v in data["Batas bawah 95%"].tolist() if v == v and v is not None]
        low = min([*data["IKM"].tolist(), *lows, 70.0]) - 4
        _draw_bands(ax, table, vertical=True)
        y = np.arange(len(data))
        for i, r in data.iterrows():
            lo, hi, value = r["Batas bawah 95%"], r["Batas atas 95%"], float(r["IKM"])
            if lo is not None and lo == lo:
                ax.errorbar(value, i, xerr=[[value - lo], [hi - value]], fmt="none", ecolor=INK, elinewidth=1.1,
                            capsize=3, zorder=2)
            small = bool(r["_kecil"])
            ax.plot(value, i, "o", ms=6.5, mfc="white" if small else BAR, mec=BAR, mew=1.8, zorder=3)
        labels = [_wrap(f"{r['Unit']}" + (f" (n = {r['n']})" if r["_kecil"] else ""), 38) for _, r in data.iterrows()]
        ax.set_yticks(y, labels)
        ax.invert_yaxis()
        handles = [Line2D([], [], color=BAR, marker="o", ls="", label="IKM unit"),
                   Line2D([], [], color=BAR, marker="o", mfc="white", ls="", label="IKM unit, n < 30"),
                   Line2D([], [], color=INK, marker="|", ls="-", lw=1.1, label="Interval 95%")]
        if pooled is not None:
            ax.axvline(pooled, color=INK, ls="--", lw=1.2, zorder=1.5)
            handles.append(Line2D([], [], color=INK, ls="--", lw=1.2, label=f"IKM gabungan {format_number(pooled)}"))
        if mean is not None:
            ax.axvline(mean, color="#7a4d9c", ls=":", lw=1.4, zorder=1.5)
            handles.append(Line2D([], [], color="#7a4d9c", ls=":", lw=1.4,
                                  label=f"Rata-rata IKM unit {format_number(mean)}"))
        ax.legend(handles=handles, ncols=3, loc="upper center", bbox_to_anchor=(0.5, -0.08 - 0.5 / max(len(data), 3)),
                  frameon=False, fontsize=8)
        ax.set_xlim(max(25, low), SCALE_MAX)
        for start, end, mutu, _ in _bands(table):  # name each band where it is visible
            a, b = max(start, ax.get_xlim()[0]), min(end, SCALE_MAX)
            if b - a > 1:
                ax.text((a + b) / 2, 1.005, mutu, ha="center", va="bottom", fontsize=9, fontweight="bold",
                        color="#555555", transform=ax.get_xaxis_transform(), clip_on=False)
        ax.xaxis.set_major_formatter(_comma())
        ax.set_xlabel("Nilai IKM (skala 25–100)")
        ax.grid(axis="y", visible=False)
        ax.set_title(title or "IKM per unit dengan interval kepercayaan 95%", loc="left", pad=16)
    return _finish(fig)


def plot_heatmap(frame: pd.DataFrame, title: str | None = None) -> Figure:
    """NRR (1-4) of each unit (rows) and unsur (columns), annotated with the value (decimal comma)."""
    values = frame.to_numpy(dtype=float)
    finite = values[np.isfinite(values)]
    vmin = float(finite.min()) if finite.size else 1.0
    annot = np.vectorize(lambda v: "–" if v != v else format_number(v, 2))(values) if values.size else values
    with report_style():
        fig = Figure(figsize=(WIDTH, 0.3 * max(len(frame), 3) + 1.4), layout="constrained")
        ax = fig.subplots()
        sns.heatmap(frame.astype(float), ax=ax, cmap="RdYlGn", vmin=min(vmin, 3.0), vmax=4.0, annot=annot, fmt="",
                    annot_kws={"fontsize": 7.5}, linewidths=0.5, linecolor="white",
                    cbar_kws={"label": "NRR (1–4)", "format": _comma(1)})
        ax.set_yticks(np.arange(len(frame)) + 0.5, [_wrap(str(i), 40) for i in frame.index], rotation=0)
        ax.set_xlabel("Unsur")
        ax.set_ylabel("")
        ax.tick_params(axis="x", labeltop=True, labelbottom=False, rotation=0)
        ax.set_title(title or "Nilai rata-rata (NRR) per unit dan unsur", loc="left", pad=8)
    return _finish(fig)


__all__ = ["plot_heatmap", "plot_units"]
