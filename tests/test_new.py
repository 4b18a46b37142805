"""``ikm new``: a commented starter parameter file, and last period's file copied for the next one."""

import re
import typing
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel

from ikm_utils.cli import main
from ikm_utils.errors import IkmError
from ikm_utils.method.periods import parse_period
from ikm_utils.params import Params, load_params
from ikm_utils.starter import new_params, next_params, shift_date, starter_text


def model_keys(model: type[BaseModel], prefix: str = "") -> list[str]:
    """Every key path of a pydantic model, through optional, list and union fields."""
    keys = []
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        keys.append(path)
        stack, nested = [info.annotation], []
        while stack:
            t = stack.pop()
            if isinstance(t, type) and issubclass(t, BaseModel):
                nested.append(t)
            stack += list(typing.get_args(t))
        for sub in nested:
            keys += model_keys(sub, f"{path}.")
    return keys


def with_data(path, name=None):
    params = yaml.safe_load(path.read_text(encoding="utf-8"))
    data = path.parent / (name or params["data"]["berkas"])
    data.parent.mkdir(parents=True, exist_ok=True)
    data.write_text("U1\n4\n", encoding="utf-8")
    return path


def test_the_starter_file_loads_once_its_data_file_exists(tmp_path):
    made = new_params("Dinas Kependudukan & Pencatatan Sipil", "2024-S1", tmp_path / "params")
    assert made.path == tmp_path / "params" / "dinas-kependudukan-pencatatan-sipil" / "2024-S1.yaml"
    assert (made.path.parent / "data").is_dir()
    p = load_params(with_data(made.path))
    assert (p.unit.nama, p.unit.kode, p.periode) == ("Dinas Kependudukan & Pencatatan Sipil",
                                                     "dinas-kependudukan-pencatatan-sipil", "2024-S1")
    assert (p.survei.mulai, p.survei.selesai) == (date(2024, 1, 1), date(2024, 6, 30))
    stages = p.survei.jadwal
    assert [s.tahap for s in stages][0] == "Persiapan" and len(stages) == 4
    assert all(p.period.start <= s.mulai <= s.selesai <= p.period.end for s in stages)
    assert all(a.selesai < b.mulai for a, b in zip(stages, stages[1:], strict=False))


def test_the_starter_file_names_every_key_of_the_parameter_model():
    text = starter_text("Dinas Contoh", "2024-TW2")
    written = set(re.findall(r"([a-z_]+):", text))
    missing = [k for k in model_keys(Params) if k.rsplit(".", 1)[-1] not in written]
    assert missing == []


def test_the_starter_explains_itself_in_indonesian():
    text = starter_text("Dinas Contoh", "2024")
    comments = [line for line in text.splitlines() if line.lstrip().startswith("#") or "  # " in line]
    assert len(comments) > 40
    assert "wajib" in text and "Krejcie-Morgan" in text and "ikm render" in text


def test_a_quote_in_the_unit_name_stays_valid_yaml(tmp_path):
    made = new_params('Dinas "Baru" \\ Kota', "2024-S2", tmp_path)
    assert load_params(with_data(made.path)).unit.nama == 'Dinas "Baru" \\ Kota'


def test_an_existing_file_is_not_overwritten_without_timpa(tmp_path, capsys):
    args = ["new", "--unit", "Dinas Contoh", "--periode", "2024-S1", "--keluar", str(tmp_path)]
    assert main(args) == 0
    path = tmp_path / "dinas-contoh" / "2024-S1.yaml"
    path.write_text("# diubah tangan\n", encoding="utf-8")
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "sudah ada" in err and "--timpa" in err
    assert path.read_text(encoding="utf-8") == "# diubah tangan\n"
    assert main([*args, "--timpa"]) == 0
    assert "periode:" in path.read_text(encoding="utf-8")


