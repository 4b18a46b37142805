"""Reading questionnaire exports into a validated score table (``load_responses``).

Any common layout in (CSV with sniffed delimiter and encoding, XLSX, long layout), validated
scores out, every problem named. The work is split into small modules: ``readers`` (files to
text columns), ``recognise`` (headers to unsur and profile fields), ``answers`` (answer text to
scores 1-4), ``profile`` (profile normalisation) and ``validate`` (problem records, checks and
the report). This module holds the public types and the pipeline that joins them. The input
file is only read, never written.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import yaml

from ikm_utils.errors import DataValidationError, IkmError
from ikm_utils.intake.answers import answer_key, code_order_warnings, map_answers, other_unsur_labels
from ikm_utils.intake.profile import Dates, age_bands, ages, categories, dates
from ikm_utils.intake.readers import RawTable, ReadFailed, pivot_long, read_table, text_column
from ikm_utils.intake.recognise import (
    PROFILE_FIELDS,
    Recognition,
    foreign_unsur,
    form_order_mapping,
    normalise,
    recognise,
)
from ikm_utils.intake.scope import as_filter, describe_filter, scope_mask, subset
from ikm_utils.intake.timestamp import choose_timestamp
from ikm_utils.intake.validate import (
    KINDS,
    Problem,
    duplicate_ids,
    duplicate_submissions,
    form_default_rows,
    outside_period,
    problem,
    sort_problems,
)
from ikm_utils.intake.yaml_input import YamlTooLarge, load_yaml
from ikm_utils.method.schemes import Scheme, get_scheme

POLICIES = ("stop", "exclude")
CATEGORY_FIELDS = ("jenis_kelamin", "pendidikan", "pekerjaan", "jenis_layanan", "unit", "usia_kelompok")


@dataclass
class LongLayout:
    """A long layout: one row per respondent x item, pivoted to one row per respondent.

    ``id`` names the respondent-id column, ``item`` the column naming the question (``u1``,
    a question text, ``usia``, ...) and ``value`` the answer column (text or number).
    """

    id: str
    item: str
    value: str


@dataclass
class IngestOptions:
    """How to read one data file (all optional; the defaults recognise common exports).

    ``columns`` maps a target (an unsur code such as ``"U8"`` or a profile field such as
    ``"jenis_layanan"``) to the header in the file (in a long layout: to the item name) and
    always wins over recognition; ``labels`` adds answer labels per unsur code (or ``"*"`` for
    all); ``policy`` is ``"stop"`` (any error raises :class:`DataValidationError`) or
    ``"exclude"`` (responses with errors are dropped and listed in ``Responses.excluded``);
    ``form_defaults`` maps targets or headers to a form's pre-filled values (rows equal to all
    of them get a warning); ``saring`` keeps only the rows of one unit in a shared export
    (``{column: value or [values]}``, column = header or target; the other rows are "di luar
    cakupan": counted in ``info["di_luar_cakupan"]``, neither errors nor exclusions).
    """

    columns: dict[str, str] = field(default_factory=dict)
    labels: dict[str, dict[str, int]] = field(default_factory=dict)
    letter_codes: bool = False
    sheet: str | int | None = None
    long: LongLayout | None = None
    policy: str = "stop"
    period: tuple[date, date] | None = None
    id_column: str | None = None
    age_bands: list[tuple[int, int | None]] | None = None
    encoding: str | None = None
    form_defaults: dict[str, object] | None = None
    #: Unit filter: column (target or header) -> values kept; other rows are outside the scope.
    saring: dict[str, list[str]] | None = None
    #: The scheme's unsur codes in the questionnaire's order: code-headed column ``uN`` is the N-th.
    form_order: list[str] | None = None
    #: Rows equal to ``form_defaults`` are excluded (with their reason), not only warned about.
    exclude_form_defaults: bool = False


@dataclass
class Responses:
    """The kept responses of one file, with everything learnt while reading it.

    ``data`` has the unsur codes as float 1-4 (NaN = not answered), the canonical profile
    columns that were found (``id_responden``, ``tanggal``, ``jenis_kelamin`` L/P, ``usia``,
    ``usia_kelompok``, ``pendidikan``, ``pekerjaan``, ``jenis_layanan``, ``unit``, ``saran``),
    the file's other columns under their headers, and ``baris`` (the spreadsheet row, header =
    row 1). ``excluded`` lists responses dropped under policy ``exclude`` (``baris``, ``alasan``).
    ``info`` says how the file was read (format, encoding, delimiter, sheet, how each target
    was recognised, the other columns).
    """

    data: pd.DataFrame
    scheme: Scheme
    mapping: dict[str, str]
    problems: list[Problem]
    excluded: pd.DataFrame
    source: Path
    sha256: str
    n_read: int
    info: dict[str, object] = field(default_factory=dict)
    #: Rows of the file outside the unit filter (``IngestOptions.saring``): not read, not excluded.
    n_out_of_scope: int = 0

    @property
    def errors(self) -> list[Problem]:
        """The problems of severity ``error``."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """The problems of severity ``warning``."""
        return [p for p in self.problems if p.severity == "warning"]

    def report(self, english: bool = False, first: int | None = 5, stopped: bool | None = None) -> str:
        """The data-quality report (Indonesian, or English): counts per kind, first rows, mapping used.

        ``stopped``: whether the policy stops the run (``evaluate``); None = any error stops it.
        """
        from ikm_utils.intake.validate import format_report

        stopped = bool(self.errors) if stopped is None else stopped

        return format_report(self.problems, file=self.source, mapping=self.mapping, n_read=self.n_read,
                             n_kept=len(self.data), other_columns=self.info.get("kolom_lain", ()), english=english,
                             first=first, info=self.info, summary=self.summary_line(stopped), stopped=stopped)

    def summary_line(self, stopped: bool = False) -> str:
        """``201 dibaca, 2 dikecualikan (kiriman ganda: 2), 199 dipakai.``: the line every data command prints."""
        from ikm_utils.intake.validate import summary_line

        scope = None
        if self.n_out_of_scope:
            scope = (self.n_read + self.n_out_of_scope, self.n_out_of_scope, str(self.info.get("saring", "")))
        kinds = self.excluded["jenis"] if "jenis" in self.excluded else self.excluded["alasan"]
        return summary_line(self.n_read, kinds, len(self.data), self.problems, stopped=stopped, scope=scope)

    def resolve(self, name: str) -> str:
        """The ``data`` column for a name given by a user: a column, a target, or a source header."""
        if name in self.data.columns:
            return name
        for target, header in self.mapping.items():
            if header == name or normalise(header) == normalise(name):
                return target
        return name


def file_sha256(data: bytes | Path) -> str:
    """SHA-256 (hex) of a file or of bytes."""
    if isinstance(data, Path):
        h = hashlib.sha256()
        with data.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 22), b""):
                h.update(block)
        return h.hexdigest()
    return hashlib.sha256(data).hexdigest()


def _resolve_scheme(scheme: Scheme | str | None) -> Scheme:
    if isinstance(scheme, Scheme):
        return scheme
    return get_scheme(scheme) if scheme else get_scheme()


# --------------------------------------------------------------------------- the pipeline


@dataclass
class _Checked:
    responses: Responses
    row_errors: dict[int, list[tuple[str, str]]]
    #: Rows excluded by a stated decision (form defaults), whatever the policy: position -> reasons.
    decided: dict[int, list[tuple[str, str]]] = field(default_factory=dict)


def _read(path: Path, options: IngestOptions) -> RawTable:
    table = read_table(path, sheet=options.sheet, encoding=options.encoding)
    if options.long is not None:
        lo = options.long
        table = pivot_long(table, lo.id, lo.item, lo.value, path)
    return table


def _text(col: pa.ChunkedArray) -> pd.Series:
    s = text_column(col).to_pandas()
    return s if s.dtype == "str" else s.astype("str")


def _check(path: Path, scheme: Scheme, options: IngestOptions) -> _Checked:
    """Read, recognise, map and validate; every problem collected, no policy applied."""
    if options.policy not in POLICIES:
        raise IkmError(f"Kebijakan '{options.policy}' tidak dikenal; pilih: {', '.join(POLICIES)}.")
    if not path.is_file():
        raise DataValidationError([problem("berkas_tidak_ditemukan", path, expected="berkas data CSV atau XLSX")])
    try:
        table = _read(path, options)
    except ReadFailed as exc:
        raise DataValidationError(exc.problems) from None
    digest = table.info.pop("sha256", None)  # a CSV's is being computed meanwhile (a future)
    problems = list(table.problems)
    n = table.n_rows
    if n == 0:
        others = table.info.get("lembar_lain")
        problems.append(problem("tanpa_data", path, expected="paling sedikit satu baris jawaban di bawah judul",
                                note=f"lembar '{table.info['sheet']}'; lembar lain: {', '.join(others)}" if others
                                else None,
                                note_en=f"sheet '{table.info['sheet']}'; other sheets: {', '.join(others)}" if others
                                else None))
        raise DataValidationError(problems)
    explicit = dict(options.columns)
    if options.id_column:
        explicit.setdefault("id_responden", options.id_column)
    if options.long is not None:
        explicit.setdefault("id_responden", table.headers[0])
    if options.form_order:
        explicit.update(form_order_mapping(table.headers, options.form_order, explicit))
    rec = recognise(table.headers, scheme, path, explicit, table.labels)
    if options.form_order:
        ordered = form_order_mapping(table.headers, options.form_order, dict(options.columns))
        rec.how.update({t: "urutan kuesioner" for t, h in ordered.items() if rec.columns.get(t) is not None
                        and table.headers[rec.columns[t]] == h})
    problems += rec.problems
    problems += sheet_read_note(table, rec.problems, path)
    problems += foreign_unsur(table.headers, set(rec.columns.values()), scheme, path, table.labels)
    coded = [t for t in scheme.codes if rec.how.get(t) == "kode"]
    order_note = None
    if coded and options.form_order is None:
        shown = ", ".join(table.headers[rec.columns[t]] for t in coded)
        order_note = (f"Urutan kuesioner belum dinyatakan: kolom berkode ({shown}) "
                      f"dibaca menurut kodenya sebagai {', '.join(coded)} skema {scheme.id}. Bila kuesioner menanyakan "
                      f"unsur dalam urutan lain, nyatakan urutannya dengan nama unsur (data.urutan_kuesioner atau "
                      f"--urutan), atau 'permen' bila sama.")
    n_total = n
    saring = as_filter(options.saring)
    if saring:
        keep, found = scope_mask(table, rec, saring, path)
        problems += found
        if not found:
            table = subset(table, keep)
            n = table.n_rows
    note = choose_timestamp(table, rec, explicit)
    row_errors: dict[int, list[tuple[str, str]]] = {}
    decided: dict[int, list[tuple[str, str]]] = {}

    def row_error(pos: int, reason: str, kind: str | None = None) -> None:
        row_errors.setdefault(pos, []).append((reason, kind or reason))

    data: dict[str, object] = {}
    invalid_any = _score_columns(table, rec, scheme, options, path, data, problems, row_error)
    stamp = _profile_columns(table, rec, path, data, problems)
    if "usia_kelompok" not in data and "usia" in data:
        data["usia_kelompok"] = age_bands(pd.Series(data["usia"]), options.age_bands).array
    used = set(rec.columns.values())
    other: list[str] = []
    for j, h in enumerate(table.headers):
        if j in used:
            continue
        name = h or f"kolom_{j + 1}"
        while name in data or name == "baris":
            name += "_"
        data[name] = _text(table.columns[j]).array
        other.append(name)
    data["baris"] = table.rows
    # one block per column, as built: no copy into consolidated 2-D blocks (a second of work at 1M rows)
    frame = pd.DataFrame(data, copy=False)

    # rows that belong to a respondent position: reader problems (bad cell counts, repeated items)
    needed = {p.row for p in table.problems if p.row is not None and p.severity == "error"}
    if needed:
        where = _row_positions(table, needed)
        for p in table.problems:
            if p.row is not None and p.severity == "error" and p.row in where:
                row_error(where[p.row], p.message.split(": ", 1)[-1].rstrip("."), KINDS[p.kind][1])

    rows = table.rows
    blank = ~invalid_any
    for code in scheme.codes:
        blank &= np.isnan(data[code])
    for i in np.flatnonzero(blank):
        problems.append(problem("tanpa_jawaban_unsur", path, row=int(rows[i]),
                                expected="paling sedikit satu jawaban unsur",
                                note="tidak ikut dihitung", note_en="not counted"))
    if "id_responden" in rec.columns and options.long is None:
        found, dup = duplicate_ids(frame["id_responden"], rows, path, table.labels[rec.columns["id_responden"]])
        problems += found
        for i in np.flatnonzero(dup):
            row_error(int(i), "ID responden ganda")
    if stamp is not None and stamp.has_time:
        keys = [c for c in (*scheme.codes, *PROFILE_FIELDS) if c in frame.columns and c not in ("id_responden",)]
        found, dup = duplicate_submissions(frame, keys, rows, path, table.labels[rec.columns["tanggal"]],
                                           timed=stamp.timed)
        problems += found
        for i in np.flatnonzero(dup):
            row_error(int(i), "kiriman ganda")
    if options.period is not None and stamp is not None:
        j = rec.columns["tanggal"]
        found, bad = outside_period(stamp.values, _text(table.columns[j]), options.period, table.row_of(j), path,
                                    table.labels[j])
        problems += found
        for i in np.flatnonzero(bad):
            row_error(int(i), "tanggal di luar periode survei")
    if options.form_defaults:
        compared, missing = _defaults_frame(frame, options.form_defaults, rec, table, scheme)
        for key in missing:
            problems.append(problem("kolom_tidak_ada", path, column=key, expected="kolom untuk isian bawaan formulir",
                                    note="isian bawaan formulir", note_en="form defaults"))
        if not missing:
            found, hit = form_default_rows(compared[0], compared[1], rows, path)
            problems += found
            if options.exclude_form_defaults:
                for i in np.flatnonzero(hit):
                    decided.setdefault(int(i), []).append(("isian bawaan formulir (dikecualikan sesuai parameter)",
                                                           "isian bawaan formulir"))

    mapping = rec.mapping(table.headers)
    info = dict(table.info)
    info.update({"cara": dict(rec.how), "kolom_lain": other})
    if note:
        info["tanggal_dipilih"] = note
    if order_note:
        info["urutan_kuesioner"] = order_note
    if saring:
        info["saring"] = describe_filter(saring)
    sha = (digest.result() if isinstance(digest, Future) else str(digest or "")) or file_sha256(path)
    responses = Responses(
        data=frame, scheme=scheme, mapping=mapping, problems=sort_problems(problems),
        excluded=_excluded_frame([], []), source=path, sha256=sha, n_read=n, info=info,
        n_out_of_scope=n_total - n,
    )
    return _Checked(responses=responses, row_errors=row_errors, decided=decided)


def sheet_read_note(table: RawTable, problems: list[Problem], path: Path) -> list[Problem]:
    """A workbook with several sheets whose columns did not fit: say which sheet was read and which exist.

    Data on the second sheet is a common slip: the errors alone ("kolom unsur tidak ditemukan")
    would not tell the analyst that another sheet was read.
    """
    others = table.info.get("lembar_lain") or []
    if table.info.get("format") != "XLSX" or not others or not any(p.severity == "error" for p in problems):
        return []
    sheets = ", ".join(f"'{n}'" for n in others)
    return [problem("lembar_dibaca", path, value=str(table.info.get("sheet")),
                    expected="lembar yang berisi tabel jawaban",
                    note=f"lembar lain di berkas: {sheets}; pilih dengan --sheet NAMA atau data.sheet",
                    note_en=f"other sheets in the file: {sheets}; choose with --sheet NAME or data.sheet")]


def _score_columns(table: RawTable, rec: Recognition, scheme: Scheme, options: IngestOptions, path: Path,
                   data: dict, problems: list[Problem], row_error) -> np.ndarray:
    """Map every unsur column to scores (into ``data``); name each invalid cell. Returns the invalid-row mask."""
    n = table.n_rows
    invalid_any = np.zeros(n, dtype=bool)
    for u in scheme.unsur:
        j = rec.columns.get(u.kode)
        if j is None:
            data[u.kode] = np.full(n, np.nan)
            continue
        key = answer_key(u, options.labels, options.letter_codes)
        scores, bad = map_answers(table.columns[j], key)
        data[u.kode] = scores
        if bad.any():
            invalid_any |= bad
            rows = table.row_of(j)
            raw = table.columns[j].take(pa.array(np.flatnonzero(bad))).to_pylist()
            for i, v in zip(np.flatnonzero(bad), raw, strict=True):
                problems.append(problem("nilai_tidak_valid", path, row=int(rows[i]), column=table.labels[j], value=v,
                                        expected=key.expected, note=f"{u.kode} {u.nama}"))
                row_error(int(i), f"nilai tidak valid di kolom '{table.labels[j]}' ('{v}')", "nilai tidak valid")
            problems += other_unsur_labels(table, j, u.kode, scheme, path)
    problems += code_order_warnings(table, rec.how, rec.columns, scheme, path)
    return invalid_any


def _profile_columns(
    table: RawTable, rec: Recognition, path: Path, data: dict, problems: list[Problem]
) -> Dates | None:
    """Normalise every recognised profile column (into ``data``); returns the parsed dates, if any."""
    stamp: Dates | None = None
    for fld in PROFILE_FIELDS:
        j = rec.columns.get(fld)
        if j is None:
            continue
        col, label, rows = table.columns[j], table.labels[j], table.row_of(j)
        if fld == "tanggal":
            stamp = dates(col)
            data[fld] = stamp.values.to_numpy()
            raw = _text(col) if stamp.invalid.any() else None
            for i in np.flatnonzero(stamp.invalid):
                problems.append(problem("tanggal_tidak_valid", path, row=int(rows[i]), column=label, value=raw.iloc[i],
                                        expected="tanggal seperti 15/07/2020, 15/07/2020 08.05.07 atau 2020-07-15"))
        elif fld == "usia":
            years, bad = ages(col)
            data[fld] = years.array
            raw = _text(col) if bad.any() else None
            for i in np.flatnonzero(bad):
                problems.append(problem("usia_tidak_valid", path, row=int(rows[i]), column=label, value=raw.iloc[i],
                                        expected="usia dalam tahun, 0–120"))
        elif fld in CATEGORY_FIELDS:
            cats = categories(col, fld)
            data[fld] = cats.values.array
            for value, first in cats.unknown.items():
                count = int((cats.values == value).sum())
                problems.append(problem("kategori_tidak_dikenal", path, row=int(rows[first]), column=label,
                                        value=value, expected=_expected_categories(fld),
                                        note=f"{count} baris", note_en=f"{count} rows", count=count))
        else:  # id_responden, saran: text as written (outer spaces removed)
            text = _text(col).str.strip()
            data[fld] = text.mask(text == "").array
    return stamp


def _row_positions(table: RawTable, needed: set[int]) -> dict[int, int]:
    """Spreadsheet row -> respondent position, for the rows named by the reader's problems."""
    want = np.fromiter(needed, dtype=np.int64)
    where: dict[int, int] = {}
    for rows in (table.rows, *(c for c in table.cell_rows if c is not None)):
        for pos in np.flatnonzero(np.isin(rows, want)):
            where.setdefault(int(rows[pos]), int(pos))
    return where


