"""Data problems as records, the checks that find them, and the data-quality report.

Every problem names the file, the spreadsheet row (header = row 1; ``None`` for the whole
file), the column header as written, the value and what was expected, in one Indonesian
sentence (``message``; ``message_en`` holds the English one).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from ikm_utils.intake.limits import QUOTE_CHARS, cut

#: kind -> (severity, Indonesian title, English title). Kinds are stable codes.
KINDS: dict[str, tuple[str, str, str]] = {
    "berkas_tidak_ditemukan": ("error", "berkas tidak ditemukan", "file not found"),
    "berkas_tidak_terbaca": ("error", "berkas tidak dapat dibaca", "file cannot be read"),
    "format_tidak_didukung": ("error", "format berkas tidak didukung", "unsupported file format"),
    "lembar_tidak_ada": ("error", "lembar (sheet) tidak ada", "sheet not found"),
    "berkas_kosong": ("error", "berkas kosong", "empty file"),
    "tanpa_data": ("error", "berkas hanya berisi baris judul, tanpa jawaban", "header only, no responses"),
    "encoding_windows1252": (
        "warning",
        "berkas bukan UTF-8; dibaca sebagai Windows-1252",
        "file is not UTF-8; read as Windows-1252",
    ),
    "jumlah_kolom_salah": ("error", "jumlah sel baris tidak sama dengan jumlah judul kolom", "wrong number of cells"),
    "kolom_tidak_ada": ("error", "kolom tidak ada di berkas", "column not in the file"),
    "pemetaan_tidak_valid": ("error", "pemetaan kolom tidak valid", "invalid column mapping"),
    "kolom_unsur_hilang": ("error", "kolom unsur tidak ditemukan", "unsur column not found"),
    "kolom_unsur_skema_lain": (
        "error",
        "kolom tampak seperti unsur yang tidak ada di skema ini",
        "columns look like unsur the scheme does not have",
    ),
    "saring_tanpa_baris": ("error", "nilai saring tidak ada di kolomnya", "filter value not found in its column"),
    "kolom_unsur_ganda": ("error", "lebih dari satu kolom cocok untuk unsur", "several columns match the unsur"),
    "kolom_profil_ganda": ("warning", "lebih dari satu kolom cocok untuk data profil", "several profile columns"),
    "urutan_unsur_meragukan": (
        "warning",
        "kode kolom dan label jawabannya tidak cocok",
        "column code and its answer labels disagree",
    ),
    "nilai_tidak_valid": ("error", "nilai jawaban tidak valid", "invalid answer"),
    "item_ganda": ("error", "item yang sama diisi dua kali oleh responden", "item given twice for a respondent"),
    "duplikat_id": ("error", "ID responden ganda", "duplicate respondent id"),
    "duplikat_kiriman": ("error", "kiriman ganda (waktu dan jawaban sama)", "duplicate submission"),
    "tanggal_di_luar_periode": ("error", "tanggal di luar periode survei", "date outside the survey period"),
    "tanggal_tidak_valid": ("warning", "tanggal tidak dapat dibaca", "date cannot be read"),
    "usia_tidak_valid": ("warning", "usia tidak valid", "invalid age"),
    "kategori_tidak_dikenal": ("warning", "kategori profil tidak dikenal (disimpan apa adanya)", "unknown category"),
    "isian_bawaan_formulir": (
        "warning",
        "baris sama persis dengan isian bawaan formulir",
        "row equals the form's pre-filled defaults",
    ),
    "tanpa_jawaban_unsur": ("warning", "tidak ada jawaban unsur sama sekali", "no unsur answered"),
    "sel_terlalu_panjang": ("error", "sel terlalu panjang", "cell too long"),
    "rumus_tanpa_nilai": (
        "error",
        "sel berisi rumus tanpa nilai tersimpan (akan terbaca kosong)",
        "formula cells without a cached value (would read as blank)",
    ),
    "lembar_dibaca": ("warning", "lembar XLSX yang dibaca", "XLSX sheet read"),
}


@dataclass
class Problem:
    """One data problem: where it is, what was found, what was expected."""

    kind: str
    severity: str
    file: str
    row: int | None
    column: str | None
    value: str | None
    expected: str | None
    message: str
    message_en: str = ""
    #: How many data rows the problem stands for (an unknown category is reported once, at its first row).
    count: int = 1


def _sentence(
    lang: str, kind: str, name: str, row: int | None, column: str | None, value: str | None, expected: str | None,
    note: str | None,
) -> str:
    words = {"id": ("baris", "kolom", "nilai", "diharapkan"), "en": ("row", "column", "value", "expected")}[lang]
    title = KINDS[kind][1 if lang == "id" else 2]
    where = name
    if row is not None:
        where += f", {words[0]} {row}"
    if column is not None:
        where += f", {words[1]} '{column}'"
    text = f"{where}: {title}"
    if value is not None:
        text += f"; {words[2]} '{value}'"
    if expected:
        text += f"; {words[3]}: {expected}"
    if note:
        text += f" ({note})"
    return text + "."


def problem(
    kind: str,
    file: str | Path,
    *,
    row: int | None = None,
    column: str | None = None,
    value: object = None,
    expected: str | None = None,
    note: str | None = None,
    note_en: str | None = None,
    count: int = 1,
) -> Problem:
    """Build a :class:`Problem` with its Indonesian and English sentences.

    >>> p = problem("nilai_tidak_valid", "data.csv", row=5, column="U4", value="5", expected="1–4")
    >>> p.message
    "data.csv, baris 5, kolom 'U4': nilai jawaban tidak valid; nilai '5'; diharapkan: 1–4."
    """
    severity = KINDS[kind][0]
    name = Path(file).name
    text = None if value is None else cut(str(value), QUOTE_CHARS)  # a huge cell stays a short message
    return Problem(
        kind=kind,
        severity=severity,
        file=str(file),
        row=row,
        column=column,
        value=text,
        expected=expected,
        message=_sentence("id", kind, name, row, column, text, expected, note),
        message_en=_sentence("en", kind, name, row, column, text, expected, note_en or note),
        count=count,
    )


def sort_problems(problems: Sequence[Problem]) -> list[Problem]:
    """Errors before warnings, file-level first, then by row (stable otherwise)."""
    return sorted(problems, key=lambda p: (p.severity != "error", p.row is not None, p.row or 0))


# --------------------------------------------------------------------------- checks on rows


def duplicate_ids(
    ids: pd.Series, rows: np.ndarray, file: str | Path, column: str
) -> tuple[list[Problem], np.ndarray]:
    """Respondent ids seen before (blank ids are not compared); the later rows are flagged."""
    text = ids.astype("string").str.strip()
    present = text.notna() & (text != "")
    dup = (text.duplicated(keep="first") & present).to_numpy()
    out = []
    if dup.any():
        first_row = pd.Series(rows, index=ids.index).groupby(text.to_numpy()).transform("first").to_numpy()
        for i in np.flatnonzero(dup):
            out.append(
                problem("duplikat_id", file, row=int(rows[i]), column=column, value=text.iloc[i],
                        expected="ID yang unik", note=f"sama dengan baris {int(first_row[i])}",
                        note_en=f"same as row {int(first_row[i])}")
            )
    return out, dup


def duplicate_submissions(
    frame: pd.DataFrame, keys: Sequence[str], rows: np.ndarray, file: str | Path, column: str,
    timed: np.ndarray | None = None,
) -> tuple[list[Problem], np.ndarray]:
    """Rows with the same timestamp (``tanggal``, to the second) and the same answers as an earlier row.

    ``keys`` are the compared answer columns (unsur scores, normalised profile columns); ``timed``
    marks the rows whose stamp has a real time of day (a date alone is never compared).
    """
    stamp = frame["tanggal"]
    if timed is not None:
        stamp = stamp.where(timed)
    cand = repeated_times(stamp.to_numpy(dtype="datetime64[ns]"))
    dup = np.zeros(len(frame), dtype=bool)
    out: list[Problem] = []
    if not cand.any():
        return out, dup
    pos = np.flatnonzero(cand)
    sub = frame.iloc[pos][["tanggal", *keys]]
    dup[pos[sub.duplicated(keep="first").to_numpy()]] = True
    if dup.any():
        h = pd.util.hash_pandas_object(sub, index=False).to_numpy()
        first = pd.Series(rows[pos]).groupby(h).transform("first").to_numpy()
        first_of = dict(zip(pos.tolist(), first.tolist(), strict=True))
        for i in np.flatnonzero(dup):
            out.append(
                problem("duplikat_kiriman", file, row=int(rows[i]), column=column, value=str(stamp.iloc[i]),
                        expected="satu kiriman per responden", note=f"sama dengan baris {int(first_of[i])}",
                        note_en=f"same as row {int(first_of[i])}")
            )
    return out, dup


def repeated_times(stamps: np.ndarray) -> np.ndarray:
    """The stamps (datetime64) that occur more than once; NaT never does.

    An export lists submissions in time order, so a repeat is usually a neighbour: a sorted
    column is compared with its neighbours, any other one hashed.

    >>> t = np.array(["2024-01-02T08:00", "2024-01-02T08:00", "NaT", "NaT", "2024-01-03"], dtype="datetime64[ns]")
    >>> repeated_times(t).tolist(), repeated_times(t[::-1]).tolist()
    ([True, True, False, False, False], [False, False, False, True, True])
    """
    present = ~np.isnat(stamps)
    values = stamps[present].view("i8")
    if (values[1:] >= values[:-1]).all():
        same = values[1:] == values[:-1]
        twice = np.zeros(len(values), dtype=bool)
        twice[1:] |= same
        twice[:-1] |= same
    else:
        twice = pd.Series(values).duplicated(keep=False).to_numpy()
    out = np.zeros(len(stamps), dtype=bool)
    out[present] = twice
    return out


def outside_period(
    dates: pd.Series, raw: pd.Series, period: tuple[date, date], rows: np.ndarray, file: str | Path, column: str
) -> tuple[list[Problem], np.ndarray]:
    """Dates before the period's first day or after its last day (blank dates are not judged)."""
    start, end = pd.Timestamp(period[0]), pd.Timestamp(period[1]) + pd.Timedelta(days=1)
    d = dates.to_numpy(dtype="datetime64[ns]")
    known = ~np.isnat(d)
    bad = known & ((d < start.to_datetime64()) | (d >= end.to_datetime64()))
    expected = f"{period[0]:%d/%m/%Y} s.d. {period[1]:%d/%m/%Y}"
    out = [
        problem("tanggal_di_luar_periode", file, row=int(rows[i]), column=column, value=raw.iloc[i], expected=expected)
        for i in np.flatnonzero(bad)
    ]
    return out, bad


