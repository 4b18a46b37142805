"""The report's appendix tables (Lampiran): questionnaire, per-respondent processing, data quality, provenance.

Same conventions as ``ikm_utils.report.tables``: numbers stay numbers, display decimals in
``df.attrs["format"]``, closing total rows counted in ``df.attrs["total_rows"]``.
"""

from __future__ import annotations

import hashlib
import platform
from collections.abc import Mapping, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ikm_utils.method.compute import Summary
from ikm_utils.method.indonesian import format_number
from ikm_utils.method.schemes import Scheme
from ikm_utils.report.tables import LISTING, PROFILE_LABELS, with_format

#: Packages whose versions the provenance table lists.
PACKAGES = ("ikm-report", "pandas", "numpy", "matplotlib", "seaborn", "papermill", "nbconvert", "pydantic")
POLICY_TEXT = {
    "stop": "stop (pengolahan berhenti bila ada nilai tidak valid)",
    "exclude": "exclude (respons bergalat dikecualikan dan dicantumkan di Lampiran 3)",
}
_TARGET_LABELS = {**PROFILE_LABELS, "tanggal": "Tanggal survei", "usia": "Usia", "saran": "Saran",
                  "id_responden": "ID responden"}


def questionnaire_table(scheme: Scheme, mapping: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The scheme's unsur with their answer labels 1-4 and, when known, the question in the data file."""
    mapping = mapping or {}
    rows = []
    for i, u in enumerate(scheme.unsur, start=1):
        row = {"No": i, "Kode": u.kode, "Unsur": u.nama}
        row.update({f"{v} ({'abcd'[v - 1]})": u.label[v - 1] for v in (1, 2, 3, 4)})
        source = mapping.get(u.kode)
        if mapping:
            row["Pertanyaan / kolom pada berkas"] = source if source and source != u.kode else "–"
        rows.append(row)
    return with_format(pd.DataFrame(rows), {})


#: Respondents listed in the page's Lampiran 2; all of them are in :data:`RESPONDENT_CSV` beside the report.
RESPONDENT_ROWS_SHOWN = 1000
#: The file beside the report with every counted respondent's scores (written by ``ikm render``).
RESPONDENT_CSV = "olah_data_responden.csv"


def respondent_frame(data: pd.DataFrame, scheme: Scheme) -> pd.DataFrame:
    """Each counted respondent's scores per unsur and their sum (``No``, ``Baris data``, unsur, ``Jumlah``)."""
    codes = scheme.codes
    answered = data[data[codes].notna().any(axis=1)]
    df = pd.DataFrame({"No": np.arange(1, len(answered) + 1)})
    if "baris" in answered.columns:
        df["Baris data"] = answered["baris"].to_numpy()
    for c in codes:
        df[c] = answered[c].to_numpy(dtype=float)
    df["Jumlah"] = answered[codes].sum(axis=1, min_count=1).to_numpy(dtype=float)
    return df


def respondent_table(
    data: pd.DataFrame, summary: Summary, scheme: Scheme, limit: int | None = RESPONDENT_ROWS_SHOWN
) -> pd.DataFrame:
    """Lampiran 2: each counted respondent's scores per unsur and their sum, then the totals per unsur.

    The closing rows are *Jumlah nilai*, *n* (respondents who answered the unsur), *NRR* and
    *NRR tertimbang*; a blank answer stays blank and is not counted in that unsur's n. With more
    than ``limit`` respondents only the first ``limit`` are listed, followed by a row saying how
    many more there are and where they are (:data:`RESPONDENT_CSV`); the totals cover everyone.
    """
    codes = scheme.codes
    df = respondent_frame(data, scheme)
    hidden = 0 if limit is None else max(len(df) - limit, 0)
    if hidden:
        df = df.iloc[:limit]
    df = df.astype(object)
    label_col = "Baris data" if "Baris data" in df.columns else "No"
    if hidden:
        row = {c: None for c in df.columns}
        row[label_col] = (f"… {format_number(hidden, 0)} responden berikutnya tidak dicetak; nilai setiap "
                          f"responden ada pada berkas pendamping {RESPONDENT_CSV}")
        df.loc[len(df)] = row
    footer = [
        ("Jumlah nilai", {u.kode: u.jumlah_nilai for u in summary.unsur}, 0),
        ("n (menjawab)", {u.kode: u.n for u in summary.unsur}, 0),
        ("NRR", {u.kode: u.nrr for u in summary.unsur}, 3),
        ("NRR tertimbang", {u.kode: u.nrr_tertimbang for u in summary.unsur}, 3),
    ]
    row_decimals = {}
    for name, values, decimals in footer:
        row = {c: None for c in df.columns}
        row["No"] = None
        row[label_col] = name
        row.update(values)
        if name == "NRR tertimbang":
            row["Jumlah"] = summary.ikm
        df.loc[len(df)] = row
        row_decimals[len(df) - 1] = decimals
    # the "… more respondents" row closes the list like the totals (bold, blanks left empty)
    out = with_format(df, {"Baris data": "id", **{c: 0 for c in [*codes, "Jumlah"]}},
                      total_rows=len(footer) + (1 if hidden else 0))
    out.attrs["row_decimals"] = row_decimals
    out.attrs[LISTING] = True  # one typed line per respondent (display.listing_html)
    return out


#: Excluded responses listed one by one; beyond this they are counted per reason.
EXCLUDED_ROWS_SHOWN = 200


def excluded_table(responses: Any, limit: int = EXCLUDED_ROWS_SHOWN) -> pd.DataFrame:
    """Responses left out under ``kebijakan: exclude``: their spreadsheet row and why.

    Beyond ``limit`` responses the rest are summarised in one closing row (how many, the rows).
    """
    excluded = getattr(responses, "excluded", None)
    if excluded is None or not len(excluded):
        return with_format(pd.DataFrame(columns=["No", "Baris data", "Alasan"]), {})
    shown = excluded.iloc[:limit]
    df = pd.DataFrame(
        {
            "No": np.arange(1, len(shown) + 1),
            "Baris data": shown["baris"].to_numpy(),
            "Alasan": shown["alasan"].astype(str).to_numpy(),
        }
    )
    if len(excluded) > limit:
        rest = excluded["baris"].to_numpy()[limit:].tolist()
        df = df.astype(object)
        df.loc[len(df)] = {"No": None, "Baris data": None,
                           "Alasan": f"… {format_number(len(rest), 0)} respons lain dikecualikan (baris "
                                     f"{_rows_text(rest)})"}
    return with_format(df, {"Baris data": "id"})


def _rows_text(rows: Sequence[int], limit: int = 12) -> str:
    shown = ", ".join(str(r) for r in rows[:limit])
    return shown + (f", … ({len(rows)} baris)" if len(rows) > limit else "")


def problems_table(problems: Sequence[Any], severity: str | None = "warning") -> pd.DataFrame:
    """Problems grouped by kind, column and value: how many, in which rows, what was expected.

    ``severity`` keeps only ``"warning"`` or ``"error"`` problems (``None``: all).
    """
    from ikm_utils.intake.validate import KINDS

    groups: dict[tuple, dict[str, Any]] = {}
    for p in problems:
        if severity is not None and p.severity != severity:
            continue
        title = KINDS.get(p.kind, (None, p.kind))[1]
        key = (title, p.column, p.value, p.expected)
        g = groups.setdefault(key, {"rows": [], "count": 0})
        g["count"] += getattr(p, "count", 1)
        if p.row is not None:
            g["rows"].append(p.row)
    rows = [
        {
            "No": i,
            "Masalah": title,
            "Kolom": column or "–",
            "Nilai": value if value is not None else "–",
            "Diharapkan": expected or "–",
            "Jumlah": g["count"],
            "Baris data": _rows_text(g["rows"]) if g["rows"] else "seluruh berkas",
        }
        for i, ((title, column, value, expected), g) in enumerate(groups.items(), start=1)
    ]
    columns = ["No", "Masalah", "Kolom", "Nilai", "Diharapkan", "Jumlah", "Baris data"]
    return with_format(pd.DataFrame(rows, columns=columns), {})


def mapping_table(responses: Any, scheme: Scheme) -> pd.DataFrame:
    """The column mapping used: each unsur or profile field and the header it was read from."""
    mapping = dict(getattr(responses, "mapping", {}) or {})
    names = {u.kode: u.nama for u in scheme.unsur}
    rows = [
        {"Sasaran": target, "Keterangan": names.get(target) or _TARGET_LABELS.get(target, target),
         "Kolom pada berkas": header}
        for target, header in mapping.items()
    ]
    order = {c: i for i, c in enumerate(scheme.codes)}
    rows.sort(key=lambda r: (0, order[r["Sasaran"]]) if r["Sasaran"] in order else (1, 0))
    for i, r in enumerate(rows, start=1):
        r["No"] = i
    return with_format(pd.DataFrame(rows, columns=["No", "Sasaran", "Keterangan", "Kolom pada berkas"]), {})


def _sha256(path: Path | None) -> str:
    if path is None or not Path(path).is_file():
        return "–"
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def package_versions(names: Sequence[str] = PACKAGES) -> dict[str, str]:
    """Installed versions of the packages the report depends on (and Python's)."""
    out = {"python": platform.python_version()}
    for name in names:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "tidak terpasang"
    return out


def provenance_table(ctx: Any) -> pd.DataFrame:
    """Where the figures come from: data file and its SHA-256, parameters, scheme, rules, versions."""
    params, responses, result = ctx.params, ctx.responses, ctx.result
    scheme = result.skema
    weights = "tepat 1/k (exact)" if result.bobot_mode == "exact" else "legacy (seperti tercetak di pedoman)"
    if scheme.bobot is not None:
        weights = "bobot unit: " + ", ".join(f"{u.kode} {w}" for u, w in zip(scheme.unsur, scheme.bobot, strict=True))
    versions = package_versions()
    rows = [
        ("Berkas data", Path(responses.source).name),
        ("SHA-256 berkas data", responses.sha256),
        ("Berkas parameter", Path(ctx.params_path).name),
        ("SHA-256 berkas parameter", _sha256(ctx.params_path)),
        ("Unit (slug) dan periode", f"{params.unit.kode} / {params.periode}"),
        ("Analisis tambahan", "bootstrap persentil, 2.000 pengambilan ulang, seed 2017 (dapat diulang persis)"),
        ("Skema", f"{scheme.id} — {scheme.regulasi}"),
        ("Tabel mutu", f"{scheme.tabel_mutu.id} — {scheme.tabel_mutu.regulasi}"),
        ("Bobot", weights),
        ("Aturan pembulatan", "nilai skala 25–100 dibulatkan 2 desimal setengah ke atas (half-up, aritmetika "
                              "desimal eksak), lalu dinilai dengan batas bawah tabel mutu"),
        ("Kebijakan data tidak valid", POLICY_TEXT.get(params.data.kebijakan, params.data.kebijakan)),
        ("Respons dibaca / diolah / dikecualikan",
         f"{responses.n_read} / {result.total.n_responden} / {len(getattr(responses, 'excluded', []))}"),
        ("Versi perangkat lunak", "; ".join(f"{k} {v}" for k, v in versions.items())),
    ]
    return with_format(pd.DataFrame(rows, columns=["Uraian", "Nilai"]), {})