def _expected_categories(fld: str) -> str | None:
    from ikm_utils.method.schemes import ingest_vocabulary

    table = ingest_vocabulary()["nilai_profil"].get(fld)
    return ", ".join(table) if table else None


def _defaults_frame(
    frame: pd.DataFrame, defaults: Mapping[str, object], rec: Recognition, table: RawTable, scheme: Scheme
) -> tuple[tuple[pd.DataFrame, dict[str, object]], list[str]]:
    """The compared columns and values of the form defaults (profile values normalised like the data)."""
    cols: dict[str, pd.Series] = {}
    values: dict[str, object] = {}
    missing = []
    for key, value in defaults.items():
        if key in scheme.codes or key in PROFILE_FIELDS:
            if key not in frame.columns or (key not in rec.columns and key != "usia_kelompok"):
                missing.append(key)
                continue
            cols[key] = frame[key]
            if key in CATEGORY_FIELDS and value is not None:
                norm = categories(pa.array([str(value)]), key).values.iloc[0]
                value = norm if isinstance(norm, str) else value
            values[key] = value
            continue
        j = next((j for j, h in enumerate(table.headers) if h == key or normalise(h) == normalise(key)), None)
        if j is None:
            missing.append(key)
            continue
        cols[key] = _text(table.columns[j])
        values[key] = value
    return (pd.DataFrame(cols), values), missing


