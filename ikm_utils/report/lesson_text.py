"""The sentences and tables of the teaching notebook, generated from the scheme and the class's data.

Every number a student reads on the page (k, 1/k, the printed weight, the grade table and its gaps,
N, n, counts) comes from a :class:`~ikm_utils.report.lesson.Lesson`, so the page fits any class and
any scheme. Functions return Markdown text or pandas ``Styler`` tables; the notebook only displays.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal
from fractions import Fraction

import numpy as np
import pandas as pd

from ikm_utils.method.grading import grade
from ikm_utils.method.indonesian import format_number, format_percent, join_words
from ikm_utils.method.sample import check_sample
from ikm_utils.method.schemes import GradeTable, Scheme, get_scheme, scheme_ids
from ikm_utils.report.lesson import SHOWN_ROWS, Lesson, LessonInterval, printed_weight, replicate_shares, variants

SUM_ROW = "Σ Jumlah nilai"
COUNT_ROW = "n (yang menjawab)"


def _num(value, decimals: int = 2) -> str:
    return format_number(value, decimals)


def _codes_span(scheme: Scheme) -> str:
    codes = scheme.codes
    return f"{codes[0]}…{codes[-1]}" if len(codes) > 2 else join_words(codes)


def styled(df: pd.DataFrame, formats: dict[str, int] | int = 3, css_class: str = "",
           index: bool = True) -> pd.io.formats.style.Styler:
    """A table with the Indonesian decimal comma; ``formats`` gives decimals per column (0 = integer).

    The index name goes into the header's corner cell (no empty second header row); ``index=False``
    hides a plain row number.
    """
    def fmt(decimals: int):
        return lambda v: "–" if v is None or (isinstance(v, float) and np.isnan(v)) else _num(v, decimals)

    if isinstance(formats, int):
        formats = dict.fromkeys(df.columns, formats)
    if df.index.name is not None:
        df = df.copy()
        df.columns.name, df.index.name = df.index.name, None
    style = df.style.format({c: fmt(d) for c, d in formats.items() if c in df.columns})
    if not index:
        style = style.hide(axis="index")
    if css_class:
        style = style.set_table_attributes(f'class="{css_class}"')
    return style


# ------------------------------------------------------------------------------------------ the class


def header(les: Lesson) -> str:
    """Who is counted: n, the rows left out and why, the scheme, k and the unsur codes."""
    s = les.scheme
    parts = [f"**{les.n} responden** dihitung dari berkas kelas"]
    if les.empty_rows:
        rows = join_words([str(r) for r in les.empty_rows])
        parts.append(f" ({len(les.empty_rows)} lembar tanpa satu pun jawaban unsur tidak dihitung: baris {rows})")
    if les.excluded:
        parts.append(f"; {les.excluded} baris dikeluarkan karena galat data")
    parts.append(f". Skema **{s.regulasi}**: k = {s.k} unsur, kolom {_codes_span(s)}, jawaban 1–4.")
    if les.varian is not None:
        parts.append(f" Ini **varian {les.varian}**: sebagian jawaban kelas digeser satu tingkat, khusus untuk Anda.")
    return "".join(parts)


def labels_table(scheme: Scheme) -> pd.io.formats.style.Styler:
    """Every unsur with all four answer labels (1 … 4)."""
    return styled(pd.DataFrame([{"Kode": u.kode, "Unsur": u.nama, **{str(i + 1): u.label[i] for i in range(4)}}
                                for u in scheme.unsur]).set_index("Kode"), {})


def answer_table(les: Lesson) -> pd.io.formats.style.Styler:
    """Every counted questionnaire (one row each, the first ``SHOWN_ROWS``), then the Σ and nᵢ rows over all n."""
    full = pd.concat([les.answers.iloc[:SHOWN_ROWS], pd.DataFrame([les.sums, les.counts], index=[SUM_ROW, COUNT_ROW])])
    full.index.name = "Responden"
    return styled(full, 0, "tabel-jawaban")


def blank_sentence(les: Lesson) -> str:
    """Where the blanks are (or that there are none), and which rows the table shows."""
    shown = ""
    if les.n > SHOWN_ROWS:
        shown = (f" Tabel memuat {SHOWN_ROWS} lembar pertama dari {les.n}; baris Σ dan n dihitung dari semua "
                 f"{les.n} lembar.")
    if not les.blanks:
        return "Semua responden yang dihitung menjawab semua unsur (tidak ada sel kosong)." + shown
    where = [f"{c} ({int(les.answers[c].isna().sum())})" for c in les.codes if les.answers[c].isna().any()]
    return (f"Ada **{les.blanks} jawaban kosong** (–): {join_words(where)}. Di unsur itu nᵢ lebih kecil dari "
            f"{les.n}.{shown}")


def nrr_table(les: Lesson, weighted: bool = False) -> pd.io.formats.style.Styler:
    """Jumlah nilai, nᵢ and NRR per unsur (and the weight and weighted NRR)."""
    t = pd.DataFrame({"Jumlah nilai": les.sums, "n": les.counts})
    t["NRR"] = t["Jumlah nilai"] / t["n"]
    formats = {"Jumlah nilai": 0, "n": 0, "NRR": 3}
    if weighted:
        t["Bobot"] = [float(w) for w in les.weights]
        t["NRR tertimbang"] = t["NRR"] * t["Bobot"]
        formats.update({"Bobot": 4, "NRR tertimbang": 4})
    return styled(t, formats)


def weight_sentence(les: Lesson) -> str:
    """w = 1/k with this scheme's k, as the exact fraction, its decimals, and the printed value."""
    s = les.scheme
    if s.bobot is not None:
        return "Skema ini memakai bobot yang ditetapkan sendiri (jumlahnya 1): " + join_words(
            [f"{u.kode} {_num(float(w), 4)}" for u, w in zip(s.unsur, s.bobot, strict=True)]) + "."
    w = Fraction(1, s.k)
    return (f"Dengan k = {s.k} unsur: w = 1/{s.k} = {_num(float(w), 6)}… Peraturan mencetaknya sebagai "
            f"{_num(float(printed_weight(s.k, 3)), 3)}; lihat jebakan 1.")


