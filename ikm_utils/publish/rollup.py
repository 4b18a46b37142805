"""``ikm rekap``: the regional roll-up of one period, rendered like a unit report.

From a set of units (their parameter files, folders or globs, as ``ikm batch`` takes them; or their
``ringkasan.json`` files / report folders directly) for one period: the units' ringkasan.json are
collected (a unit without a report is listed, not silently dropped), ``notebooks/rekap_instansi.ipynb``
runs with papermill, and ``rekap.html``, ``rekap.ipynb``, ``rekap.json`` (the pooled figures) and
``rekap_masukan.json`` (what was read) replace ``outputs/rekap/<judul>/<periode>/`` in one step.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ikm_utils.errors import IkmError, RenderError
from ikm_utils.params import load_params, slugify
from ikm_utils.publish.execute import KERNEL, TIMEOUT, execute_notebook
from ikm_utils.publish.export import export_html
from ikm_utils.publish.outputs import FAILED_DIR, keep_failure, replace_dir, report_dir, staging_dir
from ikm_utils.publish.pdf import html_to_pdf, pdf_problem
from ikm_utils.publish.render import Progress
from ikm_utils.publish.ringkasan import write_json
from ikm_utils.report.rollup import build_rollup, read_summary, unit_history

#: The roll-up notebook.
ROLLUP_NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "rekap_instansi.ipynb"


@dataclass
class RollupResult:
    """What ``render_rollup`` wrote: the folder, its files, the roll-up's figures."""

    folder: Path
    files: dict[str, Path] = field(default_factory=dict)
    summary: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0


def _failed_reason(folder: Path) -> str:
    galat = folder / FAILED_DIR / "galat.txt"
    if galat.is_file():
        first = galat.read_text(encoding="utf-8").strip().splitlines()[:1]
        return "render gagal: " + (first[0] if first else "")
    return "belum ada laporan (belum dirender, atau render gagal: lihat ringkasan ikm batch)"


def collect_summaries(
    inputs: Iterable[str | Path], outputs_root: str | Path = "outputs", periode: str | None = None
) -> tuple[list[Path], list[dict[str, str]], str]:
    """(ringkasan.json files, units without a report, periode) of a set of units.

    Each input is a ``ringkasan.json``, a report folder holding one, or parameter files/folders/globs
    (each file's report is looked up under ``outputs_root``). Raises :class:`IkmError` when nothing is
    found or the units' periods differ and ``periode`` does not choose.
    """
    from ikm_utils.publish.batch import expand_params

    found: list[tuple[Path, str]] = []  # (ringkasan.json, periode)
    wanted: list[tuple[str, str, Path]] = []  # (unit name, periode, report folder) from parameter files
    missing: list[dict[str, str]] = []
    specs = []
    for spec in inputs:
        p = Path(spec)
        if p.is_file() and p.name == "ringkasan.json":
            found.append((p.resolve(), read_summary(p)["periode"]))
        elif p.is_dir() and (p / "ringkasan.json").is_file():
            found.append(((p / "ringkasan.json").resolve(), read_summary(p / "ringkasan.json")["periode"]))
        else:
            specs.append(spec)
    for path in expand_params(specs) if specs else []:
        try:
            params = load_params(path)
        except IkmError as exc:
            missing.append({"unit": path.parent.name, "periode": path.stem, "alasan": str(exc).splitlines()[0]})
            continue
        wanted.append((params.unit.nama, params.periode, report_dir(outputs_root, params.unit.kode, params.periode)))
    periods = {pe for _, pe in found} | {pe for _, pe, _ in wanted}
    if periode is None:
        if len(periods) > 1:
            raise IkmError(f"Unit-unit ini memuat beberapa periode ({', '.join(sorted(periods))}); pilih satu "
                           "dengan --periode.")
        if not periods:
            raise IkmError("Tidak ada unit untuk direkap.")
        periode = periods.pop()
    out = [p for p, pe in found if pe == periode]
    for name, pe, folder in wanted:
        if pe != periode:
            continue
        if (folder / "ringkasan.json").is_file():
            out.append((folder / "ringkasan.json").resolve())
        else:
            missing.append({"unit": name, "periode": pe, "alasan": _failed_reason(folder)})
    if not out:
        raise IkmError(f"Tidak ada laporan unit periode {periode} untuk direkap (render dulu dengan ikm batch).")
    return list(dict.fromkeys(out)), missing, periode


