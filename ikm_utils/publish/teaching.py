"""The teaching notebook on a class's own data, exported to HTML with its code visible (``ikm ajar``).

``notebooks/metode_ikm.ipynb`` walks from paper questionnaires to the IKM on any class's data and
any preset scheme (the text comes from ``report.lesson_text``). ``render_teaching`` works like
``ikm render``:

1. the parameters, the data (read with the same options as ``ikm compute``) and N are checked
   before any kernel starts (``report.lesson.prepare_lesson``): bad data stop here, every problem
   listed;
2. the notebook runs with papermill in a fresh kernel, into a hidden staging folder beside the
   output folder;
3. the executed notebook becomes a projector-friendly HTML page (code visible, larger type, code
   lines that scroll instead of wrapping);
4. the Excel twin ``metode_ikm.xlsx`` (live formulas), the worksheet ``lembar_kerja.pdf`` and the
   answer key ``kunci_jawaban.pdf`` are written beside it;
5. the staging folder takes the place of the previous output folder in one step.

A failure in 2-4 leaves the previous lesson as it was; the partly executed notebook and the error
go to ``<output folder>/_gagal/``. The exercises' answers are in no notebook cell (a student's "Run
All" reveals nothing): ``periksa(no, jawaban)`` checks them, and the answer key holds them.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ikm_utils.errors import IkmError, RenderError
from ikm_utils.intake.ingest import IngestOptions
from ikm_utils.method.schemes import scheme_ids
from ikm_utils.publish.outputs import keep_failure, replace_dir, staging_dir
from ikm_utils.report.lesson import Lesson, options_to_dict, prepare_lesson

#: The teaching notebook and its example class (in the source tree, next to the package).
NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "metode_ikm.ipynb"
EXAMPLE_DATA = NOTEBOOK.parent / "data" / "kelas_contoh.csv"
DEFAULT_OUT = Path("outputs") / "ajar"
DEFAULT_POPULATION = 120
TITLE = "Metode perhitungan IKM"
#: The files of a finished lesson folder.
FILES = {"ipynb": "metode_ikm.ipynb", "html": "metode_ikm.html", "xlsx": "metode_ikm.xlsx",
         "lembar": "lembar_kerja.pdf", "kunci": "kunci_jawaban.pdf"}

#: Classroom view: larger type for a projector, code lines that scroll rather than wrap mid-expression.
PROJECTOR_CSS = """
@media screen {
  body { font-size: 19px; line-height: 1.5; }
  main.laporan { max-width: 1180px; }
  .input_area pre, .highlight pre { white-space: pre; overflow-x: auto; font-size: 0.9em; }
  table.dataframe, table { font-size: 0.95em; }
}
.input_area pre, .highlight pre { white-space: pre; overflow-x: auto; }
table.tabel-jawaban td { text-align: center; min-width: 2.2em; }
table.tabel-jawaban tbody tr:nth-last-child(-n+2) th, table.tabel-jawaban tbody tr:nth-last-child(-n+2) td {
  font-weight: bold; background: #eef3fa; border-top: 2px solid #8aa4c8;
}
@media print { .input_area pre, .highlight pre { white-space: pre-wrap; font-size: 8.5pt; } }
"""

Progress = Callable[[str], object]


@dataclass
class TeachingResult:
    """The lesson folder and its files (``ipynb``, ``html``, ``xlsx``, ``lembar``, ``kunci``)."""

    folder: Path
    files: dict[str, Path] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def html(self) -> Path:
        return self.files["html"]

    @property
    def notebook(self) -> Path:
        return self.files["ipynb"]


def _whole(value: object, name: str, minimum: int, problems: list[str]) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        problems.append(f"{name} harus bilangan bulat >= {minimum}, bukan {value!r}")


def teaching_parameters(
    data: str | Path | None = None,
    *,
    scheme_id: str | None = None,
    population: int | None = None,
    seed: int | None = None,
    replicates: int | None = None,
    varian: int | None = None,
    options: IngestOptions | None = None,
) -> dict[str, object]:
    """The papermill parameters for the teaching notebook, checked (papermill itself only warns).

    The data path is made absolute, so the notebook finds it whatever its working folder.

    >>> teaching_parameters(scheme_id="permen14_2017", seed=7)["seed"]
    7
    """
    problems: list[str] = []
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
    for name, label, value, minimum in (("population", "populasi", population, 1), ("seed", "seed", seed, 0),
                                        ("replicates", "replikasi", replicates, 100), ("varian", "varian", varian, 0)):
        if value is not None:
            _whole(value, label, minimum, problems)
            params[name] = value
    if options is not None:
        params["opsi_data"] = options_to_dict(options)
    if problems:
        raise IkmError("Parameter buku ajar tidak valid: " + "; ".join(problems) + ".")
    return params


def check_lesson(params: dict[str, object]) -> Lesson:
    """Read and check the class's data and N exactly as the notebook will (no kernel)."""
    return prepare_lesson(params.get("data_path", EXAMPLE_DATA), params.get("scheme_id", "permen14_2017"),
                          options=params.get("opsi_data"), population=params.get("population", DEFAULT_POPULATION),
                          varian=params.get("varian"))


