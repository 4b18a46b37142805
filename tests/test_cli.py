"""The ``ikm compute`` contract."""

import json
import subprocess
import sys

import pytest

from ikm_utils.cli import main

CODES = [f"U{i}" for i in range(1, 10)]


@pytest.fixture
def tidy_csv(tmp_path):
    path = tmp_path / "data.csv"
    rows = ["layanan," + ",".join(c.lower() for c in CODES)]
    rows += ["KTP," + ",".join(["4"] * 9), "KTP," + ",".join(["4"] * 9), "KK," + ",".join(["3"] * 8 + [""])]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def run_json(capsys, *args):
    assert main(["compute", *map(str, args), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_compute_json_contract(tidy_csv, capsys):
    d = run_json(capsys, tidy_csv)
    assert d["skema"] == "permen14_2017" and d["bobot"] == "exact" and d["n_responden"] == 3
    assert "kelompok" not in d
    u9 = d["unsur"][8]
    assert (u9["n"], u9["jumlah_nilai"], u9["nrr"], u9["nilai_konversi"], u9["mutu"]) == (2, 8, 4.0, 100.0, "A")
    # U1..U8: (4+4+3)/3 = 11/3; U9: 4 -> IKM = (8 x 11/3 + 4)/9 = 100/27 = 3.7037..., x25 = 92.59
    assert d["ikm"] == pytest.approx(100 / 27)
    assert (d["ikm_konversi"], d["mutu"], d["kinerja"]) == (92.59, "A", "Sangat baik")


def test_compute_by_column(tidy_csv, capsys):
    d = run_json(capsys, tidy_csv, "--by", "layanan")
    groups = d["kelompok"]["layanan"]
    assert set(groups) == {"KTP", "KK"}
    assert groups["KTP"]["ikm_konversi"] == 100.0 and groups["KTP"]["mutu"] == "A"
    # Nobody in KK answered U9: its NRR, and so the group's IKM, cannot be computed (not 0, not a guess).
    assert groups["KK"]["unsur"][8]["n"] == 0 and groups["KK"]["unsur"][8]["nrr"] is None
    assert groups["KK"]["ikm_konversi"] is None and groups["KK"]["mutu"] is None
    assert "kelompok" not in groups["KK"]


def test_compute_legacy_weights(tidy_csv, capsys):
    d = run_json(capsys, tidy_csv, "--bobot", "legacy")
    assert d["bobot"] == "legacy" and d["unsur"][0]["bobot"] == 0.111


def test_readable_table_is_indonesian(tidy_csv, capsys):
    assert main(["compute", str(tidy_csv)]) == 0
    out = capsys.readouterr().out
    assert "IKM unit (25–100): 92,59" in out and "Mutu: A (Sangat baik)" in out


def test_missing_file_exits_1_with_message(tmp_path, capsys):
    assert main(["compute", str(tmp_path / "nope.csv"), "--json"]) == 1
    assert "tidak ditemukan" in capsys.readouterr().err


def test_console_script_runs():
    out = subprocess.run([sys.executable, "-m", "ikm_utils.cli", "--help"], capture_output=True, text=True, check=True)
    assert "compute" in out.stdout
