"""The lesson's Excel twin (``metode_ikm.xlsx``): the class's answers with live formulas.

Sheet ``Data kelas``: one row per counted questionnaire, then rows with ``SUM``/``COUNT`` (jumlah
nilai, nᵢ), NRR, bobot, NRR tertimbang, the unsur's konversi and mutu, and below them the IKM,
IKM unit and mutu pelayanan. Sheet ``Jebakan``: the same NRRs with the exact weight 1/k beside
the printed weights (0,111 and 0,11), early rounding (NRR, IKM, both) and blank = 0, each with its
IKM unit and mutu, all as formulas. Sheet ``Unsur``: the unsur and their answer labels. A student
who changes an answer sees every figure follow, as in the notebook.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ikm_utils.method.schemes import GradeTable
from ikm_utils.publish.workbook import round_times_25
from ikm_utils.report.lesson import Lesson, printed_weight

DATA = "Data kelas"
TRAPS = "Jebakan"
_BOLD = Font(bold=True)
_SHADE = PatternFill("solid", fgColor="EAF1FB")


def mutu_formula(cell: str, table: GradeTable, field: str = "mutu") -> str:
    """Nested IF grading ``cell`` (25–100, rounded to 2 decimals) by the table's lower bounds.

    >>> from ikm_utils.method.schemes import get_scheme
    >>> mutu_formula("B5", get_scheme().tabel_mutu)
    '=IF(ROUND(B5,2)>=88.31,"A",IF(ROUND(B5,2)>=76.61,"B",IF(ROUND(B5,2)>=65.00,"C","D")))'
    """
    bands = table.kelas
    value = f"ROUND({cell},2)"
    text = f'"{getattr(bands[-1], field)}"'
    for band in reversed(bands[:-1]):
        text = f'IF({value}>={band.batas_bawah},"{getattr(band, field)}",{text})'
    return "=" + text


def _weight_formula(lesson: Lesson, j: int) -> str | float:
    s = lesson.scheme
    return f"=1/{s.k}" if s.bobot is None else float(s.bobot[j])


def write_lesson_workbook(lesson: Lesson, path: str | Path) -> dict[str, str]:
    """Write the workbook; returns where the key figures are (``"ikm_unit"`` -> ``"'Data kelas'!B30"``...)."""
    wb = Workbook()
    ws = wb.active
    ws.title = DATA
    s, n, k = lesson.scheme, lesson.n, lesson.k
    table = s.tabel_mutu
    cols = [get_column_letter(j + 2) for j in range(k)]
    first, last = 2, n + 1
    ws.append(["Responden", *lesson.codes])
    for i, row in enumerate(lesson.answers.itertuples(index=False), start=1):
        ws.append([i, *[None if v != v else int(v) for v in row]])
    rows = {}
    labels = [("jumlah", "Σ Jumlah nilai"), ("n", "n (yang menjawab)"), ("nrr", "NRR = Σ / n"),
              ("bobot", "Bobot"), ("tertimbang", "NRR tertimbang"), ("konversi", "Nilai konversi unsur (NRR × 25)"),
              ("mutu", "Mutu unsur")]
    r = last + 1
    for key, label in labels:
        rows[key] = r
        ws.cell(r, 1, label).font = _BOLD
        r += 1
    for j, c in enumerate(cols):
        rng = f"{c}{first}:{c}{last}"
        ws[f"{c}{rows['jumlah']}"] = f"=SUM({rng})"
        ws[f"{c}{rows['n']}"] = f"=COUNT({rng})"
        ws[f"{c}{rows['nrr']}"] = f"={c}{rows['jumlah']}/{c}{rows['n']}"
        ws[f"{c}{rows['bobot']}"] = _weight_formula(lesson, j)
        ws[f"{c}{rows['tertimbang']}"] = f"={c}{rows['nrr']}*{c}{rows['bobot']}"
        ws[f"{c}{rows['konversi']}"] = f"={c}{rows['nrr']}*25"
        ws[f"{c}{rows['mutu']}"] = mutu_formula(f"{c}{rows['konversi']}", table)
        for key, fmt in (("nrr", "0.000"), ("bobot", "0.0000"), ("tertimbang", "0.0000"), ("konversi", "0.00")):
            ws[f"{c}{rows[key]}"].number_format = fmt
    r += 1
    span = f"{cols[0]}{{r}}:{cols[-1]}{{r}}"
    out = {}
    summary = [("n_responden", "Jumlah responden (n)", f"=ROWS(B{first}:B{last})", "0"),
               ("ikm", "IKM (skala 1–4) = Σ NRR tertimbang", f"=SUM({span.format(r=rows['tertimbang'])})", "0.0000"),
               ("ikm_unit", "IKM unit = ROUND(IKM × 25; 2)", None, "0.00"),
               ("mutu", "Mutu pelayanan", None, None), ("kinerja", "Kinerja unit", None, None)]
    for key, label, formula, fmt in summary:
        out[key] = f"B{r}"
        ws.cell(r, 1, label).font = _BOLD
        if key == "ikm_unit":
            formula = "=" + round_times_25(out["ikm"])
        elif key == "mutu":
            formula = mutu_formula(out["ikm_unit"], table)
        elif key == "kinerja":
            formula = mutu_formula(out["ikm_unit"], table, "kinerja")
        cell = ws[out[key]]
        cell.value = formula
        cell.fill = _SHADE
        if fmt:
            cell.number_format = fmt
        r += 1
    if lesson.empty_rows:
        rows_text = ", ".join(str(x) for x in lesson.empty_rows)
        ws.cell(r + 1, 1, f"Lembar tanpa jawaban unsur (tidak dihitung): baris {rows_text} berkas {lesson.source}.")
    ws.column_dimensions["A"].width = 36
    ws.freeze_panes = "B2"
    where = {key: f"'{DATA}'!{ref}" for key, ref in out.items()}
    where.update({f"nrr_{c}": f"'{DATA}'!{col}{rows['nrr']}" for c, col in zip(lesson.codes, cols, strict=True)})
    where.update(_traps(wb, lesson, cols, rows, out["n_responden"]))
    _unsur_sheet(wb, lesson)
    wb.save(path)
    return where


def _traps(wb: Workbook, lesson: Lesson, cols: list[str], rows: dict[str, int], n_cell: str) -> dict[str, str]:
    ws = wb.create_sheet(TRAPS)
    s, k = lesson.scheme, lesson.k
    ws.append(["Baris bantu", *lesson.codes])
    helper = {"nrr": 2, "nrr2": 3, "kosong0": 4, "w": 5, "w3": 6, "w2": 7}
    ws.cell(2, 1, "NRR (tepat)")
    ws.cell(3, 1, "NRR dibulatkan 2 desimal")
    ws.cell(4, 1, "NRR bila kosong dihitung 0 (Σ / semua responden)")
    ws.cell(5, 1, f"Bobot 1/{k}" if s.bobot is None else "Bobot skema")
    p3, p2 = printed_weight(k, 3), printed_weight(k, 2)
    ws.cell(6, 1, f"Bobot tercetak {float(p3):.3f}".replace(".", ","))
    ws.cell(7, 1, f"Bobot {float(p2):.2f}".replace(".", ","))
    for j, c in enumerate(cols):
        d = f"'{DATA}'!"
        ws[f"{c}2"] = f"={d}{c}{rows['nrr']}"
        ws[f"{c}3"] = f"=ROUND({c}2,2)"
        ws[f"{c}4"] = f"={d}{c}{rows['jumlah']}/{d}{n_cell}"
        ws[f"{c}5"] = _weight_formula(lesson, j)
        ws[f"{c}6"] = float(p3) if s.bobot is None else float(s.bobot[j])
        ws[f"{c}7"] = float(p2) if s.bobot is None else float(s.bobot[j])
    a, z = cols[0], cols[-1]

    def sp(r_nrr: str, r_w: str) -> str:
        return f"SUMPRODUCT({a}{helper[r_nrr]}:{z}{helper[r_nrr]},{a}{helper[r_w]}:{z}{helper[r_w]})"

    top = 9
    ws.cell(top, 1, "Cara").font = _BOLD
    for col, title in zip("BCD", ("IKM (1–4)", "IKM unit", "Mutu"), strict=True):
        ws[f"{col}{top}"] = title
        ws[f"{col}{top}"].font = _BOLD
    ways = [
        ("tepat", f"Bobot 1/{k}, tanpa pembulatan antara (benar)", f"={sp('nrr', 'w')}"),
        ("bobot3", ws.cell(6, 1).value, f"={sp('nrr', 'w3')}"),
        ("bobot2", ws.cell(7, 1).value, f"={sp('nrr', 'w2')}"),
        ("nrr2", "NRR dibulatkan 2 desimal", f"={sp('nrr2', 'w')}"),
        ("ikm2", "IKM (1–4) dibulatkan 2 desimal sebelum × 25", f"=ROUND({sp('nrr', 'w')},2)"),
        ("keduanya", "NRR dan IKM dibulatkan 2 desimal", f"=ROUND({sp('nrr2', 'w')},2)"),
        ("kosong0", "Jawaban kosong dihitung 0", f"={sp('kosong0', 'w')}"),
    ]
    where = {}
    for i, (key, label, formula) in enumerate(ways, start=top + 1):
        ws.cell(i, 1, label)
        ws[f"B{i}"] = formula
        ws[f"B{i}"].number_format = "0.0000"
        ws[f"C{i}"] = "=" + round_times_25(f"B{i}")
        ws[f"C{i}"].number_format = "0.00"
        ws[f"D{i}"] = mutu_formula(f"C{i}", s.tabel_mutu)
        where[f"jebakan_{key}"] = f"'{TRAPS}'!C{i}"
    ws.column_dimensions["A"].width = 48
    for row in ws.iter_rows(min_row=2, max_row=7, min_col=2):
        for cell in row:
            cell.number_format = "0.0000"
            cell.alignment = Alignment(horizontal="right")
    return where


def _unsur_sheet(wb: Workbook, lesson: Lesson) -> None:
    ws = wb.create_sheet("Unsur")
    ws.append(["Kode", "Unsur", "1", "2", "3", "4"])
    for u in lesson.scheme.unsur:
        ws.append([u.kode, u.nama, *u.label])
    for cell in ws[1]:
        cell.font = _BOLD
    ws.column_dimensions["B"].width = 40
