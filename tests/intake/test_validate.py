"""Every data problem named at once: file, row (header = 1), column, value, expected; the two policies."""

from __future__ import annotations

from datetime import date

import pytest
from ingest_samples import CODES, SCHEME

from ikm_utils.errors import DataValidationError
from ikm_utils.intake.ingest import IngestOptions, check_file, load_responses
from ikm_utils.intake.validate import KINDS, format_report, problem

HEADER = ",".join(CODES)


def write(tmp_path, text, name="d.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def row(*values):
    return ",".join(str(v) for v in values)


def test_every_invalid_cell_is_reported_in_one_run(tmp_path):
    path = write(tmp_path, "\n".join([
        "Nama," + HEADER,
        row("A", 4, 4, 4, 4, 4, 4, 4, 4, 4),
        row("B", 0, 4, 4, 4, 5, 4, 4, 4, 4),
        row("C", 4, 4, "3.5", 4, 4, 4, 4, 4, "mantap"),
    ]) + "\n")
    with pytest.raises(DataValidationError) as err:
        load_responses(path)
    found = [(p.kind, p.file, p.row, p.column, p.value) for p in err.value.problems]
    assert found == [
        ("nilai_tidak_valid", str(path), 3, "U1", "0"),
        ("nilai_tidak_valid", str(path), 3, "U5", "5"),
        ("nilai_tidak_valid", str(path), 4, "U3", "3.5"),
        ("nilai_tidak_valid", str(path), 4, "U9", "mantap"),
    ]
    text = str(err.value)
    assert "4 masalah" in text and all(f"baris {r}" in text for r in (3, 4))
    first = err.value.problems[0]
    assert first.message.startswith("d.csv, baris 3, kolom 'U1': nilai jawaban tidak valid; nilai '0'; diharapkan: ")
    assert first.expected.startswith("angka 1–4") and first.severity == "error"


def test_exclude_policy_drops_invalid_rows_and_lists_them(tmp_path):
    path = write(tmp_path, "\n".join([
        HEADER, row(4, 4, 4, 4, 4, 4, 4, 4, 4), row(0, 4, 4, 4, 4, 4, 4, 4, 9), row(3, 3, 3, 3, 3, 3, 3, 3, 3),
    ]) + "\n")
    r = load_responses(path, SCHEME, IngestOptions(policy="exclude"))
    assert r.data["baris"].tolist() == [2, 4] and r.n_read == 3
    assert r.excluded["baris"].tolist() == [3]
    reason = "nilai tidak valid di kolom 'U1' ('0'); nilai tidak valid di kolom 'U9' ('9')"
    assert r.excluded["alasan"].iloc[0] == reason
    assert [p.kind for p in r.errors] == ["nilai_tidak_valid"] * 2  # still listed for the report


def test_unknown_policy_is_refused(tmp_path):
    with pytest.raises(Exception, match="Kebijakan"):
        load_responses(write(tmp_path, HEADER + "\n" + row(*[4] * 9) + "\n"), SCHEME, IngestOptions(policy="abaikan"))


@pytest.mark.parametrize("text", ["", "   \n\n", "\ufeff"])
def test_empty_file(tmp_path, text):
    with pytest.raises(DataValidationError) as err:
        load_responses(write(tmp_path, text))
    assert [p.kind for p in err.value.problems] == ["berkas_kosong"]
    assert err.value.problems[0].row is None


def test_header_only_file(tmp_path):
    with pytest.raises(DataValidationError) as err:
        load_responses(write(tmp_path, HEADER + "\r\n"), SCHEME, IngestOptions(policy="exclude"))
    assert [p.kind for p in err.value.problems] == ["tanpa_data"]


def test_missing_file(tmp_path):
    with pytest.raises(DataValidationError, match="berkas tidak ditemukan"):
        load_responses(tmp_path / "tidak_ada.csv")


def test_duplicate_respondent_ids(tmp_path):
    path = write(tmp_path, "\n".join([
        "No responden," + HEADER, row("R1", *[4] * 9), row("R2", *[3] * 9), row("R1", *[2] * 9), row("", *[2] * 9),
        row("", *[2] * 9),
    ]) + "\n")
    r = check_file(path)
    (p,) = r.errors
    assert (p.kind, p.row, p.column, p.value) == ("duplikat_id", 4, "No responden", "R1") and "baris 2" in p.message
    kept = load_responses(path, SCHEME, IngestOptions(policy="exclude"))
    assert kept.data["baris"].tolist() == [2, 3, 5, 6] and kept.excluded["alasan"].tolist() == ["ID responden ganda"]


def test_declared_id_column(tmp_path):
    path = write(tmp_path, "\n".join(["Kode," + HEADER, row("x", *[4] * 9), row("x", *[4] * 9)]) + "\n")
    assert check_file(path).errors == []  # "Kode" is not recognised as an id on its own
    (p,) = check_file(path, SCHEME, IngestOptions(id_column="Kode")).errors
    assert p.kind == "duplikat_id" and p.row == 3


def test_exact_duplicate_submissions(tmp_path):
    path = write(tmp_path, "\n".join([
        "Timestamp,Jenis Kelamin," + HEADER,
        row("15/07/2020 08.05.07", "L", *[4] * 9),
        row("15/07/2020 08.05.07", "P", *[4] * 9),  # same second, another respondent
        row("15/07/2020 08.05.07", "L", *[4] * 8, 3),  # same second, other answers
        row("15/07/2020 08.05.07", "Laki-laki", *[4] * 9),  # the same submission twice
    ]) + "\n")
    r = check_file(path)
    (p,) = r.errors
    assert (p.kind, p.row, p.column) == ("duplikat_kiriman", 5, "Timestamp") and "baris 2" in p.message


def test_same_date_without_time_is_not_a_duplicate(tmp_path):
    path = write(tmp_path, "\n".join(["Tanggal," + HEADER, row("15/07/2020", *[4] * 9), row("15/07/2020", *[4] * 9)]))
    assert check_file(path).errors == []


def test_dates_outside_the_declared_period(tmp_path):
    path = write(tmp_path, "\n".join([
        "Tanggal," + HEADER, row("01/07/2020", *[4] * 9), row("31/12/2020", *[4] * 9), row("01/01/2021", *[4] * 9),
        row("30/06/2020", *[4] * 9), row("", *[4] * 9),
    ]) + "\n")
    opts = IngestOptions(period=(date(2020, 7, 1), date(2020, 12, 31)))
    errors = check_file(path, SCHEME, opts).errors
    assert [(p.kind, p.row, p.value) for p in errors] == [
        ("tanggal_di_luar_periode", 4, "01/01/2021"), ("tanggal_di_luar_periode", 5, "30/06/2020"),
    ]
    assert errors[0].expected == "01/07/2020 s.d. 31/12/2020"


def test_rows_equal_to_the_form_defaults_are_warnings_and_kept(tmp_path):
    path = write(tmp_path, "\n".join([
        "Jenis kelamin,Pekerjaan,usia_code," + HEADER,
        row("Laki - Laki", "Swasta", 29, *[4] * 9),
        row("Laki-laki", "SWASTA", 29, *[4] * 9),
        row("Perempuan", "Swasta", 29, *[4] * 9),
        row("Laki - Laki", "Swasta", 29, *[4] * 8, 3),
    ]) + "\n")
    defaults = {"jenis_kelamin": "Laki-laki", "pekerjaan": "Swasta", "usia_code": 29, **dict.fromkeys(CODES, 4)}
    r = load_responses(path, SCHEME, IngestOptions(form_defaults=defaults))
    assert [(p.kind, p.severity, p.row) for p in r.problems] == [
        ("isian_bawaan_formulir", "warning", 2), ("isian_bawaan_formulir", "warning", 3),
    ]
    assert len(r.data) == 4


def test_form_default_naming_a_missing_column_is_an_error(tmp_path):
    path = write(tmp_path, HEADER + "\n" + row(*[4] * 9) + "\n")
    with pytest.raises(DataValidationError, match="isian bawaan"):
        load_responses(path, SCHEME, IngestOptions(form_defaults={"usia_code": 29}))


def test_response_without_any_unsur_answer_is_a_warning(tmp_path):
    path = write(tmp_path, "Nama," + HEADER + "\nA," + ",".join([""] * 9) + "\nB," + row(*[4] * 9) + "\n")
    r = load_responses(path)
    (w,) = r.warnings
    assert (w.kind, w.row) == ("tanpa_jawaban_unsur", 2) and len(r.data) == 2


def test_row_with_too_many_cells_is_named(tmp_path):
    path = write(tmp_path, "\n".join([HEADER, row(*[4] * 9), row(*[4] * 9, "geser"), row(*[3] * 9)]) + "\n")
    r = check_file(path)
    (p,) = r.errors
    assert (p.kind, p.row, p.value) == ("jumlah_kolom_salah", 3, "10")
    kept = load_responses(path, SCHEME, IngestOptions(policy="exclude"))
    assert kept.data["baris"].tolist() == [2, 4] and kept.excluded["baris"].tolist() == [3]


def test_short_rows_are_blank_answers(tmp_path):
    path = write(tmp_path, "\n".join([HEADER, row(*[4] * 9), row(*[3] * 7)]) + "\n")
    r = load_responses(path)
    assert r.data["U9"].isna().tolist() == [False, True] and r.problems == []


def test_all_problem_kinds_have_both_languages():
    for kind, (severity, indonesian, english) in KINDS.items():
        assert severity in ("error", "warning") and indonesian and english
        p = problem(kind, "x.csv", row=3, column="U1", value="9", expected="1–4")
        assert p.message.startswith("x.csv, baris 3, kolom 'U1'") and p.message_en.startswith("x.csv, row 3, column")


def test_report_counts_per_kind_first_rows_and_mapping(tmp_path):
    lines = [HEADER] + [row(9, *[4] * 8)] * 7 + [row(*[4] * 9)]
    r = check_file(write(tmp_path, "\n".join(lines) + "\n"))
    text = r.report()
    assert "8 dibaca; 7 galat menghentikan proses" in text
    assert "- [nilai_tidak_valid] nilai jawaban tidak valid (galat): 7" in text
    assert text.count("kolom 'U1': nilai jawaban tidak valid") == 5 and "… dan 2 lagi" in text
    assert "U1               ← U1" in text and "pemisah: koma" in text
    assert text.rstrip().endswith("pakai kebijakan 'exclude').")
    english = r.report(english=True, first=None)
    assert "Problems by kind (7 errors, 0 warnings)" in english and english.count("row ") == 7


def test_report_without_problems():
    text = format_report([], file="d.csv", mapping={"U1": "Persyaratan"}, n_read=3, n_kept=3)
    assert "Tidak ada masalah." in text and text.rstrip().endswith("Hasil: data dapat dihitung.")


def test_unreadable_workbook(tmp_path):
    path = tmp_path / "rusak.xlsx"
    path.write_bytes(b"bukan buku kerja")
    with pytest.raises(DataValidationError) as err:
        load_responses(path)
    (p,) = err.value.problems
    assert p.kind == "berkas_tidak_terbaca" and p.expected == "buku kerja XLSX"


def test_two_columns_for_one_profile_field_warn_and_use_the_first(tmp_path):
    path = write(tmp_path, "Jenis kelamin,JK," + HEADER + "\nL,P," + row(*[4] * 9) + "\n")
    r = load_responses(path)
    (w,) = r.warnings
    assert (w.kind, w.column) == ("kolom_profil_ganda", "jenis_kelamin") and "Jenis kelamin | JK" in w.value
    assert r.data["jenis_kelamin"].tolist() == ["L"] and r.data["JK"].tolist() == ["P"]
