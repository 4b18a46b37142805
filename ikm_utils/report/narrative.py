"""The report's Indonesian text: default paragraphs for every section, overridable by ``params.narasi``.

The sentences that read the figures (weakest and strongest unsur, sample adequacy, trend direction)
live in ``ikm_utils.report.interpret`` and are available here too, so the notebook reads all text from one
module.

Every function returns a list of blocks: a ``str`` is one paragraph, a :class:`Daftar` a list,
a :class:`TandaTangan` a signature block. ``ikm_utils.report.display.blocks_html`` turns them into
escaped HTML. Numbers are written with ``format_number`` (85,85; 1.234).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from ikm_utils.method.compute import Summary
from ikm_utils.method.indonesian import format_date, format_number
from ikm_utils.params import Params
from ikm_utils.report.interpret import (  # noqa: F401 - the notebook reads every sentence from this module
    distribution_sentences,
    group_sentences,
    rtl_sentences,
    sample_sentence,
    saran_sentences,
    trend_sentence,
    unsur_sentences,
)
from ikm_utils.report.tables import head_title

UU_25_2009 = "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik"
PP_96_2012 = ("Peraturan Pemerintah Nomor 96 Tahun 2012 tentang Pelaksanaan Undang-Undang Nomor 25 Tahun 2009 "
              "tentang Pelayanan Publik")
PERMEN_14_2017 = ("Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 14 Tahun 2017 "
                  "tentang Pedoman Penyusunan Survei Kepuasan Masyarakat Unit Penyelenggara Pelayanan Publik")


@dataclass(frozen=True)
class Daftar:
    """A list of items; numbered (``1.``) or bulleted."""

    items: tuple[str, ...]
    bernomor: bool = False


@dataclass(frozen=True)
class TandaTangan:
    """A signature block: place and date, position, name, id number with its label (NIP, NRP, ...)."""

    tempat_tanggal: str
    jabatan: str
    nama: str
    nip: str | None = None
    label_id: str = "NIP"


Block = str | Daftar | TandaTangan


def paragraphs(text: str | None) -> list[str]:
    """Paragraphs of a text typed in the parameters (blank line = new paragraph).

    >>> paragraphs("Satu\\nbaris.\\n\\nDua.")
    ['Satu baris.', 'Dua.']
    """
    if not text:
        return []
    return [" ".join(p.split()) for p in str(text).split("\n\n") if p.strip()]


def _ikm(s: Summary) -> str:
    return format_number(s.ikm_konversi)


def _n(x: int | None) -> str:
    return format_number(x, 0)


def _unit(params: Params) -> str:
    return params.unit.nama


def _regulasi_sentence(ctx: Any) -> str:
    s = ctx.scheme
    return f"{s.k} unsur pelayanan menurut {s.regulasi}"


# ---------------------------------------------------------------------------- front matter


def kata_pengantar(ctx: Any) -> list[Block]:
    """Kata Pengantar (``narasi.kata_pengantar`` replaces the text; the signature stays)."""
    p, s = ctx.params, ctx.summary
    custom = paragraphs(p.narasi.kata_pengantar)
    text: list[Block] = custom or [
        f"Puji syukur kami panjatkan ke hadirat Tuhan Yang Maha Esa, karena atas rahmat-Nya Laporan Hasil Survei "
        f"Kepuasan Masyarakat (SKM) {_unit(p)} {p.period.label} dapat diselesaikan.",
        f"Survei Kepuasan Masyarakat wajib dilaksanakan oleh setiap penyelenggara pelayanan publik sebagaimana "
        f"diamanatkan {UU_25_2009} dan {PERMEN_14_2017}. Survei ini mengukur tingkat kepuasan pengguna layanan "
        f"dan menjadi bahan perbaikan mutu pelayanan secara berkelanjutan.",
        f"Hasil survei periode ini menunjukkan nilai Indeks Kepuasan Masyarakat (IKM) sebesar {_ikm(s)} dengan "
        f"mutu pelayanan {s.mutu} ({s.kinerja}), berdasarkan jawaban {_n(s.n_responden)} responden.",
        "Terima kasih kami sampaikan kepada seluruh pengguna layanan yang telah meluangkan waktu mengisi kuesioner "
        "dan kepada tim pelaksana survei. Kritik dan saran yang membangun kami harapkan untuk penyempurnaan "
        "pelayanan di masa mendatang.",
    ]
    return [*text, *signature(p)]


def report_date(params: Params) -> date:
    """The report's date: ``pengesahan.tanggal``, else the end of the timeline's last stage, else of the period."""
    from ikm_utils.report.rtl import report_date as signed

    return signed(params)


def report_place(params: Params) -> str:
    """Where the report is signed: ``pengesahan.tempat``, else the town of ``unit.kabupaten_kota``.

    >>> from ikm_utils.params import Params
    >>> report_place(Params.model_validate({"unit": {"nama": "X", "kabupaten_kota": "Kabupaten Gianyar"},
    ...                                     "periode": "2020-S2", "data": {"berkas": "d.csv"}}))
    'Gianyar'
    """
    if params.pengesahan.tempat:
        return params.pengesahan.tempat
    town = params.unit.kabupaten_kota or ""
    for prefix in ("Kabupaten ", "Kab. ", "Kota "):
        if town.startswith(prefix):
            return town[len(prefix):]
    return town


def signature(params: Params) -> list[Block]:
    """The head of the unit's signature block (empty when the parameters name no head)."""
    head = params.unit.kepala_unit
    if head is None:
        return []
    place = report_place(params)
    when = format_date(report_date(params))
    return [TandaTangan(f"{place}, {when}" if place else when, head_title(params), head.nama, head.nip,
                        head.label_id)]


