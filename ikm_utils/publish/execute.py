"""Running a notebook: papermill in a fresh kernel, cell errors in Indonesian, toolchain checks.

papermill saves the output notebook after every cell by default; for a report of ~90 cells that
rewrites a growing file ninety times (seconds of a render). ``execute_notebook`` uses an engine that
saves once: at the end, or right after a failure (a failing cell, a timeout, a dead kernel), so the
executed part is still there to read.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from ikm_utils.errors import RenderError

#: The semester report notebook (in the source tree, next to the package).
NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "laporan_skm.ipynb"
#: Parameters every report notebook declares in its ``parameters`` cell.
NOTEBOOK_PARAMETERS = ("params_path", "outputs_root")
#: The kernel spec every notebook runs in (ipykernel's ``python3``: this environment's interpreter).
KERNEL = "python3"
#: Limit in seconds for one cell.
TIMEOUT = 600
#: The papermill engine name registered below.
ENGINE = "ikm-simpan-di-akhir"

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def _engine() -> str:
    """Register (once) papermill's nbclient engine that saves the notebook only at the end or on failure."""
    from papermill.engines import NBClientEngine, papermill_engines
    from papermill.iorw import write_ipynb

    class SaveAtEndEngine(NBClientEngine):
        @classmethod
        def execute_notebook(cls, nb, kernel_name, output_path=None, **kwargs):  # noqa: ANN001, ANN206
            try:
                return super().execute_notebook(nb, kernel_name, output_path=None, **kwargs)
            except BaseException:  # the executed part (and the failing cell) stays readable
                if output_path:
                    write_ipynb(nb, output_path)
                raise

    papermill_engines.register(ENGINE, SaveAtEndEngine)  # a dict entry: registering again is harmless
    return ENGINE



def _first_line(source: str) -> str:
    line = next((s.strip() for s in source.splitlines() if s.strip()), "")
    return line if len(line) <= 70 else line[:67] + "..."


def heading_before(cells: list, index: int) -> str:
    """The nearest markdown heading above cell ``index`` (where an error is, in the reader's words)."""
    for c in reversed(cells[:index]):
        if c.cell_type == "markdown":
            found = re.findall(r"^#{1,6}\s+(.+)$", c.source, flags=re.MULTILINE)
            if found:
                return found[-1].strip()
    return ""


def _describe_cell(nb_path: Path, index: int | None) -> tuple[int | None, str, str]:
    """(execution count, first source line, nearest heading before it) of cell ``index``."""
    import nbformat

    try:
        nb = nbformat.read(nb_path, as_version=4)
    except (OSError, ValueError):
        return None, "", ""
    if index is None:  # the last cell that started (a timeout or a dead kernel)
        started = [
            i
            for i, c in enumerate(nb.cells)
            if c.cell_type == "code" and c.get("metadata", {}).get("papermill", {}).get("start_time")
        ]
        if not started:
            return None, "", ""
        index = started[-1]
    cell = nb.cells[index]
    return cell.get("execution_count"), _first_line(cell.source), heading_before(nb.cells, index)


def _cell_error(
    nb_path: Path, index: int | None, ename: str, evalue: str, count: int | None = None
) -> RenderError:
    exec_count, line, heading = _describe_cell(nb_path, index)
    count = count if count is not None else exec_count
    where = f"sel [{count}]" if count is not None else "sel yang sedang berjalan"
    if line:
        where += f" «{line}»"
    if heading:
        where += f" (bagian «{heading}»)"
    evalue = _ANSI.sub("", evalue or "")
    message = f"Notebook gagal di {where}: {ename}: {evalue}".rstrip(": ")
    return RenderError(message, ename=ename, evalue=evalue, cell=count, cell_source=line)


class WarmKernel:
    """A kernel started before its notebook, so that its start and imports overlap the runner's own work.

    Made by :func:`start_kernel`; handed to :func:`execute_notebook` (nbclient connects to it as to
    a kernel it started); :meth:`close` shuts it down.
    """

    def __init__(self, manager: Any) -> None:
        self.manager = manager

    def close(self) -> None:
        """Shut the kernel down now (it may already be gone)."""
        from jupyter_core.utils import run_sync

        try:
            for client in self.manager.clients:  # nbclient leaves open the client of a kernel it did not start
                client.stop_channels()
            if self.manager.has_kernel:
                run_sync(self.manager.shutdown_kernel)(now=True)
        except Exception:  # a kernel that died on its own needs no shutting down
            pass


#: What a report kernel imports while it starts (IPython ``exec_lines``: no output, no execution
#: count); the notebook imports them again at no cost.
REPORT_IMPORTS = ("import pandas, matplotlib, seaborn",
                  "import ikm_utils.report.context, ikm_utils.report.display, ikm_utils.report.plots",
                  "import ikm_utils.report.narrative, ikm_utils.report.tables, ikm_utils.report.appendix")
_KERNEL_ARGS = ["--IPKernelApp.log_level=ERROR"]


