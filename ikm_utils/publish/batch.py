"""Many unit-periods at once: ``ikm batch PARAMS... [--jobs N] [--dask ADDRESS]``.

Each unit-period is one ``render_report`` (same outputs, same all-or-nothing guarantee), run in a
process pool (``concurrent.futures``) or as a Dask task (``dask.distributed``), with one overall
progress bar. A failing unit never stops the others: every task catches its own error and returns
it, and the summary lists each unit with its IKM and mutu or its error.

Resume: after a good render, ``<outputs>/<unit>/<periode>/.masukan.json`` records what the report was
made from (the data file's SHA-256, the merged parameters, the notebook, the package version, the
formats). A unit-period whose record matches is skipped (``paksa`` renders it anyway). Periods of one
unit run oldest first, one after the other (a report's trend reads its predecessors); when an earlier
period is rendered again, the later ones of that unit are too.
"""

from __future__ import annotations

import functools
import glob
import hashlib
import inspect
import json
import sys
import time
from collections import deque
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ikm_utils.errors import IkmError
from ikm_utils.method.periods import parse_period
from ikm_utils.params import load_params, read_raw_params
from ikm_utils.publish.outputs import report_dir

#: The report notebook: ``render.NOTEBOOK`` (not imported from there, as importing ``render`` loads nbformat,
#: whose schema validator takes seconds to import, and a batch with nothing to render should not wait for it).
NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "laporan_skm.ipynb"

#: The record of what a report was made from, inside its output folder.
MANIFEST = ".masukan.json"
#: The record of inputs that failed for a reason only a change of the inputs can cure (bad data or parameters).
FAILED_MANIFEST = ".masukan-gagal.json"
#: Attempts of a unit-period whose worker process died (a crash of the pool, not an error of the report).
MAX_ATTEMPTS = 2


@dataclass
class BatchItem:
    """One unit-period to render."""

    params_path: Path
    unit: str = ""
    slug: str = ""
    periode: str = ""
    fingerprint: dict[str, Any] = field(default_factory=dict)
    attempts: int = 0


@dataclass
class BatchOutcome:
    """What became of one unit-period: ``status`` is ``selesai``, ``dilewati`` or ``gagal``."""

    params_path: Path
    unit: str
    periode: str
    status: str
    ikm_konversi: float | None = None
    mutu: str | None = None
    n_responden: int | None = None
    galat: str | None = None
    seconds: float = 0.0
    folder: str | None = None


@dataclass
class BatchReport:
    """All outcomes of one batch, in the order of the parameter files."""

    outcomes: list[BatchOutcome]
    seconds: float = 0.0

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)

    @property
    def failed(self) -> list[BatchOutcome]:
        return [o for o in self.outcomes if o.status == "gagal"]


# ---------------------------------------------------------------------------- which files


def _is_base(path: Path) -> bool:
    return path.name.startswith(("_", "."))


def expand_params(specs: Iterable[str | Path]) -> list[Path]:
    """Parameter files from files, folders (searched recursively) and glob patterns.

    Common files (``_umum-2025-S2.yaml``: a name starting with ``_``) and files another one names as
    its ``dasar`` are not unit-periods and are left out. Raises :class:`IkmError` naming each spec
    that matched nothing.
    """
    found: dict[Path, None] = {}
    missing = []
    for spec in specs:
        p = Path(spec)
        if p.is_dir():
            paths = sorted(q for q in p.rglob("*.y*ml") if not any(part.startswith(".") for part in q.parts[-2:]))
        elif p.is_file():
            paths = [p]
        else:
            paths = sorted(Path(g) for g in glob.glob(str(spec), recursive=True) if Path(g).is_file())
        paths = [q for q in paths if q.suffix in (".yaml", ".yml") and (p.is_file() or not _is_base(q))]
        if not paths:
            missing.append(str(spec))
        found.update((q.resolve(), None) for q in paths)
    if missing:
        raise IkmError("Tidak ada berkas parameter (*.yaml) pada: " + ", ".join(missing))
    bases: set[Path] = set()
    for q in found:
        try:
            _, files = read_raw_params(q)
        except IkmError:
            continue  # reported when the batch loads it
        bases.update(files[1:])
    return [q for q in found if q not in bases]


# ---------------------------------------------------------------------------- resume


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


@functools.lru_cache(maxsize=8)
def _sha256_cached(path: Path, _mtime_ns: int) -> str:
    return _sha256(path)


