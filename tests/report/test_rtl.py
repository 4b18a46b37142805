"""RTL that can be followed up: status per item, and the previous period's realisation (PEKPPP)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from ikm_utils.params import ParamsError, load_params
from ikm_utils.report.rtl import months_between, previous_realisation, status_text

UNIT = {"nama": "Polres Uji", "kepala_unit": {"nama": "AKBP Budi", "jabatan": "Kapolres Uji", "label_id": "NRP",
                                               "nip": "75010123"}}


def write(folder: Path, periode: str, rtl: list[dict] | None = None, **extra) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "data.csv").write_text("U1,U2,U3,U4,U5,U6,U7,U8,U9\n" + "3,3,3,3,3,3,3,3,3\n", encoding="utf-8")
    params = {"unit": UNIT, "periode": periode, "data": {"berkas": "data.csv"}, **extra}
    if rtl is not None:
        params["rtl"] = rtl
    path = folder / f"{periode}.yaml"
    path.write_text(yaml.safe_dump(params, allow_unicode=True), encoding="utf-8")
    return path


def item(unsur: str, **status) -> dict:
    return {"unsur": unsur, "program": f"Perbaikan {unsur}", "waktu": "Semester berikut", "penanggung_jawab": "Kasat",
            **status}


def test_share_realised_is_done_over_planned_and_months_count_from_the_previous_report(tmp_path):
    jadwal = [{"tahap": "Pelaporan", "mulai": "2024-06-20", "selesai": "2024-06-28"}]
    write(tmp_path, "2024-S1", [item("U3", status="selesai", selesai="2024-08"), item("U8", status="selesai",
          selesai="2024-11"), item("U9", status="proses"), item("U1")], survei={"jadwal": jadwal})
    current = write(tmp_path, "2024-S2")
    r = previous_realisation(load_params(current), current)
    assert (r.periode, r.direncanakan, r.selesai) == ("2024-S1", 4, 2)
    assert r.persen == 50.0  # 2 of 4 realised x 100
    assert r.bulan == (2, 5) and r.bulan_sampai_selesai == 3.5  # June 2024 -> August (2), November (5)
    assert r.table["Status"].tolist() == ["Selesai (Agustus 2024)", "Selesai (November 2024)", "Dalam proses",
                                          "Belum dimulai"]
    assert r.to_dict() == {"periode": "2024-S1", "direncanakan": 4, "selesai": 2, "persen": 50.0,
                           "bulan_sampai_selesai": 3.5}
    assert "Dari 4 rencana tindak lanjut" in r.sentence() and "(50,0%)" in r.sentence()


def test_the_previous_period_is_the_latest_earlier_one_of_the_same_unit(tmp_path):
    write(tmp_path, "2023-S2", [item("U1", status="selesai", selesai="2024-01")])
    write(tmp_path, "2024-S1", [item("U2")])
    later = write(tmp_path, "2025-S1", [item("U3")])
    current = write(tmp_path, "2024-S2")
    r = previous_realisation(load_params(current), current)
    assert r.periode == "2024-S1" and (r.direncanakan, r.selesai, r.persen) == (1, 0, 0.0)
    assert r.bulan_sampai_selesai is None
    assert previous_realisation(load_params(later), later).periode == "2024-S2"


def test_without_an_earlier_parameter_file_there_is_nothing_to_follow_up(tmp_path):
    current = write(tmp_path, "2024-S2")
    assert previous_realisation(load_params(current), current) is None


def test_a_previous_period_without_rtl_says_so_and_has_no_share(tmp_path):
    write(tmp_path, "2024-S1")
    current = write(tmp_path, "2024-S2")
    r = previous_realisation(load_params(current), current)
    assert r.persen is None and r.to_dict()["direncanakan"] == 0 and "tidak memuat" in r.sentence()


@pytest.mark.parametrize("bad", ["2024-13", "Maret 2024", "2024-3"])
def test_a_completion_month_must_be_yyyy_mm(tmp_path, bad):
    path = write(tmp_path, "2024-S1", [item("U3", status="selesai", selesai=bad)])
    with pytest.raises(ParamsError, match=r"rtl\[0\]\.selesai: harus bulan YYYY-MM"):
        load_params(path)


def test_status_and_months_read_as_a_reviewer_expects():
    assert status_text("selesai", "2025-03") == "Selesai (Maret 2025)"
    assert status_text("rencana", None) == "Belum dimulai"
    assert months_between(date(2024, 12, 31), "2025-03") == 3
    assert months_between(date(2024, 12, 31), "2024-11") == 0  # finished before the report: not negative
