"""Parameter files: validated before anything executes, every problem with its key path."""

from datetime import date
from fractions import Fraction

import pytest
import yaml

from ikm_utils.params import ParamsError, load_params, slugify

MINIMAL = {"unit": {"nama": "Dinas Contoh"}, "periode": "2024-S1", "data": {"berkas": "data.csv"}}


def write(tmp_path, content: dict | str, data: bool = True):
    if data:
        (tmp_path / "data.csv").write_text("U1\n4\n", encoding="utf-8")
    path = tmp_path / "p.yaml"
    path.write_text(content if isinstance(content, str) else yaml.safe_dump(content), encoding="utf-8")
    return path


def problems_of(path) -> list[str]:
    with pytest.raises(ParamsError) as info:
        load_params(path)
    return info.value.problems


def test_minimal_file_loads_with_defaults(tmp_path):
    p = load_params(write(tmp_path, MINIMAL))
    assert (p.skema, p.bobot, p.data.kebijakan, p.kelompok) == ("permen14_2017", "exact", "stop", ["jenis_layanan"])
    assert p.unit.kode == "dinas-contoh" and p.period.label == "Semester I 2024"
    assert p.data_path() == (tmp_path / "data.csv").resolve()
    assert p.scheme().k == 9


def test_every_problem_is_listed_with_its_key_path(tmp_path):
    bad = {
        "unit": {"nama": "X", "kepla_unit": {"nama": "Y"}},
        "periode": "2024-S3",
        "bobot": "rounded",
        "data": {"berkas": "tidak-ada.csv", "kebijakan": "drop"},
        "populasi": "seribu",
        "rtl": [{"unsur": "U1", "program": "p", "waktu": "w"}],
        "warna": "biru",
    }
    problems = problems_of(write(tmp_path, bad, data=False))
    keys = [p.split(":")[0] for p in problems]
    assert keys == ["unit.kepla_unit", "periode", "bobot", "data.kebijakan", "populasi", "rtl[0].penanggung_jawab",
                    "warna", "data.berkas"]
    assert "maksud Anda 'kepala_unit'" in problems[0]
    assert "tidak ditemukan" in problems[-1]


def test_missing_required_keys(tmp_path):
    problems = problems_of(write(tmp_path, {"unit": {}}))
    assert problems == ["unit.nama: wajib diisi", "periode: wajib diisi", "data: wajib diisi"]


def test_rtl_unsur_must_belong_to_the_scheme(tmp_path):
    rtl = [{"unsur": "U12", "program": "p", "waktu": "w", "penanggung_jawab": "x"}]
    problems = problems_of(write(tmp_path, {**MINIMAL, "rtl": rtl}))
    assert problems[0].startswith("rtl: unsur tidak ada di skema") and "'U12'" in problems[0]


def test_custom_weights_must_sum_to_one(tmp_path):
    custom = {"unsur": ["U1", "U2"], "bobot": [0.5, 0.4]}
    problems = problems_of(write(tmp_path, {**MINIMAL, "skema_kustom": custom}))
    assert problems == ["skema_kustom: Jumlah bobot harus 1, bukan 0.9 (0.5 + 0.4)."]


def test_custom_scheme_with_a_new_unsur(tmp_path):
    custom = {"unsur": ["U1", {"kode": "U10", "nama": "Kebersihan"}], "bobot": ["0.6", "0.4"]}
    p = load_params(write(tmp_path, {**MINIMAL, "skema_kustom": custom}))
    assert p.scheme().codes == ["U1", "U10"] and p.scheme().weights() == (Fraction(3, 5), Fraction(2, 5))


def test_yaml_syntax_error_names_the_line(tmp_path):
    problems = problems_of(write(tmp_path, "unit:\n  nama: [x\nperiode: 2024\n"))
    assert "baris" in problems[0]


def test_period_ids():
    from ikm_utils.method.periods import parse_period

    assert [parse_period(p).label for p in ("2024", "2024-S2", "2023-TW3")] == [
        "Tahun 2024", "Semester II 2024", "Triwulan III 2023"]
    assert parse_period("2024-TW1").end == date(2024, 3, 31)


