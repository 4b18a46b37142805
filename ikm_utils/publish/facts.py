"""What the public sees of one period: the figures the infographic and the public summary share.

One :class:`PublicFacts` per report, built from the report context by :func:`public_facts`, so the
social-media image, the A4 poster and the website fragment can never disagree with each other or
with the report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ikm_utils.method.indonesian import format_number
from ikm_utils.report.tables import ranked_unsur, scheme_label, short_regulation, trend_data

#: How many periods (this one included) the trend shows.
TREND_PERIODS = 6


@dataclass(frozen=True)
class UnsurFact:
    """One unsur as the public sees it: its value on the 25-100 scale and its grade."""

    kode: str
    nama: str
    nilai: float | None
    mutu: str | None


@dataclass(frozen=True)
class TrendPoint:
    """One period of the trend (oldest first)."""

    periode: str
    label: str
    nilai: float
    mutu: str | None


@dataclass(frozen=True)
class PublicFacts:
    """The published figures of one unit and period (all text as the unit or the regulation wrote it)."""

    unit: str
    instansi: str | None
    periode: str
    periode_label: str
    ikm: float | None
    mutu: str | None
    kinerja: str | None
    n_responden: int
    sampel_minimum: int | None
    regulasi: str
    unsur: tuple[UnsurFact, ...]
    terlemah: UnsurFact | None
    rtl_terlemah: str | None
    tren: tuple[TrendPoint, ...] = field(default_factory=tuple)
    kontak: str | None = None

    @property
    def ikm_text(self) -> str:
        """``81,86`` (or ``–`` without an IKM)."""
        return format_number(self.ikm)

    def weakest_line(self) -> str:
        """The weakest unsur and its RTL in one sentence.

        >>> f = PublicFacts("U", None, "2024-S1", "S1", 80.0, "B", "Baik", 10, None, "r",
        ...                 (), UnsurFact("U3", "Waktu", 71.28, "C"), "Tambah loket (Jan 2025)")
        >>> f.weakest_line()
        'Unsur terendah: U3 Waktu (71,28). Tindak lanjut: Tambah loket (Jan 2025)'
        """
        if self.terlemah is None:
            return ""
        u = self.terlemah
        line = f"Unsur terendah: {u.kode} {u.nama} ({format_number(u.nilai)})."
        return f"{line} Tindak lanjut: {self.rtl_terlemah}" if self.rtl_terlemah else line

    def sample_line(self) -> str:
        """``385 responden (minimal 361)``."""
        text = f"{format_number(self.n_responden, 0)} responden"
        if self.sampel_minimum is not None:
            text += f" (minimal {format_number(self.sampel_minimum, 0)})"
        return text


def _rtl_for(ctx: Any, kode: str) -> str | None:
    for r in ctx.params.rtl:
        if r.unsur == kode:
            return f"{r.program} ({r.waktu})"
    if ctx.params.rtl:
        return None
    return "ditetapkan bersama pengguna layanan dalam Forum Konsultasi Publik"


def public_facts(ctx: Any, periods: int = TREND_PERIODS) -> PublicFacts:
    """The published figures of a report context (``ikm_utils.report.context.ReportContext``).

    The trend holds the last ``periods`` periods with an IKM (this one last); the weakest unsur is
    the one with the lowest NRR, with the RTL the parameters give for it (without any RTL in the
    parameters: the report's default, the Forum Konsultasi Publik).
    """
    params, s = ctx.params, ctx.summary
    unsur = tuple(
        UnsurFact(u.kode, u.nama, None if u.nilai_konversi is None else float(u.nilai_konversi), u.mutu)
        for u in s.unsur
    )
    ranked = ranked_unsur(s)
    weakest = next((f for f in unsur if ranked and f.kode == ranked[0].kode), None)
    trend = trend_data(ctx.history, params, ctx.result).dropna(subset=["ikm_konversi"]).tail(periods)
    points = tuple(
        TrendPoint(str(r["periode"]), str(r["label"]), float(r["ikm_konversi"]), r["mutu"] or None)
        for r in trend.to_dict("records")
    )
    sample = getattr(ctx, "sample", None)
    return PublicFacts(
        unit=params.unit.nama,
        instansi=", ".join(x for x in (params.unit.instansi,) if x) or None,
        periode=params.periode,
        periode_label=params.period.label,
        ikm=None if s.ikm_konversi is None else float(s.ikm_konversi),
        mutu=s.mutu,
        kinerja=s.kinerja,
        n_responden=s.n_responden,
        sampel_minimum=None if sample is None else sample.minimum,
        regulasi=short_regulation(ctx.scheme.regulasi) or scheme_label(ctx.scheme),
        unsur=unsur,
        terlemah=weakest,
        rtl_terlemah=None if weakest is None else _rtl_for(ctx, weakest.kode),
        tren=points,
        kontak=params.unit.kontak or params.unit.alamat,
    )


__all__ = ["PublicFacts", "TrendPoint", "UnsurFact", "public_facts"]