def ikm_sentence(les: Lesson) -> str:
    """IKM (1–4), IKM unit and mutu of the class."""
    r = les.result
    return (f"IKM = **{_num(float(r.ikm_exact), 4)}** (skala 1–4); IKM unit = {_num(float(r.ikm_exact), 4)} × 25 = "
            f"**{_num(r.ikm_konversi)}**; mutu pelayanan **{r.mutu}** ({r.kinerja}).")


# ------------------------------------------------------------------------------------------ grade tables


def grade_table(table: GradeTable) -> pd.io.formats.style.Styler:
    """The grade table as printed, with the lower bounds this project grades by."""
    return styled(pd.DataFrame([{"Nilai persepsi": b.nilai_persepsi, "Interval IKM": b.interval_ikm,
                          "Interval konversi": b.interval_konversi, "Batas bawah (aturan kita)":
                          _num(b.batas_bawah), "Mutu": b.mutu, "Kinerja": b.kinerja}
                         for b in table.kelas]).set_index("Mutu"), {})


def gaps(table: GradeTable) -> list[tuple[str, str]]:
    """The printed gaps between bands on the 25–100 scale, lowest first: ``[("64,99", "65,00"), ...]``.

    >>> gaps(get_scheme("kepmenpan25_2004").tabel_mutu)
    [('43,75', '43,76'), ('62,50', '62,51'), ('81,25', '81,26')]
    """
    bands = list(reversed(table.kelas))
    return [(low.interval_konversi.split("–")[-1].strip(), high.interval_konversi.split("–")[0].strip())
            for low, high in zip(bands, bands[1:], strict=False)]


def gaps_sentence(table: GradeTable) -> str:
    """The gaps of this table and the rule that closes them."""
    shown = join_words([f"{a} | {b}" for a, b in gaps(table)])
    top = table.kelas[0]
    below = top.batas_bawah - Decimal("0.01")
    mid = format_number(float(top.batas_bawah) - 0.005, 3)
    return (f"Tabel mutu {table.regulasi} mempunyai celah: {shown}. Nilai seperti {mid} jatuh di celah. Aturan "
            f"kita: bulatkan **setengah ke atas** menjadi 2 desimal, lalu pakai batas bawah. Memotong desimal "
            f"(kebiasaan sebagian lembar kerja) menaruh {mid} di {grade(Decimal(below), table).mutu}, padahal "
            f"setengah ke atas memberi {_num(top.batas_bawah)} dan {top.mutu}.")


def gap_table(table: GradeTable) -> pd.io.formats.style.Styler:
    """Values around the top boundary: cut vs half-up, and the grade each gives."""
    b = table.kelas[0].batas_bawah
    values = [b - Decimal("0.01"), b - Decimal("0.005"), b]
    cut = [v.quantize(Decimal("0.01"), rounding=ROUND_DOWN) for v in values]
    return styled(pd.DataFrame({"Nilai": [float(v) for v in values], "Dipotong": [_num(c) for c in cut],
                                "Mutu bila dipotong": [grade(c, table).mutu for c in cut],
                                "Setengah ke atas": [_num(v) for v in values],
                                "Mutu": [grade(v, table).mutu for v in values]}), {"Nilai": 3}, index=False)