def add_projector_style(html_path: Path) -> None:
    """Put the classroom CSS at the end of the page's head (after the report's own style)."""
    page = html_path.read_text(encoding="utf-8")
    html_path.write_text(page.replace("</head>", f"<style>{PROJECTOR_CSS}</style>\n</head>", 1), encoding="utf-8")


def _failure_text(exc: Exception, params: dict[str, object]) -> str:
    lines = [str(exc), "", "Parameter:"] + [f"  {k} = {v!r}" for k, v in params.items()]
    lines += ["", f"Buka {FILES['ipynb']} di folder ini untuk melihat sel yang gagal beserta jejak galatnya."]
    return "\n".join(lines) + "\n"


def _write_companions(lesson: Lesson, staging: Path) -> None:
    from ikm_utils.publish.lesson_pdf import write_answer_key, write_worksheet
    from ikm_utils.publish.lesson_xlsx import write_lesson_workbook
    from ikm_utils.report.lesson_check import Latihan

    latihan = Latihan(lesson)
    write_lesson_workbook(lesson, staging / FILES["xlsx"])
    write_worksheet(lesson, latihan, staging / FILES["lembar"])
    write_answer_key(lesson, latihan, staging / FILES["kunci"])


def render_teaching(
    data: str | Path | None = None,
    out_dir: str | Path = DEFAULT_OUT,
    *,
    scheme_id: str | None = None,
    population: int | None = None,
    seed: int | None = None,
    replicates: int | None = None,
    varian: int | None = None,
    options: IngestOptions | None = None,
    timeout: int = 600,
    progress: Progress = print,
) -> TeachingResult:
    """Run the teaching notebook on a class's data and write the lesson folder, all at once or not at all.

    Writes ``metode_ikm.ipynb`` (executed), ``metode_ikm.html``, ``metode_ikm.xlsx``,
    ``lembar_kerja.pdf`` and ``kunci_jawaban.pdf`` into ``out_dir``. Without ``data`` the example
    class (``notebooks/data/kelas_contoh.csv``) is used.

    Raises
    ------
    ikm_utils.errors.DataValidationError
        The data have problems (nothing was executed).
    IkmError
        Bad parameters, an unsur count that does not fit the scheme, or N < n (nothing was executed).
    RenderError
        The notebook or an export failed; the previous lesson is untouched, the failed notebook and
        the message are in ``out_dir/_gagal/``.
    """
    from ikm_utils.publish.export import export_html
    from ikm_utils.publish.render import execute_notebook

    start = time.perf_counter()
    params = teaching_parameters(data, scheme_id=scheme_id, population=population, seed=seed,
                                 replicates=replicates, varian=varian, options=options)
    params.setdefault("data_path", str(EXAMPLE_DATA))
    progress(f"[1/4] Memeriksa data kelas {params['data_path']} ...")
    lesson = check_lesson(params)
    target = Path(out_dir)
    staging = staging_dir(target)
    files = {key: staging / name for key, name in FILES.items()}
    try:
        progress(f"[2/4] Menjalankan {NOTEBOOK.name} ({lesson.n} responden, skema {lesson.scheme.id}) ...")
        execute_notebook(NOTEBOOK, files["ipynb"], params, cwd=NOTEBOOK.parent, timeout=timeout)
        progress("[3/4] Membuat HTML, metode_ikm.xlsx, lembar_kerja.pdf dan kunci_jawaban.pdf ...")
        try:
            export_html(files["ipynb"], files["html"], hide_code=False, title=TITLE)
            add_projector_style(files["html"])
            _write_companions(lesson, staging)
        except RenderError:
            raise
        except Exception as exc:  # an export bug must not pass for a lesson either
            raise RenderError(f"Ekspor buku ajar gagal: {type(exc).__name__}: {exc}") from exc
        progress(f"[4/4] Memindahkan hasil ke {target} ...")
        replace_dir(staging, target)
    except RenderError as exc:
        keep_failure(exc, target, staging, _failure_text(exc, params), files["ipynb"])
        raise
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    out = {key: target / name for key, name in FILES.items()}
    return TeachingResult(folder=target, files=out, seconds=time.perf_counter() - start)