def form_default_rows(
    frame: pd.DataFrame, defaults: Mapping[str, object], rows: np.ndarray, file: str | Path
) -> tuple[list[Problem], np.ndarray]:
    """Rows whose every listed column equals the form's pre-filled default (a warning).

    ``frame`` holds the compared columns already normalised; ``defaults`` maps the same
    column names to their default values.
    """
    hit = np.ones(len(frame), dtype=bool)
    for col, value in defaults.items():
        hit &= _equals(frame[col], value)
    shown = ", ".join(f"{k}={v}" for k, v in defaults.items())
    out = [
        problem("isian_bawaan_formulir", file, row=int(rows[i]), expected="jawaban yang benar-benar diisi responden",
                note=f"isian bawaan: {shown}", note_en=f"defaults: {shown}")
        for i in np.flatnonzero(hit)
    ]
    return out, hit


def _equals(col: pd.Series, value: object) -> np.ndarray:
    if pd.api.types.is_numeric_dtype(col.dtype):
        try:
            return (col.to_numpy(dtype=float, na_value=np.nan) == float(value)).astype(bool)
        except (TypeError, ValueError):
            return np.zeros(len(col), dtype=bool)
    text = col.astype("string").str.strip().str.casefold()
    return (text == str(value).strip().casefold()).fillna(False).to_numpy(dtype=bool)