def fingerprint(
    params_path: Path, notebook: Path, formats: Collection[str] | None, params: Any = None
) -> dict[str, Any]:
    """What a unit-period's report is made from: data SHA-256, merged parameters, notebook, version, formats.

    ``params`` (the loaded parameters of ``params_path``) saves loading them again.
    """
    from ikm_utils import __version__

    params = params or load_params(params_path)
    raw, _ = read_raw_params(params_path)
    text = json.dumps(raw, sort_keys=True, ensure_ascii=False, default=str)
    return {
        "data_sha256": _sha256(params.data_path()),
        "parameter_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "notebook_sha256": _sha256_cached(notebook, notebook.stat().st_mtime_ns),
        "versi": __version__,
        "format": None if formats is None else sorted(formats),
    }


def history_digest(outputs_root: Path, slug: str, periode: str) -> str:
    """SHA-256 over the ringkasan.json of the unit's periods before ``periode``.

    A report reads them for its trend and for the follow-up of the previous period's RTL, so a
    period rendered again (in this batch or outside it, with ``ikm render``) makes the later
    periods out of date. Staging and failed-run folders are not reports and do not count.
    """
    try:
        current = parse_period(periode)
    except (ValueError, TypeError):
        current = None
    h = hashlib.sha256()
    for path in sorted((outputs_root / slug).glob("*/ringkasan.json")):
        name = path.parent.name
        if name.startswith((".", "_")):
            continue
        try:
            earlier = current is None or parse_period(name) < current
        except (ValueError, TypeError):
            earlier = True  # a folder named otherwise may still be read as history: count it
        if earlier:
            h.update(f"{name}\0{_sha256(path)}\n".encode())
    return h.hexdigest()


