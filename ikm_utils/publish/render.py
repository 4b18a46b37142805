"""From a parameter file to ``outputs/<unit-slug>/<periode>/``: validate, execute, export, move.

The stages, each announced on one progress line:

1. the parameters are validated (``params.load_params``): a bad file stops here, nothing runs;
2. the data are read and computed (``report.prepare_report``): bad data stop here. A fresh kernel
   (``execute.start_kernel``) is already starting in a hidden staging folder beside the target and
   importing the report's modules meanwhile; bad data shut it down and remove the folder;
3. the report notebook runs with papermill in that kernel (explicit kernel name and timeout). The
   files that need the data but not the notebook (olah_data.xlsx, the infographic kit,
   ringkasan.json, the detail CSVs) are written meanwhile by a second thread;
4. the executed notebook is exported to one offline HTML page (``export.py``) and typeset as PDF;
5. the staging folder takes the place of the previous report in one step (``outputs.py``).

A failure in 3-5 leaves the previous report as it was; the partly executed notebook and the error
go to ``outputs/<unit-slug>/<periode>/_gagal/``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from collections.abc import Callable, Collection, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ikm_utils.errors import IkmError, RenderError
from ikm_utils.params import Params, load_params
from ikm_utils.publish.detail import write_detail
from ikm_utils.publish.execute import (
    KERNEL,
    NOTEBOOK,
    TIMEOUT,
    WarmKernel,
    check_toolchain,
    execute_notebook,
    notebook_parameters,
    start_kernel,
)
from ikm_utils.publish.export import export_html
from ikm_utils.publish.outputs import FAILED_DIR, keep_failure, replace_dir, report_dir, staging_dir
from ikm_utils.publish.pdf import html_to_pdf, pdf_problem
from ikm_utils.publish.preflight import run_cells
from ikm_utils.publish.publication import missing as missing_format
from ikm_utils.publish.publication import write_format
from ikm_utils.publish.ringkasan import build_ringkasan, write_json
from ikm_utils.report.context import ANALYSIS_CACHE, ANALYSIS_CACHE_ENV, prepare_report, save_analysis
from ikm_utils.report.reminders import missing_parts

#: Output formats ``render_report`` can write besides the executed notebook and ringkasan.json
#: (contract: issue 11 adds "xlsx" and "png"). The PDF is typeset from the HTML page.
FORMATS = ("html", "pdf", "xlsx", "png")
#: Cell tags left out of the head's short copy (``ringkas: true``): Analisis Tambahan, Catatan Teknis.
SHORT_COPY_DROPS = ("tambahan", "teknis")

Progress = Callable[[str], object]


@dataclass
class RenderResult:
    """What one render produced (``dry_run``: what it checked).

    ``files`` maps ``ipynb``, ``html``, ``pdf`` and ``json`` to the files in ``folder``; ``skipped``
    maps a requested format that could not be made here to the reason (e.g. no Pango for the PDF).
    """

    params: Params
    folder: Path
    dry_run: bool = False
    files: dict[str, Path] = field(default_factory=dict)
    seconds: float = 0.0
    skipped: dict[str, str] = field(default_factory=dict)
    reminders: list[str] = field(default_factory=list)

    @property
    def html(self) -> Path | None:
        """The report page, when one was written."""
        return self.files.get("html")

    @property
    def pdf(self) -> Path | None:
        """The PDF, when one was written."""
        return self.files.get("pdf")


# ---------------------------------------------------------------------------- the report


def _cover(params: Params) -> dict[str, str]:
    u = params.unit
    return {
        "jenis": "Laporan",
        "judul": "Hasil Survei Kepuasan Masyarakat",
        "unit": u.nama,
        "instansi": ", ".join(x for x in (u.instansi, u.kabupaten_kota) if x),
        "periode": params.period.label,
    }


def _failure_text(exc: RenderError, params_path: Path) -> str:
    lines = [str(exc), "", f"Parameter: {params_path}"]
    if exc.ename:
        lines.append(f"Galat: {exc.ename}: {exc.evalue}")
    lines += ["", "Buka laporan.ipynb di folder ini untuk melihat sel yang gagal beserta jejak galatnya."]
    return "\n".join(lines) + "\n"


def _format_names(formats: Collection[str] | None) -> list[str]:
    """The format names asked for (all when ``None``); unknown names raise :class:`RenderError`."""
    wanted = list(FORMATS) if formats is None else [f.strip().lower() for f in formats if f.strip()]
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown:
        raise RenderError(f"Format keluaran tidak dikenal: {', '.join(unknown)} (pilihan: {', '.join(FORMATS)}).")
    return wanted


def resolve_formats(formats: Collection[str] | None) -> tuple[list[str], dict[str, str]]:
    """The formats to write and those skipped with why.

    ``None`` means every format this machine can make: ``html`` and, when WeasyPrint loads,
    ``pdf``. A requested ``pdf`` without WeasyPrint's libraries is skipped with the install hint
    (the HTML is still written). Unknown names raise :class:`RenderError`.

    >>> resolve_formats(["html"])
    (['html'], {})
    """
    wanted = _format_names(formats)
    skipped: dict[str, str] = {}
    if "pdf" in wanted and pdf_problem():
        wanted.remove("pdf")
        skipped["pdf"] = str(pdf_problem())
    for fmt in ("xlsx", "png"):  # olah_data.xlsx; the infographic kit and ringkasan_publik.html (publication.py)
        if fmt in wanted and missing_format(fmt):
            skipped[fmt] = str(missing_format(fmt))
            wanted.remove(fmt)
    return [f for f in FORMATS if f in wanted], skipped


def data_notes(ctx: Any) -> list[str]:
    """What a render says about the data: the one-line summary, the date and order notes, order warnings."""
    r = ctx.responses
    lines = [f"Data: {r.summary_line()}"]
    lines += [f"Catatan: {r.info[k]}" for k in ("tanggal_dipilih", "urutan_kuesioner") if r.info.get(k)]
    lines += [f"Peringatan: {p.message}" for p in r.warnings if p.kind == "urutan_unsur_meragukan"]
    return lines


def check_form_order(ctx: Any) -> None:
    """Stop when the answers suggest another unsur order than the one the columns were read in.

    A report rendered with the questionnaire's u8/u9 read as the scheme's U8/U9 would swap
    pengaduan and sarana: nothing runs until ``data.urutan_kuesioner`` states the order the form
    used and the answer labels agree with it (an explicit ``data.kolom`` mapping is never second-guessed).
    """
    doubtful = [p for p in ctx.responses.warnings if p.kind == "urutan_unsur_meragukan"]
    if not doubtful:
        return
    names = ", ".join(u.nama.split(",")[0].split("/")[0].strip().lower() for u in ctx.scheme.unsur)
    lines = "\n".join(f"  - {p.message}" for p in doubtful[:5])
    stated = ("Urutan yang dinyatakan di data.urutan_kuesioner tidak cocok dengan label jawaban"
              if ctx.params.data.urutan_kuesioner is not None else "Urutan unsur di kuesioner meragukan")
    raise RenderError(
        f"{stated}; laporan tidak dibuat sampai urutannya dinyatakan dengan benar:\n"
        f"{lines}\nNyatakan urutan pertanyaan kuesioner dengan nama unsur di {ctx.params_path}, mis.\n"
        f"  data:\n    urutan_kuesioner: [{names}]\n"
        "(susun sesuai urutan di formulir), atau 'permen' bila formulir memakai urutan peraturan."
    )


def render_report(
    params_path: str | Path,
    *,
    formats: Collection[str] | None = None,
    to: Sequence[str] | None = None,
    outputs_root: str | Path = "outputs",
    dry_run: bool = False,
    progress: Progress = print,
    notebook: str | Path = NOTEBOOK,
    timeout: int = TIMEOUT,
    kernel_name: str = KERNEL,
) -> RenderResult:
    """Render the report of one unit and period into ``<outputs_root>/<unit-slug>/<periode>/``.

    Writes ``laporan.ipynb`` (executed), ``laporan.html`` and ``laporan.pdf`` (as ``formats`` asks)
    and ``ringkasan.json``, all at once or not at all.

    Parameters
    ----------
    params_path
        The unit's parameter file (``params/<unit>/<periode>.yaml``).
    formats
        Output formats besides the notebook: ``"html"``, ``"pdf"``; ``None`` (default) = every
        format this machine can make. A PDF that cannot be made here (WeasyPrint's system library
        missing) is listed in ``RenderResult.skipped`` with the install hint; the HTML is written.
    to
        Older name of ``formats``.
    outputs_root
        The outputs folder.
    dry_run
        Check parameters, data and toolchain, and build every table and figure of the notebook in
        this process (``preflight.run_cells``); start no kernel and write nothing.
    progress
        Called with one Indonesian line per stage (``print`` by default).
    notebook, timeout, kernel_name
        The report notebook, the per-cell time limit in seconds and the kernel spec.

    Raises
    ------
    ikm_utils.params.ParamsError
        The parameter file has problems (nothing was executed).
    ikm_utils.errors.DataValidationError
        The data have problems (nothing was executed).
    RenderError
        The toolchain is missing, or the notebook or the export failed; the previous report is
        untouched and the failed notebook is in ``_gagal/``.
    """
    start = time.perf_counter()
    params_path, outputs_root, notebook = Path(params_path), Path(outputs_root), Path(notebook)
    formats = formats if formats is not None else to
    _format_names(formats)  # a wrong name stops here; which formats this machine can make is checked below
    n = 4 if dry_run else 5

    progress(f"[1/{n}] Memeriksa parameter {params_path} ...")
    params = load_params(params_path)
    target = report_dir(outputs_root, params.unit.kode, params.periode)

    staging = kernel = None
    fresh = [d for d in (target.parent, target.parent.parent) if not d.exists()]  # made for staging only
    if not dry_run:
        # The kernel starts now and imports the report's modules while this process checks the
        # toolchain (papermill, nbconvert, WeasyPrint take seconds to import) and reads the data.
        try:
            staging = staging_dir(target).resolve()  # absolute: papermill may change the working folder
        except OSError as exc:
            raise RenderError(f"Folder keluaran {target.parent} tidak dapat ditulisi ({exc.strerror}); periksa "
                              "izin folder itu atau pilih folder lain dengan --keluaran.") from None
        kernel = start_kernel(staging, {ANALYSIS_CACHE_ENV: str(staging / ANALYSIS_CACHE)}, kernel_name)
    try:
        if not dry_run:
            check_toolchain(notebook, kernel_name)
        wanted, skipped = resolve_formats(formats)
        progress(f"[2/{n}] Membaca dan menghitung data {params.data.berkas} ...")
        ctx = prepare_report(params_path.resolve(), outputs_root=outputs_root.resolve())
        reminders = missing_parts(params)
        for line in data_notes(ctx):
            progress(f"      {line}")
        check_form_order(ctx)
    except BaseException:  # bad data: nothing was run, nothing is kept
        if kernel is not None:
            kernel.close()
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
            for folder in fresh:  # the outputs folders made for this run go too (only if empty)
                with contextlib.suppress(OSError):
                    folder.rmdir()
        raise
    parameters = {"params_path": str(params_path.resolve()), "outputs_root": str(outputs_root.resolve())}

    if dry_run:
        progress(f"[3/{n}] Membuat semua tabel dan gambar laporan tanpa kernel ({notebook.name}) ...")
        run_cells(notebook, parameters)
        progress(f"[4/{n}] Memeriksa perangkat (kernel {kernel_name}, papermill, nbconvert) ...")
        check_toolchain(notebook, kernel_name)
        return RenderResult(params=params, folder=target, dry_run=True, seconds=time.perf_counter() - start,
                            skipped=skipped, reminders=reminders)

    files = {"ipynb": staging / "laporan.ipynb", "html": staging / "laporan.html", "pdf": staging / "laporan.pdf",
             "json": staging / "ringkasan.json"}
    try:
        try:
            _run_stages(ctx, staging, target, files, wanted=wanted, notebook=notebook, outputs_root=outputs_root,
                        progress=progress, timeout=timeout, kernel_name=kernel_name, n=n, kernel=kernel)
        except OSError as exc:  # a full disk, a folder made read-only meanwhile
            where = exc.filename or staging
            raise RenderError(f"Hasil tidak dapat ditulis ke {where} ({exc.strerror}).") from None
    except RenderError as exc:
        had_notebook = files["ipynb"].exists()
        failed = keep_failure(exc, target, staging, _failure_text(exc, params_path), files["ipynb"])
        if failed is not None:
            exc.failed_notebook = str(failed / files["ipynb"].name) if had_notebook else None
        raise
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        if kernel is not None:
            kernel.close()
    out = {k: target / p.name for k, p in files.items()}
    return RenderResult(params=params, folder=target, files=out, seconds=time.perf_counter() - start,
                        skipped=skipped, reminders=reminders)


def _side_files(ctx: Any, staging: Path, wanted: Sequence[str], files: dict[str, Path]) -> dict[str, Path]:
    """What needs the data but not the executed notebook: olah_data.xlsx, the infographic kit, ringkasan.json
    and the detail CSVs (written into the staging folder)."""
    out: dict[str, Path] = {}
    for fmt in ("xlsx", "png"):
        if fmt in wanted:
            out.update(write_format(fmt, ctx, staging))
    write_json(build_ringkasan(ctx), files["json"])
    out.update(write_detail(ctx, staging))
    return out


def _run_stages(ctx: Any, staging: Path, target: Path, files: dict[str, Path], *, wanted: Sequence[str],
                notebook: Path, outputs_root: Path, progress: Progress, timeout: int, kernel_name: str,
                n: int, kernel: WarmKernel | None = None) -> None:
    """Stages 3-5 of :func:`render_report`: execute, export, write the summary and detail, swap in.

    While the kernel runs the notebook this process only waits, so the files that do not need the
    executed notebook (:func:`_side_files`) are written meanwhile in a second thread: on two cores a
    render with every format takes little longer than one with the HTML and PDF alone.
    """
    params, params_path = ctx.params, Path(ctx.params_path)
    cache = staging / ANALYSIS_CACHE
    # The analysis (bootstrap) is computed once, here; the kernel reads it back (same inputs, checked).
    save_analysis(ctx, cache)
    progress(f"[3/{n}] Menjalankan notebook {notebook.name} (kernel {kernel_name}, batas {timeout} detik/sel) ...")
    os.environ[ANALYSIS_CACHE_ENV] = str(cache.resolve())  # the kernel inherits the environment
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="ikm-berkas") as pool:
        side = pool.submit(_side_files, ctx, staging, wanted, files)
        try:
            execute_notebook(
                notebook,
                files["ipynb"],
                {"params_path": str(params_path.resolve()), "outputs_root": str(outputs_root.resolve())},
                cwd=staging,
                timeout=timeout,
                kernel_name=kernel_name,
                kernel=kernel,
            )
        finally:
            os.environ.pop(ANALYSIS_CACHE_ENV, None)
            cache.unlink(missing_ok=True)
        label = " dan ".join(f.upper() for f in wanted) or "HTML (dilewati)"
        progress(f"[4/{n}] Membuat {label} ...")
        if wanted:
            try:
                title = f"Laporan SKM {params.unit.nama} {params.period.label}"
                export_html(files["ipynb"], files["html"], title=title, cover=_cover(params),
                            drop_tags=SHORT_COPY_DROPS if params.ringkas else ())
            except RenderError:
                raise
            except Exception as exc:  # an export bug must not pass for a report either
                raise RenderError(f"Ekspor HTML gagal: {type(exc).__name__}: {exc}") from exc
            if "pdf" in wanted:
                html_to_pdf(files["html"], files["pdf"])
        for fmt in ("html", "pdf"):
            if fmt not in wanted:
                files[fmt].unlink(missing_ok=True)
                del files[fmt]
        progress(f"[5/{n}] Menyimpan ringkasan.json dan memindahkan hasil ke {target} ...")
        files.update(side.result())
    replace_dir(staging, target)


def render_folder(
    folder: str | Path,
    *,
    formats: Collection[str] | None = None,
    to: Sequence[str] | None = None,
    outputs_root: str | Path = "outputs",
    dry_run: bool = False,
    progress: Progress = print,
    notebook: str | Path = NOTEBOOK,
) -> list[RenderResult]:
    """Render a unit's latest period from its parameter folder (``params/<unit>/``).

    Earlier periods of the folder whose report is missing are rendered first (oldest first), so
    the trend of the latest report has its history; earlier reports that exist are kept.
    """
    paths = sorted(Path(folder).glob("*.y*ml"))
    if not paths:
        raise IkmError(f"Tidak ada berkas parameter (*.yaml) di {folder}.")
    loaded = sorted(((load_params(p), p) for p in paths), key=lambda pp: pp[0].period)
    results = []
    for i, (params, path) in enumerate(loaded):
        done = (report_dir(outputs_root, params.unit.kode, params.periode) / "ringkasan.json").is_file()
        if i == len(loaded) - 1 or not done:
            progress(f"== {params.unit.nama}, {params.period.label} ({path}) ==")
            results.append(
                render_report(path, formats=formats if formats is not None else to, outputs_root=outputs_root,
                              dry_run=dry_run, progress=progress, notebook=notebook)
            )
    return results


__all__ = [
    "FAILED_DIR",
    "FORMATS",
    "NOTEBOOK",
    "RenderResult",
    "check_toolchain",
    "execute_notebook",
    "notebook_parameters",
    "render_folder",
    "render_report",
    "resolve_formats",
]
