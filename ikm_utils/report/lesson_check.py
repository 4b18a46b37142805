"""The lesson's exercises: questions on values the page does not print, and a checker that names the mistake.

``Latihan(lesson)`` builds five exercises from the class's data (a window of respondents whose NRR
and IKM appear nowhere on the page, a population N outside the published table, values in the
grade table's gaps). ``periksa(no, jawaban)`` says "Benar", or recognises a classic mistake (the
printed weight 0,111 or 0,11, rounding early, a blank counted as 0, forgetting × 25) and explains
it, without giving the answer away. The worked steps go only to the answer key (``kunci``).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal
from fractions import Fraction

import numpy as np

from ikm_utils.method.grading import grade, round_half_up
from ikm_utils.method.indonesian import format_number, join_words
from ikm_utils.method.sample import krejcie_morgan, published_table
from ikm_utils.report.lesson import SHOWN_ROWS, Lesson, nrr_fractions, printed_weight, variants

_TOLERANCE = {2: Decimal("0.0051"), 3: Decimal("0.00051"), 0: Decimal("0.5")}


@dataclass(frozen=True)
class Mistake:
    """A wrong answer a student typically gives, and what to tell them."""

    value: object
    pesan: str


@dataclass(frozen=True)
class Exercise:
    """One exercise: the question, the answer (``tampil`` as printed in the key), the worked steps."""

    no: int
    soal: str
    jawaban: object
    tampil: str
    langkah: tuple[str, ...]
    desimal: int | None = 2  # None: the answer is text (grades)
    kesalahan: tuple[Mistake, ...] = field(default=())


class Feedback(str):
    """A checker's verdict: text that shows as Markdown in a notebook."""

    def _repr_markdown_(self) -> str:
        return str(self)


def _num(value, decimals: int = 2) -> str:
    return format_number(value, decimals)


def parse_number(answer: object) -> Decimal | None:
    """A student's number: ``88.28``, ``"88,28"``, ``"1.234,5"`` or ``Decimal``; None when it is not one.

    >>> parse_number("88,28"), parse_number(88.28), parse_number("1.234"), parse_number("B")
    (Decimal('88.28'), Decimal('88.28'), Decimal('1234'), None)
    """
    if isinstance(answer, bool) or answer is None:
        return None
    if isinstance(answer, int | float | Decimal | Fraction):
        return Decimal(str(float(answer))) if isinstance(answer, float | Fraction) else Decimal(answer)
    text = str(answer).strip().replace(" ", "")
    if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d+)?", text):
        text = text.replace(".", "")
    text = text.replace(",", ".")
    try:
        return Decimal(text)
    except ArithmeticError:
        return None


def parse_grades(answer: object) -> list[str]:
    """``"B, D"``, ``["b", "d"]`` or ``"BD"`` -> ``["B", "D"]``."""
    items = answer if isinstance(answer, list | tuple) else re.findall(r"[A-Da-d]", str(answer))
    return [str(a).strip().upper() for a in items]


def _window(les: Lesson, size: int) -> tuple[int, int]:
    """The ``size`` consecutive respondents (1-based, inclusive) holding the most blanks (earliest first).

    Only among the rows the page and the worksheet show.
    """
    blanks = les.answers.isna().sum(axis=1).to_numpy()[:SHOWN_ROWS]
    best = max(range(len(blanks) - size + 1), key=lambda s: (blanks[s:s + size].sum(), -s))
    return best + 1, best + size


