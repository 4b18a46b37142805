"""What the parameters leave out, said to the operator on the console, never printed in the report.

The report leaves a missing part out (or shows a clearly marked proposal, as for the RTL); the
runner prints these lines so the analyst knows what to fill in before the head signs.
"""

from __future__ import annotations

from ikm_utils.params import Params


def missing_parts(params: Params) -> list[str]:
    """One Indonesian reminder per part of a complete report the parameters do not provide.

    >>> from ikm_utils.params import Params
    >>> p = Params.model_validate({"unit": {"nama": "Dinas X"}, "periode": "2024-S2", "data": {"berkas": "d.csv"}})
    >>> any("rtl" in line for line in missing_parts(p))
    True
    """
    out: list[str] = []
    unit, survei = params.unit, params.survei
    if not params.rtl:
        out.append("rtl: belum ada rencana tindak lanjut; laporan menampilkan tiga unsur terendah sebagai usulan "
                   "dengan penanggung jawab dan waktu 'belum ditetapkan'. Tetapkan RTL bersama pengguna layanan "
                   "(Forum Konsultasi Publik) lalu isi kunci rtl.")
    if unit.kepala_unit is None:
        out.append("unit.kepala_unit: nama, jabatan dan NIP/NRP kepala unit belum diisi; Lembar Pengesahan dan "
                   "tanda tangan Kata Pengantar dikosongkan.")
    elif not unit.kepala_unit.jabatan:
        out.append("unit.kepala_unit.jabatan: jabatan kepala unit belum diisi; tanda tangan memakai 'Kepala'.")
    if not survei.tim:
        out.append("survei.tim: nama anggota tim survei belum diisi (subbab 2.1).")
    if not survei.pengambilan_sampel:
        out.append("survei.pengambilan_sampel: cara memilih responden belum diisi; subbab 2.2 memakai kalimat baku "
                   "(responden adalah pengguna layanan yang datang pada masa survei dan bersedia mengisi).")
    if params.populasi is None:
        out.append("populasi: jumlah pengguna layanan belum diisi; kecukupan jumlah responden tidak dapat diperiksa.")
    if not params.dokumentasi:
        out.append("dokumentasi: belum ada foto kegiatan survei; lampiran Dokumentasi tidak dicetak.")
    if unit.logo is None:
        out.append("unit.logo: sampul tanpa logo (isi dengan berkas gambar di folder parameter unit).")
    return out


__all__ = ["missing_parts"]