# ---------------------------------------------------------------------------- BAB I


def latar_belakang(params: Params) -> list[Block]:
    """1.1 Latar Belakang (``narasi.latar_belakang`` replaces it)."""
    custom = paragraphs(params.narasi.latar_belakang)
    if custom:
        return list(custom)
    return [
        f"Pelayanan publik yang baik adalah hak setiap warga negara dan kewajiban penyelenggara negara. {UU_25_2009} "
        "mengamanatkan agar penyelenggara pelayanan publik menilai kinerja pelayanannya secara berkala dengan "
        "mengikutsertakan masyarakat sebagai pengguna layanan.",
        f"{PERMEN_14_2017} mewajibkan setiap unit penyelenggara pelayanan publik melaksanakan Survei Kepuasan "
        "Masyarakat (SKM) secara berkala, paling sedikit satu kali dalam setahun. Hasilnya, Indeks Kepuasan "
        "Masyarakat (IKM), menggambarkan tingkat kepuasan pengguna layanan dan menjadi dasar perbaikan "
        "penyelenggaraan pelayanan.",
        f"Sehubungan dengan hal tersebut, {_unit(params)} melaksanakan SKM untuk {params.period.label}. Laporan ini "
        "menyajikan pelaksanaan survei, hasil pengolahan data, analisis kelebihan dan kelemahan setiap unsur "
        "pelayanan, serta rencana tindak lanjut perbaikan.",
    ]


def dasar_hukum(params: Params, scheme: Any = None) -> list[Block]:
    """1.2 Dasar Hukum (a note is added when the period is computed under an older scheme)."""
    out: list[Block] = [Daftar((f"{UU_25_2009};", f"{PP_96_2012};", f"{PERMEN_14_2017}."), bernomor=True)]
    if scheme is not None and not scheme.id.startswith("permen14_2017"):
        out.append(f"Pengolahan data periode ini mengikuti {scheme.regulasi}.")
    return out


SASARAN = (
    "Mendorong partisipasi masyarakat sebagai pengguna layanan dalam menilai kinerja penyelenggara pelayanan;",
    "Mendorong penyelenggara pelayanan untuk meningkatkan kualitas pelayanan publik;",
    "Mendorong penyelenggara pelayanan menjadi lebih inovatif dalam menyelenggarakan pelayanan publik;",
    "Mengukur kecenderungan (tren) tingkat kepuasan masyarakat terhadap pelayanan publik.",
)
MANFAAT = (
    "Diketahuinya kelemahan atau kekurangan setiap unsur dalam penyelenggaraan pelayanan publik;",
    "Diketahuinya kinerja penyelenggaraan pelayanan secara berkala;",
    "Sebagai bahan penetapan kebijakan dan upaya tindak lanjut yang perlu dilakukan;",
    "Diketahuinya indeks kepuasan masyarakat secara menyeluruh terhadap pelayanan publik di lingkungan pemerintah "
    "pusat dan daerah;",
    "Memacu persaingan positif antarunit penyelenggara pelayanan dalam upaya peningkatan kinerja pelayanan;",
    "Bagi masyarakat, tersedianya gambaran tentang kinerja unit pelayanan.",
)


