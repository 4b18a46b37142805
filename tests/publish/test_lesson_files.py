"""The lesson's Excel twin and paper: formulas re-evaluated equal the notebook's numbers; A4 worksheet and key."""

from __future__ import annotations

import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "report"))
from lesson_classes import BUNDLED, class_14_unsur, class_15  # noqa: E402

from ikm_utils.publish.lesson_pdf import A4, write_answer_key, write_worksheet  # noqa: E402
from ikm_utils.publish.lesson_xlsx import write_lesson_workbook  # noqa: E402
from ikm_utils.report.lesson import prepare_lesson, variants  # noqa: E402
from ikm_utils.report.lesson_check import Latihan  # noqa: E402


def evaluate(path: Path) -> dict[str, object]:
    """Every cell of the workbook recomputed by a formula engine: ``"'SHEET'!B5" -> value`` (sheet upper-case)."""
    formulas = pytest.importorskip("formulas")
    solution = formulas.ExcelModel().loads(str(path)).finish().calculate()
    out = {}
    for key, ranges in solution.items():
        sheet_cell = key.split("]", 1)[-1].replace("'", "")
        value = ranges.value[0, 0] if hasattr(ranges, "value") else ranges
        out[sheet_cell.upper()] = value
    return out


def cell(values: dict[str, object], ref: str):
    sheet, address = ref.rsplit("!", 1)
    return values[sheet.strip("'").upper() + "!" + address]


@pytest.mark.parametrize("make", ["bundled", "fifteen", "kepmen"])
def test_the_workbook_formulas_recompute_the_notebooks_numbers(tmp_path, make):
    if make == "bundled":
        les = prepare_lesson(BUNDLED)
    elif make == "fifteen":
        les = prepare_lesson(class_15(tmp_path))
    else:
        les = prepare_lesson(class_14_unsur(tmp_path), "kepmenpan25_2004")
    path = tmp_path / "metode_ikm.xlsx"
    where = write_lesson_workbook(les, path)
    values = evaluate(path)
    assert cell(values, where["n_responden"]) == les.n
    assert Decimal(str(cell(values, where["ikm_unit"]))) == les.konversi
    assert cell(values, where["mutu"]) == les.result.mutu and cell(values, where["kinerja"]) == les.result.kinerja
    for u in les.result.unsur:
        assert cell(values, where[f"nrr_{u.kode}"]) == pytest.approx(u.nrr, abs=1e-12)
    expected = variants(les.answers, les.scheme)
    for key in ("tepat", "bobot3", "bobot2", "nrr2", "ikm2", "keduanya", "kosong0"):
        assert Decimal(str(cell(values, where[f"jebakan_{key}"]))).quantize(Decimal("0.01")) == expected[key].konversi


def test_the_workbook_holds_live_formulas_and_the_answers_as_numbers(tmp_path):
    les = prepare_lesson(class_15(tmp_path))
    where = write_lesson_workbook(les, tmp_path / "m.xlsx")
    wb = load_workbook(tmp_path / "m.xlsx")
    ws = wb["Data kelas"]
    assert ws["B2"].value in (1, 2, 3, 4) and ws["B17"].value == "=SUM(B2:B16)" and ws["B18"].value == "=COUNT(B2:B16)"
    assert ws[where["ikm_unit"].split("!")[1]].value.startswith("=ROUND(")
    assert ws.max_row > 16 and "baris 11" in str(ws.cell(ws.max_row, 1).value)
    assert wb["Jebakan"]["B6"].value == pytest.approx(0.111) and wb["Jebakan"]["B7"].value == pytest.approx(0.11)
    assert [c.value for c in wb["Unsur"][9]][2:] == ["Tidak ada", "Ada tetapi tidak berfungsi",
                                                     "Berfungsi kurang maksimal", "Dikelola dengan baik"]


def _pdf_text(path: Path) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) tidak terpasang")
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def _pages(path: Path) -> list[tuple[float, float]]:
    if not shutil.which("pdfinfo"):
        pytest.skip("pdfinfo (poppler-utils) tidak terpasang")
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "99", str(path)], capture_output=True, text=True).stdout
    return [tuple(float(x) for x in line.split(":")[1].split("pts")[0].split(" x "))
            for line in info.splitlines() if line.startswith("Page") and "size" in line]


def test_worksheet_is_a4_with_blank_sums_and_the_key_has_the_answers(tmp_path):
    les = prepare_lesson(class_15(tmp_path))
    lat = Latihan(les)
    sheet = write_worksheet(les, lat, tmp_path / "lembar_kerja.pdf")
    key = write_answer_key(les, lat, tmp_path / "kunci_jawaban.pdf")
    a4 = (round(A4[0] * 72), round(A4[1] * 72))
    assert {(round(w), round(h)) for w, h in _pages(sheet)} == {a4}
    worksheet, answers = _pdf_text(sheet), _pdf_text(key)
    assert "Lembar Kerja" in worksheet and "Latihan 5." in worksheet and "Nama:" in worksheet
    shown = [f"{lat.answer(2):.2f}".replace(".", ","), f"{lat.answer(1):.3f}".replace(".", ",")]
    assert not any(v in worksheet for v in shown)
    assert all(v in answers for v in shown) and "Jawaban:" in answers and "dibulatkan" in answers
    assert str(int(les.sums["U1"])) in answers


def test_a_large_class_flows_over_several_worksheet_pages(tmp_path):
    import numpy as np
    import pandas as pd

    path = tmp_path / "besar.csv"
    pd.DataFrame(np.random.default_rng(1).integers(2, 5, size=(120, 9)),
                 columns=[f"U{i}" for i in range(1, 10)]).to_csv(path, index=False)
    les = prepare_lesson(path, population=500)
    sheet = write_worksheet(les, Latihan(les), tmp_path / "lembar.pdf")
    assert len(_pages(sheet)) >= 3
    assert "120" in _pdf_text(sheet)
