"""Paths from the parameters never leave their folder: slug, data file, photos, logo (symlinks included)."""

from __future__ import annotations

import os

import pytest
from hostile_samples import row, write_unit
from PIL import Image

from ikm_utils.errors import RenderError
from ikm_utils.params import ParamsError, load_params
from ikm_utils.publish.outputs import report_dir
from ikm_utils.publish.render import render_report


def problems_of(path) -> list[str]:
    with pytest.raises(ParamsError) as err:
        load_params(path)
    return err.value.problems


def test_slug_that_climbs_out_of_outputs_is_refused_and_nothing_is_written(tmp_path):
    params = write_unit(tmp_path / "unit", [row()], unit={"nama": "Dinas X", "slug": "../../lolos"})
    victim = tmp_path / "lolos"
    victim.mkdir()
    (victim / "penting.txt").write_text("jangan dihapus", encoding="utf-8")
    assert any(p.startswith("unit.slug: slug harus satu nama folder") for p in problems_of(params))
    with pytest.raises(ParamsError):
        render_report(params, outputs_root=tmp_path / "outputs" / "a", progress=lambda s: None)
    assert (victim / "penting.txt").read_text(encoding="utf-8") == "jangan dihapus"
    assert not (tmp_path / "outputs").exists()


@pytest.mark.parametrize("slug", ["a/b", "/etc", "..", "Dinas Contoh", "x\nperiode: 1", ""])
def test_slug_must_be_one_plain_folder_name(tmp_path, slug):
    params = write_unit(tmp_path, [row()], unit={"nama": "Dinas X", "slug": slug})
    assert any(p.startswith("unit.slug:") for p in problems_of(params))


def test_report_folder_through_a_symlinked_unit_folder_is_refused(tmp_path):
    outside = tmp_path / "di-luar"
    outside.mkdir()
    (tmp_path / "outputs").mkdir()
    os.symlink(outside, tmp_path / "outputs" / "dinas-x")
    with pytest.raises(RenderError, match="di luar folder keluaran"):
        report_dir(tmp_path / "outputs", "dinas-x", "2024-S1")
    assert report_dir(tmp_path / "outputs", "dinas-y", "2024-S1").name == "2024-S1"


@pytest.mark.parametrize("berkas", ["../ekspor.csv", "{outside}/ekspor.csv"])
def test_a_data_file_outside_the_parameter_folder_is_read_a_shared_export(tmp_path, berkas):
    # One export often serves many units, or sits in an ignored folder of real data: a data file may lie
    # anywhere (its bytes are never published); pictures, which are embedded, may not (tests below).
    (tmp_path / "ekspor.csv").write_text("U1\n4\n", encoding="utf-8")
    params = write_unit(tmp_path / "unit", [row()])
    text = params.read_text(encoding="utf-8").replace("berkas: jawaban.csv",
                                                      f"berkas: {berkas.format(outside=tmp_path)}")
    params.write_text(text, encoding="utf-8")
    assert load_params(params).data_path().resolve() == (tmp_path / "ekspor.csv").resolve()


def test_documentation_photo_symlinked_outside_is_refused_not_embedded(tmp_path):
    Image.new("RGB", (20, 20), "red").save(tmp_path / "pribadi.png")
    params = write_unit(tmp_path / "unit", [row()],
                        dokumentasi=[{"berkas": "foto/loket.png", "keterangan": "Loket"}])
    (tmp_path / "unit" / "foto").mkdir()
    os.symlink(tmp_path / "pribadi.png", tmp_path / "unit" / "foto" / "loket.png")
    found = problems_of(params)
    assert any(p.startswith("dokumentasi[0].berkas:") and "di luar folder" in p for p in found), found


def test_a_symlink_inside_the_folder_is_fine(tmp_path):
    params = write_unit(tmp_path / "unit", [row()],
                        dokumentasi=[{"berkas": "loket.png", "keterangan": "Loket"}])
    Image.new("RGB", (20, 20), "red").save(tmp_path / "unit" / "asli.png")
    os.symlink(tmp_path / "unit" / "asli.png", tmp_path / "unit" / "loket.png")
    assert load_params(params).documentation()[0][0].name == "loket.png"


def test_logo_outside_the_parameter_folder_is_refused(tmp_path):
    Image.new("RGB", (20, 20)).save(tmp_path / "logo.png")
    params = write_unit(tmp_path / "unit", [row()], unit={"nama": "Dinas X", "logo": "../logo.png"})
    found = problems_of(params)
    assert any(p.startswith("unit.logo:") and "di luar folder" in p for p in found), found