def maksud_tujuan(params: Params) -> list[Block]:
    """1.3 Maksud dan Tujuan, with the sasaran and manfaat (``narasi.maksud_tujuan`` replaces the opening)."""
    opening = paragraphs(params.narasi.maksud_tujuan) or [
        f"Maksud pelaksanaan SKM adalah mengukur tingkat kepuasan masyarakat sebagai pengguna layanan terhadap "
        f"pelayanan {_unit(params)}. Tujuannya adalah meningkatkan kualitas penyelenggaraan pelayanan publik "
        "berdasarkan penilaian pengguna layanan itu sendiri."
    ]
    return [
        *opening,
        "Sasaran pelaksanaan SKM adalah:",
        Daftar(SASARAN, bernomor=True),
        "Manfaat yang diharapkan dari SKM adalah:",
        Daftar(MANFAAT, bernomor=True),
        "SKM dilaksanakan secara transparan, partisipatif, akuntabel, berkesinambungan, adil dan netral. Hasilnya "
        "dipublikasikan kepada masyarakat dan ditindaklanjuti dengan memprioritaskan unsur yang nilainya terendah.",
    ]


# ---------------------------------------------------------------------------- BAB II


def pelaksana(params: Params) -> list[Block]:
    """2.1 Pelaksana, with the team's names when the parameters list them."""
    who = params.survei.pelaksana
    if who:
        out: list[Block] = [f"SKM {params.period.label} dilaksanakan oleh {who}, dengan berpedoman pada "
                            f"{PERMEN_14_2017}."]
    else:
        out = [f"SKM {params.period.label} dilaksanakan secara mandiri oleh {_unit(params)}, dengan berpedoman pada "
               f"{PERMEN_14_2017}."]
    team = params.survei.tim
    if team:
        out.append("Susunan tim pelaksana survei:")
        out.append(Daftar(tuple(
            ", ".join(x for x in (m.nama, m.jabatan) if x) + (f" ({m.peran})" if m.peran else "") for m in team
        ), bernomor=True))
    return out


def _profile_fields(data: pd.DataFrame) -> str:
    names = {"jenis_kelamin": "jenis kelamin", "usia": "usia", "pendidikan": "pendidikan", "pekerjaan": "pekerjaan",
             "jenis_layanan": "jenis layanan yang diterima", "tanggal": "tanggal survei"}
    found = [v for k, v in names.items() if k in data.columns and data[k].notna().any()]
    if not found:
        return ""
    return ", ".join(found[:-1]) + (" dan " if len(found) > 1 else "") + found[-1]


def metode_pengumpulan(ctx: Any) -> list[Block]:
    """2.2 Metode Pengumpulan Data and the computation (``narasi.metode`` replaces the first paragraph)."""
    p = ctx.params
    how = p.survei.metode
    first = paragraphs(p.narasi.metode) or [
        (f"Data dikumpulkan dengan {how[0].lower() + how[1:]}." if how else
         "Data dikumpulkan dengan kuesioner yang diisi sendiri oleh pengguna layanan.")
        + f" Kuesioner memuat {_regulasi_sentence(ctx)} (Lampiran 1); setiap unsur dijawab dengan satu dari empat "
        "pilihan yang bernilai 1 (tidak baik) sampai 4 (sangat baik)."
    ]
    profile = _profile_fields(ctx.data)
    saran = "saran" in ctx.data.columns
    if profile:
        extra = [f"Selain itu responden mengisi data profil ({profile})" + (" dan saran perbaikan." if saran else ".")]
    else:
        extra = ["Selain itu responden menuliskan saran perbaikan."] if saran else []
    extra.append(p.survei.pengambilan_sampel or (
        "Responden adalah pengguna layanan yang menerima pelayanan selama masa survei dan bersedia mengisi "
        "kuesioner secara sukarela (pengambilan sampel aksidental); setiap pengguna layanan hanya mengisi satu kali "
        "untuk satu kunjungan."))
    weights = ("bobot yang sama untuk setiap unsur, yaitu 1/" + str(ctx.scheme.k)
               if ctx.scheme.bobot is None and ctx.result.bobot_mode == "exact" else "bobot yang ditetapkan unit")
    compute = [
        "Data diolah sebagai berikut (rincian per responden pada Lampiran 2):",
        Daftar(
            (
                "Nilai rata-rata per unsur (NRR) = jumlah nilai unsur ÷ jumlah responden yang menjawab unsur itu;",
                f"NRR tertimbang = NRR × bobot, dengan {weights};",
                "IKM (skala 1–4) = jumlah NRR tertimbang seluruh unsur;",
                "Nilai IKM unit pelayanan (skala 25–100) = IKM × 25, yang menentukan mutu pelayanan menurut tabel "
                "nilai persepsi (subbab 3.2).",
            ),
            bernomor=True,
        ),
    ]
    return [*first, *extra, *compute]


