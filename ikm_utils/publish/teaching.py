"""The teaching notebook on a class's own data, exported to HTML with its code visible (``ikm ajar``).

``notebooks/metode_ikm.ipynb`` walks from ten paper questionnaires to the IKM. It runs in a fresh
kernel with papermill (``render.execute_notebook``) and is exported with ``export.export_html``
(code shown: it is a lesson). Exercise answers (cells tagged ``jawaban``) are folded in the page:
the reader opens each one with a click.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from ikm_utils.errors import IkmError
from ikm_utils.method.schemes import scheme_ids

#: The teaching notebook and its example class (in the source tree, next to the package).
NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "metode_ikm.ipynb"
EXAMPLE_DATA = NOTEBOOK.parent / "data" / "kelas_contoh.csv"
DEFAULT_OUT = Path("outputs") / "ajar"
#: Cells with this tag hold an exercise's answer.
ANSWER_TAG = "jawaban"
TITLE = "Metode perhitungan IKM"


@dataclass(frozen=True)
class TeachingResult:
    """The executed notebook and its HTML page."""

    notebook: Path
    html: Path
    seconds: float


def teaching_parameters(
    data: str | Path | None = None,
    *,
    scheme_id: str | None = None,
    population: int | None = None,
    seed: int | None = None,
) -> dict[str, object]:
    """The papermill parameters for the teaching notebook, checked (papermill itself only warns).

    The data path is made absolute, so the notebook finds it whatever its working folder.

    >>> teaching_parameters(scheme_id="permen14_2017", seed=7)["seed"]
    7
    """
    problems = []
    params: dict[str, object] = {}
    if data is not None:
        path = Path(data).expanduser().resolve()
        if not path.is_file():
            problems.append(f"berkas data tidak ditemukan: {data}")
        params["data_path"] = str(path)
    if scheme_id is not None:
        if scheme_id not in scheme_ids():
            problems.append(f"skema '{scheme_id}' tidak dikenal; pilihan: {', '.join(scheme_ids())}")
        params["scheme_id"] = scheme_id
    if population is not None:
        if isinstance(population, bool) or not isinstance(population, int) or population < 1:
            problems.append(f"populasi harus bilangan bulat >= 1, bukan {population!r}")
        params["population"] = population
    if seed is not None:
        if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
            problems.append(f"seed harus bilangan bulat >= 0, bukan {seed!r}")
        params["seed"] = seed
    if problems:
        raise IkmError("Parameter buku ajar tidak valid: " + "; ".join(problems) + ".")
    return params


def fold_answers(html_path: Path, tag: str = ANSWER_TAG) -> int:
    """Wrap every cell tagged ``tag`` in a closed ``<details>`` ("Jawaban"); returns how many were folded."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html_path.read_text(encoding="utf-8"), "html.parser")
    folded = 0
    for cell in soup.select(f".celltag_{tag}"):
        details = soup.new_tag("details", attrs={"class": "jawaban"})
        summary = soup.new_tag("summary")
        summary.string = "Jawaban (klik untuk membuka)"
        cell.wrap(details)
        details.insert(0, summary)
        folded += 1
    html_path.write_text(str(soup), encoding="utf-8")
    return folded


def render_teaching(
    data: str | Path | None = None,
    out_dir: str | Path = DEFAULT_OUT,
    *,
    scheme_id: str | None = None,
    population: int | None = None,
    seed: int | None = None,
    timeout: int = 600,
) -> TeachingResult:
    """Execute the teaching notebook (optionally on a class's own data) and export it to HTML with code.

    Writes ``metode_ikm.ipynb`` (executed) and ``metode_ikm.html`` into ``out_dir``. Without ``data``
    the example class (``notebooks/data/kelas_contoh.csv``) is used.
    """
    from ikm_utils.publish.export import export_html
    from ikm_utils.publish.render import execute_notebook

    start = time.perf_counter()
    params = teaching_parameters(data, scheme_id=scheme_id, population=population, seed=seed)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    notebook = execute_notebook(NOTEBOOK, out_dir / NOTEBOOK.name, params, cwd=NOTEBOOK.parent, timeout=timeout)
    html = export_html(notebook, out_dir / NOTEBOOK.with_suffix(".html").name, hide_code=False, title=TITLE)
    fold_answers(html)
    return TeachingResult(notebook, html, time.perf_counter() - start)
