"""Write the bundled example: three semesters of synthetic SKM responses of a fictional unit.

"Dinas Kependudukan dan Pencatatan Sipil Kabupaten Contoh" (Dinas Contoh) serves KTP-el, KK,
akta, surat pindah/datang and KIA. The data are invented, seeded and reproducible:

- several jenis layanan of uneven size (one under 30 respondents), an uneven profile;
- one clearly weak unsur, U3 Waktu Penyelesaian (queues for KTP-el), improving a little each
  semester, so the trend is visible; U4 Biaya/Tarif is the strongest (the services are free);
- a few blank answers; saran free text related to the respondent's low scores, a few with
  (fake) phone numbers, e-mail addresses and NIK to show the masking;
- 2023-S2 and 2024-S1 as a tidy CSV (unsur columns U1..U9 with scores 1-4);
- 2024-S2 as a Google-Forms export: UTF-8 with BOM, ``;`` separator, the questions as headers
  (sarana 8th and pengaduan 9th, as many real forms have them), the answer labels as values, and
  a few invalid rows (an unknown label, a 5, a date after the survey) that the parameters exclude.

A second example, ``params/contoh-kabupaten/`` (``write_kabupaten``), is a fictional regency with
12 perangkat daerah for one period (2025-S2), for ``ikm batch`` and ``ikm rekap``: units of varied
size (one with only 9 respondents), each with its own weak unsur, one common parameter file that
every unit's file extends (``dasar``), and one unit whose export lacks the U9 column (a broken file
that shows a failing unit does not stop the others).

Usage: ``python scripts/make_example.py [OUT_DIR]`` (default: both examples in place).
Only the Python standard library is used, so the files are the same on every machine.
"""

from __future__ import annotations

import csv
import io
import random
import sys
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = ROOT / "params" / "contoh" / "data"
SEED = 142017

CODES = [f"U{i}" for i in range(1, 10)]
#: Latent mean per unsur in the first semester (1-4 scale, before rounding to an answer).
BASE = {"U1": 3.25, "U2": 3.15, "U3": 2.62, "U4": 3.80, "U5": 3.25, "U6": 3.32, "U7": 3.42, "U8": 3.02, "U9": 3.00}

LAYANAN = {  # name: (share, effect on every unsur, extra effect on U3)
    "Perekaman KTP-el": (0.33, -0.05, -0.25),
    "Kartu Keluarga (KK)": (0.24, 0.00, 0.00),
    "Akta Kelahiran": (0.19, 0.05, -0.05),
    "Kartu Identitas Anak (KIA)": (0.10, 0.10, 0.10),
    "Akta Kematian": (0.08, -0.08, 0.00),
    "Surat Pindah/Datang": (0.06, 0.00, 0.05),
}
USIA = [((17, 25), 0.21), ((26, 35), 0.30), ((36, 45), 0.24), ((46, 55), 0.15), ((56, 74), 0.10)]
PENDIDIKAN = {"SD": 0.08, "SMP": 0.14, "SMA": 0.45, "D3": 0.07, "S1": 0.22, "S2": 0.04}
PEKERJAAN = {"PNS": 0.08, "TNI": 0.02, "POLRI": 0.02, "Swasta": 0.30, "Wirausaha": 0.25, "Lainnya": 0.33}


@dataclass(frozen=True)
class Semester:
    periode: str
    n: int
    start: date
    end: date
    shift: float  # improvement of every unsur
    u3: float  # extra improvement of the weak unsur
    forms: bool  # Google-Forms layout


SEMESTERS = (
    Semester("2023-S2", 352, date(2023, 7, 3), date(2023, 12, 15), 0.00, 0.00, False),
    Semester("2024-S1", 371, date(2024, 1, 8), date(2024, 6, 14), 0.05, 0.12, False),
    Semester("2024-S2", 389, date(2024, 7, 1), date(2024, 12, 13), 0.11, 0.24, True),
)