def lokasi(params: Params) -> list[Block]:
    """2.3 Lokasi."""
    where = params.survei.lokasi
    if where:
        return [f"Pengumpulan data dilaksanakan di {where}."]
    addr = f", {params.unit.alamat}" if params.unit.alamat else ""
    return [f"Pengumpulan data dilaksanakan di lokasi pelayanan {_unit(params)}{addr}."]


def waktu_pelaksanaan(params: Params) -> list[Block]:
    """2.4 Waktu Pelaksanaan (the timeline table follows)."""
    s = params.survei
    start, end = s.mulai or params.period.start, s.selesai or params.period.end
    return [f"Pengumpulan data dilaksanakan pada {format_date(start)} sampai dengan {format_date(end)} "
            f"({params.period.label}). Tahapan pelaksanaan survei adalah sebagai berikut."]


def jumlah_responden_minimal(ctx: Any) -> list[Block]:
    """2.5 Penentuan Jumlah Responden: the Krejcie-Morgan formula and the check."""
    from ikm_utils.method.sample import _constants

    chi2, prop, d = (format_number(float(x), 3 if i == 0 else 2) for i, x in enumerate(_constants()))
    out: list[Block] = [
        "Jumlah responden minimal (S) ditentukan dari jumlah populasi pengguna layanan (N) dengan rumus dan tabel "
        f"Krejcie dan Morgan: S = χ² · N · P(1 − P) / (d² · (N − 1) + χ² · P(1 − P)), dengan χ² = {chi2}, "
        f"P = {prop} dan d = {d}; hasilnya dibulatkan ke bilangan bulat terdekat."
    ]
    if ctx.sample is None:
        out.append("Jumlah populasi pengguna layanan periode ini tidak tersedia, sehingga kecukupan jumlah responden "
                   "tidak dapat diperiksa.")
    else:
        out.append(sample_sentence(ctx.sample))
    return out


# ---------------------------------------------------------------------------- BAB III


def jumlah_responden(ctx: Any) -> list[Block]:
    """3.1 Jumlah Responden: read, excluded, without any unsur answer, counted."""
    r, s = ctx.responses, ctx.summary
    n_excl = len(getattr(r, "excluded", []))
    parts = [f"Kuesioner yang terkumpul berjumlah {_n(r.n_read)}."]
    outside = getattr(r, "n_out_of_scope", 0)
    if outside:
        parts.append(f"Berkas data juga memuat {_n(outside)} respons unit lain yang berada di luar cakupan laporan "
                     "ini dan tidak diolah.")
    if n_excl:
        parts.append(f"Sebanyak {_n(n_excl)} respons dikecualikan; alasannya dirinci pada Lampiran 3.")
    if s.n_tanpa_jawaban:
        parts.append(f"Sebanyak {_n(s.n_tanpa_jawaban)} respons tidak menjawab satu pun unsur sehingga tidak diolah.")
    from ikm_utils.report.tables import profile_fields

    profile = ", dengan profil sebagai berikut" if profile_fields(ctx.data) else ""
    parts.append(f"Jumlah responden yang diolah adalah {_n(s.n_responden)} orang{profile}.")
    return [" ".join(parts)]


