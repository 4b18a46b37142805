"""Sentences that read the figures: weakest and strongest unsur, answer distributions, groups,
sample adequacy, saran themes, RTL basis and the trend's direction (Indonesian, decimal comma).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ikm_utils.method.compute import Summary
from ikm_utils.method.indonesian import format_number, format_percent, join_words
from ikm_utils.method.sample import SampleCheck
from ikm_utils.report.tables import PROFILE_LABELS, SMALL_GROUP, lowest_unsur, ranked_unsur, unsur_label

#: Change in IKM (25-100 points) below which a trend is called stable.
STABLE_POINTS = 0.5


def _n(x: int | None) -> str:
    return format_number(x, 0)


def _ikm(s: Summary) -> str:
    return format_number(s.ikm_konversi)


def words(n: int) -> str:
    """A small count in words (``3 -> 'tiga'``), digits from ten on."""
    names = ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan")
    return names[n] if 0 <= n < len(names) else format_number(n, 0)


def sample_sentence(sample: SampleCheck | None) -> str:
    """Whether the achieved n reaches Krejcie-Morgan's S, in one sentence ('' without a population)."""
    if sample is None:
        return ""
    base = (f"Dengan populasi {_n(sample.populasi)} pengguna layanan, jumlah responden minimal menurut tabel "
            f"Krejcie dan Morgan adalah {_n(sample.minimum)}; jumlah responden yang diperoleh {_n(sample.diperoleh)}")
    if sample.cukup:
        return base + ", sehingga jumlah responden telah memenuhi."
    return (base + f", sehingga jumlah responden belum memenuhi (kurang {_n(sample.kekurangan)} responden) dan "
            "hasil survei perlu dibaca dengan hati-hati.")


def group_sentences(ctx: Any, column: str = "jenis_layanan") -> list[str]:
    """Per jenis layanan: highest and lowest IKM, with a caution for small groups."""
    if column not in ctx.data.columns or not ctx.data[column].notna().any():
        label = PROFILE_LABELS.get(column, column).lower()
        return [f"Kuesioner periode ini tidak memuat isian {label}; IKM hanya dihitung untuk unit pelayanan "
                "secara keseluruhan."]
    groups = {k: v for k, v in ctx.result.kelompok.get(column, {}).items() if v.ikm_konversi is not None}
    if len(groups) == 1:
        name = next(iter(groups))
        return [f"Seluruh responden menerima satu {PROFILE_LABELS.get(column, column).lower()}, yaitu {name}; "
                "IKM-nya sama dengan IKM unit pelayanan."]
    if len(groups) < 2:
        return []
    small = sorted(k for k, v in groups.items() if v.n_responden < SMALL_GROUP)
    large = {k: v for k, v in groups.items() if k not in small}
    ranked = sorted((large if len(large) >= 2 else groups).items(), key=lambda kv: kv[1].ikm_konversi)
    (lo_name, lo), (hi_name, hi) = ranked[0], ranked[-1]
    among = f" (di antara layanan dengan sedikitnya {SMALL_GROUP} responden)" if small and len(large) >= 2 else ""
    out = [
        f"Menurut jenis layanan{among}, nilai IKM tertinggi terdapat pada layanan {hi_name} ({_ikm(hi)}, mutu "
        f"{hi.mutu}) dan terendah pada layanan {lo_name} ({_ikm(lo)}, mutu {lo.mutu}). Nilai IKM setiap jenis layanan "
        "dihitung dengan cara yang sama dari responden layanan tersebut."
    ]
    if small:
        out.append(f"Layanan dengan kurang dari {SMALL_GROUP} responden ({', '.join(small)}) belum cukup untuk "
                   "dibandingkan; nilainya ditampilkan sebagai gambaran saja.")
    return out


def unsur_sentences(summary: Summary, count: int = 3) -> list[str]:
    """The weakest and the strongest unsur, with NRR, converted value and grade.

    >>> from ikm_utils.method.compute import compute_ikm
    >>> df = pd.DataFrame({f"U{i}": [4, 4, 3, 3] for i in range(1, 10)}); df["U3"] = [2, 2, 3, 1]
    >>> unsur_sentences(compute_ikm(df).total, count=1)[0]
    'Unsur dengan nilai terendah adalah U3 Waktu Penyelesaian (NRR 2,000; nilai 50,00; mutu D).'
    """
    ranked = ranked_unsur(summary)
    if not ranked:
        return []

    def describe(u: Any) -> str:
        nrr, nilai = format_number(u.nrr, 3), format_number(u.nilai_konversi)
        return f"{unsur_label(u)} (NRR {nrr}; nilai {nilai}; mutu {u.mutu})"

    if len(ranked) > 1 and ranked[0].nrr_exact == ranked[-1].nrr_exact:
        u = ranked[0]
        return [f"Semua unsur memperoleh nilai yang sama (NRR {format_number(u.nrr, 3)}; nilai "
                f"{format_number(u.nilai_konversi)}; mutu {u.mutu}), sehingga tidak ada unsur terlemah maupun "
                "terkuat."]
    low, high = lowest_unsur(summary, count), lowest_unsur(summary, count, highest=True)
    def listing(items: list) -> str:
        return join_words([describe(u) for u in items])

    def tie(items: list, n: int) -> str:
        return " (nilainya sama)" if len(items) > n else ""

    lo_word = "terendah" if count == 1 else f"{words(len(low))} unsur dengan nilai terendah"
    hi_word = "tertinggi" if count == 1 else f"{words(len(high))} unsur dengan nilai tertinggi"
    if count == 1:
        verb_lo = "adalah" if len(low) == 1 else f"ada {words(len(low))}{tie(low, 1)}:"
        verb_hi = "adalah" if len(high) == 1 else f"ada {words(len(high))}{tie(high, 1)}:"
        return [f"Unsur dengan nilai {lo_word} {verb_lo} {listing(low)}.",
                f"Unsur dengan nilai {hi_word} {verb_hi} {listing(high)}."][: 1 if len(ranked) == 1 else 2]
    return [f"Kelemahan: {lo_word} adalah {listing(low)}. Unsur-unsur ini menjadi prioritas perbaikan.",
            f"Kelebihan: {hi_word} adalah {listing(high)}. Capaian ini perlu dipertahankan."]