def other_table_sentence(les: Lesson) -> str:
    """The same number read with another scheme's grade table."""
    here = les.scheme.tabel_mutu
    other = next(get_scheme(s).tabel_mutu for s in scheme_ids() if get_scheme(s).tabel_mutu.id != here.id)
    value = les.konversi
    g_here, g_other = grade(value, here), grade(value, other)
    text = (f"IKM unit kelas ini, {_num(value)}: mutu **{g_here.mutu}** menurut tabel {here.regulasi}, "
            f"mutu **{g_other.mutu}** menurut tabel {other.regulasi}.")
    if g_here.mutu == g_other.mutu:
        grid = [Decimal(v) / 4 for v in range(100, 401)]
        differ = [v for v in grid if grade(v, here).mutu != grade(v, other).mutu]
        if differ:
            v = min(differ, key=lambda d: abs(d - value))
            text += (f" Di sini sama, tetapi nilai {_num(v)} sudah berbeda: {grade(v, here).mutu} menurut tabel "
                     f"skema ini, {grade(v, other).mutu} menurut tabel lain.")
    return text


# ------------------------------------------------------------------------------------------ the traps


def _variant_table(les: Lesson, keys: list[str]) -> pd.io.formats.style.Styler:
    v = variants(les.answers, les.scheme, len(les.empty_rows))
    rows = [{"Cara": v[k].label, "IKM unit": _num(v[k].konversi), "Mutu": v[k].mutu} for k in keys]
    return styled(pd.DataFrame(rows), {}, index=False)


def weight_trap(les: Lesson) -> tuple[str, pd.io.formats.style.Styler | None]:
    """Trap 1: the printed weight (0,111 and the shorter 0,11) caps the index below 100."""
    k = les.scheme.k
    if les.scheme.bobot is not None:
        return "Skema ini memakai bobot yang ditetapkan sendiri; jebakan bobot tercetak tidak berlaku.", None
    p3, p2 = printed_weight(k, 3), printed_weight(k, 2)
    max3, max2 = float(p3 * k * 4 * 25), float(p2 * k * 4 * 25)
    text = (f"Lampiran peraturan mencetak bobot 1/{k} sebagai {_num(float(p3), 3)}; lembar kerja lain memakai "
            f"{_num(float(p2), 2)}. Dengan angka cetak itu nilai maksimum bukan 100 melainkan "
            f"{_num(float(p3), 3)} × {k} × 4 × 25 = **{_num(max3)}** (dengan {_num(float(p2), 2)}: "
            f"{_num(float(p2), 2)} × {k} × 4 × 25 = **{_num(max2)}**), dan setiap IKM bergeser turun:")
    return text, _variant_table(les, ["tepat", "bobot3", "bobot2"])


def rounding_trap(les: Lesson) -> tuple[str, pd.io.formats.style.Styler]:
    """Trap 2: rounding early, with the blame on the step that actually moves the result."""
    v = variants(les.answers, les.scheme, len(les.empty_rows))
    right = v["tepat"]
    moved = [k for k in ("nrr2", "ikm2") if v[k].konversi != right.konversi]
    flips = [k for k in ("nrr2", "ikm2", "keduanya") if v[k].mutu != right.mutu]
    step = {"nrr2": "membulatkan NRR", "ikm2": "membulatkan IKM (skala 1–4)"}
    if "ikm2" in flips:
        blame = (f"Di kelas ini mutunya berubah dari {right.mutu} menjadi {v['ikm2'].mutu} karena **IKM skala 1–4 "
                 f"dibulatkan** sebelum dikali 25: satu angka di desimal kedua skala 1–4 bernilai 0,25 poin di skala "
                 f"25–100. Membulatkan NRR saja memberi {_num(v['nrr2'].konversi)} (mutu {v['nrr2'].mutu}).")
    elif "nrr2" in flips:
        blame = (f"Di kelas ini mutunya berubah dari {right.mutu} menjadi {v['nrr2'].mutu} karena **NRR "
                 f"dibulatkan**; membulatkan IKM saja memberi {_num(v['ikm2'].konversi)} (mutu {v['ikm2'].mutu}).")
    elif flips:
        blame = (f"Di kelas ini tiap langkah sendiri belum mengubah mutu, tetapi **keduanya bersama** mengubahnya "
                 f"dari {right.mutu} menjadi {v['keduanya'].mutu}.")
    elif moved:
        blame = (f"Di kelas ini mutunya tetap {right.mutu}, tetapi angkanya bergeser karena "
                 f"{join_words([step[k] for k in moved])}: angka yang dilaporkan salah walau mutunya kebetulan "
                 "sama.")
    else:
        blame = f"Di kelas ini pembulatan awal kebetulan tidak menggeser angka ({_num(right.konversi)})."
    text = ("Lembar kerja sering membulatkan NRR menjadi 2 desimal, lalu IKM (skala 1–4) menjadi 2 desimal sebelum "
            "dikali 25. Pisahkan kedua langkah itu untuk melihat mana yang menggeser hasil. " + blame)
    return text, _variant_table(les, ["tepat", "nrr2", "ikm2", "keduanya"])


