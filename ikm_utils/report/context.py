"""Everything the semester report shows, read and computed once: :func:`prepare_report`.

The report notebook calls :func:`prepare_report` in its first cell and then only formats what the
returned :class:`ReportContext` holds (``narrative``, ``tables``, ``plots``, ``display``). The
runner (``render.py``) calls it too, before the notebook runs, so bad data stop a render early.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ikm_utils.method.compute import IkmResult, Summary, compute_ikm
from ikm_utils.method.sample import SampleCheck, check_sample
from ikm_utils.method.schemes import Scheme
from ikm_utils.params import Params, load_params

#: Profile columns computed per group and shown in BAB III when the data have them.
PROFILE_COLUMNS = ("jenis_kelamin", "usia_kelompok", "pendidikan", "pekerjaan", "jenis_layanan")
#: The file in a render's staging folder holding the analysis the runner computed, for the kernel.
ANALYSIS_CACHE = ".analisis.pickle"
#: The environment variable naming that file (set by the runner only while the kernel runs).
ANALYSIS_CACHE_ENV = "IKM_ANALISIS_CACHE"
#: The project folder (holds ``params/``, ``notebooks/``, ``outputs/``).
PROJECT_ROOT = Path(__file__).resolve().parents[2]


@dataclass
class ReportContext:
    """The inputs and results of one unit's report for one period.

    Attributes
    ----------
    params
        The validated parameters (:class:`ikm_utils.params.Params`).
    responses
        The ingested responses (``ikm_utils.intake.ingest.Responses``): kept rows, problems, exclusions.
    result
        The IKM of the unit and of every group (``params.kelompok`` plus the profile columns).
    sample
        The Krejcie-Morgan check, or ``None`` when the parameters give no population.
    history
        Earlier periods of the unit, oldest first (``ikm_utils.report.history.load_history``; empty when
        there are none).
    params_path, outputs_root
        Where the parameters were read and where earlier reports are looked for.
    """

    params: Params
    responses: Any
    result: IkmResult
    sample: SampleCheck | None
    history: pd.DataFrame
    params_path: Path
    outputs_root: Path | None = None
    notes: list[str] = field(default_factory=list)
    _additional: Any = field(default=None, init=False, repr=False, compare=False)

    @property
    def summary(self) -> Summary:
        """The unit's summary (all respondents)."""
        return self.result.total

    @property
    def scheme(self) -> Scheme:
        """The scheme the period is computed under."""
        return self.result.skema

    @property
    def data(self) -> pd.DataFrame:
        """The kept responses (one row per response)."""
        return self.responses.data

    def answered(self) -> pd.DataFrame:
        """The responses counted in the IKM: those with at least one unsur answered."""
        codes = self.scheme.codes
        data = self.responses.data
        return data[data[codes].notna().any(axis=1)]

    def additional(self) -> Any:
        """The "Analisis tambahan" (``report_stats.ReportAdditional``), computed once and kept.

        Seeded: the notebook and the runner (ringkasan.json) each compute it from the same inputs and
        get the same numbers.
        """
        if self._additional is None:
            from ikm_utils.report.report_stats import additional_for

            self._additional = additional_for(self)
        return self._additional

    def trend(self) -> pd.DataFrame:
        """Earlier periods and this one, oldest first (``tables.trend_data``), each with its 95% interval
        (``ci95_bawah``/``ci95_atas``; none for periods typed by hand)."""
        from ikm_utils.report.tables import trend_data

        return trend_data(self.history, self.params, self.result, self.additional().ikm_konversi_ci95)

    def rtl(self) -> pd.DataFrame:
        """The Rencana Tindak Lanjut table (``tables.rtl_table``)."""
        from ikm_utils.report.tables import rtl_table

        return rtl_table(self.params, self.summary)

    def rtl_previous(self) -> Any:
        """The previous period's RTL and its realisation (``rtl.RtlRealisation``), or ``None``."""
        from ikm_utils.report.rtl import previous_realisation

        return previous_realisation(self.params, self.params_path)

    def saran(self) -> list[str]:
        """The counted respondents' saran, masked (``saran.collect_saran``)."""
        from ikm_utils.report.saran import collect_saran

        return collect_saran(self.answered())


def _cache_key(params_path: Path, data_path: Path, outputs_root: Path | None, history: pd.DataFrame) -> str:
    """What the data and the analysis depend on: the parameter file, the data file, the earlier periods,
    the version (all known before the data are read)."""
    from importlib import metadata

    from ikm_utils.intake.ingest import file_sha256

    try:
        version = metadata.version("ikm-report")
    except metadata.PackageNotFoundError:  # run from a source tree without installing
        version = "?"
    data = file_sha256(data_path) if data_path.is_file() else "-"
    h = hashlib.sha256()
    for part in (str(params_path), params_path.read_bytes(), data, str(outputs_root), history.to_csv(), version):
        h.update(part if isinstance(part, bytes) else part.encode("utf-8"))
    return h.hexdigest()