def distribution_sentences(summary: Summary) -> list[str]:
    """What the answer distribution says about the weakest unsur."""
    ranked = ranked_unsur(summary)
    if not ranked or ranked[0].nrr_exact == ranked[-1].nrr_exact:
        return []
    u = ranked[0]
    low_share = (u.distribusi[0] + u.distribusi[1]) / u.n
    best = ranked[-1]
    best_share = (best.distribusi[2] + best.distribusi[3]) / best.n
    return [
        f"Grafik distribusi jawaban memperlihatkan sebaran penilaian setiap unsur: jawaban bernilai 1–2 di kiri garis "
        f"nol dan bernilai 3–4 di kanan. Pada unsur {unsur_label(u)}, {format_percent(low_share)} jawaban bernilai "
        f"1 atau 2, sedangkan pada unsur {unsur_label(best)} {format_percent(best_share)} jawaban bernilai 3 atau 4."
    ]


def saran_sentences(n_saran: int, n_responden: int, themes: pd.DataFrame, collected: bool = True) -> list[str]:
    """How many wrote a saran and which themes come up most (``collected``: the data have a saran column;
    ``themes.attrs["ditanyakan"]`` False says the same, from ``saran.collect_saran``)."""
    if not collected or not themes.attrs.get("ditanyakan", True):
        return ["Kuesioner periode ini tidak memuat isian saran."]
    if n_saran == 0:
        return ["Tidak ada responden yang menuliskan saran pada periode ini."]
    top = [t for t in themes["Tema"].tolist() if t not in ("Lainnya", "Apresiasi")][:3]
    share = format_percent(n_saran / n_responden) if n_responden else "–"
    text = (f"Sebanyak {_n(n_saran)} responden ({share}) menuliskan saran. Saran dikelompokkan menurut unsur "
            "yang dibicarakannya berdasarkan kata kunci")
    if top:
        text += "; yang paling sering menyangkut " + ", ".join(top[:-1]) + (" dan " if len(top) > 1 else "") + top[-1]
    text += (". Nomor telepon, alamat surel dan NIK yang tertulis di saran disamarkan untuk melindungi data "
             "pribadi responden.")
    return [text]


def rtl_sentences(rtl: pd.DataFrame) -> list[str]:
    """The Rencana Tindak Lanjut's basis; says so when the priorities were proposed by default."""
    out = ["Sesuai pedoman, unsur dengan nilai terendah mendapat prioritas perbaikan. Rencana tindak lanjut dibahas "
           "bersama pengguna layanan dalam Forum Konsultasi Publik dan hasilnya dipublikasikan."]
    if rtl.attrs.get("bawaan") and not len(rtl):
        out.append("Rencana tindak lanjut periode ini belum ditetapkan, dan semua unsur bernilai sama sehingga "
                   "tidak ada unsur yang diusulkan sebagai prioritas menurut nilainya.")
    elif rtl.attrs.get("bawaan"):
        out.append(f"Rencana tindak lanjut periode ini belum ditetapkan. Tabel berikut adalah usulan: "
                   f"{words(len(rtl))} unsur dengan NRR terendah sebagai prioritas, sedangkan program, waktu dan "
                   "penanggung jawabnya belum ditetapkan.")
    return out


def trend_sentence(trend: pd.DataFrame) -> str:
    """The direction of the IKM: from the period before, and since the first period shown."""
    rows = trend.dropna(subset=["ikm_konversi"]).to_dict("records")
    if len(rows) < 2:
        return "Belum ada riwayat nilai IKM periode sebelumnya untuk dibandingkan."
    cur, prev, first = rows[-1], rows[-2], rows[0]

    def move(a: float, b: float) -> str:
        diff = b - a
        if abs(diff) < STABLE_POINTS:
            return f"relatif stabil ({format_number(a)} menjadi {format_number(b)})"
        word = "naik" if diff > 0 else "turun"
        return f"{word} {format_number(abs(diff))} poin dari {format_number(a)} menjadi {format_number(b)}"

    same = str(prev["skema"]).split("+")[0] == str(cur["skema"]).split("+")[0]
    text = f"Dibandingkan {prev['label']}, nilai IKM {cur['label']} {move(prev['ikm_konversi'], cur['ikm_konversi'])}"
    if not same:
        text += ", tetapi kedua periode dinilai dengan skema yang berbeda sehingga perbandingannya perlu hati-hati"
    text += "."
    if len(rows) > 2:
        text += f" Sejak {first['label']} nilai IKM {move(first['ikm_konversi'], cur['ikm_konversi'])}."
    return text