# --------------------------------------------------------------------------- report

_REPORT = {
    "id": {
        "title": "Laporan mutu data",
        "file": "Berkas",
        "read": "Respons dibaca",
        "kept": "Respons dipakai",
        "excluded": "Respons dikecualikan",
        "mapping": "Pemetaan kolom yang dipakai",
        "other": "Kolom lain (disimpan, tidak dihitung)",
        "none": "Tidak ada masalah.",
        "errors": "galat",
        "warnings": "peringatan",
        "summary": "Ringkasan masalah",
        "more": "… dan {n} lagi (semuanya: ikm validate --semua)",
        "ok": "Hasil: data dapat dihitung.",
        "bad": "Hasil: data belum dapat dihitung (perbaiki galat di atas, atau pakai kebijakan 'exclude').",
    },
    "en": {
        "title": "Data quality report",
        "file": "File",
        "read": "Responses read",
        "kept": "Responses kept",
        "excluded": "Responses excluded",
        "mapping": "Column mapping used",
        "other": "Other columns (kept, not scored)",
        "none": "No problems.",
        "errors": "errors",
        "warnings": "warnings",
        "summary": "Problems by kind",
        "more": "… and {n} more (all of them: ikm validate --semua)",
        "ok": "Result: the data can be computed.",
        "bad": "Result: the data cannot be computed yet (fix the errors above, or use the 'exclude' policy).",
    },
}


_INFO_KEYS = {
    "format": ("format", "format"),
    "encoding": ("encoding", "encoding"),
    "delimiter": ("pemisah", "delimiter"),
    "sheet": ("lembar", "sheet"),
    "tata_letak": ("tata letak", "layout"),
    "baris_panjang": ("baris format panjang", "long rows"),
}


