"""Running a notebook: a kernel started ahead of it, saving once, failures still saved."""

from __future__ import annotations

import json

import nbformat
import pytest

from ikm_utils.errors import RenderError
from ikm_utils.publish.execute import execute_notebook, start_kernel


def _notebook(folder, *sources):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / "masuk.ipynb"
    nbformat.write(nb, path)
    return path


def test_a_kernel_started_ahead_runs_the_notebook_with_its_imports_done_and_counts_from_one(tmp_path):
    source = _notebook(tmp_path, "import os, sys\nprint('seaborn' in sys.modules, os.environ['IKM_UJI'], os.getcwd())")
    kernel = start_kernel(tmp_path, {"IKM_UJI": "ya"})
    assert kernel is not None
    try:
        execute_notebook(source, tmp_path / "keluar.ipynb", {}, cwd=tmp_path, kernel=kernel, timeout=60)
    finally:
        kernel.close()
    cell = json.loads((tmp_path / "keluar.ipynb").read_text(encoding="utf-8"))["cells"][-1]
    assert cell["execution_count"] == 1
    assert "".join(cell["outputs"][0]["text"]).split() == ["True", "ya", str(tmp_path)]
    assert not kernel.manager.has_kernel
    assert kernel.manager.clients and not any(c.channels_running for c in kernel.manager.clients)


def test_a_failing_cell_in_a_kernel_started_ahead_is_saved_and_named(tmp_path):
    source = _notebook(tmp_path, "a = 1", "1 / 0", "b = 2")
    kernel = start_kernel(tmp_path, imports=())
    try:
        with pytest.raises(RenderError, match="ZeroDivisionError"):
            execute_notebook(source, tmp_path / "keluar.ipynb", {}, cwd=tmp_path, kernel=kernel, timeout=60)
    finally:
        kernel.close()
    saved = json.loads((tmp_path / "keluar.ipynb").read_text(encoding="utf-8"))
    failed = next(c for c in saved["cells"] if c["cell_type"] == "code" and "".join(c["source"]) == "1 / 0")
    assert failed["outputs"][0]["ename"] == "ZeroDivisionError"


def test_a_kernel_that_cannot_start_is_none_and_the_render_starts_its_own(tmp_path):
    assert start_kernel(tmp_path, kernel_name="tidak-ada-kernel-ini") is None
