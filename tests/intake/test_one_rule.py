"""Real exports never give a silently wrong IKM: one date rule, unsur the scheme lacks, the form's order,
one unit of a multi-unit export, form defaults excluded on request.

Files are made the way Excel and form apps save them (date cells, serial numbers, question texts);
the real files in ../shared/realdata are used when present.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from ikm_utils.errors import DataValidationError
from ikm_utils.intake.ingest import IngestOptions, evaluate, load_responses
from ikm_utils.method.compute import compute_ikm
from ikm_utils.method.schemes import form_order, get_scheme

REALDATA = Path(__file__).resolve().parents[3] / "shared" / "realdata"
GIANYAR = REALDATA / "skm_polres_gianyar_skck_2020.csv"
MAHULU = REALDATA / "skm_setda_mahakam_ulu_2025.csv"
real = pytest.mark.skipif(not REALDATA.exists(), reason="../shared/realdata is absent")
P14 = get_scheme("permen14_2017")
GIANYAR_ORDER = ["persyaratan", "prosedur", "waktu", "biaya", "produk", "kompetensi", "perilaku", "sarana",
                 "pengaduan"]


def as_excel_saves_it(csv: Path, xlsx: Path, *, dates: tuple[str, ...] = (), stamps: tuple[str, ...] = (),
                      serial: tuple[str, ...] = ()) -> Path:
    """The CSV opened in Excel and saved as XLSX: numbers as numbers, dates as date cells
    (``yyyy-mm-dd``), timestamps as date-time cells, ``serial`` columns as plain serial numbers."""
    frame = pd.read_csv(csv, dtype=str, keep_default_na=False)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(list(frame.columns))
    for r, rec in enumerate(frame.itertuples(index=False), start=2):
        values = []
        for col, v in zip(frame.columns, rec, strict=True):
            if v == "":
                values.append(None)
            elif col in dates or col in stamps:
                values.append(dt.datetime.fromisoformat(v))
            elif col in serial:
                t = dt.datetime.fromisoformat(v)
                values.append((t - dt.datetime(1899, 12, 30)).total_seconds() / 86400)
            else:
                try:
                    values.append(int(v))
                except ValueError:
                    values.append(v)
        ws.append(values)
        for j, col in enumerate(frame.columns, start=1):
            if col in dates:
                ws.cell(r, j).number_format = "yyyy-mm-dd"
            elif col in stamps:
                ws.cell(r, j).number_format = "yyyy-mm-dd hh:mm:ss"
    wb.save(xlsx)
    return xlsx


def outcome(path: Path, **options):
    r, stopped = evaluate(path, P14, IngestOptions(**options))
    total = compute_ikm(r.data, P14).total if not stopped else None
    kinds = sorted((p.kind, p.row) for p in r.problems)
    return (stopped, len(r.data), None if total is None else (total.ikm_konversi, total.mutu), kinds)


# --------------------------------------------------------------------------- one date rule


@real
@pytest.mark.parametrize("policy", ["stop", "exclude"])
def test_gianyar_csv_and_the_same_data_saved_by_excel_give_the_same_n_ikm_and_problems(tmp_path, policy):
    order = form_order(P14, GIANYAR_ORDER)
    xlsx = as_excel_saves_it(GIANYAR, tmp_path / "gianyar.xlsx", dates=("tanggal",), stamps=("waktu",))
    csv_result = outcome(GIANYAR, form_order=order, policy=policy)
    assert outcome(xlsx, form_order=order, policy=policy) == csv_result
    if policy == "exclude":  # the timestamp is used: two real double submissions, not 12 midnight ones
        assert csv_result[:3] == (False, 199, (Decimal("85.93"), "B"))
        assert [k for k in csv_result[3] if k[0] == "duplikat_kiriman"] == [("duplikat_kiriman", 53),
                                                                            ("duplikat_kiriman", 88)]


@real
def test_a_date_only_column_saved_as_excel_date_cells_is_never_compared_to_the_second(tmp_path):
    frame = pd.read_csv(GIANYAR, dtype=str).drop(columns=["waktu"])
    csv = tmp_path / "tanggal_saja.csv"
    frame.to_csv(csv, index=False)
    xlsx = as_excel_saves_it(csv, tmp_path / "tanggal_saja.xlsx", dates=("tanggal",))
    order = form_order(P14, GIANYAR_ORDER)
    expected = (False, 201, (Decimal("85.85"), "B"), [])
    assert outcome(csv, form_order=order, policy="exclude") == expected
    assert outcome(xlsx, form_order=order, policy="exclude") == expected


@real
def test_excel_serial_numbers_read_as_the_same_timestamps(tmp_path):
    order = form_order(P14, GIANYAR_ORDER)
    xlsx = as_excel_saves_it(GIANYAR, tmp_path / "serial.xlsx", serial=("tanggal", "waktu"))
    r = load_responses(xlsx, P14, IngestOptions(form_order=order, policy="exclude"))
    assert r.mapping["tanggal"] == "waktu" and len(r.data) == 199
    assert str(r.data["tanggal"].iloc[0]) == "2020-07-15 13:53:59"


def test_validate_says_which_date_column_it_chose_and_why(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("tanggal,waktu," + ",".join(f"U{i}" for i in range(1, 10)) + "\n"
                    "2024-07-01,2024-07-01 09:00:01," + ",".join("4" * 9) + "\n"
                    "2024-07-01,2024-07-01 10:30:00," + ",".join("4" * 9) + "\n")
    r, stopped = evaluate(path, P14, IngestOptions())
    assert not stopped and r.mapping["tanggal"] == "waktu"
    assert "kolom 'waktu' dipakai (tanggal dan jam), bukan 'tanggal' (tanggal saja)" in r.report()


# --------------------------------------------------------------------------- unsur the scheme lacks


def fourteen_unsur_file(tmp_path: Path) -> Path:
    path = tmp_path / "kepmen25.csv"
    rows = ["no," + ",".join(f"U{i}" for i in range(1, 15))]
    rows += [f"{k},{','.join(str(2 + (k + i) % 3) for i in range(14))}" for k in range(1, 21)]
    path.write_text("\n".join(rows) + "\n")
    return path


def test_a_14_unsur_file_read_as_9_unsur_is_an_error_suggesting_the_scheme(tmp_path):
    path = fourteen_unsur_file(tmp_path)
    with pytest.raises(DataValidationError) as exc:
        load_responses(path, P14, IngestOptions(policy="exclude"))
    [p] = [p for p in exc.value.errors if p.kind == "kolom_unsur_skema_lain"]
    assert "'U10', 'U11', 'U12', 'U13', 'U14'" in p.message and "--skema kepmenpan25_2004" in p.message
    r = load_responses(path, "kepmenpan25_2004")
    assert len(r.data) == 20 and compute_ikm(r.data, "kepmenpan25_2004").total.n_responden == 20


def test_another_schemes_question_text_is_an_error_naming_it(tmp_path):
    path = tmp_path / "d.csv"
    question = "Bagaimana pendapat Saudara tentang maklumat pelayanan?"
    path.write_text(",".join(f"U{i}" for i in range(1, 10)) + f",{question}\n" + ",".join("4" * 10) + "\n")
    r, stopped = evaluate(path, P14, IngestOptions())
    [p] = [p for p in r.errors if p.kind == "kolom_unsur_skema_lain"]
    assert stopped and "maklumat pelayanan" in p.message and "--skema permen16_2014" in p.message


def test_validate_cli_exits_1_on_a_14_unsur_file(tmp_path, capsys):
    from ikm_utils.cli import main

    assert main(["validate", str(fourteen_unsur_file(tmp_path))]) == 1
    assert "kepmenpan25_2004" in capsys.readouterr().out


# --------------------------------------------------------------------------- questionnaire order


def test_the_form_order_by_name_maps_u8_to_sarana_and_survives_a_change_of_scheme(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("u1,u2,u3,u4,u5,u6,u7,u8,u9\n4,4,4,4,4,4,4,1,2\n")
    r = load_responses(path, P14, IngestOptions(form_order=form_order(P14, GIANYAR_ORDER)))
    assert (r.mapping["U9"], r.mapping["U8"]) == ("u8", "u9")  # sarana is U9 in 14/2017
    assert (r.data["U9"].iloc[0], r.data["U8"].iloc[0]) == (1.0, 2.0)
    p16 = get_scheme("permen16_2014")
    names16 = ["persyaratan", "prosedur", "waktu", "biaya", "produk", "kompetensi", "perilaku", "maklumat",
               "pengaduan"]
    r16 = load_responses(path, p16, IngestOptions(form_order=form_order(p16, names16)))
    assert r16.mapping["U9"] == "u9" and r16.scheme.unsur[8].nama.lower().startswith("penanganan pengaduan")


def test_an_unknown_or_repeated_unsur_name_in_the_order_is_an_error():
    with pytest.raises(ValueError, match="unsur 'kenyamanan' tidak ada di skema permen14_2017"):
        form_order(P14, [*GIANYAR_ORDER[:8], "kenyamanan"])
    with pytest.raises(ValueError, match="lebih dari sekali: U1"):
        form_order(P14, ["persyaratan", *GIANYAR_ORDER[:8]])
    assert form_order(P14, "permen") == list(P14.codes)


def test_params_state_the_order_and_an_unknown_name_is_a_parameter_error(tmp_path):
    from ikm_utils.params import ParamsError, load_params

    (tmp_path / "d.csv").write_text("u1\n4\n")
    good = tmp_path / "2024-S1.yaml"
    good.write_text('unit: {nama: X}\nperiode: 2024-S1\ndata: {berkas: d.csv, urutan_kuesioner: '
                    f'[{", ".join(GIANYAR_ORDER)}]}}\n')
    assert load_params(good).ingest_options().form_order[7:] == ["U9", "U8"]
    bad = tmp_path / "2024-S2.yaml"
    bad.write_text('unit: {nama: X}\nperiode: 2024-S2\ndata: {berkas: d.csv, urutan_kuesioner: [persyaratan, loket]}\n')
    with pytest.raises(ParamsError, match="unsur 'loket' tidak ada"):
        load_params(bad)


# --------------------------------------------------------------------------- one unit of a multi-unit export


@real
def test_mahakam_ulu_one_unit_rows_outside_are_out_of_scope_not_excluded():
    order = form_order(P14, GIANYAR_ORDER)
    r = load_responses(MAHULU, P14, IngestOptions(form_order=order, saring={"unit": ["Bagian Organisasi"]}))
    assert (r.n_read, r.n_out_of_scope, len(r.data), len(r.excluded)) == (19, 7, 19, 0)
    assert set(r.data["unit"]) == {"Bagian Organisasi"}
    assert r.summary_line().startswith("26 baris di berkas, 7 di luar cakupan (unit = Bagian Organisasi); "
                                       "19 dibaca, 0 dikecualikan, 19 dipakai")
    by_header = load_responses(MAHULU, P14, IngestOptions(form_order=order, saring={"unit_code": ["organisasi"]}))
    assert by_header.data["baris"].tolist() == r.data["baris"].tolist()


@real
def test_a_filter_value_not_in_the_file_is_an_error_listing_the_values():
    with pytest.raises(DataValidationError) as exc:
        load_responses(MAHULU, P14, IngestOptions(saring={"unit": ["Bagian Keuangan"]}, policy="exclude"))
    [p] = exc.value.errors
    assert p.kind == "saring_tanpa_baris" and "Bagian Hukum" in p.message and "Bagian Keuangan" in p.message


@real
def test_compute_saring_on_the_command_line(capsys):
    from ikm_utils.cli import main

    assert main(["compute", str(MAHULU), "--saring", 'unit="Bagian Organisasi"', "--urutan", ",".join(GIANYAR_ORDER),
                 "--json"]) == 0
    out, err = capsys.readouterr()
    assert '"n_responden": 19' in out and "7 di luar cakupan" in err


# --------------------------------------------------------------------------- form defaults


@real
def test_mahakam_ulu_form_defaults_excluded_on_request_with_their_reason():
    defaults = {"pekerjaan": "Swasta", "jenis_kelamin": "Laki-laki", "usia_code": 29, "pendidikan": "SMA / SMK",
                **{f"U{i}": 4 for i in range(1, 10)}}
    order = form_order(P14, GIANYAR_ORDER)
    r = load_responses(MAHULU, P14, IngestOptions(form_order=order, form_defaults=defaults,
                                                  exclude_form_defaults=True))
    assert (r.n_read, len(r.excluded), len(r.data)) == (26, 9, 17)
    marked = pd.read_csv(MAHULU).reset_index()
    assert sorted(r.excluded["baris"]) == sorted((marked.loc[marked["all_form_defaults"] == 1, "index"] + 2).tolist())
    assert set(r.excluded["alasan"]) == {"isian bawaan formulir (dikecualikan sesuai parameter)"}
    assert "9 dikecualikan (isian bawaan formulir: 9), 17 dipakai" in r.summary_line()
