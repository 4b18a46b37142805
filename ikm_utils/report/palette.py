"""The report's colours: ink, bar blue and the grade band colours, shared by the charts (``plots.py``),
the infographic and the public summary.

Kept apart from ``plots.py`` so the publication files (``publish/infographic.py``, ``publish/public.py``)
get the colours without importing seaborn and scipy (about two seconds in a fresh process).
"""

from __future__ import annotations

from ikm_utils.method.schemes import GradeTable

INK = "#1f2328"
BAR = "#1d4e89"
#: Band colours from the lowest grade to the highest (light, so bars stay readable in grey print).
BAND_COLOURS = ("#f4c7c3", "#fde2b8", "#d9ead3", "#b7dfc0")
SCALE_MIN, SCALE_MAX = 25, 100


def grade_bands(table: GradeTable, low: float = SCALE_MIN,
                high: float = SCALE_MAX) -> list[tuple[float, float, str, str]]:
    """(from, to, mutu, kinerja) of each grade band on the 25-100 scale, lowest first."""
    bands = sorted(table.kelas, key=lambda b: b.batas_bawah)
    out = []
    for i, b in enumerate(bands):
        start = max(float(b.batas_bawah), low)
        end = float(bands[i + 1].batas_bawah) if i + 1 < len(bands) else high
        out.append((start, end, b.mutu, b.kinerja))
    return out


def grade_colours(table: GradeTable) -> dict[str, str]:
    """The band colour of each grade of ``table`` (``{"A": ..., "D": ...}``), as the report's charts shade them.

    >>> from ikm_utils.method.schemes import get_scheme
    >>> grade_colours(get_scheme().tabel_mutu)["A"] == BAND_COLOURS[-1]
    True
    """
    bands = grade_bands(table)
    if len(bands) == len(BAND_COLOURS):
        colours = list(BAND_COLOURS)
    else:  # another number of grades: seaborn's red-yellow-green palette (imported only here: it is slow)
        import seaborn as sns

        colours = sns.color_palette("RdYlGn", len(bands)).as_hex()
    return {mutu: colour for (_, _, mutu, _), colour in zip(bands, colours, strict=True)}


__all__ = ["BAND_COLOURS", "BAR", "INK", "SCALE_MAX", "SCALE_MIN", "grade_bands", "grade_colours"]