def blank_trap(les: Lesson) -> tuple[str, pd.io.formats.style.Styler | None]:
    """Trap 3: blanks (and empty forms) counted as zeros, shown only when this class has them."""
    v = variants(les.answers, les.scheme, len(les.empty_rows))
    keys = ["tepat"]
    parts = []
    if les.blanks:
        keys.append("kosong0")
        parts.append(f"Kelas ini punya {les.blanks} jawaban kosong. Bila diisi 0, NRR unsur itu turun seolah-olah "
                     f"ada yang memberi nilai terburuk: IKM unit {_num(v['kosong0'].konversi)} (mutu "
                     f"{v['kosong0'].mutu}) alih-alih {_num(v['tepat'].konversi)}.")
    if les.empty_rows:
        keys.append("lembar0")
        m = len(les.empty_rows)
        parts.append(f"Ada pula {m} lembar tanpa jawaban unsur. Bila ikut dihitung, n menjadi {les.n + m} dan "
                     f"lembar itu menyumbang {les.k} nilai nol: IKM unit {_num(v['lembar0'].konversi)} (mutu "
                     f"{v['lembar0'].mutu}). Lembar seperti itu tidak dihitung, tetapi dilaporkan.")
    if not parts:
        return ("Kelas ini **tidak punya jawaban kosong**, jadi jebakan ini tidak terjadi di sini. Aturannya tetap: "
                "jawaban kosong bukan 0 dan bukan 1; responden itu dikeluarkan dari nᵢ unsur tersebut saja.", None)
    return " ".join(parts), _variant_table(les, keys)


# ------------------------------------------------------------------------------------------ sample and interval


def sample_sentence(les: Lesson) -> str:
    """Krejcie–Morgan minimum for this N, against the n counted."""
    c = check_sample(les.population, les.n)
    enough = "cukup" if c.cukup else f"kurang {c.kekurangan}"
    return (f"N = {format_number(les.population, 0)}: minimum **{c.minimum}** responden; kelas ini punya {les.n} "
            f"responden yang dihitung ({enough}).")


def interval_sentence(les: Lesson, iv: LessonInterval) -> str:
    """The interval and whether it crosses a grade boundary, or why none is shown."""
    if iv.low is None:
        return f"**Interval tidak ditampilkan.** {iv.reason}"
    table = les.scheme.tabel_mutu
    lo, hi = grade(round(iv.low, 2), table).mutu, grade(round(iv.high, 2), table).mutu
    est = les.result.mutu
    span = f"{_num(iv.low)} hingga {_num(iv.high)}"
    where = (f"seluruh interval di mutu {est}" if lo == hi == est
             else f"interval **melewati batas mutu** (dari {lo} sampai {hi})")
    return (f"IKM unit {_num(les.konversi)}, interval 95% {span} ({iv.method}, n = {iv.n}, N = "
            f"{format_number(les.population, 0)}, faktor √(1 − n/N)); {where}.")


def shares_sentence(les: Lesson, iv: LessonInterval) -> str:
    """"x% replikasi di A, y% di B" under the bootstrap picture."""
    shares = replicate_shares(iv.replicates, les.scheme)
    return join_words([f"{format_percent(s, 0)} replikasi di {m}" for m, s in shares]) + "."


def histogram(les: Lesson, iv: LessonInterval):
    """The bootstrap replicates with the grade boundaries and the 95% band shaded; returns the figure."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(10, 4.4))
    reps = iv.replicates[~np.isnan(iv.replicates)]
    if iv.low is not None:
        ax.axvspan(iv.low, iv.high, color="#f6d58e", alpha=0.6, label="interval 95%")
    ax.hist(reps, bins=40, color="#5b8ac6")
    top = ax.get_ylim()[1]
    lo_x, hi_x = float(reps.min()), float(reps.max())
    for band in les.scheme.tabel_mutu.kelas[:-1]:
        b = float(band.batas_bawah)
        if lo_x - 5 <= b <= hi_x + 5:
            ax.axvline(b, color="#c0392b", linestyle="--")
            ax.annotate(f"{band.mutu} ≥ {_num(band.batas_bawah)}", (b, top * 0.92), fontsize=13,
                        color="#c0392b", xytext=(4, 0), textcoords="offset points",
                        bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 1})
    ax.axvline(iv.estimate, color="black", label=f"IKM unit {_num(les.konversi)}")
    ax.set_xlabel("IKM unit pada sampel ulang", fontsize=13)
    ax.set_ylabel("Banyaknya replikasi", fontsize=13)
    ax.tick_params(labelsize=12)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2, fontsize=12, frameon=False)
    fig.tight_layout()
    return fig