def _excluded_frame(rows: Sequence[int], reasons: Sequence[str], kinds: Sequence[str] = ()) -> pd.DataFrame:
    return pd.DataFrame({"baris": pd.Series(rows, dtype="int64"), "alasan": pd.Series(reasons, dtype="str"),
                         "jenis": pd.Series(list(kinds) or [""] * len(rows), dtype="str")})


# --------------------------------------------------------------------------- public entry points


def check_file(
    path: str | Path, scheme: Scheme | str | None = None, options: IngestOptions | None = None
) -> Responses:
    """Read and validate a file without applying the policy: every row kept, every problem listed.

    What ``ikm validate`` reports. Raises :class:`DataValidationError` only when the file
    cannot be read at all (missing, empty, header only, unreadable, unknown sheet).
    """
    return _check(Path(path), _resolve_scheme(scheme), options or IngestOptions()).responses


def load_responses(
    path: str | Path, scheme: Scheme | str | None = None, options: IngestOptions | None = None
) -> Responses:
    """Read a questionnaire export into validated scores.

    Parameters
    ----------
    path
        CSV (``,`` ``;`` tab; UTF-8 with or without BOM, else Windows-1252), XLSX (first or
        ``options.sheet``), or a long layout (``options.long``).
    scheme
        The scheme (or preset id) whose unsur and labels are recognised; default ``permen14_2017``.
    options
        Column mapping, labels, policy, period, ... (:class:`IngestOptions`).

    Returns
    -------
    Responses
        The kept responses, the mapping used, every problem, the excluded rows.

    Raises
    ------
    DataValidationError
        Listing every problem: under policy ``stop`` when there is any error; under
        ``exclude`` when an error concerns the whole file (a missing unsur column, an empty file).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp()) / "skm.csv"
    >>> _ = d.write_text("Jenis Kelamin;" + ";".join(f"U{i}" for i in range(1, 10)) + "\\nL;" + "4;" * 8 + "Baik\\n")
    >>> r = load_responses(d); [r.data[c].tolist() for c in ("U1", "U9", "jenis_kelamin", "baris")]
    [[4.0], [3.0], ['L'], [2]]
    """
    responses, stopped = evaluate(path, scheme, options)
    if stopped:
        raise DataValidationError(responses.problems, responses.mapping)
    return responses


