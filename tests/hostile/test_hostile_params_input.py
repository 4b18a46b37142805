"""Parameter files a careless or hostile user writes: every problem at once, short, with its key path."""

from __future__ import annotations

import time

import pytest
from hostile_samples import row, write_unit

from ikm_utils.cli import main
from ikm_utils.params import ParamsError, load_params

BOMB = "".join(
    [
        "unit:\n",
        "  nama: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
        *(f"  n{c}: &{c} [{', '.join(['*' + p] * 10)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True)),
        "periode: 2024-S1\ndata: {berkas: jawaban.csv}\n",
    ]
)


def problems_of(path) -> list[str]:
    with pytest.raises(ParamsError) as err:
        load_params(path)
    return err.value.problems


def test_billion_laughs_alias_is_refused_with_a_short_message(tmp_path, capsys):
    write_unit(tmp_path, [row()])
    path = tmp_path / "bom.yaml"
    path.write_text(BOMB, encoding="utf-8")
    start = time.monotonic()
    found = problems_of(path)
    assert found == ["(berkas): alias YAML (&/*) mengembang menjadi lebih dari 50000 nilai"]
    assert time.monotonic() - start < 30  # a hang guard, not a performance target
    assert main(["render", str(path), "--dry-run"]) == 1
    err = capsys.readouterr().err
    assert len(err) < 500 and "Traceback" not in err


def test_a_huge_value_is_quoted_short(tmp_path):
    params = write_unit(tmp_path, [row()])
    params.write_text(params.read_text(encoding="utf-8") + "populasi: " + "9" * 5000 + "x\n", encoding="utf-8")
    (line,) = problems_of(params)
    assert line.startswith("populasi: harus bilangan bulat") and len(line) < 200


def test_invalid_date_has_its_key_path_and_the_other_problems_too(tmp_path):
    params = write_unit(tmp_path, [row()])
    text = params.read_text(encoding="utf-8").replace("berkas: jawaban.csv", "berkas: hilang.csv")
    text += "skema: permen99\nwarna: merah\nsurvei:\n  mulai: 2024-13-45\n  selesai: 2024-06-30\n"
    params.write_text(text, encoding="utf-8")
    found = problems_of(params)
    assert "survei.mulai: harus tanggal (YYYY-MM-DD), bukan '2024-13-45'" in found
    assert any(p.startswith("skema:") for p in found) and any(p.startswith("warna:") for p in found)
    assert any(p.startswith("data.berkas: berkas data tidak ditemukan") for p in found)


def test_dates_still_read_as_dates(tmp_path):
    params = write_unit(tmp_path, [row()], survei={"mulai": "2024-01-02", "selesai": "2024-06-30"})
    assert str(load_params(params).survei.mulai) == "2024-01-02"


@pytest.mark.parametrize("content, expected", [
    ("unit: {nama: X}\n".encode("utf-16"), "(berkas): bukan teks UTF-8"),
    (b"x: " + b"a" * (1024 * 1024 + 10), "(berkas): berkas parameter terlalu besar"),
    (b"- satu\n- dua\n", "(berkas): isi berkas harus berupa pemetaan"),
    (b"unit: {nama: X\n", "(berkas): YAML tidak dapat dibaca"),
    (b"a: !!python/object/apply:os.system [echo x]\n", "(berkas): YAML tidak dapat dibaca"),
])
def test_unreadable_parameter_files_say_why(tmp_path, content, expected):
    path = tmp_path / "p.yaml"
    path.write_bytes(content)
    found = problems_of(path)
    assert found[0].startswith(expected), found


def test_a_folder_given_as_parameter_file(tmp_path, capsys):
    (tmp_path / "x.yaml").mkdir()
    assert problems_of(tmp_path / "x.yaml") == ["(berkas): ini folder, bukan berkas parameter"]


def test_mapping_file_with_alias_bomb_is_refused(tmp_path, capsys):
    from ikm_utils.errors import IkmError
    from ikm_utils.intake.ingest import read_mapping_file

    (tmp_path / "kolom.yaml").write_text(BOMB, encoding="utf-8")
    with pytest.raises(IkmError, match="mengembang"):
        read_mapping_file(tmp_path / "kolom.yaml")