SARAN = {
    "U1": ["Persyaratan mohon diumumkan di media sosial agar warga tidak bolak-balik.",
           "Daftar persyaratan di loket berbeda dengan yang di website.",
           "Syarat fotokopi dokumen mohon dikurangi, kan sudah ada data online.",
           "Tolong sediakan contoh pengisian formulir di ruang tunggu."],
    "U2": ["Pendaftaran online sering gangguan, mohon diperbaiki.",
           "Alur pelayanan mohon dibuat lebih jelas dengan papan petunjuk.",
           "Aplikasi antrean daring membingungkan untuk orang tua.",
           "Prosedur pindah datang terlalu berbelit, harus ke beberapa meja."],
    "U3": ["Antrian terlalu lama, mohon ditambah petugas loket.",
           "Proses pencetakan KTP-el mohon dipercepat.",
           "Waktu tunggu terlalu lama, sudah 2 minggu belum jadi.",
           "Mohon ada kepastian waktu selesai layanan.",
           "Nomor antrian cepat habis, datang jam 08.00 sudah tidak dapat.",
           "Menunggu dari pagi sampai siang untuk rekam KTP-el.",
           "Akta kelahiran lama sekali jadinya.",
           "Loket sering kosong saat jam istirahat sehingga antrean makin lama."],
    "U5": ["Blanko KTP-el sering habis.", "Ada salah ketik nama di KK, mohon lebih teliti.",
           "Tanggal lahir di akta keliru, harus mengurus ulang."],
    "U6": ["Petugas baru kurang paham persyaratan akta kematian."],
    "U7": ["Ada petugas yang kurang ramah saat jam istirahat.", "Satpam di pintu masuk kurang sopan.",
           "Petugas loket 3 sangat membantu dan sabar."],
    "U8": ["Nomor pengaduan sering tidak diangkat.", "Kotak saran sepertinya tidak pernah dibuka.",
           "Keluhan saya lewat media sosial tidak dibalas."],
    "U9": ["Ruang tunggu panas, mohon tambah kipas angin atau AC.",
           "Kursi ruang tunggu kurang, banyak yang berdiri.",
           "Toilet kurang bersih.", "Lahan parkir sempit dan tidak ada peneduh.",
           "Mohon disediakan ruang laktasi dan tempat bermain anak.",
           "Akses kursi roda ke lantai 2 belum ada."],
    "baik": ["Pelayanan sudah baik, terima kasih.", "Petugas ramah dan sopan, pertahankan.",
             "Mantap, pelayanan cepat.", "Sudah bagus, semoga makin baik.",
             "Pelayanan > harapan saya & petugas membantu.", "Terima kasih, KK saya selesai hari itu juga.",
             "Puas dengan pelayanan Dinas Contoh."],
}
#: Saran with (fake) personal data, placed in fixed rows of each semester.
SARAN_PRIBADI = [
    "Tolong kabari saya di 0812-3456-7890 kalau KTP-el sudah jadi.",
    "Akta anak saya belum jadi, NIK 3301234567890123, mohon dicek.",
    "Saran lengkap sudah saya kirim ke budi.santoso@example.com juga.",
    "WA saya +62 813 9876 5432 untuk info pengambilan KK.",
    "Hubungi sari_dewi@mail.example.id atau 0857 1111 2222 ya.",
]

#: The questions of the Google-Forms layout, in the form's order (sarana before pengaduan).
PERTANYAAN = {
    "U1": "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
    "U2": "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
    "U3": "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
    "U4": "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
    "U5": "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum "
          "dalam standar pelayanan dengan hasil yang diberikan?",
    "U6": "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
    "U7": "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
    "U9": "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
    "U8": "Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
}
LABELS = {  # as the form shows them (capitalised), scores 1-4
    "U1": ["Tidak Sesuai", "Kurang Sesuai", "Sesuai", "Sangat Sesuai"],
    "U2": ["Tidak Mudah", "Kurang Mudah", "Mudah", "Sangat Mudah"],
    "U3": ["Tidak Cepat", "Kurang Cepat", "Cepat", "Sangat Cepat"],
    "U4": ["Sangat Mahal", "Cukup Mahal", "Murah", "Gratis"],
    "U5": ["Tidak Sesuai", "Kurang Sesuai", "Sesuai", "Sangat Sesuai"],
    "U6": ["Tidak Kompeten", "Kurang Kompeten", "Kompeten", "Sangat Kompeten"],
    "U7": ["Tidak Sopan dan Ramah", "Kurang Sopan dan Ramah", "Sopan dan Ramah", "Sangat Sopan dan Ramah"],
    "U8": ["Tidak Ada", "Ada Tetapi Tidak Berfungsi", "Berfungsi Kurang Maksimal", "Dikelola dengan Baik"],
    "U9": ["Buruk", "Cukup", "Baik", "Sangat Baik"],
}
#: How the form writes some education levels (the tidy files use the short codes).
FORM_PENDIDIKAN = {"SMA": "SMA/SMK", "D3": "D1/D2/D3", "S1": "S1/D4"}
FORM_HEADER = ["Timestamp", "Jenis Kelamin", "Usia (tahun)", "Pendidikan Terakhir", "Pekerjaan",
               "Jenis layanan yang diterima", *PERTANYAAN.values(), "Saran dan masukan untuk perbaikan layanan"]
