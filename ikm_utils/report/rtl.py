"""Rencana Tindak Lanjut that can be followed up: this period's plan and the previous period's realisation.

Each RTL item in the parameters may carry ``status`` (rencana / proses / selesai) and ``selesai``
(the month it was completed, ``YYYY-MM``). The next period's report reads the previous period's
parameter file (beside this one) and shows its RTL with the status, the share realised (selesai ÷
direncanakan × 100) and the mean number of months from that report to completion: the two figures
the national evaluation of public services (PEKPPP) asks for. ``ringkasan.json`` carries them as
``realisasi_rtl_sebelumnya``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from ikm_utils.errors import IkmError
from ikm_utils.method.indonesian import format_number
from ikm_utils.params import Params, load_params

STATUS_LABELS = {"rencana": "Belum dimulai", "proses": "Dalam proses", "selesai": "Selesai"}
_MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
           "November", "Desember")


def month_label(value: str | None) -> str:
    """``2025-03`` -> ``Maret 2025``.

    >>> month_label("2025-03")
    'Maret 2025'
    """
    if not value:
        return ""
    year, month = str(value).split("-")
    return f"{_MONTHS[int(month) - 1]} {year}"


def status_text(status: str, selesai: str | None) -> str:
    """The status shown in a table: ``Selesai (Maret 2025)``, ``Dalam proses``, ``Belum dimulai``."""
    label = STATUS_LABELS.get(status, status)
    return f"{label} ({month_label(selesai)})" if status == "selesai" and selesai else label


def report_date(params: Params) -> date:
    """The date a report is signed: ``pengesahan.tanggal``, else the end of its timeline, else of its period."""
    if params.pengesahan.tanggal:
        return params.pengesahan.tanggal
    if params.survei.jadwal:
        return max(t.selesai for t in params.survei.jadwal)
    return params.period.end


def months_between(start: date, month: str) -> int:
    """Whole months from the month of ``start`` to ``month`` (``YYYY-MM``); never negative.

    >>> months_between(date(2024, 12, 31), "2025-03")
    3
    """
    year, mon = (int(x) for x in month.split("-"))
    return max(0, (year - start.year) * 12 + (mon - start.month))


@dataclass(frozen=True)
class RtlRealisation:
    """The previous period's RTL and how much of it was carried out."""

    periode: str
    label: str
    table: pd.DataFrame
    direncanakan: int
    selesai: int
    bulan: tuple[int, ...]

    @property
    def persen(self) -> float | None:
        """Share realised: selesai ÷ direncanakan × 100."""
        return None if not self.direncanakan else 100.0 * self.selesai / self.direncanakan

    @property
    def bulan_sampai_selesai(self) -> float | None:
        """Mean months from the previous report to the completion of its finished items."""
        return None if not self.bulan else sum(self.bulan) / len(self.bulan)

    def to_dict(self) -> dict[str, Any]:
        """``realisasi_rtl_sebelumnya`` in ringkasan.json."""
        return {"periode": self.periode, "direncanakan": self.direncanakan, "selesai": self.selesai,
                "persen": self.persen, "bulan_sampai_selesai": self.bulan_sampai_selesai}

    def sentence(self) -> str:
        """One Indonesian sentence with the two PEKPPP figures."""
        if not self.direncanakan:
            return f"Laporan {self.label} tidak memuat rencana tindak lanjut."
        text = (f"Dari {self.direncanakan} rencana tindak lanjut hasil SKM {self.label}, {self.selesai} telah "
                f"selesai dilaksanakan ({format_number(self.persen, 1)}%).")
        if self.bulan_sampai_selesai is not None:
            text += (f" Rata-rata penyelesaiannya {format_number(self.bulan_sampai_selesai, 1)} bulan setelah "
                     "laporan periode tersebut ditetapkan.")
        open_items = self.direncanakan - self.selesai
        if open_items:
            text += f" Sebanyak {open_items} rencana belum selesai dan tetap dipantau pada periode ini."
        return text


def _previous_params(params: Params, params_path: Path) -> Params | None:
    """The parameter file of the period just before this one, in the same folder and for the same unit."""
    best: Params | None = None
    for path in sorted(Path(params_path).parent.glob("*.y*ml")):
        if path.resolve() == Path(params_path).resolve():
            continue
        try:
            other = load_params(path, check_files=False)
        except (IkmError, OSError, ValueError):
            continue
        if other.unit.kode != params.unit.kode or not other.period < params.period:
            continue
        if best is None or best.period < other.period:
            best = other
    return best


def previous_realisation(params: Params, params_path: str | Path) -> RtlRealisation | None:
    """The previous period's RTL with its status (``None`` when there is no earlier parameter file).

    Parameters
    ----------
    params, params_path
        This period's parameters and their file (the previous period's file is looked for beside it).
    """
    prev = _previous_params(params, Path(params_path))
    if prev is None:
        return None
    start = report_date(prev)
    names = {u.kode: f"{u.kode} {u.nama}" for u in prev.scheme().unsur}
    rows, months = [], []
    for i, r in enumerate(prev.rtl, start=1):
        if r.status == "selesai" and r.selesai:
            months.append(months_between(start, r.selesai))
        rows.append({"No": i, "Unsur": names.get(r.unsur, r.unsur), "Program/Kegiatan": r.program, "Waktu": r.waktu,
                     "Status": status_text(r.status, r.selesai)})
    table = pd.DataFrame(rows, columns=["No", "Unsur", "Program/Kegiatan", "Waktu", "Status"])
    done = sum(1 for r in prev.rtl if r.status == "selesai")
    return RtlRealisation(prev.periode, prev.period.label, table, len(prev.rtl), done, tuple(months))


__all__ = ["RtlRealisation", "month_label", "months_between", "previous_realisation", "report_date", "status_text"]
