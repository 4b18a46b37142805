"""The teaching notebook: committed clean, parameterised, executes on the example class and on other data.

Kernels run with papermill (kernel ``python3``, a cell timeout); tests/conftest.py points
MPLCONFIGDIR, IPYTHONDIR and JUPYTER_RUNTIME_DIR at a temporary folder for the whole session.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import papermill as pm
import pytest

from ikm_utils.cli import main
from ikm_utils.intake.ingest import load_responses
from ikm_utils.method.compute import compute_ikm
from ikm_utils.method.grading import grade, round_half_up
from ikm_utils.method.schemes import get_scheme
from ikm_utils.publish.teaching import ANSWER_TAG, EXAMPLE_DATA, NOTEBOOK, teaching_parameters
from ikm_utils.stats.intervals import bootstrap_ci, boundary_check

REALDATA = Path(__file__).resolve().parents[3] / "shared" / "realdata"
CODES = [f"U{i}" for i in range(1, 10)]
TIMEOUT = 120


def run(tmp_path: Path, **parameters) -> nbformat.NotebookNode:
    out = tmp_path / "metode_ikm.ipynb"
    pm.execute_notebook(str(NOTEBOOK), str(out), parameters=parameters, kernel_name="python3",
                        execution_timeout=TIMEOUT, cwd=str(NOTEBOOK.parent), progress_bar=False)
    return nbformat.read(out, as_version=4)


def markdown_outputs(nb: nbformat.NotebookNode) -> str:
    return "\n".join(o["data"]["text/markdown"] for c in nb.cells if c.cell_type == "code"
                     for o in c.get("outputs", []) if "text/markdown" in o.get("data", {}))


def expected_boundary_sentence(path: Path, population: int, seed: int, replicates: int = 2000) -> str:
    scheme = get_scheme("permen14_2017")
    data = load_responses(path, scheme).data
    ci = bootstrap_ci(data, scheme, population=population, replicates=replicates, seed=seed)
    return boundary_check(ci.ikm, scheme.tabel_mutu, estimate=compute_ikm(data, scheme).total.ikm_exact * 25).kalimat


# --- the committed file ----------------------------------------------------------------------------


def test_notebook_is_committed_without_outputs_or_execution_counts():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.outputs == [] and c.execution_count is None for c in code)
    assert nb.metadata.kernelspec.name == "python3"


def test_first_code_cell_holds_the_parameters():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    first = next(c for c in nb.cells if c.cell_type == "code")
    assert "parameters" in first.metadata.tags
    assert set(pm.inspect_notebook(str(NOTEBOOK))) == {"data_path", "scheme_id", "population", "seed", "replicates"}


def test_answers_are_in_collapsed_cells_tagged_jawaban():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    answers = [c for c in nb.cells if ANSWER_TAG in c.metadata.get("tags", [])]
    assert len(answers) >= 4
    assert all(c.metadata.jupyter.source_hidden and c.metadata.collapsed for c in answers)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    for heading in ("Jumlah nilai dan NRR", "Jebakan 1: bobot 0,111", "Krejcie & Morgan", "Seberapa pasti", "Latihan"):
        assert heading in text


# --- the example class shows every trap -------------------------------------------------------------


@pytest.fixture(scope="module")
def example():
    return load_responses(EXAMPLE_DATA, get_scheme("permen14_2017")).data


def test_example_class_has_ten_respondents_and_one_blank(example):
    assert len(example) == 10 and int(example[CODES].isna().sum().sum()) == 1


def test_on_the_example_each_trap_changes_the_grade(example):
    table = get_scheme("permen14_2017").tabel_mutu
    exact = compute_ikm(example).total
    assert exact.mutu == "A"
    assert compute_ikm(example, weight_mode="legacy").total.mutu == "B"  # 0,111 instead of 1/9
    zero = 25 * example[CODES].fillna(0).mean().mean()  # blank counted as 0
    assert grade(zero, table).mutu == "B"
    nrr_2 = [round_half_up(u.nrr_exact, 2) for u in exact.unsur]  # NRR and IKM (1-4) rounded to 2 decimals
    early = round_half_up(sum(nrr_2) / 9, 2) * 25
    assert grade(early, table).mutu == "B"


# --- execution --------------------------------------------------------------------------------------


@pytest.mark.notebook
def test_notebook_runs_with_its_defaults(tmp_path):
    nb = run(tmp_path)  # the hand computation asserts agreement with ikm_utils inside the notebook
    shown = markdown_outputs(nb)
    result = compute_ikm(load_responses(EXAMPLE_DATA, get_scheme()).data).total
    assert "**10 responden**" in shown
    assert expected_boundary_sentence(EXAMPLE_DATA, 120, 2017) in shown
    assert str(result.ikm_konversi).replace(".", ",") in shown


@pytest.mark.notebook
def test_notebook_runs_on_another_class_csv(tmp_path):
    rng = np.random.default_rng(8)
    x = rng.integers(2, 5, size=(40, 9)).astype(float)
    x[rng.random(x.shape) < 0.04] = np.nan
    df = pd.DataFrame(x, columns=[c.lower() for c in CODES]).assign(jenis_kelamin=rng.choice(["L", "P"], 40))
    path = tmp_path / "kelas_lain.csv"
    df.to_csv(path, index=False)
    nb = run(tmp_path, data_path=str(path), population=500, seed=99, replicates=500)
    shown = markdown_outputs(nb)
    assert "**40 responden**" in shown and "N = 500" in shown
    assert expected_boundary_sentence(path, 500, 99, 500) in shown


@pytest.mark.notebook
@pytest.mark.realdata
@pytest.mark.skipif(not REALDATA.exists(), reason="../shared/realdata tidak ada")
def test_notebook_runs_on_a_real_survey(tmp_path):
    nb = run(tmp_path, data_path=str(REALDATA / "skm_polres_gianyar_skck_2020.csv"), population=5000)
    assert "**201 responden**" in markdown_outputs(nb)


@pytest.mark.notebook
def test_ikm_ajar_writes_html_with_code_and_folded_answers(tmp_path, capsys):
    assert main(["ajar", "--keluar", str(tmp_path), "--seed", "5"]) == 0
    assert "Buku ajar:" in capsys.readouterr().out
    page = (tmp_path / "metode_ikm.html").read_text(encoding="utf-8")
    assert "compute_ikm" in page and "highlight" in page  # code is visible
    assert page.count('<details class="jawaban">') == 5
    assert "<script" not in page and "cdn" not in page.lower()
    executed = nbformat.read(tmp_path / "metode_ikm.ipynb", as_version=4)
    assert any("seed = 5" in c.source for c in executed.cells if "injected-parameters" in c.metadata.get("tags", []))


def test_teaching_parameters_are_checked_before_any_kernel_starts(tmp_path):
    with pytest.raises(Exception, match="berkas data tidak ditemukan.*skema 'x' tidak dikenal"):
        teaching_parameters(tmp_path / "nope.csv", scheme_id="x")
    assert teaching_parameters(EXAMPLE_DATA)["data_path"] == str(EXAMPLE_DATA.resolve())