def test_cli_prints_the_written_path_and_what_to_review(tmp_path, capsys):
    assert main(["new", "--unit", "Dinas Contoh", "--periode", "2024-S1", "--keluar", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert f"Ditulis: {tmp_path / 'dinas-contoh' / '2024-S1.yaml'}" in out and "--dry-run" in out


def test_an_unknown_period_is_a_clear_error(tmp_path, capsys):
    assert main(["new", "--unit", "Dinas Contoh", "--periode", "2024-S3", "--keluar", str(tmp_path)]) == 1
    assert "2024-S3" in capsys.readouterr().err


SOURCE = """\
# Catatan unit: parameter semester lalu.
unit:
  nama: "Dinas Contoh"
  slug: dinas-contoh
periode: '2023-S2'  # semester kedua
data:
  berkas: "data/skm_2023-S2.csv"
populasi: 1200
survei:
  mulai: 2023-07-03
  selesai: 2023-12-29
  jadwal:
    - {tahap: "Persiapan", mulai: 2023-06-20, selesai: 2023-07-10}
    - {tahap: "Pelaporan", mulai: 2023-12-01, selesai: 2023-12-31}
rtl:
  - {unsur: U4, program: "Tambah loket", waktu: "Juli-Desember 2023", penanggung_jawab: "Kabid"}
"""


@pytest.fixture
def source(tmp_path):
    path = tmp_path / "params" / "dinas-contoh" / "2023-S2.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(SOURCE, encoding="utf-8")
    return path


def test_next_period_copy_moves_period_data_file_and_dates_and_keeps_comments(source):
    made = next_params(source, "2024-S1")
    assert made.path == source.parent / "2024-S1.yaml"
    text = made.path.read_text(encoding="utf-8")
    assert "# Catatan unit: parameter semester lalu." in text and "# semester kedua" in text
    assert "periode: '2024-S1'" in text and 'berkas: "data/skm_2024-S1.csv"' in text
    p = load_params(with_data(made.path))
    assert (p.periode, p.survei.mulai, p.survei.selesai) == ("2024-S1", date(2024, 1, 3), date(2024, 6, 29))
    assert [(s.mulai, s.selesai) for s in p.survei.jadwal] == [
        (date(2023, 6, 20), date(2024, 1, 10)),  # 20 June 2023 lies before the old period: left as it was
        (date(2024, 6, 1), date(2024, 6, 30)),  # 31 December, a month end, becomes 30 June
    ]
    assert p.populasi == 1200 and p.rtl[0].program == "Tambah loket"


def test_next_period_copy_has_a_header_listing_what_to_review(source):
    made = next_params(source, "2024-S1")
    header = made.path.read_text(encoding="utf-8").split("# Catatan unit")[0]
    for expected in ("2023-S2 -> 2024-S1", "skm_2024-S1.csv", "survei.mulai: 2023-07-03 -> 2024-01-03",
                     "TIDAK digeser", "survei.jadwal[0].mulai 2023-06-20", "populasi: 1200", "rtl: 1"):
        assert expected in header, expected
    assert all(line.startswith("#") for line in header.splitlines())  # comments only: the YAML is unchanged


def test_a_copy_of_a_copy_carries_one_header(source):
    second = next_params(next_params(source, "2024-S1").path, "2024-S2").path
    text = second.read_text(encoding="utf-8")
    assert text.count("# == ikm new:") == 1 and "2024-S1 -> 2024-S2" in text and "2023-S2 -> 2024-S1" not in text


def test_a_data_file_without_the_old_period_id_is_flagged(tmp_path):
    path = tmp_path / "2024.yaml"
    path.write_text('unit: {nama: X}\nperiode: 2024\ndata: {berkas: jawaban.xlsx}\n', encoding="utf-8")
    made = next_params(path, "2025")
    assert "berkas: jawaban.xlsx" in made.path.read_text(encoding="utf-8")
    assert any("tidak memuat '2024'" in line for line in made.review)
    assert yaml.safe_load(made.path.read_text(encoding="utf-8"))["periode"] == "2025"  # text, not the number 2025


def test_next_period_copy_refuses_to_overwrite_and_writes_elsewhere_on_request(source, tmp_path, capsys):
    target = source.parent / "2024-S1.yaml"
    target.write_text("# sudah ada\n", encoding="utf-8")
    assert main(["new", "--dari", str(source), "--periode", "2024-S1"]) == 1
    assert target.read_text(encoding="utf-8") == "# sudah ada\n"
    assert main(["new", "--dari", str(source), "--periode", "2024-S1", "--keluar", str(tmp_path / "lain")]) == 0
    assert (tmp_path / "lain" / "dinas-contoh" / "2024-S1.yaml").is_file()
    assert main(["new", "--dari", str(source), "--periode", "2023-S2", "--timpa"]) == 1
    assert "sama dengan" in capsys.readouterr().err


PERIODS = ["2023", "2023-S1", "2023-S2", "2023-TW1", "2023-TW4", "2024-S1", "2024-TW2", "2024"]


@given(
    old=st.sampled_from(PERIODS),
    new=st.sampled_from(PERIODS),
    a=st.integers(0, 365),
    b=st.integers(0, 365),
)
def test_shifted_dates_land_in_the_new_period_in_the_same_order(old, new, a, b):
    o, n = parse_period(old), parse_period(new)
    length = (o.end - o.start).days
    d1, d2 = sorted(date.fromordinal(o.start.toordinal() + min(x, length)) for x in (a, b))
    s1, s2 = shift_date(d1, o, n), shift_date(d2, o, n)
    assert n.start <= s1 <= s2 <= n.end


REALDATA = Path(__file__).resolve().parents[2] / "shared" / "realdata"


@pytest.mark.skipif(not (REALDATA / "skm_setda_mahakam_ulu_2025.csv").exists(), reason="../shared/realdata is absent")
def test_new_dari_unit_makes_a_sibling_units_file_for_the_same_period(tmp_path, capsys):
    from ikm_utils.cli import main
    from ikm_utils.intake.ingest import load_responses
    from ikm_utils.params import load_params

    first = tmp_path / "params" / "bagian-organisasi" / "2025-S2.yaml"
    first.parent.mkdir(parents=True)
    (tmp_path / "data").mkdir()
    data = tmp_path / "data" / "eskm.csv"
    data.write_bytes((REALDATA / "skm_setda_mahakam_ulu_2025.csv").read_bytes())
    first.write_text('unit:\n  nama: "Bagian Organisasi"\n  slug: bagian-organisasi\nperiode: "2025-S2"\n'
                     "data:\n  berkas: ../../data/eskm.csv\n  saring: {unit: Bagian Organisasi}\n  urutan_kuesioner: "
                     "[persyaratan, prosedur, waktu, biaya, produk, kompetensi, perilaku, sarana, pengaduan]\n"
                     "populasi: 120\n", encoding="utf-8")
    assert main(["new", "--dari", str(first), "--unit", "Bagian Hukum"]) == 0
    made = tmp_path / "params" / "bagian-hukum" / "2025-S2.yaml"
    assert f"Ditulis: {made}" in capsys.readouterr().out
    p = load_params(made)
    assert (p.unit.nama, p.unit.kode, p.periode, p.data.saring) == ("Bagian Hukum", "bagian-hukum", "2025-S2",
                                                                    {"unit": "Bagian Hukum"})
    assert p.data_path().resolve() == data.resolve() and "populasi" in made.read_text()
    r = load_responses(p.data_path(), p.scheme(), p.ingest_options())
    assert (len(r.data), r.n_out_of_scope) == (2, 24)
    assert main(["new", "--dari", str(first), "--unit", "Bagian Hukum"]) == 1  # never overwritten without --timpa
    assert main(["new", "--dari", str(first), "--unit", "Bagian Umum", "--periode", "2026-S1"]) == 1


def test_the_starter_states_the_questionnaire_order_by_name(tmp_path):
    from ikm_utils.params import load_params
    from ikm_utils.starter import new_params

    made = new_params("Dinas Uji", "2024-S1", tmp_path)
    (made.path.parent / "data" / "2024-S1.csv").write_text("U1\n4\n")
    p = load_params(made.path)
    assert p.data.urutan_kuesioner[-2:] == ["pengaduan", "sarana"] and p.form_order() == p.scheme().codes
    assert any("urutan_kuesioner" in line for line in made.review)


# ---------------------------------------------------------------------------- one export, many units

MAHULU = Path(__file__).resolve().parents[2] / "shared" / "realdata" / "skm_setda_mahakam_ulu_2025.csv"


@pytest.mark.realdata
@pytest.mark.skipif(not MAHULU.exists(), reason="../shared/realdata is absent")
def test_per_unit_cuts_the_mahakam_ulu_export_into_six_units_with_the_files_counts(tmp_path, capsys):
    import csv
    from collections import Counter

    from ikm_utils.publish.batch import expand_params
    from ikm_utils.report.context import prepare_report

    out = tmp_path / "params" / "setda"
    assert main(["new", "--per-unit", str(MAHULU), "--kolom", "unit", "--periode", "2025-S2",
                 "--ke", str(out)]) == 0  # "unit": the recognised field, here the column unit_name
    assert "6 unit dari kolom 'unit_name'" in capsys.readouterr().out
    with MAHULU.open(encoding="utf-8") as fh:
        expected = Counter(row["unit_name"] for row in csv.DictReader(fh))
    units = expand_params([out])
    assert len(units) == 6 and not any(p.name.startswith("_") for p in units)
    # the questionnaire puts sarana 8th and pengaduan 9th: said once, in the common file
    common = out / "_umum-2025-S2.yaml"
    common.write_text(common.read_text().replace("  kebijakan: stop", "  kebijakan: stop\n  kolom: {U8: u9, U9: u8}"))
    counted = {}
    for path in units:
        ctx = prepare_report(path, outputs_root=tmp_path / "outputs")
        counted[ctx.params.unit.nama] = ctx.summary.n_responden
        assert ctx.params.data.saring == {"unit_name": ctx.params.unit.nama}
        outside = getattr(ctx.responses, "n_out_of_scope", None) or ctx.responses.info.get("di_luar_cakupan")
        assert outside == sum(expected.values()) - expected[ctx.params.unit.nama]
    assert counted == dict(expected)
    assert main(["new", "--per-unit", str(MAHULU), "--kolom", "unit_name", "--periode", "2025-S2",
                 "--ke", str(out)]) == 1  # nothing overwritten without --timpa


KABUPATEN = Path(__file__).resolve().parents[1] / "params" / "contoh-kabupaten"


def test_a_unit_file_whose_period_is_in_its_common_file_is_copied_with_a_new_common_file(tmp_path):
    import shutil

    params = tmp_path / "kabupaten"
    shutil.copytree(KABUPATEN, params)
    made = next_params(params / "dlh" / "2025-S2.yaml", "2026-S1")
    assert made.path == params / "dlh" / "2026-S1.yaml"
    assert yaml.safe_load(made.path.read_text(encoding="utf-8"))["dasar"] == "../_umum-2026-S1.yaml"
    common = yaml.safe_load((params / "_umum-2026-S1.yaml").read_text(encoding="utf-8"))
    assert common["periode"] == "2026-S1" and "dibuat sekarang" in made.review[0]
    assert [m.path.resolve() for m in made.also] == [(params / "_umum-2026-S1.yaml").resolve()]  # listed too
    (params / "dlh" / "data" / "2026-S1.csv").write_bytes((params / "dlh" / "data" / "2025-S2.csv").read_bytes())
    assert load_params(made.path).periode == "2026-S1"
    sibling = next_params(params / "dinsos" / "2025-S2.yaml", "2026-S1")  # the common copy is there now
    assert "sudah ada" in sibling.review[0]
    assert yaml.safe_load(sibling.path.read_text(encoding="utf-8"))["dasar"] == "../_umum-2026-S1.yaml"


def test_a_unit_file_whose_common_file_name_has_no_period_is_refused_with_what_to_do(tmp_path):
    (tmp_path / "umum.yaml").write_text('periode: "2025-S2"\n', encoding="utf-8")
    (tmp_path / "dlh").mkdir()
    unit = tmp_path / "dlh" / "2025-S2.yaml"
    unit.write_text("dasar: ../umum.yaml\nunit: {nama: DLH}\ndata: {berkas: d.csv}\n", encoding="utf-8")
    with pytest.raises(IkmError, match="tidak memuat '2025-S2'"):
        next_params(unit, "2026-S1")
