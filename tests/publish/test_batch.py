"""``ikm batch``: many unit-periods in a process pool, isolated failures, a summary, and resume.

The runs use the small fixture notebook (``tests/fixtures/laporan_uji.ipynb``); the real report
notebook runs once, on a unit cut from the Mahakam Ulu export (``tests/test_new.py`` checks the cut).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from ikm_utils.cli import main
from ikm_utils.errors import IkmError
from ikm_utils.publish.batch import MANIFEST, expand_params, fingerprint, history_digest, is_current, run_batch

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TINY = FIXTURES / "laporan_uji.ipynb"
ANSWERS = [[4, 3, 3, 4, 3, 3, 4, 2, 3], [3, 3, 2, 4, 3, 4, 4, 2, 3], [4, 4, 3, 4, 4, 3, 4, 3, 2]]


def make_unit(root: Path, slug: str, answers=ANSWERS, periode: str = "2024-S1", **extra) -> Path:
    """A unit folder with its CSV (U1..U9) and parameter file."""
    folder = root / slug
    (folder / "data").mkdir(parents=True, exist_ok=True)
    header = ",".join(f"U{i}" for i in range(1, 10))
    rows = [",".join(map(str, a)) for a in answers]
    (folder / "data" / f"{periode}.csv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    raw = {"unit": {"nama": f"Unit {slug.upper()}", "slug": slug}, "periode": periode,
           "data": {"berkas": f"data/{periode}.csv"}, **extra}
    path = folder / f"{periode}.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


def statuses(report) -> dict[str, str]:
    return {o.unit: o.status for o in report.outcomes}


# ---------------------------------------------------------------------------- which files (no kernel)


def test_a_folder_gives_its_unit_files_and_leaves_out_common_files(tmp_path):
    a = make_unit(tmp_path, "a")
    b = make_unit(tmp_path, "b")
    (tmp_path / "_umum-2024-S1.yaml").write_text("skema: permen14_2017\n", encoding="utf-8")
    shared = tmp_path / "bersama.yaml"  # named as dasar by a unit: a common file too
    shared.write_text("populasi: 50\n", encoding="utf-8")
    raw = yaml.safe_load(b.read_text()) | {"dasar": "../bersama.yaml"}
    b.write_text(yaml.safe_dump(raw), encoding="utf-8")
    assert expand_params([tmp_path]) == [a.resolve(), b.resolve()]
    assert expand_params([str(tmp_path / "*" / "2024-S1.yaml")]) == [a.resolve(), b.resolve()]
    with pytest.raises(IkmError, match="tidak-ada"):
        expand_params([tmp_path / "tidak-ada"])


def test_the_fingerprint_changes_with_the_data_the_parameters_and_the_notebook(tmp_path):
    path = make_unit(tmp_path, "a")
    first = fingerprint(path, TINY, None)
    assert fingerprint(path, TINY, None) == first
    data = tmp_path / "a" / "data" / "2024-S1.csv"
    data.write_text(data.read_text() + "4,4,4,4,4,4,4,4,4\n")
    assert fingerprint(path, TINY, None)["data_sha256"] != first["data_sha256"]
    path.write_text(path.read_text() + "populasi: 40\n")
    assert fingerprint(path, TINY, None)["parameter_sha256"] != first["parameter_sha256"]
    assert fingerprint(path, FIXTURES / "laporan_gagal.ipynb", None)["notebook_sha256"] != first["notebook_sha256"]
    assert first["versi"] and first["format"] is None


def test_a_bad_parameter_file_fails_alone_without_starting_anything(tmp_path):
    bad = tmp_path / "rusak" / "2024-S1.yaml"
    bad.parent.mkdir()
    bad.write_text("unit: {nama: Rusak}\nperiode: 2024-S9\n", encoding="utf-8")
    report = run_batch([tmp_path], outputs_root=tmp_path / "out", notebook=TINY, progress=False)
    assert [o.status for o in report.outcomes] == ["gagal"]
    assert "periode" in report.outcomes[0].galat


# ---------------------------------------------------------------------------- isolation and resume (tiny notebook)


@pytest.fixture(scope="module")
def region(tmp_path_factory):
    root = tmp_path_factory.mktemp("batch")
    params = root / "params"
    make_unit(params, "a")
    make_unit(params, "b", ANSWERS[:2])
    make_unit(params, "c", [*ANSWERS, [9, 9, 9, 9, 9, 9, 9, 9, 9]])  # an invalid answer, kebijakan stop
    return root


@pytest.fixture(scope="module")
def first_run(region):
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["batch", str(region / "params"), "--jobs", "2", "--keluaran", str(region / "outputs"),
                     "--notebook", str(TINY), "--tanpa-progres"])
    return code, out.getvalue()


@pytest.mark.notebook
def test_a_broken_unit_fails_alone_the_others_complete_and_the_exit_code_says_so(region, first_run):
    code, text = first_run
    assert code == 1
    out = region / "outputs"
    for slug in ("a", "b"):
        assert (out / slug / "2024-S1" / "ringkasan.json").is_file()
        assert (out / slug / "2024-S1" / "laporan.html").is_file()
        assert (out / slug / "2024-S1" / MANIFEST).is_file()
    assert not (out / "c" / "2024-S1" / "ringkasan.json").exists()
    line_c = next(line for line in text.splitlines() if line.startswith("Unit C"))
    assert "GAGAL" in line_c and "Data tidak valid" in line_c
    assert "baris 5, kolom 'U1'" in text  # the error in full under the table
    ikm_a = json.loads((out / "a" / "2024-S1" / "ringkasan.json").read_text())["ikm_konversi"]
    line_a = next(line for line in text.splitlines() if line.startswith("Unit A"))
    assert f"{ikm_a:.2f}".replace(".", ",") in line_a and "selesai" in line_a
    assert "3 unit-periode: 2 selesai, 0 dilewati, 1 gagal" in text


@pytest.mark.notebook
def test_rerun_skips_unchanged_units_and_renders_a_changed_data_file(region, first_run):
    params, out = region / "params", region / "outputs"
    again = run_batch([params], jobs=2, outputs_root=out, notebook=TINY, progress=False)
    assert statuses(again) == {"Unit A": "dilewati", "Unit B": "dilewati", "Unit C": "gagal"}
    skipped = next(o for o in again.outcomes if o.unit == "Unit A")
    assert skipped.ikm_konversi is not None and skipped.mutu  # the summary still shows its figures

    data = params / "b" / "data" / "2024-S1.csv"
    data.write_text(data.read_text() + "4,4,4,4,4,4,4,4,4\n", encoding="utf-8")
    changed = run_batch([params / "a", params / "b"], jobs=2, outputs_root=out, notebook=TINY, progress=False)
    assert statuses(changed) == {"Unit A": "dilewati", "Unit B": "selesai"}
    assert json.loads((out / "b" / "2024-S1" / "ringkasan.json").read_text())["n_responden"] == 3

    forced = run_batch([params / "a"], outputs_root=out, notebook=TINY, progress=False, force=True)
    assert statuses(forced) == {"Unit A": "selesai"}
    assert main(["batch", str(params), "--keluaran", str(out), "--notebook", str(TINY), "--tanpa-progres",
                 "--lanjut-bila-gagal"]) == 0


def test_the_history_digest_follows_the_earlier_periods_summaries_only(tmp_path):
    def summary(periode: str, text: str) -> None:
        (tmp_path / "u" / periode).mkdir(parents=True, exist_ok=True)
        (tmp_path / "u" / periode / "ringkasan.json").write_text(text)

    empty = history_digest(tmp_path, "u", "2024-S2")
    summary("2024-S1", '{"ikm_konversi": 80}')
    first = history_digest(tmp_path, "u", "2024-S2")
    assert first != empty
    summary("2024-S2", '{"ikm_konversi": 81}')  # the period itself
    summary("2025-S1", '{"ikm_konversi": 82}')  # and a later one do not count
    summary("_gagal", "{}")
    summary(".2024-S1.tmp", "{}")  # nor do a failed run and a staging folder
    assert history_digest(tmp_path, "u", "2024-S2") == first
    summary("2024-S1", '{"ikm_konversi": 79}')  # rendered again
    assert history_digest(tmp_path, "u", "2024-S2") != first


@pytest.mark.notebook
def test_a_period_rendered_again_outside_the_batch_makes_the_later_period_stale(tmp_path):
    params, out = tmp_path / "params", tmp_path / "outputs"
    make_unit(params, "d", periode="2024-S1")
    make_unit(params, "d", ANSWERS[:2], periode="2024-S2")
    first = run_batch([params], jobs=1, outputs_root=out, notebook=TINY, progress=False)
    assert [o.status for o in first.outcomes] == ["selesai", "selesai"]
    again = run_batch([params], jobs=1, outputs_root=out, notebook=TINY, progress=False)
    assert [o.status for o in again.outcomes] == ["dilewati", "dilewati"]

    earlier = out / "d" / "2024-S1" / "ringkasan.json"  # e.g. `ikm render` of 2024-S1 with corrected data
    earlier.write_text(earlier.read_text(encoding="utf-8").replace('"n_responden": 3', '"n_responden": 4'),
                       encoding="utf-8")
    after = run_batch([params], jobs=1, outputs_root=out, notebook=TINY, progress=False)
    assert {o.periode: o.status for o in after.outcomes} == {"2024-S1": "dilewati", "2024-S2": "selesai"}

    data = params / "d" / "data" / "2024-S1.csv"  # new data for the earlier period, rendered in the same run
    data.write_text(data.read_text(encoding="utf-8") + "4,4,4,4,4,4,4,4,4\n", encoding="utf-8")
    both = run_batch([params], jobs=1, outputs_root=out, notebook=TINY, progress=False)
    assert {o.periode: o.status for o in both.outcomes} == {"2024-S1": "selesai", "2024-S2": "selesai"}


def test_a_report_removed_by_hand_is_not_current(tmp_path):
    fp = {"x": 1}
    (tmp_path / MANIFEST).write_text(json.dumps({"masukan": fp}))
    assert not is_current(tmp_path, fp)
    (tmp_path / "ringkasan.json").write_text("{}")
    assert is_current(tmp_path, fp) and not is_current(tmp_path, {"x": 2})


def test_the_batch_uses_the_report_notebook_of_render():
    from ikm_utils.publish import batch, render

    assert batch.NOTEBOOK == render.NOTEBOOK


MAHULU = Path(__file__).resolve().parents[3] / "shared" / "realdata" / "skm_setda_mahakam_ulu_2025.csv"


@pytest.mark.notebook
@pytest.mark.realdata
@pytest.mark.skipif(not MAHULU.exists(), reason="../shared/realdata is absent")
def test_one_unit_cut_from_a_shared_export_renders_with_the_real_report_notebook(tmp_path):
    from ikm_utils.starter import new_per_unit

    out = tmp_path / "params"
    new_per_unit(MAHULU, "unit_name", "2025-S2", out)
    common = out / "_umum-2025-S2.yaml"
    common.write_text(common.read_text().replace("  kebijakan: stop", "  kebijakan: stop\n  kolom: {U8: u9, U9: u8}"))
    report = run_batch([out / "bagian-organisasi"], jobs=1, outputs_root=tmp_path / "outputs", progress=False)
    assert [(o.unit, o.status) for o in report.outcomes] == [("Bagian Organisasi", "selesai")], report.failed
    summary = json.loads((tmp_path / "outputs" / "bagian-organisasi" / "2025-S2" / "ringkasan.json").read_text())
    assert summary["n_responden"] == 19 and summary["unit"]["nama"] == "Bagian Organisasi"
    assert "Bagian Organisasi" in (tmp_path / "outputs" / "bagian-organisasi" / "2025-S2" / "laporan.html").read_text()


def test_two_files_for_the_same_unit_period_do_not_overwrite_each_other(tmp_path):
    from ikm_utils.publish.batch import _plan

    first = make_unit(tmp_path, "a")
    copy = tmp_path / "salinan" / "2024-S1.yaml"
    copy.parent.mkdir()
    copy.write_text(first.read_text().replace("data/", "../a/data/"), encoding="utf-8")
    outcomes = {}
    queues = _plan([first, copy], TINY, None, outcomes)
    assert [i.params_path for i in queues["a"]] == [first]
    assert outcomes[copy].status == "gagal" and "Unit-periode ganda" in outcomes[copy].galat