def start_kernel(cwd: str | Path, env: dict[str, str] | None = None, kernel_name: str = KERNEL,
                 imports: tuple[str, ...] = REPORT_IMPORTS) -> WarmKernel | None:
    """Start a kernel in ``cwd`` (with ``env`` added to this process's environment) that runs
    ``imports`` while it starts; ``None`` when it cannot be started here (:func:`execute_notebook`
    then starts its own, and reports why if that fails too)."""
    try:
        from jupyter_client.manager import AsyncKernelManager
        from jupyter_core.utils import run_sync

        class Manager(AsyncKernelManager):
            """Remembers the clients made for its kernel, so that :meth:`WarmKernel.close` stops them."""

            def client(self, **kwargs: Any) -> Any:
                made = super().client(**kwargs)
                self.clients.append(made)
                return made

        manager = Manager(kernel_name=kernel_name)
        manager.clients = []
        lines = [f"--IPKernelApp.exec_lines={line}" for line in imports]
        run_sync(manager.start_kernel)(cwd=str(cwd), env={**os.environ, **(env or {})},
                                       extra_arguments=[*_KERNEL_ARGS, *lines])
        return WarmKernel(manager)
    except Exception:
        return None


def execute_notebook(
    input_path: str | Path,
    output_path: str | Path,
    parameters: dict[str, Any],
    cwd: str | Path | None = None,
    timeout: int = TIMEOUT,
    kernel_name: str = KERNEL,
    kernel: WarmKernel | None = None,
) -> Path:
    """Run a notebook with papermill in a fresh kernel and save the executed copy.

    Parameters
    ----------
    input_path, output_path
        The notebook to run and where the executed notebook goes (also on failure).
    parameters
        Values injected after the ``parameters`` cell.
    cwd
        Working directory of the kernel.
    timeout
        Limit in seconds for each cell.
    kernel_name
        The kernel spec to start (``python3``: the interpreter of this environment).
    kernel
        A kernel already started (:func:`start_kernel`, in ``cwd``): the notebook runs in it and
        the caller closes it; without one papermill starts a fresh kernel and shuts it down.

    Raises
    ------
    RenderError
        A cell raised (``ename``/``evalue`` of the cell error), timed out or killed the kernel.
    """
    import papermill as pm
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    output_path = Path(output_path)
    try:
        pm.execute_notebook(
            str(input_path),
            str(output_path),
            parameters=dict(parameters),
            kernel_name=kernel_name,
            engine_name=_engine(),
            execution_timeout=timeout,
            # papermill changes this process's working folder for the run: not needed (and not
            # wanted, other threads work meanwhile) when the kernel already runs in ``cwd``
            cwd=None if cwd is None or kernel is not None else str(cwd),
            progress_bar=False,
            # The kernel's own warnings (ipykernel's "running over TCP without encryption" at every
            # start) would break the one-line-per-stage progress; its errors still show.
            extra_arguments=_KERNEL_ARGS,
            **({"km": kernel.manager} if kernel is not None else {}),
        )
    except PapermillExecutionError as exc:
        raise _cell_error(output_path, None, exc.ename, exc.evalue, exc.exec_count) from exc
    except CellTimeoutError as exc:
        err = _cell_error(output_path, None, "CellTimeoutError", f"sel berjalan lebih dari {timeout} detik")
        raise err from exc
    except DeadKernelError as exc:
        raise _cell_error(output_path, None, "DeadKernelError", f"kernel berhenti mendadak ({exc})") from exc
    return output_path


def notebook_parameters(notebook: str | Path) -> dict[str, Any]:
    """The names and default values of a notebook's ``parameters`` cell."""
    import papermill as pm

    return {name: spec["default"] for name, spec in pm.inspect_notebook(str(notebook)).items()}


def check_toolchain(notebook: str | Path = NOTEBOOK, kernel_name: str = KERNEL) -> list[str]:
    """Check that a report can run here: the notebook and its parameters, the kernel, nbconvert.

    Returns one Indonesian line per check that passed; raises :class:`RenderError` listing every
    one that failed.
    """
    ok, problems = [], []
    notebook = Path(notebook)
    if not notebook.is_file():
        problems.append(f"notebook tidak ditemukan: {notebook}")
    else:
        declared = notebook_parameters(notebook)
        missing = [p for p in NOTEBOOK_PARAMETERS if p not in declared]
        if missing:
            problems.append(f"notebook {notebook.name}: sel 'parameters' tidak memuat {', '.join(missing)}")
        else:
            ok.append(f"notebook {notebook.name} dengan parameter {', '.join(NOTEBOOK_PARAMETERS)}")
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        spec = KernelSpecManager().get_kernel_spec(kernel_name)
        ok.append(f"kernel {kernel_name}: {spec.argv[0]}")
    except NoSuchKernel:
        problems.append(f"kernel '{kernel_name}' tidak terpasang (pasang ipykernel di lingkungan ini)")
    try:
        import nbconvert
        import papermill

        ok.append(f"papermill {papermill.__version__}, nbconvert {nbconvert.__version__}")
    except ImportError as exc:
        problems.append(f"paket tidak terpasang: {exc.name}")
    if problems:
        raise RenderError("Perangkat belum siap:\n" + "\n".join(f"  - {p}" for p in problems))
    return ok


__all__ = [
    "KERNEL",
    "NOTEBOOK",
    "NOTEBOOK_PARAMETERS",
    "TIMEOUT",
    "REPORT_IMPORTS",
    "WarmKernel",
    "check_toolchain",
    "execute_notebook",
    "heading_before",
    "notebook_parameters",
    "start_kernel",
]
