"""``ikm render --dry-run``: everything a render does except the kernel, so "siap" means it will not fail on data.

The report notebook's code cells are run here, in this process, one after the other in one
namespace (the ``parameters`` cell, then the injected values, then the rest): the report context
and every table, figure and sentence builder the notebook calls are exercised on the real data,
exactly as the kernel would. Output is thrown away; figures are closed. What is *not* checked is
what only a kernel and the exporter do (starting ``python3``, nbconvert), which
``render.check_toolchain`` covers.
"""

from __future__ import annotations

import contextlib
import io
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ikm_utils.errors import RenderError
from ikm_utils.publish.execute import heading_before


@dataclass
class Preflight:
    """What the dry run executed: the number of code cells and the seconds it took."""

    cells: int
    seconds: float


def run_cells(notebook: str | Path, parameters: dict[str, Any]) -> Preflight:
    """Run the notebook's code cells in this process with ``parameters`` injected after the ``parameters`` cell.

    Raises
    ------
    RenderError
        Naming the cell (its position among the code cells, first line and section heading) and the error.
    """
    start = time.perf_counter()
    import nbformat  # ~2 s to import (jsonschema): only when the notebook is read

    nb = nbformat.read(str(notebook), as_version=4)
    namespace: dict[str, Any] = {"__name__": "__ikm_dry_run__"}
    count = 0
    sink = io.StringIO()
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or not cell.source.strip():
            continue
        count += 1
        tags = cell.get("metadata", {}).get("tags", [])
        source = "\n".join(line for line in cell.source.splitlines() if not line.lstrip().startswith(("%", "!")))
        try:
            with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
                exec(compile(source, f"<sel {count}>", "exec"), namespace)  # noqa: S102 - our own notebook
                if "parameters" in tags:
                    namespace.update(parameters)
        except Exception as exc:
            first = next((s.strip() for s in cell.source.splitlines() if s.strip()), "")
            heading = heading_before(nb.cells, index)
            where = f"sel kode ke-{count} «{first[:67]}»" + (f" (bagian «{heading}»)" if heading else "")
            raise RenderError(f"Pemeriksaan notebook gagal di {where}: {type(exc).__name__}: {exc}",
                              ename=type(exc).__name__, evalue=str(exc), cell=count, cell_source=first) from exc
        finally:
            sink.seek(0)
            sink.truncate()
    _close_figures()
    return Preflight(cells=count, seconds=time.perf_counter() - start)


def _close_figures() -> None:
    import sys

    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