TIDY_HEADER = ["no", "tanggal", "jenis_kelamin", "usia", "pendidikan", "pekerjaan", "jenis_layanan", *CODES, "saran"]


def _pick(rng: random.Random, shares: dict[str, float]) -> str:
    return rng.choices(list(shares), weights=list(shares.values()))[0]


def _respondent(rng: random.Random, sem: Semester, day: date) -> dict:
    layanan = _pick(rng, {k: v[0] for k, v in LAYANAN.items()})
    _, effect, u3_effect = LAYANAN[layanan]
    (lo, hi), = rng.choices([b for b, _ in USIA], weights=[w for _, w in USIA])
    person = rng.gauss(0, 0.38)  # a respondent's general mood, shared by all unsur
    scores = {}
    for code in CODES:
        mu = BASE[code] + sem.shift + effect + person + (sem.u3 + u3_effect if code == "U3" else 0.0)
        value = min(4, max(1, round(rng.gauss(mu, 0.55))))
        scores[code] = None if rng.random() < 0.012 else value
    saran = ""
    if rng.random() < 0.34:
        low = [c for c in CODES if scores[c] is not None and scores[c] <= 2 and c in SARAN]
        if low:
            theme = rng.choice(low) if rng.random() < 0.8 else rng.choice(list(SARAN))
        else:
            theme = "baik" if rng.random() < 0.6 else rng.choice(list(SARAN))
        saran = rng.choice(SARAN[theme])
    return {
        "tanggal": datetime.combine(day, datetime.min.time()) + timedelta(seconds=rng.randrange(8 * 3600, 15 * 3600)),
        "jenis_kelamin": "P" if rng.random() < 0.56 else "L",
        "usia": None if rng.random() < 0.02 else rng.randint(lo, hi),
        "pendidikan": _pick(rng, PENDIDIKAN),
        "pekerjaan": "Pelajar/Mahasiswa" if sem.forms and rng.random() < 0.04 else _pick(rng, PEKERJAAN),
        "jenis_layanan": layanan,
        "scores": scores,
        "saran": saran,
    }


def _respondents(sem: Semester) -> list[dict]:
    rng = random.Random(f"{SEED}-{sem.periode}")
    days = [sem.start + timedelta(d) for d in range((sem.end - sem.start).days + 1)]
    workdays = [d for d in days if d.weekday() < 5]
    rows = [_respondent(rng, sem, rng.choice(workdays)) for _ in range(sem.n)]
    rows.sort(key=lambda r: r["tanggal"])
    for k, text in enumerate(SARAN_PRIBADI[:3] if not sem.forms else SARAN_PRIBADI):
        rows[(k * 97 + 31) % len(rows)]["saran"] = text
    return rows