class Latihan:
    """The five exercises of a class, their checker, and the answer key."""

    def __init__(self, lesson: Lesson):
        self.lesson = lesson
        seed = [2017 if lesson.varian is None else int(lesson.varian), lesson.n]
        self._rng = np.random.default_rng(seed)
        size = lesson.n - 1 if lesson.n <= 10 else 10
        self.window = _window(lesson, max(1, size))
        self._items = {e.no: e for e in (self._nrr(), self._ikm(), self._sample(), self._gaps(), self._width())}

    # -------------------------------------------------------------------------------- the exercises

    @property
    def subset(self):
        a, b = self.window
        return self.lesson.answers.loc[a:b]

    def _who(self) -> str:
        a, b = self.window
        return f"responden nomor {a} sampai {b}" if a != b else f"responden nomor {a}"

    def _nrr(self) -> Exercise:
        sub = self.subset
        with_blank = [c for c in sub.columns if sub[c].isna().any() and sub[c].notna().any()]
        choices = with_blank or list(sub.columns)
        code = choices[int(self._rng.integers(len(choices)))]
        col = sub[code]
        total, n = int(col.sum()), int(col.count())
        value = Fraction(total, n)
        mistakes = [Mistake(round_half_up(value * 25, 3), "Yang diminta NRR pada skala 1–4; Anda sudah mengalikan "
                            "25 (itu nilai konversi unsur).")]
        if n != len(col):
            zero = round_half_up(Fraction(total, len(col)), 3)
            mistakes.insert(0, Mistake(zero, f"Jawaban kosong dihitung 0: Anda membagi dengan {len(col)} lembar. "
                                       "Responden yang tidak menjawab unsur ini dikeluarkan dari nᵢ, jadi pembaginya "
                                       "hanya yang menjawab."))
        name = next(u.nama for u in self.lesson.scheme.unsur if u.kode == code)
        steps = (f"Jawaban {code} dari {self._who()}: " + ", ".join("–" if np.isnan(v) else str(int(v)) for v in col),
                 f"Jumlah nilai = {total}; nᵢ = {n} (yang menjawab)",
                 f"NRR {code} = {total} / {n} = {_num(float(value), 3)}")
        return Exercise(1, f"Hitung NRR unsur {code} ({name}) dari {self._who()} saja (3 desimal).",
                        round_half_up(value, 3), _num(float(value), 3), steps, 3, tuple(mistakes))

    def _ikm(self) -> Exercise:
        les, sub = self.lesson, self.subset
        v = variants(sub, les.scheme)
        right = v["tepat"]
        nrr = nrr_fractions(sub)
        k = les.scheme.k
        exact = sum(x * w for x, w in zip(nrr, les.scheme.weights("exact"), strict=True))
        explain = {
            "bobot3": f"Anda memakai bobot tercetak {_num(float(printed_weight(k, 3)), 3)}, bukan 1/{k}: "
                      f"nilainya tertahan di bawah 100. Kalikan dengan 1/{k} (atau bagi jumlah NRR dengan {k}).",
            "bobot2": f"Anda memakai bobot {_num(float(printed_weight(k, 2)), 2)}, bukan 1/{k}: "
                      f"maksimumnya hanya {_num(float(printed_weight(k, 2) * k * 100))}.",
            "ikm2": "Anda membulatkan terlalu awal: IKM skala 1–4 dibulatkan 2 desimal sebelum dikali 25 "
                    "(kesalahan ikut dikali 25). Bulatkan hanya hasil akhir.",
            "keduanya": "Anda membulatkan terlalu awal: NRR dan IKM skala 1–4 dibulatkan sebelum dikali 25. "
                        "Bulatkan hanya hasil akhir.",
            "nrr2": "Anda membulatkan terlalu awal: NRR dibulatkan 2 desimal sebelum ditimbang. "
                    "Simpan semua desimal sampai hasil akhir.",
            "kosong0": "Jawaban kosong dihitung 0: di unsur dengan sel kosong Anda membagi dengan semua lembar. "
                       "Responden yang tidak menjawab dikeluarkan dari nᵢ unsur itu.",
        }
        mistakes = [Mistake(v[key].konversi, text) for key, text in explain.items()
                    if v[key].konversi != right.konversi]
        mistakes.append(Mistake(round_half_up(exact, 2), "Itu IKM skala 1–4; nilai konversi = IKM × 25."))
        steps = [f"{c}: jumlah {int(sub[c].sum())} / n {int(sub[c].count())} = NRR {_num(float(x), 4)}"
                 for c, x in zip(sub.columns, nrr, strict=True)]
        steps += [f"IKM = jumlah NRR × 1/{k} = {_num(float(sum(nrr)), 4)} / {k} = {_num(float(exact), 4)}"
                  if les.scheme.bobot is None else f"IKM = Σ NRR × bobot = {_num(float(exact), 4)}",
                  f"IKM unit = {_num(float(exact), 4)} × 25 = {_num(float(exact * 25), 4)} → {_num(right.konversi)} "
                  f"(mutu {right.mutu})"]
        return Exercise(2, f"Hitung IKM unit (skala 25–100, 2 desimal) dari {self._who()} saja.",
                        right.konversi, f"{_num(right.konversi)} (mutu {right.mutu})", tuple(steps), 2,
                        tuple(mistakes))

    def _sample(self) -> Exercise:
        table = dict(published_table())
        while True:
            population = int(self._rng.integers(60, 480)) * 25
            if population not in table:
                break
        s = krejcie_morgan(population)
        chi, p, d = Fraction("3.841"), Fraction(1, 2), Fraction(1, 20)
        exact = chi * population * p * (1 - p) / (d * d * (population - 1) + chi * p * (1 - p))
        rows = sorted(table)
        low = max(r for r in rows if r < population)
        high = min(r for r in rows if r > population)
        mistakes = []
        if math.ceil(exact) != s:
            mistakes.append(Mistake(Decimal(math.ceil(exact)), "Anda membulatkan ke atas; rumus Krejcie–Morgan "
                                    "dibulatkan setengah ke atas (itulah yang menghasilkan kembali tabelnya)."))
        for r in (low, high):
            if table[r] != s:
                mistakes.append(Mistake(Decimal(table[r]), f"Itu baris tabel N = {_num(r, 0)}; untuk N di antara "
                                        "baris tabel pakai rumusnya."))
        steps = (f"S = 3,841 × {_num(population, 0)} × 0,25 / (0,0025 × {_num(population - 1, 0)} + 3,841 × 0,25)",
                 f"S = {_num(float(exact), 3)} → dibulatkan setengah ke atas: {s}",
                 f"(di antara baris N = {_num(low, 0)} → {table[low]} dan N = {_num(high, 0)} → {table[high]})")
        return Exercise(3, f"Berapa responden minimum untuk populasi N = {_num(population, 0)} (tidak ada di tabel)?",
                        Decimal(s), str(s), steps, 0, tuple(mistakes))

    def _gaps(self) -> Exercise:
        table = self.lesson.scheme.tabel_mutu
        bands = table.kelas
        b2, b3 = bands[1].batas_bawah, bands[2].batas_bawah
        up = b2 - Decimal(int(self._rng.integers(1, 6))) / 1000  # rounds up to b2
        down = b3 - Decimal(int(self._rng.integers(6, 10))) / 1000  # rounds down below b3
        values = [up, down]
        right = [grade(v, table).mutu for v in values]
        cut = [grade(v.quantize(Decimal("0.01"), rounding=ROUND_DOWN), table).mutu for v in values]
        ceil = [grade(v.quantize(Decimal("0.01"), rounding="ROUND_UP"), table).mutu for v in values]
        mistakes = []
        if cut != right:
            mistakes.append(Mistake(cut, "Anda memotong desimal. Bulatkan setengah ke atas menjadi 2 desimal, "
                                    "lalu bandingkan dengan batas bawah."))
        if ceil != right:
            mistakes.append(Mistake(ceil, "Anda membulatkan semuanya ke atas. Setengah ke atas hanya menaikkan bila "
                                    "desimal ketiga 5 atau lebih."))
        shown = [format_number(float(v), 3) for v in values]
        steps = tuple(f"{s} → {_num(v)} → mutu {m} (batas bawah {m}: "
                      f"{_num(next(b.batas_bawah for b in bands if b.mutu == m))})"
                      for s, v, m in zip(shown, values, right, strict=True))
        return Exercise(4, f"Unit P memperoleh {shown[0]} dan unit Q {shown[1]}. Apa mutu masing-masing menurut "
                        f"tabel {table.regulasi}? (jawab mis. \"B, C\")", right, join_words(right), steps, None,
                        tuple(mistakes))

    def _width(self) -> Exercise:
        n = self.lesson.n
        return Exercise(5, "Lebar interval kepercayaan kira-kira sebanding dengan 1/√n. Berapa responden "
                        "diperlukan agar interval kelas ini menyempit menjadi separuhnya (tanpa koreksi populasi)?",
                        Decimal(4 * n), str(4 * n),
                        (f"Separuh lebar: 1/√n' = ½ × 1/√{n} → √n' = 2√{n} → n' = 4 × {n} = {4 * n}",), 0,
                        (Mistake(Decimal(2 * n), "Lebar turun dengan 1/√n, bukan 1/n: dua kali responden hanya "
                                 "menyempitkan interval menjadi sekitar 71%."),))

    # -------------------------------------------------------------------------------- for the page

    def soal(self, no: int) -> str:
        """The question of exercise ``no`` (Markdown)."""
        return f"**Latihan {no}.** {self._items[no].soal}"

    def periksa(self, no: int, jawaban: object = None) -> Feedback:
        """Check a student's answer to exercise ``no``: "Benar", a named mistake, or a hint."""
        if no not in self._items:
            return Feedback(f"Latihan {no} tidak ada; pilih {join_words([str(i) for i in self._items])}.")
        ex = self._items[no]
        if jawaban is None:
            return Feedback(f"Tulis jawaban Anda, mis. `periksa({no}, ...)`, lalu jalankan sel ini.")
        if ex.desimal is None:
            got = parse_grades(jawaban)
            if got == ex.jawaban:
                return Feedback(f"**Benar.** {self._more(ex)}")
            for m in ex.kesalahan:
                if got == m.value:
                    return Feedback(f"**Belum tepat.** {m.pesan}")
            return Feedback(f"**Belum tepat.** Jawab {len(ex.jawaban)} huruf mutu (A–D) berurutan; "
                            "bulatkan setengah ke atas lalu pakai batas bawah tabel mutu.")
        value = parse_number(jawaban)
        if value is None:
            return Feedback(f"Jawaban Latihan {no} berupa angka, mis. `periksa({no}, 88.5)` atau `periksa({no}, "
                            f"\"88,5\")`.")
        tol = _TOLERANCE[ex.desimal]
        if abs(value - Decimal(ex.jawaban)) <= tol:
            return Feedback(f"**Benar.** {self._more(ex)}")
        for m in ex.kesalahan:
            if abs(value - Decimal(m.value)) <= tol:
                return Feedback(f"**Belum tepat.** {m.pesan}")
        hint = {1: "Jumlahkan nilai yang diisi lalu bagi dengan banyaknya yang menjawab.",
                2: "Hitung NRR setiap unsur, timbang dengan 1/k, jumlahkan, lalu kalikan 25.",
                3: "Masukkan N ke rumus Krejcie–Morgan.",
                5: "Lebar interval sebanding dengan 1/√n."}.get(no, "")
        return Feedback(f"**Belum tepat.** {hint}")

    def _more(self, ex: Exercise) -> str:
        if ex.no == 2:
            return f"Mutunya {grade(ex.jawaban, self.lesson.scheme.tabel_mutu).mutu}."
        return ""

    def kunci(self) -> list[tuple[str, str, tuple[str, ...]]]:
        """The answer key: (question, answer, worked steps) per exercise."""
        return [(self.soal(no), ex.tampil, ex.langkah) for no, ex in self._items.items()]

    def questions(self) -> list[str]:
        """Every question (Markdown), for the worksheet."""
        return [self.soal(no) for no in self._items]

    def answer(self, no: int) -> object:
        """The expected answer of exercise ``no`` (for tests and the answer key)."""
        return self._items[no].jawaban

    def mistake_values(self, no: int) -> list[object]:
        """The wrong answers the checker recognises for exercise ``no``."""
        return [m.value for m in self._items[no].kesalahan]


def answer_values(latihan: Latihan) -> list[str]:
    """Every answer as the page would print it (to check that none is printed)."""
    out = []
    for no in range(1, 6):
        a = latihan.answer(no)
        if isinstance(a, list):
            continue
        out.append(_num(a, {1: 3, 2: 2}.get(no, 0)))
    return out


__all__ = ["Exercise", "Feedback", "Latihan", "Mistake", "answer_values", "parse_grades", "parse_number"]
