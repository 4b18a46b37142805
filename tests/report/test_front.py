"""Cover, Lembar Pengesahan, questionnaire and the console reminders."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ikm_utils.params import ParamsError, load_params
from ikm_utils.report import narrative
from ikm_utils.report.context import prepare_report
from ikm_utils.report.display import blocks_html
from ikm_utils.report.front import approval_html, cover_html, period_title
from ikm_utils.report.questionnaire import questionnaire_html, template_columns
from ikm_utils.report.reminders import missing_parts

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "params" / "contoh"
POLRES = {"nama": "Polres Gianyar", "instansi": "Kepolisian Daerah Bali", "kabupaten_kota": "Kabupaten Gianyar",
          "kepala_unit": {"nama": "AKBP Dewa Made Adnyana", "jabatan": "Kapolres Gianyar", "label_id": "NRP",
                          "nip": "75010123"}}


def write(folder: Path, unit: dict, **extra) -> Path:
    (folder / "data.csv").write_text("U1,U2,U3,U4,U5,U6,U7,U8,U9\n4,3,3,3,3,3,3,3,3\n3,3,2,3,3,3,3,3,3\n",
                                     encoding="utf-8")
    path = folder / "2020-S2.yaml"
    path.write_text(yaml.safe_dump({"unit": unit, "periode": "2020-S2", "data": {"berkas": "data.csv"}, **extra},
                                   allow_unicode=True), encoding="utf-8")
    return path


def test_police_sign_with_nrp_and_the_jabatan_exactly_as_written(tmp_path):
    ctx = prepare_report(write(tmp_path, POLRES))
    page = approval_html(ctx)
    assert "Kapolres Gianyar," in page and "Kapolres Gianyar Polres Gianyar" not in page
    assert "NRP 75010123" in page and "NIP" not in page and "tanda tangan dan cap" in page
    assert "Disahkan di Gianyar" in page
    signed = blocks_html(narrative.kata_pengantar(ctx))
    assert "NRP 75010123" in signed and "Kapolres Gianyar Polres" not in signed


def test_the_cover_names_the_survey_the_period_and_the_place_and_year(tmp_path):
    params = load_params(write(tmp_path, POLRES))
    page = cover_html(params)
    assert "SURVEI KEPUASAN MASYARAKAT (SKM)" in page and "SEMESTER II TAHUN 2020" in page
    assert "POLRES GIANYAR" in page and "GIANYAR, 2020" in page and "<img" not in page
    assert period_title(load_params(EXAMPLE / "2024-S2.yaml")) == "SEMESTER II TAHUN 2024"


def test_a_logo_inside_the_units_folder_is_embedded_and_one_outside_is_refused(tmp_path):
    (tmp_path / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>',
                                       encoding="utf-8")
    params = load_params(write(tmp_path, {**POLRES, "logo": "logo.svg"}))
    assert 'src="data:image/svg+xml;base64,' in cover_html(params)
    unit = tmp_path / "unit"
    unit.mkdir()
    with pytest.raises(ParamsError, match="unit.logo: berkas '../logo.svg' berada di luar folder yang diizinkan"):
        load_params(write(unit, {**POLRES, "logo": "../logo.svg"}))
    with pytest.raises(ParamsError, match="unit.logo: berkas gambar tidak ditemukan"):
        load_params(write(unit, {**POLRES, "logo": "tidak-ada.png"}))


def test_team_names_and_how_respondents_were_chosen_come_from_the_parameters(tmp_path):
    survei = {"tim": [{"nama": "Iptu Made", "peran": "Ketua"}], "pengambilan_sampel": "Setiap pemohon SKCK ke-3."}
    ctx = prepare_report(write(tmp_path, POLRES, survei=survei))
    assert "Iptu Made (Ketua)" in blocks_html(narrative.pelaksana(ctx.params))
    assert "Setiap pemohon SKCK ke-3." in blocks_html(narrative.metode_pengumpulan(ctx))
    bare = prepare_report(write(tmp_path, POLRES))
    assert "aksidental" in blocks_html(narrative.metode_pengumpulan(bare))  # a sensible default sentence


def test_what_the_parameters_leave_out_is_reminded_on_the_console_not_printed(tmp_path):
    lines = missing_parts(load_params(write(tmp_path, {"nama": "Unit Uji"})))
    keys = [line.split(":")[0] for line in lines]
    expected = {"rtl", "unit.kepala_unit", "survei.tim", "survei.pengambilan_sampel", "populasi", "dokumentasi"}
    assert expected <= set(keys)
    assert [line.split(":")[0] for line in missing_parts(load_params(EXAMPLE / "2024-S2.yaml"))] == ["dokumentasi"]


def test_the_questionnaire_shows_every_question_with_four_options_and_the_template_is_recognised(tmp_path):
    from ikm_utils.intake.ingest import check_file

    params = load_params(EXAMPLE / "2024-S2.yaml")
    scheme = params.scheme()
    form = questionnaire_html(params, scheme, params.unit.layanan)
    assert form.count('class="kotak"') >= 9 * 4 + len(params.unit.layanan)
    assert "kecepatan waktu" in form and "d. Sangat cepat" in form and "Akta Kematian" in form
    assert "Saran dan masukan" in form
    header = ",".join(template_columns(scheme))
    csv = tmp_path / "isian.csv"
    csv.write_text(header + "\n2024-07-01,P,34,SMA,Swasta,Akta Kelahiran,4,3,3,4,3,3,4,2,3,Baik\n",
                   encoding="utf-8")
    checked = check_file(csv, scheme)
    assert [p for p in checked.problems if p.severity == "error"] == []
    assert set(checked.mapping) >= {*scheme.codes, "jenis_kelamin", "usia", "pendidikan", "pekerjaan",
                                    "jenis_layanan", "saran", "tanggal"}
