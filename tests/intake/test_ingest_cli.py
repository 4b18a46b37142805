"""``ikm compute`` reads every layout (same JSON contract); ``ikm validate`` prints the data-quality report."""

from __future__ import annotations

import json

import pytest
from ingest_samples import CODES, sample, write_forms, write_long, write_tidy, write_xlsx

from ikm_utils.cli import main


def run(capsys, *args):
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def compute_json(capsys, *args):
    code, out, err = run(capsys, "compute", *args, "--json")
    assert code == 0, err
    return json.loads(out)


@pytest.fixture
def s():
    return sample(n=30, seed=5)


def test_compute_gives_one_json_for_every_layout(tmp_path, capsys, s):
    tidy = compute_json(capsys, write_tidy(tmp_path / "t.csv", s))
    forms = compute_json(capsys, write_forms(tmp_path / "f.csv", s))
    xlsx = compute_json(capsys, write_xlsx(tmp_path / "x.xlsx", s, sheet="Rekap", decoy_first=True), "--sheet", "Rekap")
    long = compute_json(capsys, write_long(tmp_path / "l.csv", s), "--long-id", "id_responden", "--long-item", "item",
                        "--long-nilai", "jawaban")
    assert tidy == forms == xlsx == long
    assert set(tidy) == {"skema", "bobot", "n_responden", "unsur", "ikm", "ikm_konversi", "mutu", "kinerja"}


def test_compute_by_a_header_as_written_keeps_that_name(tmp_path, capsys, s):
    d = compute_json(capsys, write_forms(tmp_path / "f.csv", s), "--by", "Jenis Kelamin")
    assert set(d["kelompok"]) == {"Jenis Kelamin"} and set(d["kelompok"]["Jenis Kelamin"]) == {"L", "P"}
    d = compute_json(capsys, write_forms(tmp_path / "f.csv", s), "--by", "jenis_kelamin")
    assert set(d["kelompok"]) == {"jenis_kelamin"}


def test_kolom_option_maps_explicitly(tmp_path, capsys):
    path = tmp_path / "d.csv"
    headers = ["Pertanyaan 8", "Pertanyaan 9", *CODES[:7]]
    path.write_text(",".join(headers) + "\n" + ",".join(["1", "4", *["4"] * 7]) + "\n")
    code, _, err = run(capsys, "compute", path, "--json")
    assert code == 1 and "U8" in err and "U9" in err  # neither can be recognised without help
    d = compute_json(capsys, path, "--kolom", 'U9="Pertanyaan 8"', "--kolom", "U8=Pertanyaan 9")
    assert d["unsur"][8]["jumlah_nilai"] == 1 and d["unsur"][7]["jumlah_nilai"] == 4


def test_mapping_file(tmp_path, capsys):
    path = tmp_path / "d.csv"
    path.write_text("a,b,c,d,e,f,g,h,i\n" + ",".join("432143214") + "\n")
    mapping = tmp_path / "kolom.yaml"
    mapping.write_text("\n".join(f'U{i}: "{c}"' for i, c in enumerate("abcdefghi", start=1)) + "\n")
    d = compute_json(capsys, path, "--mapping", mapping)
    assert [u["jumlah_nilai"] for u in d["unsur"]] == [4, 3, 2, 1, 4, 3, 2, 1, 4]


def test_stop_policy_exits_1_and_lists_every_problem(tmp_path, capsys, s):
    s["scores"][0][0] = 7
    s["scores"][4][8] = 0
    code, out, err = run(capsys, "compute", write_tidy(tmp_path / "t.csv", s), "--json")
    assert code == 1 and out == ""
    assert "baris 2, kolom 'U1'" in err and "baris 6, kolom 'U9'" in err and "(galat): 2" in err


def test_exclude_policy_computes_the_rest(tmp_path, capsys, s):
    s["scores"][0][0] = 7
    d = compute_json(capsys, write_tidy(tmp_path / "t.csv", s), "--kebijakan", "exclude")
    assert d["n_responden"] == 29


