"""Earlier periods of a unit, for the trend: rendered reports first, hand-typed history second.

Two sources, one table ordered by period:

- ``outputs/<unit-slug>/*/ringkasan.json``: every period rendered with this tool;
- ``riwayat`` in the parameter file: periods from before the tool (typed from old reports).

Each period keeps the scheme and the grade it was reported with: nothing is re-graded under
today's scheme (an IKM of 64,43 was B under KepMenPAN 25/2004 and stays B). When both sources give
the same period the rendered report wins, and its ``catatan`` says that the typed value was set aside.
Only periods before the report's own period are returned.

A rendered period also brings the 95% interval of its IKM (``ikm_konversi_ci95`` of its
ringkasan.json, columns ``ci95_bawah``/``ci95_atas``) and the path of that file (``ringkasan``);
typed periods have neither.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from ikm_utils.method.grading import grade
from ikm_utils.method.indonesian import format_number
from ikm_utils.method.periods import Period, parse_period
from ikm_utils.method.schemes import get_scheme, scheme_ids

#: The columns of the history table, in order.
COLUMNS = [
    "periode",
    "label",
    "ikm_konversi",
    "mutu",
    "kinerja",
    "skema",
    "regulasi",
    "n_responden",
    "sumber",
    "catatan",
    "ci95_bawah",
    "ci95_atas",
    "ringkasan",
]
#: ``sumber`` of a period read from a rendered report / typed in the parameters.
FROM_REPORT, FROM_PARAMS = "laporan", "riwayat"


def _base_scheme(scheme_id: str | None) -> str | None:
    """The preset a stored scheme id rests on (``permen14_2017+kustom`` -> ``permen14_2017``)."""
    if not scheme_id:
        return None
    base = str(scheme_id).split("+", 1)[0]
    return base if base in scheme_ids() else None


def _regulasi(scheme_id: str | None) -> str | None:
    base = _base_scheme(scheme_id)
    return None if base is None else get_scheme(base).regulasi


def _kinerja(scheme_id: str | None, mutu: str | None) -> str | None:
    """The performance label of a stored grade letter, from that period's own grade table."""
    base = _base_scheme(scheme_id)
    if base is None or mutu is None:
        return None
    return next((b.kinerja for b in get_scheme(base).tabel_mutu.kelas if b.mutu == mutu), None)


def _interval(value: Any, estimate: Any) -> tuple[float, float] | None:
    """``[lower, upper]`` from a ringkasan, when it is two numbers around the IKM; else ``None``.

    The IKM in a ringkasan is rounded to 2 decimals, the interval is around the exact value: a
    bound may sit up to 0,005 inside the rounded IKM.

    >>> _interval([80.9, 82.7], 81.86), _interval([82.7, 80.9], 81.86), _interval(None, 81.86)
    ((80.9, 82.7), None, None)
    """
    try:
        lo, hi = (float(v) for v in value)
        ikm = float(estimate)
    except (TypeError, ValueError):
        return None
    slack = 0.005 + 1e-9
    return (lo, hi) if lo - slack <= ikm <= hi + slack and lo <= hi else None


def _from_reports(folder: Path, notes: list[str]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    if not folder.is_dir():
        return found
    for path in sorted(folder.glob("*/ringkasan.json")):
        if path.parent.name.startswith((".", "_")):
            continue  # staging folders and failed runs are not reports
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            periode = parse_period(data.get("periode") or path.parent.name).id
            ikm = data["ikm_konversi"]
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            notes.append(f"{path}: dilewati, tidak dapat dibaca sebagai ringkasan ({exc})")
            continue
        if periode in found:
            notes.append(f"{path}: dilewati, periode {periode} sudah dibaca dari {found[periode]['_path']}")
            continue
        skema = data.get("skema")
        mutu = data.get("mutu")
        ci = _interval(data.get("ikm_konversi_ci95"), ikm)
        if ci is None and data.get("ikm_konversi_ci95") is not None:
            notes.append(f"{path}: ikm_konversi_ci95 tidak dipakai (bukan [bawah, atas] yang memuat nilai IKM)")
        found[periode] = {
            "periode": periode,
            "ikm_konversi": None if ikm is None else float(ikm),
            "mutu": mutu,
            "kinerja": data.get("kinerja") or _kinerja(skema, mutu),
            "skema": skema,
            "n_responden": data.get("n_responden"),
            "sumber": FROM_REPORT,
            "catatan": None,
            "ci95_bawah": None if ci is None else ci[0],
            "ci95_atas": None if ci is None else ci[1],
            "ringkasan": str(path),
            "_path": path,
        }
    return found


def _from_params(riwayat: list[Any]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for r in riwayat:
        mutu, note = r.mutu, r.catatan
        if mutu is None:
            # Graded here only because it was not typed, and with that period's own table.
            table = get_scheme(r.skema).tabel_mutu
            mutu = grade(r.ikm_konversi, table).mutu
            extra = f"mutu dihitung dari nilai dengan tabel {table.regulasi}"
            note = f"{note}; {extra}" if note else extra
        found[r.periode] = {
            "periode": r.periode,
            "ikm_konversi": float(r.ikm_konversi),
            "mutu": mutu,
            "kinerja": _kinerja(r.skema, mutu),
            "skema": r.skema,
            "n_responden": r.n_responden,
            "sumber": FROM_PARAMS,
            "catatan": note,
        }
    return found


def load_history(outputs_root: str | Path, unit_slug: str, params: Any) -> pd.DataFrame:
    """The unit's periods before ``params.periode``, oldest first.

    Parameters
    ----------
    outputs_root
        The outputs folder (``outputs``); reports are read from ``<outputs_root>/<unit_slug>/*/``.
    unit_slug
        The unit's folder name (``Params.unit.kode``).
    params
        The report's parameters (:class:`ikm_utils.params.Params`): its ``periode`` bounds the
        history and its ``riwayat`` adds periods typed by hand.

    Returns
    -------
    pandas.DataFrame
        One row per period with :data:`COLUMNS` (``label`` like ``Semester II 2023``, ``sumber``
        ``laporan`` or ``riwayat``). ``attrs["pesan"]`` lists reports that were skipped and why.
    """
    current: Period = parse_period(params.periode)
    notes: list[str] = []
    reports = _from_reports(Path(outputs_root) / unit_slug, notes)
    typed = _from_params(list(getattr(params, "riwayat", []) or []))
    rows: dict[str, dict[str, Any]] = dict(typed)
    for periode, row in reports.items():
        if periode in typed:
            t = typed[periode]
            row["catatan"] = (
                f"dari laporan periode itu; nilai yang dicatat manual "
                f"({format_number(t['ikm_konversi'])}, mutu {t['mutu']}) tidak dipakai"
            )
            notes.append(f"periode {periode}: {row['catatan']}")
        rows[periode] = row
    kept = sorted(
        (r for r in rows.values() if parse_period(r["periode"]) < current), key=lambda r: parse_period(r["periode"])
    )
    records = [
        {**{c: r.get(c) for c in COLUMNS}, "label": parse_period(r["periode"]).label, "regulasi": _regulasi(r["skema"])}
        for r in kept
    ]
    table = pd.DataFrame(records, columns=COLUMNS)
    table["ikm_konversi"] = table["ikm_konversi"].astype("Float64")
    table["n_responden"] = table["n_responden"].astype("Int64")
    for col in ("ci95_bawah", "ci95_atas"):
        table[col] = table[col].astype("Float64")
    table.attrs["pesan"] = notes
    return table
