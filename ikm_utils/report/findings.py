"""Each finding said once: the Ringkasan summarises, BAB III states, BAB IV analyses, BAB V concludes.

The weakest and strongest unsur appear in all four places, each time in a different role and with
different words: the Ringkasan names them with their value; BAB III gives NRR, value and grade
(``interpret.unsur_sentences``); 4.1 ties them to what respondents wrote (saran themes) and to the
answer distribution; BAB V draws the conclusion and points to the RTL.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ikm_utils.method.compute import Summary
from ikm_utils.method.indonesian import format_number, format_percent, join_words
from ikm_utils.report.interpret import sample_sentence, trend_sentence, words
from ikm_utils.report.narrative import Block, Daftar, paragraphs
from ikm_utils.report.saran import THEME_APRESIASI, THEME_OTHER, saran_table, saran_theme
from ikm_utils.report.tables import ranked_unsur, unsur_label

#: How many of the lowest unsur 4.1 analyses (the same number the RTL proposes by default).
WEAK_COUNT = 3


def _name(u: Any) -> str:
    return unsur_label(u)


def _value(u: Any) -> str:
    return format_number(u.nilai_konversi)


def ringkasan(ctx: Any, trend: pd.DataFrame | None = None, previous_rtl: Any = None) -> list[Block]:
    """The Ringkasan: the IKM and grade, where it is weakest and strongest, sample, trend, last RTL."""
    p, s = ctx.params, ctx.summary
    out: list[Block] = [
        f"Survei Kepuasan Masyarakat {p.unit.nama} {p.period.label} diikuti {format_number(s.n_responden, 0)} "
        f"responden yang menilai {ctx.scheme.k} unsur pelayanan. Nilai IKM {format_number(s.ikm_konversi)} "
        f"menempatkan pelayanan pada mutu {s.mutu} ({s.kinerja})."
    ]
    ranked = ranked_unsur(s)
    if len(ranked) > 1:
        low, high = ranked[0], ranked[-1]
        out.append(f"Penilaian terendah diberikan pada {_name(low)} ({_value(low)}) dan tertinggi pada "
                   f"{_name(high)} ({_value(high)}); analisis dan rencana perbaikannya ada di BAB IV.")
    sample = sample_sentence(ctx.sample)
    if sample:
        out.append(sample)
    if trend is not None and len(trend) > 1:
        out.append(trend_sentence(trend))
    if previous_rtl is not None and previous_rtl.direncanakan:
        out.append(previous_rtl.sentence())
    return out


def _theme_index(saran: list[str], scheme: Any) -> tuple[dict[str, int], dict[str, tuple[str, int]], int]:
    """Saran per unsur code, the most frequent text per code, and the number of saran with a theme."""
    table = saran_table(saran, scheme)
    per_code: dict[str, int] = {}
    example: dict[str, tuple[str, int]] = {}
    for text, count in zip(table["Saran"], table["Jumlah"], strict=True):
        code = saran_theme(text, scheme)
        per_code[code] = per_code.get(code, 0) + int(count)
        if code not in example or count > example[code][1]:
            example[code] = (str(text), int(count))
    return per_code, example, len(saran)


def analisis_kelemahan(ctx: Any, saran: list[str] | None = None) -> list[Block]:
    """4.1 Kelemahan dan Kelebihan: the weak unsur tied to what respondents wrote, then the strengths.

    ``narasi.analisis`` in the parameters adds the unit's own analysis at the end.
    """
    s, scheme = ctx.summary, ctx.scheme
    saran = ctx.saran() if saran is None else saran
    ranked = ranked_unsur(s)
    if not ranked:
        return ["Tidak ada unsur yang dapat dianalisis."]
    per_code, example, total = _theme_index(saran, scheme)
    about_unsur = {c: n for c, n in per_code.items() if c not in (THEME_APRESIASI, THEME_OTHER)}
    most = sorted(about_unsur, key=lambda c: -about_unsur[c])
    weak = ranked[:WEAK_COUNT]
    out: list[Block] = [
        f"Analisis berikut membaca {words(len(weak))} unsur dengan nilai terendah bersama jawaban dan saran "
        "responden, untuk menemukan penyebab yang dapat diperbaiki."
    ]
    items = []
    for u in weak:
        low_share = (u.distribusi[0] + u.distribusi[1]) / u.n if u.n else 0
        if low_share:
            text = f"{_name(u)} (mutu {u.mutu}): {format_percent(low_share)} responden memberi nilai 1 atau 2. "
        else:
            text = (f"{_name(u)} (mutu {u.mutu}): tidak ada responden yang memberi nilai 1 atau 2; unsur ini terendah "
                    "secara relatif, karena lebih sedikit responden yang memberi nilai 4. ")
        n = about_unsur.get(u.kode, 0)
        if not total:
            text = text.rstrip()
        elif n:
            rank = most.index(u.kode) + 1
            quote, times = example[u.kode]
            quote = quote.rstrip(" .!?;,")
            place = "tema yang paling sering muncul" if rank == 1 else f"tema ke-{rank} terbanyak"
            text += (f"{n} saran ({format_percent(n / total)} dari seluruh saran) menyangkut unsur ini, {place}; "
                     f"contohnya «{quote}»" + (f" ({times} kali)" if times > 1 else "") +
                     ". Keluhan responden sejalan dengan nilainya, sehingga perbaikan dapat diarahkan pada hal "
                     "yang mereka sebutkan.")
        else:
            text += ("Hampir tidak ada saran yang menyebut unsur ini, sehingga penyebab rendahnya nilai perlu "
                     "digali lebih lanjut, misalnya dalam Forum Konsultasi Publik.")
        items.append(text)
    out.append(Daftar(tuple(items), bernomor=True))
    if not total:
        out.append("Tidak ada saran tertulis dari responden periode ini, sehingga penyebab nilai unsur-unsur tersebut "
                   "perlu digali lebih lanjut bersama pengguna layanan, misalnya dalam Forum Konsultasi Publik.")
    weak_codes = {u.kode for u in weak}
    others = [c for c in most[:WEAK_COUNT] if c not in weak_codes and about_unsur[c] >= 5]
    if others:
        by_code = {u.kode: u for u in s.unsur}
        named = join_words([f"{_name(by_code[c])} ({about_unsur[c]} saran)" for c in others if c in by_code])
        out.append(f"Saran juga cukup sering menyangkut {named}, walaupun nilainya tidak termasuk yang terendah; "
                   "masukan ini layak diperhatikan agar nilainya tidak turun.")
    strong = ranked[::-1][:2]
    praise = per_code.get(THEME_APRESIASI, 0)
    text = (f"Kelebihan pelayanan ada pada {join_words([f'{_name(u)} (mutu {u.mutu})' for u in strong])}; "
            "capaian ini perlu dipertahankan.")
    if praise and total:
        text += f" Sebanyak {praise} saran ({format_percent(praise / total)}) berupa apresiasi atas pelayanan."
    out.append(text)
    out.extend(paragraphs(ctx.params.narasi.analisis))
    return out


def kesimpulan(ctx: Any, trend: pd.DataFrame | None = None, rtl: pd.DataFrame | None = None) -> list[Block]:
    """BAB V Kesimpulan: conclusions (not a copy of the Ringkasan), then ``narasi.kesimpulan_tambahan``."""
    p, s = ctx.params, ctx.summary
    ranked = ranked_unsur(s)
    points = [f"Secara keseluruhan masyarakat menilai pelayanan {p.unit.nama} {_grade_words(s)} pada "
              f"{p.period.label}."]
    if len(ranked) > 1:
        weak = join_words([u.nama for u in ranked[:WEAK_COUNT]])
        strong = join_words([u.nama for u in ranked[::-1][:2]])
        points.append(f"Perbaikan paling diperlukan pada unsur {weak}; unsur {strong} menjadi kekuatan pelayanan.")
    if ctx.sample is not None:
        points.append("Jumlah responden memenuhi ukuran sampel minimal, sehingga hasilnya dapat mewakili pengguna "
                      "layanan." if ctx.sample.cukup else
                      "Jumlah responden belum memenuhi ukuran sampel minimal; survei berikutnya perlu menjangkau "
                      "lebih banyak pengguna layanan.")
    if trend is not None and len(trend) > 1:
        rows = trend.dropna(subset=["ikm_konversi"])
        if len(rows) > 1:
            diff = float(rows["ikm_konversi"].iloc[-1]) - float(rows["ikm_konversi"].iloc[-2])
            word = "meningkat" if diff >= 0.5 else "menurun" if diff <= -0.5 else "relatif tetap"
            points.append(f"Dibandingkan periode sebelumnya, kepuasan masyarakat {word}.")
    if rtl is not None and len(rtl):
        fixed = not rtl.attrs.get("bawaan")
        points.append(f"{'Rencana tindak lanjut' if fixed else 'Usulan tindak lanjut'} periode berikutnya "
                      f"difokuskan pada {words(len(rtl))} prioritas (subbab 4.2)"
                      + ("." if fixed else " dan perlu ditetapkan bersama pengguna layanan."))
    closing = paragraphs(p.narasi.penutup) or [
        "Demikian laporan ini disusun sebagai bahan evaluasi dan perbaikan penyelenggaraan pelayanan publik. Hasil "
        f"survei dipublikasikan kepada masyarakat, dan {p.unit.nama} berkomitmen menindaklanjutinya."
    ]
    return [Daftar(tuple(points), bernomor=True), *paragraphs(p.narasi.kesimpulan_tambahan), *closing]


def _grade_words(s: Summary) -> str:
    """``sangat baik``/``baik``/``kurang baik``/``tidak baik`` with the grade and value."""
    return f"{str(s.kinerja).lower()} (mutu {s.mutu}, nilai IKM {format_number(s.ikm_konversi)})"


__all__ = ["WEAK_COUNT", "analisis_kelemahan", "kesimpulan", "ringkasan"]