def evaluate(
    path: str | Path, scheme: Scheme | str | None = None, options: IngestOptions | None = None
) -> tuple[Responses, bool]:
    """Read, validate and apply the policy exactly as :func:`load_responses`, without raising on data errors.

    Returns the responses (excluded rows dropped and listed) and whether the policy stops the run
    (an error under ``stop``, or an error about the whole file). What ``ikm validate`` reports, so
    that it says what ``compute`` and ``render`` will do with the same file and parameters.
    Raises :class:`DataValidationError` only when the file cannot be read at all.
    """
    options = options or IngestOptions()
    checked = _check(Path(path), _resolve_scheme(scheme), options)
    r = checked.responses
    errors = r.errors
    stopped = bool([p for p in errors if p.row is None] or (errors and options.policy == "stop"))
    drops = dict(checked.decided)
    if not stopped:
        for i, reasons in checked.row_errors.items():
            drops.setdefault(i, []).extend(reasons)
    if drops:
        drop = np.zeros(r.n_read, dtype=bool)
        positions = sorted(drops)
        drop[positions] = True
        baris = r.data["baris"].to_numpy()
        reasons = ["; ".join(dict.fromkeys(reason for reason, _ in drops[i])) for i in positions]
        kinds = ["; ".join(dict.fromkeys(kind for _, kind in drops[i])) for i in positions]
        r.excluded = _excluded_frame([int(baris[i]) for i in positions], reasons, kinds)
        r.data = r.data.loc[~drop].reset_index(drop=True)
    return r, stopped


