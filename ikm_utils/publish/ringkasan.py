"""``ringkasan.json``: the machine-readable summary written beside every rendered report.

It is the ``ikm compute --json`` contract (``IkmResult.to_dict()``) plus who, when and from what:
``unit``, ``periode``, ``dibuat`` (ISO 8601), ``sha256`` and name of the data file, the number of
excluded responses and why, and the Krejcie-Morgan check. Later periods read it back as history
(``history.py``), so what a period was reported with is what its trend point shows.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from datetime import datetime
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from ikm_utils.report.privacy import mask_nested

#: Keys whose values are not free text and are published as they are.
UNMASKED_KEYS = frozenset({"sha256", "dibuat", "versi"})


def _excluded_reasons(responses: Any) -> dict[str, int]:
    excluded = getattr(responses, "excluded", None)
    if excluded is None or len(excluded) == 0 or "alasan" not in excluded:
        return {}
    return dict(Counter(str(a) for a in excluded["alasan"]).most_common())


def build_ringkasan(ctx: Any, *, created: datetime | None = None) -> dict[str, Any]:
    """The summary of one rendered period.

    Parameters
    ----------
    ctx
        The report context (``ikm_utils.report.context.prepare_report``): ``params``, ``responses``,
        ``result`` (:class:`~ikm_utils.method.compute.IkmResult`) and ``sample``
        (:class:`~ikm_utils.method.sample.SampleCheck` or ``None`` without a population).
    created
        The time stamp (default: now, local time with offset).

    Returns
    -------
    dict
        ``unit`` {nama, instansi, slug}, ``periode``, ``periode_label``, ``dibuat``, then every key of
        ``IkmResult.to_dict()``, then ``berkas_data``, ``sha256``, ``n_dibaca``, ``n_dikecualikan``,
        ``alasan_dikecualikan`` {alasan: jumlah}, ``sampel`` {populasi, minimum, diperoleh, cukup},
        ``versi`` (of ikm-report) and, when the context computes the additional analysis
        (``ReportContext.additional()``), ``ikm_konversi_ci95`` [bawah, atas] (the bootstrap interval
        the report shows) and ``analisis_tambahan`` (``report_stats.ReportAdditional.to_dict()``),
        then ``realisasi_rtl_sebelumnya``: ``null`` or {periode, direncanakan, selesai, persen,
        bulan_sampai_selesai} of the previous period's RTL (``report.rtl``);
        and last ``bukti_evaluasi`` (``evaluasi.bukti_evaluasi``: the PEKPPP checklist).
        Every string (keys included) is masked (``privacy.mask_nested``) except :data:`UNMASKED_KEYS`.
    """
    from ikm_utils import __version__

    params, responses = ctx.params, ctx.responses
    created = created or datetime.now().astimezone()
    excluded = getattr(responses, "excluded", None)
    sample = getattr(ctx, "sample", None)
    additional = ctx.additional().to_dict() if callable(getattr(ctx, "additional", None)) else {}
    summary = {
        "unit": {"nama": params.unit.nama, "instansi": params.unit.instansi, "slug": params.unit.kode},
        "periode": params.periode,
        "periode_label": params.period.label,
        "dibuat": created.isoformat(timespec="seconds"),
        **ctx.result.to_dict(),
        **({"ikm_konversi_ci95": additional.pop("ikm_konversi_ci95")} if additional else {}),
        "berkas_data": params.data.berkas,
        "sha256": responses.sha256,
        "n_dibaca": getattr(responses, "n_read", None),
        "n_dikecualikan": 0 if excluded is None else len(excluded),
        "alasan_dikecualikan": _excluded_reasons(responses),
        "sampel": None if sample is None else sample.to_dict(),
        "versi": __version__,
        **additional,
        "realisasi_rtl_sebelumnya": _rtl_previous(ctx),
    }
    from ikm_utils.publish.evaluasi import bukti_evaluasi

    summary["bukti_evaluasi"] = bukti_evaluasi(ctx, summary.get("realisasi_rtl_sebelumnya"))
    # group names, categories and exclusion reasons come from respondents' cells: published masked
    return mask_nested(summary, keep=UNMASKED_KEYS)


def _rtl_previous(ctx: Any) -> dict[str, Any] | None:
    """The previous period's RTL realisation (PEKPPP): ``None`` without an earlier parameter file."""
    method = getattr(ctx, "rtl_previous", None)
    found = method() if callable(method) else None
    return None if found is None else found.to_dict()


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal | Fraction):
        return float(value)
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"tidak dapat ditulis sebagai JSON: {value!r}")


def write_json(data: dict[str, Any], path: str | Path) -> Path:
    """Write ``data`` as UTF-8 JSON (indented, non-ASCII kept), replacing ``path`` in one step.

    >>> import tempfile; p = Path(tempfile.mkdtemp()) / "r.json"
    >>> _ = write_json({"ikm_konversi": Decimal("85.85"), "unit": "Dinas Ü"}, p)
    >>> json.loads(p.read_text(encoding="utf-8"))
    {'ikm_konversi': 85.85, 'unit': 'Dinas Ü'}
    """
    path = Path(path)
    from ikm_utils.publish.outputs import umask

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.chmod(tmp, 0o666 & ~umask())  # an ordinary file's permissions, not mkstemp's private ones
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=2, default=_plain)
            fh.write("\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
