"""The readable Indonesian result table printed by ``ikm compute`` without ``--json``."""

from __future__ import annotations

from ikm_utils.method.compute import IkmResult, Summary
from ikm_utils.method.indonesian import format_number


def _summary_lines(s: Summary) -> list[str]:
    lines = [f"{'Kode':<5} {'Unsur':<42} {'n':>6} {'Jumlah':>8} {'NRR':>6} {'NRR×bobot':>9} {'Konversi':>8}  Mutu"]
    for u in s.unsur:
        lines.append(
            f"{u.kode:<5} {u.nama[:42]:<42} {u.n:>6} {u.jumlah_nilai:>8} {format_number(u.nrr, 3):>6} "
            f"{format_number(u.nrr_tertimbang, 3):>9} {format_number(u.nilai_konversi):>8}  {u.mutu or '–'}"
        )
    lines.append(
        f"IKM (1–4): {format_number(s.ikm, 3)}   IKM unit (25–100): {format_number(s.ikm_konversi)}   "
        f"Mutu: {s.mutu or '–'} ({s.kinerja or 'tidak dapat dihitung'})   Responden: {format_number(s.n_responden, 0)}"
    )
    if s.n_tanpa_jawaban:
        lines.append(f"Tidak dihitung (tanpa jawaban unsur sama sekali): {s.n_tanpa_jawaban}")
    return lines


def format_result_table(result: IkmResult) -> str:
    """The readable Indonesian table printed by ``ikm compute`` without ``--json``."""
    s = result.skema
    lines = [f"Indeks Kepuasan Masyarakat — skema {s.id} ({s.regulasi}), bobot {result.bobot_mode}", ""]
    lines += _summary_lines(result.total)
    for col, groups in result.kelompok.items():
        for name, s in groups.items():
            lines += ["", f"[{col} = {name}]"] + _summary_lines(s)
    return "\n".join(lines) + "\n"
