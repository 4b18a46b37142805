"""Data files as scripts, odd tools and careless hands make them: refused clearly, never read wrong, never hang."""

from __future__ import annotations

import signal
from contextlib import contextmanager
from pathlib import Path

import openpyxl
import pytest

from ikm_utils.cli import main
from ikm_utils.errors import DataValidationError
from ikm_utils.intake.ingest import IngestOptions, load_responses
from ikm_utils.intake.readers import ReadFailed, read_table

CODES = [f"U{i}" for i in range(1, 10)]


@contextmanager
def hang_guard(seconds: int = 120):
    """Fail instead of hanging (a guard against quadratic parsing, not a performance target)."""
    def stop(*_):
        raise TimeoutError(f"lebih dari {seconds} detik")

    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def workbook(path: Path, rows, sheets=("Data",)) -> Path:
    wb = openpyxl.Workbook()
    wb.active.title = sheets[0]
    for name in sheets[1:]:
        wb.create_sheet(name)
    ws = wb[sheets[-1]]
    ws.append(CODES)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def test_formula_cells_without_cached_values_are_refused_naming_the_cells(tmp_path, capsys):
    rows = [[4, 3, "=1+2", 4, 3, 3, 4, 3, 3] if i % 4 == 0 else [4, 3, 3, 4, 3, 3, 4, 3, 3] for i in range(40)]
    path = workbook(tmp_path / "skrip.xlsx", rows)
    with pytest.raises(DataValidationError) as err:
        load_responses(path, "permen14_2017")
    (p,) = err.value.problems
    assert p.kind == "rumus_tanpa_nilai" and "lembar 'Data', sel C2, C6, C10" in p.message
    assert p.message.count(", C") == 9 and "C38;" in p.message  # all ten named
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr()
    assert "rumus" in out.out + out.err and "Tidak ada masalah" not in out.out


def test_formula_cells_with_stored_values_are_read(tmp_path):
    path = workbook(tmp_path / "excel.xlsx", [[4, 3, 3, 4, 3, 3, 4, 3, 3]])
    # what Excel writes: the formula and its last value side by side
    import zipfile

    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = parts[sheet].replace(b'<c r="C2" t="n"><v>3</v></c>', b'<c r="C2"><f>1+2</f><v>3</v></c>')
    with zipfile.ZipFile(path, "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)
    assert b"<f>1+2</f>" in parts[sheet]
    assert load_responses(path, "permen14_2017").data["U3"].tolist() == [3.0]


def test_saran_over_128_kb_with_a_blank_line_is_named_not_a_csv_traceback(tmp_path):
    path = tmp_path / "panjang.csv"
    path.write_text(",".join([*CODES, "saran"]) + "\n" + "4," * 9 + '"' + "x" * 140_000 + '\n\nlagi"\n'
                    + "3," * 9 + "ok\n", encoding="utf-8")
    with pytest.raises(ReadFailed) as err:
        read_table(path)
    (p,) = err.value.problems
    assert p.kind == "sel_terlalu_panjang" and p.column == "saran" and "baris 2" in p.message


def test_one_megabyte_padded_unsur_cell_is_refused_fast(tmp_path):
    path = tmp_path / "pad.csv"
    path.write_text(",".join(CODES) + "\n" + '"4' + " " * 1_000_000 + 'x",' + "3," * 7 + "3\n", encoding="utf-8")
    with hang_guard(), pytest.raises(DataValidationError) as err:
        load_responses(path, "permen14_2017")
    assert err.value.problems[0].kind == "sel_terlalu_panjang"
    assert len(str(err.value)) < 1000


def test_padded_cells_up_to_the_limit_parse_without_hanging(tmp_path):
    pad = " " * 32_000
    values = ["4" + pad, pad + "3", "Baik" + pad + "(3)", "x" + pad + "(", "a." + pad + "x", "4" + pad + "x"]
    lines = [",".join(CODES)] + [",".join([f'"{v}"'] + ["3"] * 8) for v in values]
    (tmp_path / "pad.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with hang_guard():
        r = load_responses(tmp_path / "pad.csv", "permen14_2017", IngestOptions(policy="exclude"))
    assert r.data["U1"].tolist() == [4.0, 3.0, 3.0]
    assert len(r.excluded) == 3
    assert all(len(p.message) < 600 for p in r.problems)  # the padded value is quoted short


def test_data_on_the_second_sheet_names_the_sheet_read_and_the_others(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "Petunjuk"
    wb.active.append(["Isi kuesioner", "di lembar berikut"])
    wb.active.append(["lihat", "Rekap"])
    ws = wb.create_sheet("Rekap")
    ws.append(CODES)
    ws.append([4] * 9)
    wb.save(tmp_path / "dua.xlsx")
    with pytest.raises(DataValidationError) as err:
        load_responses(tmp_path / "dua.xlsx", "permen14_2017")
    text = str(err.value)
    assert "lembar XLSX yang dibaca; nilai 'Petunjuk'" in text and "lembar lain di berkas: 'Rekap'" in text
    assert load_responses(tmp_path / "dua.xlsx", "permen14_2017", IngestOptions(sheet="Rekap")).n_read == 1


def test_html_page_saved_as_xlsx_is_refused(tmp_path):
    (tmp_path / "unduhan.xlsx").write_text("<html><body>Sesi habis</body></html>", encoding="utf-8")
    with pytest.raises(DataValidationError, match="berkas tidak dapat dibaca"):
        load_responses(tmp_path / "unduhan.xlsx", "permen14_2017")


def test_nul_bytes_in_a_csv_are_a_message(tmp_path, capsys):
    (tmp_path / "nul.csv").write_bytes(b"U1,U2\n4,\x003\n\n3,3\n")
    assert main(["validate", str(tmp_path / "nul.csv")]) == 1
    assert "Traceback" not in capsys.readouterr().err


def test_utf16_csv_from_excel_unicode_text_is_a_message(tmp_path, capsys):
    (tmp_path / "u16.csv").write_bytes(("\t".join(CODES) + "\n" + "\t".join("4" * 9) + "\n").encode("utf-16"))
    code = main(["validate", str(tmp_path / "u16.csv")])
    err = capsys.readouterr()
    assert "Traceback" not in err.err
    assert code in (0, 1)
