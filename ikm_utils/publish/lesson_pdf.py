"""The lesson's paper: an A4 worksheet for students and the lecturer's answer key (matplotlib ``PdfPages``).

``lembar_kerja.pdf``: the class's answers (every counted questionnaire) with empty Σ, n, NRR and
NRR tertimbang rows to fill in by hand, then the exercises with room to write. ``kunci_jawaban.pdf``:
the filled rows, the IKM, each exercise's answer with its worked steps, and the traps' figures.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

from ikm_utils.method.indonesian import format_number
from ikm_utils.report.lesson import SHOWN_ROWS, Lesson, variants
from ikm_utils.report.lesson_check import Latihan

A4 = (8.27, 11.69)
_MARGIN = 0.07
_ROWS_PER_PAGE = 38


def _plain(markdown: str) -> str:
    return re.sub(r"\*\*(.+?)\*\*", r"\1", markdown).replace("`", "")


class _Pages:
    """Text and tables flowing down A4 pages."""

    def __init__(self, pdf, title: str):
        self.pdf, self.title, self.fig, self.y, self.pages = pdf, title, None, 0.0, 0
        self.new_page()

    def new_page(self) -> None:
        import matplotlib.pyplot as plt

        if self.fig is not None:
            self.pdf.savefig(self.fig)
            plt.close(self.fig)
        self.fig = plt.figure(figsize=A4)
        self.pages += 1
        self.fig.text(1 - _MARGIN, 0.03, f"{self.title} · halaman {self.pages}", ha="right", fontsize=8,
                      color="#555555")
        self.y = 1 - _MARGIN

    def need(self, height: float) -> None:
        if self.y - height < _MARGIN:
            self.new_page()

    def text(self, text: str, size: float = 10.5, bold: bool = False, width: int = 95, gap: float = 0.004) -> None:
        for line in textwrap.wrap(_plain(text), width=width) or [""]:
            step = size / 72 / A4[1] * 1.45
            self.need(step)
            self.fig.text(_MARGIN, self.y - step, line, fontsize=size, fontweight="bold" if bold else "normal")
            self.y -= step
        self.y -= gap

    def space(self, height: float) -> None:
        self.need(height)
        self.y -= height

    def write_lines(self, count: int) -> None:
        for _ in range(count):
            self.need(0.03)
            self.y -= 0.03
            self.fig.add_artist(_line(self.y))

    def table(self, header: list[str], rows: list[list[str]], first_width: float = 0.16, size: float = 8.5,
              bold_rows: int = 0) -> None:
        """A table split across pages; the last ``bold_rows`` rows are shaded (Σ, n, ...)."""
        start = 0
        while start < len(rows):
            room = int((self.y - _MARGIN) / 0.0185) - 1
            if room < 4:
                self.new_page()
                continue
            chunk = rows[start:start + min(room, _ROWS_PER_PAGE)]
            height = 0.0185 * (len(chunk) + 1)
            ax = self.fig.add_axes((_MARGIN, self.y - height, 1 - 2 * _MARGIN, height))
            ax.axis("off")
            rest = (1 - first_width) / max(1, len(header) - 1)
            tab = ax.table(cellText=chunk, colLabels=header, loc="upper left", cellLoc="center",
                           colWidths=[first_width] + [rest] * (len(header) - 1), bbox=(0, 0, 1, 1))
            tab.auto_set_font_size(False)
            tab.set_fontsize(size)
            for (r, _c), cell in tab.get_celld().items():
                if r == 0:
                    cell.set_facecolor("#dde7f3")
                    cell.set_text_props(fontweight="bold")
                elif start + r > len(rows) - bold_rows:
                    cell.set_facecolor("#f3f3f3")
                    cell.set_text_props(fontweight="bold")
            self.y -= height + 0.012
            start += len(chunk)

    def close(self) -> None:
        import matplotlib.pyplot as plt

        self.pdf.savefig(self.fig)
        plt.close(self.fig)


def _line(y: float):
    from matplotlib.lines import Line2D

    return Line2D([_MARGIN, 1 - _MARGIN], [y, y], color="#999999", linewidth=0.6)


def _answer_rows(les: Lesson) -> list[list[str]]:
    return [[str(i), *("–" if v != v else str(int(v)) for v in row)]
            for i, row in enumerate(les.answers.iloc[:SHOWN_ROWS].itertuples(index=False), start=1)]


def _class_line(les: Lesson) -> str:
    text = (f"{les.n} responden yang dihitung · skema {les.scheme.regulasi} · k = {les.k} unsur · "
            f"N = {format_number(les.population, 0)}")
    if les.empty_rows:
        text += f" · {len(les.empty_rows)} lembar tanpa jawaban unsur tidak dihitung"
    if les.varian is not None:
        text += f" · varian {les.varian}"
    return text


def _metadata(title: str) -> dict[str, str]:
    return {"Title": title, "Subject": "Metode perhitungan IKM", "Creator": "ikm-report"}


def write_worksheet(les: Lesson, latihan: Latihan, path: str | Path) -> Path:
    """The students' A4 worksheet: data, rows to fill in, the exercises with room to write."""
    from matplotlib.backends.backend_pdf import PdfPages

    title = "Lembar Kerja: Menghitung IKM"
    with PdfPages(path, metadata=_metadata(title)) as pdf:
        p = _Pages(pdf, title)
        p.text(title, 16, bold=True)
        p.text(_class_line(les), 9.5)
        p.text("Nama: ______________________________   Nomor: __________   Tanggal: ______________", 10.5)
        p.space(0.01)
        p.text("1. Lengkapi baris Σ, n, NRR dan NRR tertimbang di bawah tabel (sel kosong – tidak dihitung). "
               f"Bobot setiap unsur = 1/{les.k}. Simpan semua desimal sampai hasil akhir.", 10.5)
        if les.n > SHOWN_ROWS:
            p.text(f"Tabel memuat {SHOWN_ROWS} lembar pertama dari {les.n}; Σ dan n dihitung dari semua lembar "
                   "(lihat metode_ikm.xlsx).", 9.5)
        empty = [[label, *[""] * les.k] for label in ("Σ Jumlah nilai", "n (menjawab)", "NRR", "NRR tertimbang")]
        p.table(["Resp.", *les.codes], _answer_rows(les) + empty, size=8.5 if les.k <= 10 else 7.5, bold_rows=4)
        p.text("2. IKM (skala 1–4) = Σ NRR tertimbang = ____________     IKM unit = IKM × 25 = ____________     "
               "Mutu: ______", 10.5)
        p.space(0.015)
        p.text("Latihan", 13, bold=True)
        for question in latihan.questions():
            p.need(0.14)
            p.text(question, 10.5)
            p.write_lines(3)
            p.space(0.01)
        p.close()
    return Path(path)


