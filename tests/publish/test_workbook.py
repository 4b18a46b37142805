"""olah_data.xlsx: live formulas an auditor re-checks, recomputed here by a formula engine (``formulas``)."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import INJECTED, write_unit

from ikm_utils.publish.ringkasan import build_ringkasan
from ikm_utils.publish.workbook import SHEETS, audit_cells, round_times_25, write_workbook
from ikm_utils.report.context import prepare_report

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "params" / "contoh" / "2024-S2.yaml"


def recompute(path: Path):
    """Evaluate every formula of the workbook with the ``formulas`` engine; returns ``get(sheet, cell)``."""
    formulas = pytest.importorskip("formulas")
    solution = formulas.ExcelModel().loads(str(path)).finish().calculate()

    def get(sheet: str, cell: str):
        value = solution[f"'[{path.name}]{sheet.upper()}'!{cell}"].value[0, 0]
        return "" if type(value).__name__ == "XlError" or str(value) == "empty" else value

    return get


def workbook_for(params: Path, folder: Path):
    ctx = prepare_report(params)
    path = write_workbook(ctx, folder / "olah_data.xlsx")
    return ctx, path


def assert_recomputed_equals_ringkasan(ctx, path):
    ringkasan = build_ringkasan(ctx)
    get = recompute(path)
    cells = audit_cells(ctx.summary.n_responden, ctx.scheme.codes)
    sheet = SHEETS["olah"]
    assert get(sheet, cells["ikm_konversi"]) == ringkasan["ikm_konversi"]  # the graded 2-decimal value, exactly
    assert get(sheet, cells["ikm"]) == pytest.approx(ringkasan["ikm"], rel=1e-13, abs=0)
    assert (get(sheet, cells["mutu"]), get(sheet, cells["kinerja"])) == (ringkasan["mutu"], ringkasan["kinerja"])
    for u in ringkasan["unsur"]:
        code = u["kode"]
        assert get(sheet, cells["jumlah_nilai"][code]) == u["jumlah_nilai"]
        assert get(sheet, cells["n"][code]) == u["n"]
        assert get(sheet, cells["nrr"][code]) == pytest.approx(u["nrr"], rel=1e-13, abs=0)
        assert get(sheet, cells["nilai_konversi"][code]) == u["nilai_konversi"]
    assert get(sheet, cells["cocok"]) == "COCOK"
    return get, cells


def test_the_recomputed_workbook_equals_ringkasan_json_to_the_last_decimal(unit, tmp_path):
    ctx, path = workbook_for(unit, tmp_path)
    assert ctx.summary.unsur[8].n == 5  # a blank answer: U9 counted over 5 respondents, not 6
    assert_recomputed_equals_ringkasan(ctx, path)


def test_the_example_workbook_recomputed_equals_ringkasan_json(tmp_path):
    ctx, path = workbook_for(EXAMPLE, tmp_path)
    get, cells = assert_recomputed_equals_ringkasan(ctx, path)
    assert get(SHEETS["olah"], cells["ikm_konversi"]) == 81.86


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed here")
def test_libreoffice_opens_the_example_workbook_recalculates_it_and_agrees(tmp_path):
    ctx, path = workbook_for(EXAMPLE, tmp_path)
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--calc", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", str(path)],
                   cwd=tmp_path, check=True, capture_output=True, timeout=180)
    rows = list(csv.reader((tmp_path / f"olah_data-{SHEETS['olah']}.csv").open(encoding="utf-8")))
    assert len([r for r in rows if r and r[0].isdigit()]) == ctx.summary.n_responden  # every spliced row read
    cells = {r[1]: r[2:] for r in rows if len(r) > 2 and r[1]}
    assert cells["Semua angka cocok"][0] == "COCOK"


def test_nrr_of_u1_with_answers_4_3_3_2_is_3_and_its_conversion_75(tmp_path):
    answers = [[v] * 9 for v in (4, 3, 3, 2)]
    ctx, path = workbook_for(write_unit(tmp_path / "p", answers=answers, saran=["-"]), tmp_path)
    get = recompute(path)
    cells = audit_cells(4, ctx.scheme.codes)
    sheet = SHEETS["olah"]
    assert get(sheet, cells["jumlah_nilai"]["U1"]) == 12 and get(sheet, cells["n"]["U1"]) == 4
    assert get(sheet, cells["nrr"]["U1"]) == 3.0 and get(sheet, cells["nilai_konversi"]["U1"]) == 75.0
    assert (get(sheet, cells["ikm_konversi"]), get(sheet, cells["mutu"])) == (75.0, "C")


def test_a_unsur_nobody_answered_leaves_no_ikm_in_the_formulas_either(tmp_path):
    answers = [row[:8] + [None] for row in [[4, 3, 3, 4, 3, 3, 4, 2, 3], [3, 3, 2, 4, 3, 4, 4, 2, 3]]]
    ctx, path = workbook_for(write_unit(tmp_path / "p", answers=answers), tmp_path)
    assert ctx.summary.ikm is None
    get = recompute(path)
    cells = audit_cells(2, ctx.scheme.codes)
    assert get(SHEETS["olah"], cells["ikm"]) == "" and get(SHEETS["olah"], cells["mutu"]) == ""
    assert get(SHEETS["olah"], cells["cocok"]) == "COCOK"


@pytest.mark.parametrize(("ikm", "expected"), [(3.0642, 76.61), (2.6, 65.0), (3.5324, 88.31), (3.06419999, 76.6)])
def test_the_conversion_formula_rounds_half_up_like_the_library(tmp_path, ikm, expected):
    """76,605 is stored as 76,60499999...: a bare ROUND(x*25; 2) would give 76,60 (grade C)."""
    wb = openpyxl.Workbook()
    wb.active.title = "T"
    wb.active["A1"] = ikm
    wb.active["B1"] = "=" + round_times_25("A1")
    wb.save(tmp_path / "r.xlsx")
    assert recompute(tmp_path / "r.xlsx")("T", "B1") == expected


def test_weights_are_exact_fractions_not_0_111(unit, tmp_path):
    ctx, path = workbook_for(unit, tmp_path)
    ws = openpyxl.load_workbook(path)[SHEETS["olah"]]
    weights = [c.value for row in ws.iter_rows() for c in row if c.data_type == "f" and c.value in ("=1/9",)]
    assert len(weights) == 9
    legacy = write_unit(tmp_path / "legacy", bobot="legacy")
    _, path = workbook_for(legacy, tmp_path / "legacy")
    ws = openpyxl.load_workbook(path)[SHEETS["olah"]]
    assert sum(c.value == "=111/1000" for row in ws.iter_rows() for c in row) == 9


def test_respondent_text_stays_text_in_every_sheet(unit, tmp_path):
    ctx, path = workbook_for(unit, tmp_path)
    wb = openpyxl.load_workbook(path)
    texts = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f":
                    assert "HYPERLINK" not in c.value and "KTP" not in c.value, (ws.title, c.coordinate, c.value)
                elif isinstance(c.value, str):
                    texts.setdefault(c.value, []).append((ws.title, c.coordinate, c.quotePrefix))
    saran = [t for t in texts if t.startswith("=HYPERLINK")]
    assert saran == ['=HYPERLINK("http://x","klik")']
    assert all(prefix for _, _, prefix in texts[saran[0]])  # Excel keeps it text even when edited
    for start in ("+62", "-1 ", "@petugas"):
        found = [t for t in texts if t.startswith(start)]
        assert found and all(p for t in found for _, _, p in texts[t]), start
    layanan = texts["=KTP"]  # a respondent's category, in the per-layanan and profile sheets
    assert {s for s, _, _ in layanan} >= {SHEETS["layanan"], SHEETS["profil"]}
    with zipfile.ZipFile(path) as z:  # and in the file itself: never inside a formula element
        xml = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/worksheets/"))
    assert not re.search(r"<f>[^<]*HYPERLINK", xml) and "HYPERLINK" in xml
    recomputed = recompute(path)(SHEETS["saran"], texts[saran[0]][0][1])
    assert recomputed == INJECTED[0]  # a formula engine reads the string, not a link


def test_sheets_have_indonesian_headers_a_frozen_header_row_widths_and_number_formats(unit, tmp_path):
    _, path = workbook_for(unit, tmp_path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == list(SHEETS.values())
    for ws in wb.worksheets:
        assert ws.freeze_panes in ("A2", "C2"), ws.title
        assert all(c.font.bold for c in ws[1] if c.value is not None), ws.title
        widths = [d.width for d in ws.column_dimensions.values()]
        assert widths and all(6 <= w <= 60 for w in widths), ws.title
    olah = wb[SHEETS["olah"]]
    assert [c.value for c in olah[1]][:4] == ["No", "Baris data", "U1", "U2"]
    formats = {c.number_format for row in olah.iter_rows() for c in row if c.data_type == "f"}
    assert {"0.000", "0.00", "# ?/??"} <= formats
    assert [c.value for c in wb[SHEETS["unsur"]][1]][:5] == ["No", "Kode", "Unsur", "n", "Jumlah nilai"]
    params = {r[0].value: r[1].value for r in wb[SHEETS["parameter"]].iter_rows(min_row=2)}
    assert params["unit.nama"] == 'Dinas <Uji> & "Kawan"' and params["populasi"] == 40
    assert params["rtl[0].unsur"] == "U8"


def test_excluded_rows_are_listed_with_their_reasons(tmp_path):
    answers = [row[:] for row in [[4, 3, 3, 4, 3, 3, 4, 2, 3]] * 4]
    answers[1][4] = 7
    answers[2] = [None] * 9
    params = write_unit(tmp_path / "p", answers=answers, data={"berkas": "jawaban.csv", "kebijakan": "exclude"})
    ctx, path = workbook_for(params, tmp_path)
    ws = openpyxl.load_workbook(path)[SHEETS["kecuali"]]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    assert [r[1] for r in rows] == [3, 4]  # spreadsheet rows of the file (header = row 1)
    assert "7" in rows[0][2] or "tidak valid" in rows[0][2]
    assert "tidak ada jawaban unsur" in rows[1][2]
    assert ctx.summary.n_responden == 2


REALDATA = ROOT.parent / "shared" / "realdata"


@pytest.mark.realdata
@pytest.mark.skipif(not (REALDATA / "skm_polres_gianyar_skck_2020.csv").exists(), reason="../shared/realdata absent")
def test_the_published_85_85_of_polres_gianyar_is_recomputed_by_the_workbook_formulas(tmp_path):
    # the published figure counts all 201 forms: read by the date-only column, as the unit did (the
    # timestamp column would flag two same-second double submissions, see tests/test_realdata.py)
    params = tmp_path / "2020-S2.yaml"
    params.write_text(
        "unit: {nama: Polres Gianyar, slug: gianyar}\nperiode: 2020-S2\n"
        f"data: {{berkas: {REALDATA / 'skm_polres_gianyar_skck_2020.csv'}, "
        "kolom: {U8: u9, U9: u8, tanggal: tanggal}}\n",
        encoding="utf-8",
    )
    ctx, path = workbook_for(params, tmp_path)
    get, cells = assert_recomputed_equals_ringkasan(ctx, path)
    assert (get(SHEETS["olah"], cells["ikm_konversi"]), get(SHEETS["olah"], cells["mutu"])) == (85.85, "B")