def format_report(
    problems: Sequence[Problem],
    *,
    file: str | Path,
    mapping: Mapping[str, str],
    n_read: int | None = None,
    n_kept: int | None = None,
    other_columns: Sequence[str] = (),
    english: bool = False,
    first: int | None = 5,
    info: Mapping[str, object] | None = None,
    summary: str | None = None,
    stopped: bool | None = None,
) -> str:
    """The data-quality report printed by ``ikm validate``: counts per kind, first rows, mapping.

    ``first`` problems are shown per kind (``None``: all of them).

    >>> print(format_report([], file="d.csv", mapping={"U1": "Persyaratan"}, n_read=3).splitlines()[-1])
    Hasil: data dapat dihitung.
    """
    lang = "en" if english else "id"
    w = _REPORT[lang]
    lines = [w["title"], "=" * len(w["title"]), f"{w['file']}: {file}"]
    shown = {k: v for k, v in (info or {}).items() if k in _INFO_KEYS and v not in (None, "", [])}
    if shown:
        delim = {",": "koma", ";": "titik koma", "\t": "tab", "|": "garis tegak"} if not english else {"\t": "tab"}
        lines.append("; ".join(f"{_INFO_KEYS[k][1 if english else 0]}: {delim.get(v, v) if k == 'delimiter' else v}"
                               for k, v in shown.items()))
    if summary is not None:
        lines.append(summary)
    elif n_read is not None:
        lines.append(f"{w['read']}: {n_read}")
    for key in ("tanggal_dipilih", "urutan_kuesioner"):
        if info and info.get(key):
            lines.append(str(info[key]))
    lines += ["", f"{w['mapping']}:"]
    lines += [f"  {target:<16} ← {header}" for target, header in mapping.items()]
    if other_columns:
        lines.append(f"{w['other']}: {', '.join(other_columns)}")
    lines.append("")
    n_err = sum(p.severity == "error" for p in problems)
    n_warn = len(problems) - n_err
    if not problems:
        lines.append(w["none"])
    else:
        lines.append(f"{w['summary']} ({n_err} {w['errors']}, {n_warn} {w['warnings']}):")
        counts = Counter(p.kind for p in problems)
        by_kind: dict[str, list[Problem]] = {}
        for p in sort_problems(problems):
            by_kind.setdefault(p.kind, []).append(p)
        for kind, items in by_kind.items():
            sev = w["errors"] if KINDS[kind][0] == "error" else w["warnings"]
            title = KINDS[kind][1 if lang == "id" else 2]
            lines.append(f"- [{kind}] {title} ({sev}): {counts[kind]}")
            for p in items[:first]:
                lines.append(f"    {p.message_en if english else p.message}")
            if first is not None and len(items) > first:
                lines.append(f"    {w['more'].format(n=len(items) - first)}")
    failed = bool(n_err) if stopped is None else stopped
    lines += ["", w["bad"] if failed else w["ok"]]
    return "\n".join(lines) + "\n"


def summary_line(
    n_read: int, excluded_kinds: Sequence[str] | pd.Series, n_used: int, problems: Sequence[Problem], *,
    stopped: bool = False, scope: tuple[int, int, str] | None = None,
) -> str:
    """The one line ``validate``, ``compute`` and ``render`` all print about a data file.

    ``excluded_kinds`` holds one entry per excluded row (kinds joined by ``"; "``); ``scope`` is
    ``(rows in the file, rows outside the unit filter, the filter)``.

    >>> summary_line(26, ["kiriman ganda", "kiriman ganda; nilai tidak valid"], 24, [])
    '26 dibaca, 2 dikecualikan (kiriman ganda: 2, nilai tidak valid: 1), 24 dipakai.'
    """
    head = ""
    if scope is not None:
        head = f"{scope[0]} baris di berkas, {scope[1]} di luar cakupan ({scope[2]}); "
    reasons = Counter(k for kinds in excluded_kinds for k in str(kinds).split("; ") if k)
    n_excl = len(excluded_kinds)
    why = f" ({', '.join(f'{k}: {c}' for k, c in reasons.most_common())})" if n_excl else ""
    if stopped:
        n_err = sum(p.severity == "error" for p in problems)
        text = f"{head}{n_read} dibaca; {n_err} galat menghentikan proses, tidak ada yang dihitung"
    else:
        text = f"{head}{n_read} dibaca, {n_excl} dikecualikan{why}, {n_used} dipakai"
    warnings = Counter(KINDS[p.kind][1] for p in problems if p.severity == "warning")
    if warnings:
        n_warn = sum(warnings.values())
        text += f"; {n_warn} peringatan ({', '.join(f'{k}: {c}' for k, c in warnings.most_common())})"
    return text + "."