def write_answer_key(les: Lesson, latihan: Latihan, path: str | Path) -> Path:
    """The lecturer's answer key: the filled rows, the IKM, every exercise's answer and worked steps."""
    from matplotlib.backends.backend_pdf import PdfPages

    title = "Kunci Jawaban: Menghitung IKM"
    nrr = les.sums / les.counts
    w = [float(x) for x in les.weights]
    with PdfPages(path, metadata=_metadata(title)) as pdf:
        p = _Pages(pdf, title)
        p.text(title, 16, bold=True)
        p.text(_class_line(les), 9.5)
        p.space(0.01)
        filled = [["Σ Jumlah nilai", *[str(int(v)) for v in les.sums]],
                  ["n (menjawab)", *[str(int(v)) for v in les.counts]],
                  ["NRR", *[format_number(v, 3) for v in nrr]],
                  ["NRR tertimbang", *[format_number(v * wi, 4) for v, wi in zip(nrr, w, strict=True)]]]
        p.table(["", *les.codes], filled, first_width=0.17, size=8.5 if les.k <= 10 else 7, bold_rows=0)
        r = les.result
        p.text(f"IKM = {format_number(float(r.ikm_exact), 4)}; IKM unit = {format_number(r.ikm_konversi)}; "
               f"mutu {r.mutu} ({r.kinerja}).", 11, bold=True)
        p.space(0.01)
        p.text("Latihan", 13, bold=True)
        for question, answer, steps in latihan.kunci():
            p.need(0.08)
            p.text(question, 10.5)
            p.text(f"Jawaban: {answer}", 10.5, bold=True)
            for step in steps:
                p.text(f"   {step}", 9.5, width=100, gap=0)
            p.space(0.012)
        p.text("Jebakan pada data kelas ini", 13, bold=True)
        v = variants(les.answers, les.scheme, len(les.empty_rows))
        keys = ["tepat", "bobot3", "bobot2", "nrr2", "ikm2", "keduanya"]
        keys += ["kosong0"] if les.blanks else []
        keys += ["lembar0"] if les.empty_rows else []
        p.table(["Cara", "IKM unit", "Mutu"], [[v[k].label, format_number(v[k].konversi), v[k].mutu] for k in keys],
                first_width=0.6, size=9)
        p.close()
    return Path(path)
