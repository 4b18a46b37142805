"""Reading every common layout: CSV (sniffed), XLSX, long; the same answers give the same IKM."""

from __future__ import annotations

import csv
import hashlib
import io
import os

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ingest_samples import CODES, SCHEME, forms_rows, sample, write_forms, write_long, write_tidy, write_xlsx

from ikm_utils.errors import DataValidationError
from ikm_utils.intake.ingest import IngestOptions, LongLayout, Responses, check_file, load_responses
from ikm_utils.method.compute import compute_ikm


def reference(s: dict) -> pd.DataFrame:
    """The sample's scores as a score table built directly, without any reader."""
    return pd.DataFrame([[float("nan") if v is None else float(v) for v in row] for row in s["scores"]], columns=CODES)


def ikm(r: Responses):
    total = compute_ikm(r.data, r.scheme).total
    return total.ikm_exact, tuple(u.distribusi for u in total.unsur), total.n_responden


def ikm_of(df: pd.DataFrame):
    total = compute_ikm(df, SCHEME).total
    return total.ikm_exact, tuple(u.distribusi for u in total.unsur), total.n_responden


# --------------------------------------------------------------------------- tidy CSV


def test_tidy_csv_scores_rows_and_mapping(tmp_path):
    path = tmp_path / "skm.csv"
    path.write_text("layanan,U1,U2,U3,U4,U5,U6,U7,U8,U9\nKTP,4,3,3,2,4,4,4,4,4\nKK,3,,3,3,3,3,3,3,3\n")
    r = load_responses(path, SCHEME)
    assert r.data["U1"].tolist() == [4.0, 3.0]
    assert r.data["U2"].isna().tolist() == [False, True]  # a blank is "not answered", not 0
    assert r.data["baris"].tolist() == [2, 3]  # spreadsheet rows, header = row 1
    assert r.mapping["U1"] == "U1" and r.info["cara"]["U1"] == "kode"
    assert r.mapping["jenis_layanan"] == "layanan" and r.data["jenis_layanan"].tolist() == ["KTP", "KK"]
    assert r.n_read == 2 and r.problems == [] and r.excluded.empty
    assert r.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_nrr_of_u1_with_answers_4_3_3_2_is_3(tmp_path):
    path = tmp_path / "u.csv"
    body = "\n".join(f"{a}," + ",".join(["4"] * 8) for a in (4, 3, 3, 2))
    path.write_text("U1,U2,U3,U4,U5,U6,U7,U8,U9\n" + body + "\n")
    assert compute_ikm(load_responses(path).data).total.unsur[0].nrr == 3.0


@pytest.mark.parametrize("sep", [",", ";", "\t"])
def test_delimiter_is_sniffed(tmp_path, sep):
    s = sample()
    r = load_responses(write_tidy(tmp_path / "d.csv", s, sep=sep), SCHEME)
    assert r.info["delimiter"] == sep
    assert ikm(r) == ikm_of(reference(s))


@pytest.mark.parametrize("blank_line", [False, True])
def test_old_mac_line_endings_read_like_any_other_with_their_row_numbers(tmp_path, blank_line):
    lines = [",".join(CODES), ",".join("4332" + "4" * 5), *([""] if blank_line else []), ",".join("3" * 8 + "7")]
    path = tmp_path / "mac.csv"
    path.write_bytes("\r".join(lines).encode() + b"\r")  # a CSV saved by old Mac software: CR only
    with pytest.raises(DataValidationError) as info:
        load_responses(path, SCHEME)
    bad = [p for p in info.value.problems if p.kind == "nilai_tidak_valid"]
    assert [(p.row, p.column, p.value) for p in bad] == [(4 if blank_line else 3, "U9", "7")]
    r = load_responses(path, SCHEME, IngestOptions(policy="exclude"))
    assert r.data["U1"].tolist() == [4]