# --------------------------------------------------------------------------- option helpers (CLI, params)


def parse_column_options(items: Sequence[str]) -> dict[str, str]:
    """``["U8=Sarana dan prasarana", 'U9="Pengaduan"']`` -> ``{"U8": "Sarana dan prasarana", "U9": "Pengaduan"}``.

    >>> parse_column_options(['U8="Kualitas sarana"', "jenis_layanan=Layanan"])
    {'U8': 'Kualitas sarana', 'jenis_layanan': 'Layanan'}
    """
    out = {}
    for item in items:
        target, sep, header = item.partition("=")
        if not sep or not target.strip() or not header.strip():
            raise IkmError(f"Pemetaan kolom '{item}' tidak valid; tulis SASARAN=\"Judul kolom\", mis. U8=\"Sarana\".")
        header = header.strip()
        if len(header) >= 2 and header[0] == header[-1] and header[0] in "\"'":
            header = header[1:-1]
        out[target.strip()] = header
    return out


def read_mapping_file(path: str | Path) -> dict[str, str]:
    """A YAML mapping file: ``target: "header"`` per line (``kolom:`` as the top key is accepted too)."""
    path = Path(path)
    if not path.is_file():
        raise IkmError(f"Berkas pemetaan tidak ditemukan: {path}")
    try:
        raw = load_yaml(path.read_text(encoding="utf-8"), dates_as_text=False) or {}
    except YamlTooLarge as exc:
        raise IkmError(f"Berkas pemetaan {path}: {exc}") from exc
    except yaml.YAMLError as exc:
        raise IkmError(f"Berkas pemetaan {path} bukan YAML yang valid: {exc}") from exc
    if isinstance(raw, dict) and isinstance(raw.get("kolom"), dict):
        raw = raw["kolom"]
    if not isinstance(raw, dict) or not all(isinstance(v, str | int) for v in raw.values()):
        raise IkmError(f"Berkas pemetaan {path} harus berisi pasangan sasaran: \"judul kolom\" (mis. U8: \"Sarana\").")
    return {str(k): str(v) for k, v in raw.items()}


def options_with(
    base: IngestOptions | None = None,
    *,
    columns: Mapping[str, str] | None = None,
    sheet: str | int | None = None,
    long: tuple[str | None, str | None, str | None] = (None, None, None),
    policy: str | None = None,
) -> IngestOptions:
    """``base`` (e.g. from a parameter file) with command-line choices laid over it.

    ``long`` is ``(id, item, value)``; all three are needed unless ``base`` declares a long layout.

    >>> options_with(columns={"U8": "Sarana"}, policy="exclude").columns, options_with(policy="exclude").policy
    ({'U8': 'Sarana'}, 'exclude')
    """
    from dataclasses import replace

    opts = replace(base) if base is not None else IngestOptions()
    if columns:
        opts.columns = {**opts.columns, **columns}
    if sheet is not None:
        opts.sheet = sheet
    if policy is not None:
        opts.policy = policy
    if any(long):
        old = opts.long
        parts = [v or (getattr(old, a) if old else None) for v, a in zip(long, ("id", "item", "value"), strict=True)]
        if not all(parts):
            raise IkmError("Format panjang memerlukan ketiga kolom: --long-id, --long-item dan --long-nilai.")
        opts.long = LongLayout(*parts)
    return opts