def render_rollup(
    inputs: Iterable[str | Path],
    *,
    periode: str | None = None,
    judul: str | None = None,
    outputs_root: str | Path = "outputs",
    folder: str | Path | None = None,
    progress: Progress = print,
    notebook: str | Path = ROLLUP_NOTEBOOK,
    timeout: int = TIMEOUT,
) -> RollupResult:
    """Render the roll-up of a set of units for one period (see the module docstring).

    Parameters
    ----------
    inputs
        Parameter files/folders/globs of the units, or their ringkasan.json files or report folders.
    periode
        The period (needed only when the inputs hold several).
    judul
        The region's name on the cover (default: the units' most common ``unit.instansi``).
    outputs_root
        Where the unit reports are (and, without ``folder``, where ``rekap/`` is written).
    folder
        The roll-up's folder (default ``<outputs_root>/rekap/<judul-slug>/<periode>``).
    """
    start = time.perf_counter()
    progress("[1/4] Mengumpulkan ringkasan.json unit ...")
    paths, missing, periode = collect_summaries(inputs, outputs_root, periode)
    units = [read_summary(p) for p in paths]
    rollup = build_rollup(units, periode, judul=judul, missing=missing, history=unit_history(paths))
    target = (Path(folder) if folder else Path(outputs_root) / "rekap" / slugify(rollup.judul) / periode).resolve()
    staging = staging_dir(target)
    files = {"ipynb": staging / "rekap.ipynb", "html": staging / "rekap.html", "json": staging / "rekap.json",
             "masukan": staging / "rekap_masukan.json"}
    try:
        write_json({"judul": rollup.judul, "periode": periode, "ringkasan": [str(p) for p in paths],
                    "tanpa_laporan": missing}, files["masukan"])
        progress(f"[2/4] Menjalankan {Path(notebook).name} ({len(units)} unit, {rollup.periode_label}) ...")
        execute_notebook(notebook, files["ipynb"], {"masukan_path": str(files["masukan"])}, cwd=staging,
                         timeout=timeout, kernel_name=KERNEL)
        no_pdf = pdf_problem()
        progress("[3/4] Membuat HTML ..." if no_pdf else "[3/4] Membuat HTML dan PDF ...")
        try:
            title = f"Rekapitulasi SKM {rollup.judul} {rollup.periode_label}"
            export_html(files["ipynb"], files["html"], title=title)
        except RenderError:
            raise
        except Exception as exc:
            raise RenderError(f"Ekspor HTML gagal: {type(exc).__name__}: {exc}") from exc
        if no_pdf:
            progress(f"PDF tidak dibuat: {no_pdf}")
        else:  # the same page and print CSS as the unit reports
            files["pdf"] = html_to_pdf(files["html"], staging / "rekap.pdf")
        progress(f"[4/4] Menyimpan rekap.json dan memindahkan hasil ke {target} ...")
        summary = rollup.to_dict()
        write_json(summary, files["json"])
        replace_dir(staging, target)
    except RenderError as exc:
        keep_failure(exc, target, staging, f"{exc}\n", files["ipynb"])
        raise
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    out = {k: target / p.name for k, p in files.items()}
    return RollupResult(folder=target, files=out, summary=summary, seconds=time.perf_counter() - start)


__all__ = ["ROLLUP_NOTEBOOK", "RollupResult", "collect_summaries", "render_rollup"]