def test_decimal_comma_answers_with_semicolons_are_not_split(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("U1;U2;U3;U4;U5;U6;U7;U8;U9\n4,0;3;3;3;3;3;3;3;3\n2;2;2;2;2;2;2;2;2,0\n")
    r = load_responses(path)
    assert r.info["delimiter"] == ";" and r.data["U1"].tolist() == [4.0, 2.0] and r.data["U9"].tolist() == [3.0, 2.0]


@pytest.mark.parametrize(("bom", "crlf"), [(True, False), (False, True), (True, True)])
def test_utf8_with_or_without_bom_and_crlf(tmp_path, bom, crlf):
    s = sample()
    r = load_responses(write_tidy(tmp_path / "d.csv", s, bom=bom, crlf=crlf), SCHEME)
    assert r.mapping["tanggal"] == "Cap waktu"  # the BOM is not glued to the first header
    assert r.info["encoding"] == "UTF-8" and r.warnings == []
    assert ikm(r) == ikm_of(reference(s))


def test_windows_1252_is_read_with_a_warning(tmp_path):
    path = tmp_path / "excel.csv"
    text = "Jenis Kelamin;U1;U2;U3;U4;U5;U6;U7;U8;U9;Saran\r\nP;4;4;4;4;4;4;4;4;4;Pelayanan café – cepat\r\n"
    path.write_bytes(text.encode("cp1252"))
    r = load_responses(path)
    assert r.info["encoding"] == "cp1252"
    assert [p.kind for p in r.warnings] == ["encoding_windows1252"]
    assert r.data["saran"].tolist() == ["Pelayanan café – cepat"]


def test_windows_1252_byte_far_into_the_file_is_found(tmp_path):
    path = tmp_path / "late.csv"
    rows = ["U1,U2,U3,U4,U5,U6,U7,U8,U9,Saran"] + ["4,4,4,4,4,4,4,4,4,baik sekali terima kasih"] * 12000
    rows.append("3,3,3,3,3,3,3,3,3,Pelayanan café")
    path.write_bytes(("\n".join(rows) + "\n").encode("cp1252"))
    assert path.stat().st_size > 256 * 1024
    r = load_responses(path)
    assert r.info["encoding"] == "cp1252" and r.data["saran"].iloc[-1] == "Pelayanan café"
    assert len(r.data) == 12001 and r.data["baris"].iloc[-1] == 12002


def test_multiline_answers_and_blank_lines_keep_spreadsheet_rows(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text(
        'U1,U2,U3,U4,U5,U6,U7,U8,U9,Saran\n4,4,4,4,4,4,4,4,4,"baris satu\nbaris dua"\n\n9,4,4,4,4,4,4,4,4,\n'
    )
    with pytest.raises(DataValidationError) as err:
        load_responses(path)
    (p,) = err.value.problems
    # record 1 is the header, record 2 spans two lines, record 3 is the blank line
    assert (p.row, p.column, p.value) == (4, "U1", "9")


def test_excel_sep_line_names_the_delimiter_and_is_not_a_row(tmp_path):
    path = tmp_path / "excel.csv"
    lines = ["sep=;", ";".join(CODES), ";".join("4" * 9), ";".join("x" + "4" * 8)]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode())
    r = check_file(path)
    assert r.info["delimiter"] == ";" and r.data["U2"].tolist() == [4.0, 4.0]
    (p,) = r.errors
    assert (p.row, p.column, p.value) == (3, "U1", "x")


def test_forced_encoding(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes(("Saran," + ",".join(CODES) + "\nÇa va," + ",".join("4" * 9) + "\n").encode("latin-1"))
    r = load_responses(path, SCHEME, IngestOptions(encoding="latin-1"))
    assert r.data["saran"].tolist() == ["Ça va"] and r.warnings == [] and r.info["encoding"] == "latin-1"


def test_question_headers_spanning_two_lines(tmp_path):
    s = sample(n=4)
    rows = forms_rows(s)
    rows[0] = [h.replace(" tentang ", " tentang\n", 1) for h in rows[0]]
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    path = tmp_path / "f.csv"
    path.write_text(buf.getvalue())
    r = load_responses(path, SCHEME)
    assert ikm(r) == ikm_of(reference(s)) and r.data["baris"].tolist() == [2, 3, 4, 5]
    assert r.mapping["U4"].startswith("4. Bagaimana pendapat Saudara tentang\nkewajaran")


# --------------------------------------------------------------------------- XLSX


def test_xlsx_first_sheet(tmp_path):
    s = sample()
    r = load_responses(write_xlsx(tmp_path / "d.xlsx", s), SCHEME)
    assert r.info["format"] == "XLSX" and r.info["sheet"] == "Data"
    assert ikm(r) == ikm_of(reference(s))
    assert r.data["baris"].tolist()[:2] == [2, 3]


def test_xlsx_named_sheet_and_title_row_keep_sheet_row_numbers(tmp_path):
    s = sample()
    path = write_xlsx(tmp_path / "d.xlsx", s, sheet="Rekap", decoy_first=True, title=True)
    r = load_responses(path, SCHEME, IngestOptions(sheet="Rekap"))
    assert ikm(r) == ikm_of(reference(s))
    assert r.data["baris"].iloc[0] == 4  # title on row 1, blank row 2, header row 3
    assert load_responses(path, SCHEME, IngestOptions(sheet=1)).data["baris"].iloc[0] == 4


def test_xlsx_unknown_sheet_names_the_sheets(tmp_path):
    path = write_xlsx(tmp_path / "d.xlsx", sample(), sheet="Rekap", decoy_first=True)
    with pytest.raises(DataValidationError) as err:
        load_responses(path, SCHEME, IngestOptions(sheet="Data 2024"))
    (p,) = err.value.problems
    assert p.kind == "lembar_tidak_ada" and "Petunjuk" in p.expected and "Rekap" in p.expected


def test_xlsx_first_sheet_that_is_not_data_fails_clearly(tmp_path):
    path = write_xlsx(tmp_path / "d.xlsx", sample(), sheet="Rekap", decoy_first=True)
    with pytest.raises(DataValidationError) as err:
        load_responses(path, SCHEME)
    (p,) = err.value.problems
    assert p.kind == "tanpa_data" and "'Petunjuk'" in p.message and "Rekap" in p.message


def test_old_xls_is_refused_with_advice(tmp_path):
    path = tmp_path / "d.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(DataValidationError, match="xlsx"):
        load_responses(path)


# --------------------------------------------------------------------------- long layout


def test_long_layout_gives_the_wide_result(tmp_path):
    s = sample()
    opts = IngestOptions(long=LongLayout(id="id_responden", item="item", value="jawaban"))
    r = load_responses(write_long(tmp_path / "long.csv", s), SCHEME, opts)
    assert ikm(r) == ikm_of(reference(s))
    assert r.data["id_responden"].tolist()[:2] == ["R001", "R002"]
    assert r.data["jenis_kelamin"].tolist()[:2] == ["L", "P"]
    assert r.mapping["U1"] == "u1" and r.mapping["jenis_layanan"] == "layanan"
    # the date is one per respondent, so it is carried; the running number is not
    assert r.mapping["tanggal"] == "tanggal" and "no" not in r.data.columns
    assert r.data["baris"].iloc[1] == 2 + 12  # first row of respondent 2 (12 items each)


def test_long_layout_names_the_row_of_each_bad_answer(tmp_path):
    s = sample(n=3)
    s["scores"][1][3] = 7
    path = write_long(tmp_path / "long.csv", s)
    with pytest.raises(DataValidationError) as err:
        load_responses(path, SCHEME, IngestOptions(long=LongLayout("id_responden", "item", "jawaban")))
    (p,) = err.value.errors
    assert p.kind == "nilai_tidak_valid" and p.value == "7"
    assert p.row == 1 + 12 + 3 + 4  # header, respondent 1's 12 rows, respondent 2's profile rows, then u1..u4
    assert p.column == "jawaban (item u4)"


def test_long_layout_item_given_twice_is_an_error(tmp_path):
    path = tmp_path / "long.csv"
    rows = ["id,item,nilai"] + [f"A,u{i},4" for i in range(1, 10)] + ["A,u3,2"]
    path.write_text("\n".join(rows) + "\n")
    with pytest.raises(DataValidationError) as err:
        load_responses(path, SCHEME, IngestOptions(long=LongLayout("id", "item", "nilai")))
    (p,) = err.value.errors
    assert (p.kind, p.row, p.value) == ("item_ganda", 11, "u3") and "baris 4" in p.message


def test_long_layout_missing_columns_are_named(tmp_path):
    path = write_long(tmp_path / "long.csv", sample(n=2))
    with pytest.raises(DataValidationError) as err:
        load_responses(path, SCHEME, IngestOptions(long=LongLayout("respondent", "item", "skor")))
    assert {p.column for p in err.value.problems} == {"respondent", "skor"}
    assert all(p.kind == "kolom_tidak_ada" for p in err.value.problems)


# --------------------------------------------------------------------------- the "done when"


def test_google_forms_and_long_exports_give_the_tidy_ikm(tmp_path):
    s = sample(n=40, seed=11)
    tidy = load_responses(write_tidy(tmp_path / "tidy.csv", s), SCHEME)
    forms = load_responses(write_forms(tmp_path / "forms.csv", s, sep=";", bom=True), SCHEME)
    long = load_responses(write_long(tmp_path / "long.csv", s), SCHEME,
                          IngestOptions(long=LongLayout("id_responden", "item", "jawaban")))
    assert forms.info["delimiter"] == ";" and forms.mapping["U4"].startswith("4. Bagaimana")
    assert ikm(tidy) == ikm(forms) == ikm(long) == ikm_of(reference(s))
    for r in (tidy, forms, long):
        assert r.errors == []
        assert r.data["jenis_kelamin"].tolist() == tidy.data["jenis_kelamin"].tolist()
        assert r.data["tanggal"].tolist() == tidy.data["tanggal"].tolist()


def test_questions_in_any_order_are_mapped_by_their_text(tmp_path):
    s = sample()
    order = ["U3", "U1", "U9", "U8", "U2", "U7", "U4", "U6", "U5"]  # sarana before pengaduan, shuffled
    r = load_responses(write_forms(tmp_path / "f.csv", s, order=order), SCHEME)
    assert ikm(r) == ikm_of(reference(s))
    assert "sarana" in r.mapping["U9"] and "pengaduan" in r.mapping["U8"]


# --------------------------------------------------------------------------- the input is never modified


def test_input_file_is_never_modified(tmp_path):
    s = sample()
    s["scores"][0][0] = 9  # an error, so both policies have work to do
    path = write_tidy(tmp_path / "f.csv", s, sep=";", bom=True, crlf=True)
    before = (path.read_bytes(), os.stat(path).st_mtime_ns)
    with pytest.raises(DataValidationError):
        load_responses(path, SCHEME)
    load_responses(path, SCHEME, IngestOptions(policy="exclude"))
    assert (path.read_bytes(), os.stat(path).st_mtime_ns) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.csv"]


# --------------------------------------------------------------------------- property


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_shuffling_columns_and_label_case_never_changes_the_result(tmp_path_factory, data):
    s = sample(n=12, seed=data.draw(st.integers(0, 10_000)))
    rows = forms_rows(s)
    order = data.draw(st.permutations(range(len(rows[0]))))
    cases = data.draw(st.lists(st.sampled_from([str.upper, str.lower, str.title, str.strip, lambda t: f"  {t} "]),
                               min_size=len(rows) * len(rows[0]), max_size=len(rows) * len(rows[0])))
    width = len(rows[0])
    shuffled = [[row[j] for j in order] for row in rows[:1]]
    shuffled += [[cases[i * width + j](row[j]) if rows[0][j][0].isdigit() else row[j] for j in order]
                 for i, row in enumerate(rows[1:], start=1)]
    buf = io.StringIO()
    csv.writer(buf, delimiter=";").writerows(shuffled)
    path = tmp_path_factory.mktemp("prop") / "f.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    r = load_responses(path, SCHEME)
    assert ikm(r) == ikm_of(reference(s))