def _tidy(rows: list[dict]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(TIDY_HEADER)
    for i, r in enumerate(rows, start=1):
        scores = ["" if r["scores"][c] is None else r["scores"][c] for c in CODES]
        w.writerow([i, r["tanggal"].date().isoformat(), r["jenis_kelamin"], r["usia"] or "", r["pendidikan"],
                    r["pekerjaan"], r["jenis_layanan"], *scores, r["saran"]])
    return buf.getvalue()


def _forms(rows: list[dict], sem: Semester) -> str:
    # Invalid rows the parameters exclude (kebijakan: exclude), and one submission without any
    # unsur answer (kept, not counted).
    rows = [dict(r, scores=dict(r["scores"])) for r in rows]
    rows[57]["scores"]["U3"] = "Lumayan"
    rows[203]["scores"]["U9"] = 5
    rows[-1]["tanggal"] = datetime.combine(sem.end + timedelta(days=17), datetime.min.time()) + timedelta(hours=10)
    rows[148]["scores"] = {c: None for c in CODES}
    rows[148]["saran"] = ""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow(FORM_HEADER)
    for r in rows:
        answers = []
        for code in PERTANYAAN:
            v = r["scores"][code]
            answers.append("" if v is None else LABELS[code][v - 1] if isinstance(v, int) and 1 <= v <= 4 else v)
        sex = "Perempuan" if r["jenis_kelamin"] == "P" else "Laki-laki"
        education = FORM_PENDIDIKAN.get(r["pendidikan"], r["pendidikan"])
        w.writerow([r["tanggal"].strftime("%Y-%m-%d %H:%M:%S"), sex, r["usia"] or "", education, r["pekerjaan"],
                    r["jenis_layanan"], *answers, r["saran"]])
    return "\ufeff" + buf.getvalue()


def build() -> dict[str, bytes]:
    """The example's data files: ``{file name: bytes}``."""
    out = {}
    for sem in SEMESTERS:
        rows = _respondents(sem)
        text = _forms(rows, sem) if sem.forms else _tidy(rows)
        out[f"{sem.periode}.csv"] = text.encode("utf-8")
    return out


def write(out_dir: Path = OUT_DIR) -> list[Path]:
    """Write the data files into ``out_dir``; return their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, content in build().items():
        path = out_dir / name
        path.write_bytes(content)
        paths.append(path)
    return paths


# ---------------------------------------------------------------------------- the regency (ikm batch, ikm rekap)

KABUPATEN_DIR = ROOT / "params" / "contoh-kabupaten"
KAB_PERIODE = "2025-S2"
KAB_START, KAB_END = date(2025, 7, 7), date(2025, 11, 28)


@dataclass(frozen=True)
class Opd:
    nama: str
    slug: str
    n: int
    shift: float  # on every unsur
    weak: str  # its weakest unsur
    layanan: tuple[str, ...]
    populasi: int
    broken: bool = False


OPD = (
    Opd("Dinas Kependudukan dan Pencatatan Sipil", "disdukcapil", 214, 0.05, "U3",
        ("Perekaman KTP-el", "Kartu Keluarga", "Akta Kelahiran"), 9800),
    Opd("Dinas Penanaman Modal dan PTSP", "dpmptsp", 168, 0.22, "U2", ("Perizinan Berusaha", "PBG"), 2100),
    Opd("RSUD Kabupaten Contoh", "rsud", 151, -0.12, "U3", ("Rawat Jalan", "IGD", "Rawat Inap"), 15400),
    Opd("Dinas Kesehatan", "dinkes", 122, 0.02, "U9", ("Surat Izin Praktik", "Laboratorium Kesehatan"), 1300),
    Opd("Dinas Sosial", "dinsos", 97, -0.08, "U1", ("Rekomendasi Bantuan Sosial", "Data Terpadu"), 1900),
    Opd("Badan Pendapatan Daerah", "bapenda", 90, 0.10, "U8", ("PBB-P2", "BPHTB"), 4200),
    Opd("Dinas Tenaga Kerja", "disnaker", 76, -0.02, "U5", ("Kartu Pencari Kerja", "Pelatihan Kerja"), 950),
    Opd("Dinas Lingkungan Hidup", "dlh", 64, -0.42, "U8", ("Persetujuan Lingkungan", "Pengangkutan Sampah"), 700),
    Opd("Dinas Perpustakaan dan Kearsipan", "dispusip", 51, 0.45, "U9", ("Keanggotaan", "Layanan Baca"), 1200),
    Opd("Kecamatan Contoh Utara", "kec-contoh-utara", 43, 0.08, "U3", ("Surat Keterangan", "Legalisasi"), 600),
    Opd("Dinas Pemuda dan Olahraga", "dispora", 9, 0.15, "U9", ("Peminjaman Gedung Olahraga",), 45),
    Opd("Dinas Perhubungan", "dishub", 58, -0.05, "U3", ("Uji KIR", "Izin Trayek"), 800, broken=True),
)
KAB_SARAN = ["Pelayanan sudah baik, terima kasih.", "Mohon antrean dipercepat.", "Ruang tunggu kurang nyaman.",
             "Informasi persyaratan mohon diperjelas di papan pengumuman.", "Petugas ramah dan membantu.",
             "Pengaduan mohon ditanggapi lebih cepat.", "Mohon layanan daring diperbaiki."]


def _opd_rows(opd: Opd) -> list[dict]:
    rng = random.Random(f"{SEED}-{KAB_PERIODE}-{opd.slug}")
    days = [KAB_START + timedelta(d) for d in range((KAB_END - KAB_START).days + 1)]
    workdays = [d for d in days if d.weekday() < 5]
    rows = []
    for _ in range(opd.n):
        (lo, hi), = rng.choices([b for b, _ in USIA], weights=[w for _, w in USIA])
        person = rng.gauss(0, 0.38)
        scores = {}
        for code in CODES:
            mu = BASE[code] + 0.15 + opd.shift + person + (-0.45 if code == opd.weak else 0.0)
            if code == "U3" and opd.weak != "U3":
                mu += 0.3  # the example's BASE makes U3 weak everywhere; here each unit has its own
            scores[code] = None if rng.random() < 0.01 else min(4, max(1, round(rng.gauss(mu, 0.55))))
        day = datetime.combine(rng.choice(workdays), datetime.min.time())
        rows.append({
            "tanggal": day + timedelta(seconds=rng.randrange(8 * 3600, 15 * 3600)),
            "jenis_kelamin": "P" if rng.random() < 0.52 else "L",
            "usia": rng.randint(lo, hi),
            "pendidikan": _pick(rng, PENDIDIKAN),
            "pekerjaan": _pick(rng, PEKERJAAN),
            "jenis_layanan": rng.choice(opd.layanan),
            "scores": scores,
            "saran": rng.choice(KAB_SARAN) if rng.random() < 0.25 else "",
        })
    rows.sort(key=lambda r: r["tanggal"])
    return rows


def _kab_common() -> str:
    return "\n".join([
        "# Parameter bersama 12 perangkat daerah Kabupaten Contoh (contoh fiktif; scripts/make_example.py).",
        "# Setiap <unit>/2025-S2.yaml memperluas berkas ini lewat `dasar:`; kuncinya menimpa kunci di sini.",
        "unit:",
        '  nama: "(diisi di berkas tiap unit)"',
        '  instansi: "Pemerintah Kabupaten Contoh"',
        '  kabupaten_kota: "Kabupaten Contoh"',
        f'periode: "{KAB_PERIODE}"',
        "skema: permen14_2017",
        "bobot: exact",
        "data:",
        "  kebijakan: stop",
        "  kelompok_usia: [[17, 25], [26, 35], [36, 45], [46, 55], [56, null]]",
        "survei:",
        '  pelaksana: "Tim SKM perangkat daerah, dikoordinasikan Bagian Organisasi Sekretariat Daerah"',
        '  metode: "Kuesioner elektronik dan kertas di ruang pelayanan"',
        "  mulai: 2025-07-01",
        "  selesai: 2025-12-12",
        "kelompok: [jenis_layanan]",
        "",
    ])


def _kab_unit(opd: Opd) -> str:
    return "\n".join([
        f"# {opd.nama}, Semester II 2025 (contoh fiktif).",
        "dasar: ../_umum-2025-S2.yaml",
        "unit:",
        f'  nama: "{opd.nama}"',
        f"  slug: {opd.slug}",
        "data:",
        f"  berkas: data/{KAB_PERIODE}.csv   # relatif terhadap berkas ini",
        f"populasi: {opd.populasi}",
        "",
    ])


def build_kabupaten() -> dict[str, bytes]:
    """The regency example: ``{path relative to params/contoh-kabupaten: bytes}``."""
    out = {"_umum-2025-S2.yaml": _kab_common().encode("utf-8")}
    for opd in OPD:
        text = _tidy(_opd_rows(opd))
        if opd.broken:  # the export lost its last unsur column: a whole-file error, clearly named
            cut = TIDY_HEADER.index("U9")
            buf = io.StringIO()
            w = csv.writer(buf, lineterminator="\n")
            for row in csv.reader(io.StringIO(text)):
                w.writerow(row[:cut] + row[cut + 1:])
            text = buf.getvalue()
        out[f"{opd.slug}/{KAB_PERIODE}.yaml"] = _kab_unit(opd).encode("utf-8")
        out[f"{opd.slug}/data/{KAB_PERIODE}.csv"] = text.encode("utf-8")
    return out


def write_kabupaten(out_dir: Path = KABUPATEN_DIR) -> list[Path]:
    """Write the regency example into ``out_dir``; return the paths."""
    paths = []
    for name, content in build_kabupaten().items():
        path = out_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        paths.append(path)
    return paths


if __name__ == "__main__":
    written = write(Path(sys.argv[1])) if len(sys.argv) > 1 else write() + write_kabupaten()
    for p in written:
        print(p)
