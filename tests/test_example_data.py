"""The bundled example (params/contoh): reproducible from its seeded script, and shaped as documented."""

import importlib.util
import sys
from pathlib import Path

import pytest

from ikm_utils.method.compute import compute_ikm
from ikm_utils.params import load_params
from ikm_utils.report.context import prepare_report
from ikm_utils.report.tables import ranked_unsur

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "params" / "contoh"
PERIODS = ["2023-S2", "2024-S1", "2024-S2"]


def _generator():
    spec = importlib.util.spec_from_file_location("make_example", ROOT / "scripts" / "make_example.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the script loads
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def contexts():
    return {p: prepare_report(EXAMPLE / f"{p}.yaml", outputs_root=ROOT / "tests" / "tidak-ada") for p in PERIODS}


def test_the_script_regenerates_the_committed_files_byte_for_byte(tmp_path):
    written = _generator().write(tmp_path)
    assert sorted(p.name for p in written) == [f"{p}.csv" for p in PERIODS]
    for path in written:
        assert path.read_bytes() == (EXAMPLE / "data" / path.name).read_bytes(), path.name


def test_data_files_are_small():
    for p in PERIODS:
        assert (EXAMPLE / "data" / f"{p}.csv").stat().st_size < 200_000


def test_every_semester_has_a_valid_parameter_file():
    for p in PERIODS:
        params = load_params(EXAMPLE / f"{p}.yaml")
        assert params.periode == p and params.unit.kode == "contoh" and params.populasi


def test_the_semesters_ikm_differ_and_rise(contexts):
    ikm = [contexts[p].summary.ikm_konversi for p in PERIODS]
    assert len(set(ikm)) == 3
    assert ikm == sorted(ikm)  # the trend the example is meant to show


def test_the_weak_unsur_is_u3_in_every_semester_and_improves(contexts):
    for p in PERIODS:
        assert ranked_unsur(contexts[p].summary)[0].kode == "U3", p
    nrr_u3 = [contexts[p].summary.unsur[2].nrr for p in PERIODS]
    assert nrr_u3 == sorted(nrr_u3)


def test_several_layanan_of_uneven_size_one_under_thirty(contexts):
    groups = contexts["2024-S2"].result.kelompok["jenis_layanan"]
    sizes = sorted(s.n_responden for s in groups.values())
    assert len(groups) >= 5 and sizes[0] < 30 and sizes[-1] > 3 * sizes[0]


def test_latest_semester_is_a_google_forms_export_with_exclusions(contexts):
    raw = (EXAMPLE / "data" / "2024-S2.csv").read_bytes()
    assert raw.startswith("\ufeff".encode()) and b";" in raw.splitlines()[0]
    assert b"Sangat Sesuai" in raw  # answers as labels
    ctx = contexts["2024-S2"]
    assert ctx.params.data.kebijakan == "exclude"
    assert len(ctx.responses.excluded) >= 2
    assert ctx.summary.n_tanpa_jawaban >= 1  # a submission without unsur answers: kept, not counted


def test_some_answers_are_blank(contexts):
    data = contexts["2023-S2"].data
    assert data[contexts["2023-S2"].scheme.codes].isna().any(axis=None)


def test_some_saran_carry_personal_data_that_the_report_masks(contexts):
    raw = (EXAMPLE / "data" / "2024-S2.csv").read_text(encoding="utf-8-sig")
    assert "0812-3456-7890" in raw and "@example.com" in raw
    saran = contexts["2024-S2"].saran()
    assert any("****" in s for s in saran) and any("***@***" in s for s in saran)
    assert not any("0812-3456-7890" in s or "@example.com" in s for s in saran)


def test_the_ikm_is_the_computation_on_the_kept_responses(contexts):
    ctx = contexts["2024-S1"]
    assert compute_ikm(ctx.data, ctx.scheme).total == ctx.summary


def test_the_regency_example_is_regenerated_byte_for_byte_with_twelve_units():
    built = _generator().build_kabupaten()
    root = ROOT / "params" / "contoh-kabupaten"
    committed = {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}
    assert built == committed
    assert len([name for name in built if name.endswith("/2025-S2.yaml")]) == 12


def test_the_regency_has_one_unit_of_nine_and_one_broken_file():
    import contextlib

    from ikm_utils.errors import DataValidationError

    root = ROOT / "params" / "contoh-kabupaten"
    sizes, broken = {}, []
    for path in sorted(root.glob("*/2025-S2.yaml")):
        with contextlib.suppress(DataValidationError):
            ctx = prepare_report(path, outputs_root=ROOT / "tests" / "tidak-ada")
            sizes[path.parent.name] = ctx.summary.n_responden
            continue
        broken.append(path.parent.name)
    assert broken == ["dishub"] and min(sizes.values()) == 9 and len(sizes) == 11
