"""The roll-up notebook as committed: thin, parameters first, no outputs."""

from pathlib import Path

import nbformat

from ikm_utils.publish.rollup import ROLLUP_NOTEBOOK


def test_the_rollup_notebook_is_thin_with_its_parameters_first_and_no_outputs():
    nb = nbformat.read(ROLLUP_NOTEBOOK, as_version=4)
    first = nb.cells[0]
    assert first.cell_type == "code" and "parameters" in first.metadata.get("tags", [])
    assert "masukan_path" in first.source
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None
            lines = [x for x in cell.source.splitlines() if x.strip() and not x.startswith(("from ", "import ", "#"))]
            assert len(lines) <= 4, cell.source
            assert "print(" not in cell.source and "def " not in cell.source
    assert Path(ROLLUP_NOTEBOOK).parent.name == "notebooks"