def _recorded(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def is_current(folder: Path, fp: dict[str, Any]) -> bool:
    """Whether the report in ``folder`` was made from exactly ``fp`` and is still there."""
    return _recorded(folder / MANIFEST).get("masukan") == fp and (folder / "ringkasan.json").is_file()


def known_failure(folder: Path, fp: dict[str, Any]) -> str | None:
    """The error of an earlier run from exactly ``fp`` that failed on its data or parameters, if any."""
    recorded = _recorded(folder / FAILED_MANIFEST)
    return recorded.get("galat") if recorded.get("masukan") == fp else None


# ---------------------------------------------------------------------------- one task


def _render_kwargs(formats: Collection[str] | None) -> dict[str, Any]:
    """The format argument of ``render_report``: ``formats=`` (contract 1) or the older ``to=``."""
    from ikm_utils.publish.render import render_report

    names = inspect.signature(render_report).parameters
    if "formats" in names:
        return {"formats": None if formats is None else tuple(formats)}
    return {"to": tuple(formats) if formats else ("html",)}


def render_task(
    params_path: str,
    outputs_root: str,
    formats: Collection[str] | None,
    notebook: str,
    fp: dict[str, Any],
) -> dict[str, Any]:
    """Render one unit-period and record its inputs; never raises (the error is returned).

    Runs in a pool worker or on a Dask worker: arguments and result are plain data.
    """
    from ikm_utils.errors import DataValidationError
    from ikm_utils.params import ParamsError
    from ikm_utils.publish.render import render_report
    from ikm_utils.publish.ringkasan import write_json

    start = time.perf_counter()
    try:
        result = render_report(params_path, outputs_root=outputs_root, progress=lambda _line: None,
                               notebook=notebook, **_render_kwargs(formats))
        summary = json.loads((result.folder / "ringkasan.json").read_text(encoding="utf-8"))
        write_json({"masukan": fp, "berkas_parameter": params_path}, result.folder / MANIFEST)
        return {"status": "selesai", "ikm_konversi": summary.get("ikm_konversi"), "mutu": summary.get("mutu"),
                "n_responden": summary.get("n_responden"), "seconds": time.perf_counter() - start,
                "folder": str(result.folder)}
    except Exception as exc:  # isolation: one unit's failure is its own result
        if isinstance(exc, IkmError):
            text = str(exc)
        else:  # a fault of the program, not of the inputs: keep where it happened
            import traceback

            text = f"{type(exc).__name__}: {exc}\n" + "".join(traceback.format_exc(limit=-3).splitlines(True)[1:])
        if isinstance(exc, DataValidationError | ParamsError):  # the same inputs fail the same way: remember
            try:
                params = load_params(params_path)
                folder = report_dir(outputs_root, params.unit.kode, params.periode)
                folder.mkdir(parents=True, exist_ok=True)
                write_json({"masukan": fp, "galat": text}, folder / FAILED_MANIFEST)
            except (IkmError, OSError):
                pass
        return {"status": "gagal", "galat": text, "seconds": time.perf_counter() - start}


# ---------------------------------------------------------------------------- the batch


def _progress_bar(total: int, enabled: bool):
    from tqdm import tqdm

    return tqdm(total=total, desc="ikm batch", unit="laporan", file=sys.stderr, disable=not enabled,
                bar_format="{desc} {bar:20} {n_fmt}/{total_fmt} [lewat {elapsed}, perkiraan sisa {remaining}]",
                mininterval=0.2, dynamic_ncols=True)


def _describe(bar: Any, counts: dict[str, int]) -> None:
    bar.set_description_str(f"ikm batch: selesai {counts['selesai']}, gagal {counts['gagal']}, "
                            f"dilewati {counts['dilewati']}", refresh=False)


def _plan(paths: Sequence[Path], notebook: Path, formats, outcomes: dict[Path, BatchOutcome]):
    """Load each file (a bad one becomes a failed outcome) and group the rest by unit, oldest period first.

    Two files for the same unit-period (same output folder) would overwrite each other: the second fails.
    """
    chains: dict[str, list[tuple[Any, BatchItem]]] = {}
    seen: dict[tuple[str, str], Path] = {}
    for path in paths:
        try:
            params = load_params(path)
            fp = fingerprint(path, notebook, formats, params)
            first = seen.setdefault((params.unit.kode, params.periode), path)
            if first != path:
                raise IkmError(f"Unit-periode ganda: {params.unit.kode} {params.periode} juga dari {first}; "
                               "ubah unit.slug atau periode salah satunya.")
        except (IkmError, OSError) as exc:
            outcomes[path] = BatchOutcome(path, path.parent.name + "/" + path.stem, path.stem, "gagal", galat=str(exc))
            continue
        item = BatchItem(path, params.unit.nama, params.unit.kode, params.periode, fp)
        chains.setdefault(params.unit.kode, []).append((params.period, item))
    queues = {slug: deque(i for _, i in sorted(chain, key=lambda pi: pi[0])) for slug, chain in chains.items()}
    return queues


def run_batch(
    specs: Iterable[str | Path],
    *,
    jobs: int | None = None,
    outputs_root: str | Path = "outputs",
    formats: Collection[str] | None = None,
    force: bool = False,
    dask: str | None = None,
    notebook: str | Path = NOTEBOOK,
    progress: bool = True,
) -> BatchReport:
    """Render every unit-period of ``specs`` (files, folders, globs) and return what became of each.

    Parameters
    ----------
    specs
        Parameter files, folders of them (recursive) or glob patterns.
    jobs
        Renders at once in the local pool (default: the number of cores). Ignored with ``dask``.
    outputs_root
        The outputs folder (with ``dask``: a path the workers see too).
    formats
        Output formats passed to ``render_report`` (``None``: its default).
    force
        Render even unit-periods whose inputs are unchanged.
    dask
        Address of a Dask scheduler (``tcp://host:8786``): each render is a task on the cluster.
    notebook
        The report notebook.
    progress
        Show the progress bar on stderr.
    """
    import os

    start = time.perf_counter()
    outputs_root, notebook = Path(outputs_root).resolve(), Path(notebook).resolve()
    paths = expand_params(specs)
    outcomes: dict[Path, BatchOutcome] = {}
    queues = _plan(paths, notebook, formats, outcomes)
    total = len(paths)
    bar = _progress_bar(total, progress)
    counts = {"selesai": 0, "gagal": len(outcomes), "dilewati": 0}

    def record(item: BatchItem, status: str, **kw: Any) -> None:
        outcomes[item.params_path] = BatchOutcome(item.params_path, item.unit, item.periode, status, **kw)
        counts[status] += 1
        _describe(bar, counts)
        bar.update(1)

    _describe(bar, counts)
    bar.update(counts["gagal"])

    def next_task(slug: str) -> BatchItem | None:
        queue = queues[slug]
        while queue:
            item = queue.popleft()
            folder = report_dir(outputs_root, item.slug, item.periode)
            # now, not when planned: an earlier period rendered in this run has its new summary by now,
            # so the later periods of its unit are out of date and rendered too
            item.fingerprint = {**item.fingerprint,
                                "riwayat_sha256": history_digest(outputs_root, item.slug, item.periode)}
            if not force and is_current(folder, item.fingerprint):
                summary = json.loads((folder / "ringkasan.json").read_text(encoding="utf-8"))
                record(item, "dilewati", ikm_konversi=summary.get("ikm_konversi"), mutu=summary.get("mutu"),
                       n_responden=summary.get("n_responden"), folder=str(folder))
                continue
            failed = None if force else known_failure(folder, item.fingerprint)
            if failed is not None:  # bad data or parameters, unchanged since: the same error, not run again
                record(item, "gagal", galat=failed + "\n(masukan tidak berubah sejak percobaan lalu; tidak dijalankan "
                       "ulang)")
                continue
            return item
        return None

    first = {slug: next_task(slug) for slug in list(queues)}
    todo = {slug: item for slug, item in first.items() if item is not None}
    backend = None
    if todo:
        from ikm_utils.publish.executors import DaskBackend, PoolBackend

        backend = DaskBackend(dask) if dask else PoolBackend(max(1, min(jobs or os.cpu_count() or 1, len(todo))))
    try:
        running: dict[Any, BatchItem] = {}

        def submit(item: BatchItem) -> None:
            item.attempts += 1
            fut = backend.submit(render_task, str(item.params_path), str(outputs_root),
                                 None if formats is None else list(formats), str(notebook), item.fingerprint)
            running[fut] = item

        def finish(item: BatchItem, result: dict[str, Any]) -> None:
            status = result.pop("status")
            record(item, status, **result)
            following = next_task(item.slug)
            if following is not None:
                submit(following)

        for item in todo.values():
            submit(item)
        while running:
            for fut in backend.wait_one(list(running)):
                item = running.pop(fut, None)
                if item is None:  # already resubmitted after a crash of the pool
                    continue
                try:
                    result = fut.result()
                except Exception as exc:  # the worker itself died, or the cluster lost the task
                    retry = [item]
                    if backend.crashed(exc):  # the whole pool went down with it
                        retry += list(running.values())
                        running.clear()
                    for again in retry:
                        if again.attempts < MAX_ATTEMPTS and not dask:
                            submit(again)
                        else:
                            finish(again, {"status": "gagal", "galat": "proses pekerja berhenti mendadak "
                                           f"({type(exc).__name__}: {exc})"})
                    continue
                finish(item, result)
    finally:
        bar.close()
        if backend is not None:
            backend.close()
    ordered = [outcomes[p] for p in paths if p in outcomes]
    return BatchReport(outcomes=ordered, seconds=time.perf_counter() - start)


# ---------------------------------------------------------------------------- the summary


def summary_table(report: BatchReport) -> str:
    """The batch summary (Indonesian): one row per unit-period, then every error in full."""
    from ikm_utils.method.indonesian import format_number

    rows = [("Unit", "Periode", "IKM", "Mutu", "Keterangan")]
    for o in report.outcomes:
        ikm = "–" if o.ikm_konversi is None else format_number(o.ikm_konversi, 2)
        if o.status == "gagal":
            note = "GAGAL: " + (o.galat or "").splitlines()[0][:90]
        elif o.status == "dilewati":
            note = "dilewati (masukan tidak berubah)"
        else:
            note = f"selesai ({format_number(o.seconds, 1)} detik)"
        rows.append((o.unit, o.periode, ikm, o.mutu or "–", note))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r[:4], widths, strict=True)) + "  " + r[4] for r in rows]
    lines.insert(1, "-" * min(120, max(len(line) for line in lines)))
    n = len(report.outcomes)
    lines.append("")
    lines.append(f"{n} unit-periode: {report.count('selesai')} selesai, {report.count('dilewati')} dilewati, "
                 f"{report.count('gagal')} gagal; {format_number(report.seconds, 1)} detik.")
    for o in report.failed:
        lines.append("")
        lines.append(f"Galat {o.unit} ({o.periode}), {o.params_path}:")
        lines += [f"  {line}" for line in (o.galat or "").splitlines()]
    return "\n".join(lines) + "\n"


__all__ = [
    "FAILED_MANIFEST",
    "MANIFEST",
    "BatchOutcome",
    "BatchReport",
    "expand_params",
    "fingerprint",
    "is_current",
    "known_failure",
    "render_task",
    "run_batch",
    "summary_table",
]