def test_slug_is_folder_safe():
    assert slugify("Dinas Contoh, Kabupaten Contoh") == "dinas-contoh-kabupaten-contoh"


def test_documentation_photos_are_checked_and_resolved(tmp_path):
    from PIL import Image

    (tmp_path / "foto").mkdir()
    Image.new("RGB", (40, 30), "white").save(tmp_path / "foto" / "loket.png")
    photos = [{"berkas": "foto/loket.png", "keterangan": "Pengisian kuesioner di loket"}]
    p = load_params(write(tmp_path, {**MINIMAL, "dokumentasi": photos}))
    assert p.documentation() == [((tmp_path / "foto" / "loket.png").resolve(), "Pengisian kuesioner di loket")]
    missing = [{"berkas": "foto/tidak-ada.jpg", "keterangan": "x"}, {"berkas": "catatan.txt", "keterangan": "y"}]
    problems = problems_of(write(tmp_path, {**MINIMAL, "dokumentasi": missing}))
    assert problems[0].startswith("dokumentasi[1].berkas: 'catatan.txt' bukan gambar")
    assert problems[1].startswith("dokumentasi[0].berkas: berkas gambar tidak ditemukan")


# ---------------------------------------------------------------------------- dasar: a common file


def _write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_unit_file_extends_its_common_file_and_its_keys_win(tmp_path):
    _write(tmp_path / "ekspor" / "semua.csv", "U1\n4\n")
    _write(tmp_path / "setda" / "_umum.yaml",
           "unit: {nama: '(per unit)', instansi: Pemkab Uji}\nperiode: 2025-S2\npopulasi: 500\n"
           "data: {berkas: ../ekspor/semua.csv, kebijakan: exclude}\nkelompok: [jenis_layanan, unit]\n")
    unit = _write(tmp_path / "setda" / "hukum" / "2025-S2.yaml",
                  "dasar: ../_umum.yaml\nunit: {nama: Bagian Hukum}\ndata: {saring: {unit_name: Bagian Hukum}}\n"
                  "populasi: 40\nkelompok: [jenis_layanan]\n")
    p = load_params(unit)
    assert (p.unit.nama, p.unit.instansi, p.periode, p.populasi) == ("Bagian Hukum", "Pemkab Uji", "2025-S2", 40)
    assert p.data.kebijakan == "exclude" and p.data.saring == {"unit_name": "Bagian Hukum"}  # mappings merge
    assert p.kelompok == ["jenis_layanan"]  # a list is replaced, not merged
    assert p.data_path().resolve() == (tmp_path / "ekspor" / "semua.csv").resolve()  # relative to the common file
    assert p.dasar == "../_umum.yaml" and p.ingest_options().saring == {"unit_name": ["Bagian Hukum"]}


def test_a_chain_of_common_files_and_a_loop_or_a_missing_one(tmp_path):
    _write(tmp_path / "d.csv", "U1\n4\n")
    _write(tmp_path / "a.yaml", "periode: 2025-S1\ndata: {berkas: d.csv}\n")
    _write(tmp_path / "b" / "b.yaml", "dasar: ../a.yaml\nunit: {nama: B}\n")
    unit = _write(tmp_path / "b" / "c" / "c.yaml", "dasar: ../b.yaml\nperiode: 2025-S2\n")
    p = load_params(unit)
    assert (p.unit.nama, p.periode, p.data_path().resolve()) == ("B", "2025-S2", (tmp_path / "d.csv").resolve())
    _write(tmp_path / "a.yaml", "dasar: b/c/c.yaml\nperiode: 2025-S1\n")
    with pytest.raises(ParamsError, match="berputar"):
        load_params(unit)
    lone = _write(tmp_path / "lone.yaml", "dasar: tidak-ada.yaml\nunit: {nama: X}\n")
    with pytest.raises(ParamsError, match="berkas dasar tidak ditemukan"):
        load_params(lone)