def save_analysis(ctx: ReportContext, path: str | Path) -> Path:
    """Compute the analysis once (``ctx.additional()``) and keep it, with the data read and computed,
    for the kernel of this render.

    The runner writes it into its private staging folder; :func:`prepare_report` in the kernel
    reads it back only when the path is named by ``IKM_ANALISIS_CACHE`` and the inputs (parameter
    file, data file hash, earlier periods, version) are the same; otherwise it reads and computes on its own.
    """
    path = Path(path)
    key = _cache_key(ctx.params_path, ctx.params.data_path(), ctx.outputs_root, ctx.history)
    path.write_bytes(pickle.dumps({"key": key, "additional": ctx.additional(), "responses": ctx.responses,
                                   "result": ctx.result}))
    return path


def _load_cache(key: str) -> dict[str, Any] | None:
    """The runner's saved data and analysis when ``IKM_ANALISIS_CACHE`` names them and ``key`` matches."""
    name = os.environ.get(ANALYSIS_CACHE_ENV)
    if not name or not Path(name).is_file():
        return None
    try:
        saved = pickle.loads(Path(name).read_bytes())  # written by this render's runner moments ago
    except Exception:  # an unreadable cache is recomputed, never trusted
        return None
    return saved if isinstance(saved, dict) and saved.get("key") == key else None


def resolve_path(path: str | Path, base: Path = PROJECT_ROOT) -> Path:
    """Find a path given relative to the working folder, else relative to the project folder.

    A notebook opened in ``notebooks/`` says ``../params/...``; run from the project folder or a
    staging folder the same text still finds the file.

    >>> resolve_path("params").name
    'params'
    """
    p = Path(path)
    if p.is_absolute() or p.exists():
        return p.resolve()
    parts = list(p.parts)
    while parts and parts[0] == "..":
        parts.pop(0)
    candidate = base.joinpath(*parts) if parts else base
    return candidate.resolve() if candidate.exists() else p


def _default_outputs_root(params_path: Path) -> Path | None:
    for folder in params_path.resolve().parents:
        if (folder / "outputs").is_dir():
            return folder / "outputs"
    return None


def group_columns(params: Params, data: pd.DataFrame) -> list[str]:
    """The grouping columns to compute: ``params.kelompok`` then the profile columns, when present."""
    out: list[str] = []
    for col in [*params.kelompok, *PROFILE_COLUMNS]:
        if col in data.columns and col not in out and data[col].notna().any():
            out.append(col)
    return out


def _history(outputs_root: Path | None, params: Params, notes: list[str]) -> pd.DataFrame:
    try:
        from ikm_utils.report.history import COLUMNS, load_history
    except ImportError:  # the history module is optional: then there is simply no trend
        notes.append("belum ada riwayat")
        return pd.DataFrame()
    root = outputs_root if outputs_root is not None else PROJECT_ROOT / "outputs"
    table = load_history(root, params.unit.kode, params)
    notes.extend(table.attrs.get("pesan", []))
    return table if len(table) else pd.DataFrame(columns=COLUMNS)


def prepare_report(params_path: str | Path, outputs_root: str | Path | None = None) -> ReportContext:
    """Load the parameters and the data, compute the IKM, the sample check and the history.

    Parameters
    ----------
    params_path
        The unit's parameter file (``params/<unit>/<periode>.yaml``); a relative path is tried
        from the working folder first, then from the project folder.
    outputs_root
        The folder holding earlier reports (``outputs/``), for the trend. Default: the nearest
        ``outputs`` folder above the parameter file.

    Returns
    -------
    ReportContext

    Raises
    ------
    ikm_utils.params.ParamsError
        The parameter file has problems.
    ikm_utils.errors.DataValidationError
        The data have errors and the parameters say ``kebijakan: stop``.
    """
    from ikm_utils.intake.ingest import load_responses

    path = resolve_path(params_path)
    params = load_params(path)
    scheme = params.scheme()
    root = None if outputs_root is None else resolve_path(outputs_root)
    if root is None:
        root = _default_outputs_root(path)
    notes: list[str] = []
    history = _history(root, params, notes)
    saved = _load_cache(_cache_key(path, params.data_path(), root, history)) if os.environ.get(ANALYSIS_CACHE_ENV) \
        else None
    if saved is not None:  # the kernel of a render: the runner read and computed these moments ago
        responses, result = saved["responses"], saved["result"]
    else:
        responses = load_responses(params.data_path(), scheme, params.ingest_options())
        by = group_columns(params, responses.data)
        result = compute_ikm(responses.data, scheme, weight_mode=params.bobot, by=by)
    sample = None if params.populasi is None else check_sample(params.populasi, result.total.n_responden)
    ctx = ReportContext(
        params=params,
        responses=responses,
        result=result,
        sample=sample,
        history=history,
        params_path=path,
        outputs_root=root,
        notes=notes,
    )
    if saved is not None:
        ctx._additional = saved["additional"]
    return ctx