def test_validate_exits_0_with_the_report(tmp_path, capsys, s):
    code, out, _ = run(capsys, "validate", write_forms(tmp_path / "f.csv", s))
    assert code == 0
    assert "Laporan mutu data" in out and "Tidak ada masalah." in out
    assert "30 dibaca, 0 dikecualikan, 30 dipakai." in out
    assert "U4               ← 4. Bagaimana pendapat Saudara tentang kewajaran biaya/tarif" in out
    assert "pemisah: titik koma" in out and "encoding: UTF-8" in out


def test_validate_exits_1_listing_problems_per_kind(tmp_path, capsys, s):
    s["scores"][2][3] = 9
    code, out, _ = run(capsys, "validate", write_tidy(tmp_path / "t.csv", s))
    assert code == 1 and "[nilai_tidak_valid]" in out and "baris 4, kolom 'U4'" in out


def test_validate_in_english(tmp_path, capsys, s):
    s["scores"][2][3] = 9
    code, out, _ = run(capsys, "validate", write_tidy(tmp_path / "t.csv", s), "--english")
    assert code == 1 and "Data quality report" in out and "row 4, column 'U4': invalid answer" in out


def test_validate_unreadable_file_exits_1(tmp_path, capsys):
    (tmp_path / "kosong.csv").write_text("")
    code, _, err = run(capsys, "validate", tmp_path / "kosong.csv")
    assert code == 1 and "berkas kosong" in err


def test_params_file_supplies_mapping_policy_and_period(tmp_path, capsys):
    data = tmp_path / "data.csv"
    rows = ["Tanggal,u1,u2,u3,u4,u5,u6,u7,u8,u9",
            "15/07/2020,4,4,4,4,4,4,4,1,4",  # u8 here is sarana
            "15/07/2021,4,4,4,4,4,4,4,4,4"]  # outside the survey period
    data.write_text("\n".join(rows) + "\n")
    params = tmp_path / "2020-S2.yaml"
    params.write_text(
        'unit: {nama: "Dinas Uji"}\nperiode: "2020-S2"\n'
        'data: {berkas: data.csv, kolom: {U8: u9, U9: u8}, kebijakan: exclude}\n'
        "survei: {mulai: 2020-07-01, selesai: 2020-12-31}\n"
    )
    d = compute_json(capsys, "--params", params)
    assert d["n_responden"] == 1 and d["unsur"][8]["jumlah_nilai"] == 1  # U9 sarana <- u8
    code, out, _ = run(capsys, "validate", data, "--params", params)
    # validate applies the same policy (exclude) as compute: the same 1 response is used, exit 0
    assert code == 0 and "tanggal_di_luar_periode" in out and "U9               ← u8" in out
    assert "2 dibaca, 1 dikecualikan (tanggal di luar periode survei: 1), 1 dipakai." in out
    # a parameter file given where the data file goes is read as the parameter file, not as a CSV
    assert run(capsys, "validate", params)[:2] == (code, out)
    assert compute_json(capsys, params) == d


def test_a_failing_render_prints_at_most_5_problems_per_kind_and_points_to_validate_semua(tmp_path, capsys):
    rows = ["tanggal," + ",".join(f"U{i}" for i in range(1, 10))]
    rows += [f"kemarin {i},9,4,4,4,4,4,4,4,4" for i in range(40)]  # 40 invalid answers, 40 unreadable dates
    (tmp_path / "d.csv").write_text("\n".join(rows) + "\n")
    params = tmp_path / "2024-S1.yaml"
    params.write_text("unit: {nama: X}\nperiode: 2024-S1\ndata: {berkas: d.csv, urutan_kuesioner: permen}\n")
    assert main(["render", str(params), "--keluaran", str(tmp_path / "o")]) == 1
    err = capsys.readouterr().err
    assert err.count("nilai jawaban tidak valid; nilai '9'") == 5 and err.count("tanggal tidak dapat dibaca;") == 5
    assert err.count("(semuanya: ikm validate --semua)") == 2 and len(err.splitlines()) < 40