def hasil_ikm(ctx: Any) -> list[Block]:
    """3.2 Indeks Kepuasan Masyarakat: the computation applied to this period."""
    s = ctx.summary
    return [
        f"Hasil pengolahan per unsur disajikan pada tabel berikut. Jumlah NRR tertimbang seluruh unsur menghasilkan "
        f"IKM {format_number(s.ikm, 3)}; dikalikan 25 menjadi nilai IKM unit pelayanan {_ikm(s)}, yang termasuk "
        f"mutu pelayanan {s.mutu} ({s.kinerja}) menurut tabel nilai persepsi di bawah.",
        *unsur_sentences(s, count=1),
    ]


# ---------------------------------------------------------------------------- BAB V and appendix


def kualitas_data(ctx: Any) -> list[Block]:
    """Lampiran 3 opening: what was read, excluded and warned about."""
    r = ctx.responses
    n_excl = len(getattr(r, "excluded", []))
    policy = ("dikecualikan dan dicantumkan di bawah beserta alasannya" if ctx.params.data.kebijakan == "exclude"
              else "menghentikan pengolahan (tidak ada yang lolos tanpa diperiksa)")
    outside = getattr(r, "n_out_of_scope", 0)
    scope = (f"Data survei juga memuat {_n(outside)} respons di luar cakupan laporan ini "
             f"({r.info.get('saring', '')}); respons itu tidak diperiksa dan tidak diolah. " if outside else "")
    return [
        scope +
        f"Data survei berisi {_n(r.n_read)} respons; {_n(n_excl)} dikecualikan dan "
        f"{_n(ctx.summary.n_tanpa_jawaban)} tidak menjawab satu pun unsur. Respons bergalat (mis. nilai "
        f"tidak valid, kiriman ganda, tanggal di luar periode) {policy}. Peringatan tidak mengubah "
        "perhitungan tetapi perlu diperhatikan."
    ]


def metode_pengolahan(ctx: Any) -> list[Block]:
    """Lampiran 5: the method choices this report was computed with (from the scheme, not literals)."""
    scheme, mode = ctx.scheme, ctx.result.bobot_mode
    bands = scheme.tabel_mutu.kelas
    bounds = "; ".join(f"{b.mutu} ≥ {format_number(b.batas_bawah)}" for b in bands[:-1])
    if scheme.bobot is not None:
        weight = "Bobot unsur ditetapkan unit dalam parameter (jumlahnya 1) dan dipakai tanpa pembulatan."
    elif mode == "exact":
        weight = (f"Bobot setiap unsur tepat 1/{scheme.k} tanpa pembulatan. Angka bobot yang tercetak pada pedoman "
                  "(mis. 0,111) hanya tampilan; memakainya dalam perhitungan membatasi IKM di bawah 100 dan menggeser "
                  "hasil.")
    else:
        weight = ("Bobot legacy dipakai atas permintaan parameter: 1/k dibulatkan seperti tercetak pada pedoman, "
                  "hanya untuk mencocokkan angka lembar kerja lama.")
    return [
        Daftar(
            (
                weight,
                "Jawaban kosong tidak dihitung sebagai 0 maupun 1: jawaban itu tidak ikut dalam n unsur yang "
                "bersangkutan. Respons tanpa satu pun jawaban unsur tidak diolah dan jumlahnya dilaporkan.",
                "Tidak ada pembulatan antara: NRR dan IKM dihitung sebagai pecahan eksak dan hanya dibulatkan untuk "
                "ditampilkan (NRR dan IKM skala 1–4: 3 desimal; nilai skala 25–100: 2 desimal).",
                "Penentuan mutu: nilai skala 25–100 (untuk satu unsur: NRR × 25) dibulatkan ke 2 desimal dengan "
                f"pembulatan setengah ke atas, lalu dibandingkan dengan batas bawah: {bounds}; di bawahnya "
                f"{bands[-1].mutu}. Celah antarinterval pada tabel pedoman tertutup oleh aturan ini.",
                "Jumlah responden minimal dihitung dengan rumus Krejcie dan Morgan, dibulatkan setengah ke atas; "
                "hasilnya sama dengan tabel terbitan Krejcie dan Morgan.",
            ),
            bernomor=True,
        )
    ]
