"""Parameter files to start from: a commented starter, or last period's file for the next period.

``ikm new --unit "Dinas X" --periode 2024-S1`` writes ``params/dinas-x/2024-S1.yaml`` with every key,
commented in Indonesian. ``ikm new --dari params/dinas-x/2023-S2.yaml --periode 2024-S1`` copies a
file for the next period, comments kept: the periode, the data file name (when it holds the old
period id) and the survey dates inside the old period move; a header lists what to review.
"""

from __future__ import annotations

import calendar
import os
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any

import yaml

from ikm_utils.errors import IkmError
from ikm_utils.intake.limits import shorten
from ikm_utils.method.periods import Period, parse_period
from ikm_utils.params import read_raw_params, slugify

_BEGIN = "# == ikm new: disalin dari periode sebelumnya =="
_END = "# == akhir catatan ikm new =="


@dataclass
class NewParams:
    """A parameter file written by ``ikm new`` and what its author should look at."""

    path: Path
    review: list[str] = field(default_factory=list)
    #: Files written along with it first (``--dari`` on a unit file: the new period's common file).
    also: list[NewParams] = field(default_factory=list)


def check_unit_name(unit: str) -> str:
    r"""Refuse a unit name that cannot be one line of YAML (a newline, a tab, another control character).

    >>> check_unit_name("Dinas Contoh")
    'Dinas Contoh'
    >>> try:
    ...     check_unit_name("Dinas\nperiode: 1999")
    ... except IkmError as exc:
    ...     print(exc)
    Nama unit tidak boleh memuat baris baru atau karakter kendali: 'Dinas\nperiode: 1999'.
    """
    if not unit.strip():
        raise IkmError("Nama unit kosong.")
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in unit):
        raise IkmError(f"Nama unit tidak boleh memuat baris baru atau karakter kendali: {shorten(unit)}.")
    return unit


def _check_target(path: Path, overwrite: bool) -> None:
    if path.exists() and not overwrite:
        raise IkmError(f"Berkas {path} sudah ada; tidak ditimpa (pakai --timpa untuk menimpanya).")


def _schedule(period: Period) -> dict[str, str]:
    """Default survey stages spread over a period: 2 weeks, most of it, ~3 weeks, the last 10 days."""
    s, e = period.start, period.end
    stages = {
        "persiapan": (s, s + timedelta(days=13)),
        "pengumpulan": (s + timedelta(days=14), e - timedelta(days=30)),
        "pengolahan": (e - timedelta(days=29), e - timedelta(days=10)),
        "pelaporan": (e - timedelta(days=9), e),
    }
    out = {}
    for name, (a, b) in stages.items():
        out[f"{name}_mulai"], out[f"{name}_selesai"] = a.isoformat(), b.isoformat()
    return out


def starter_text(unit: str, periode: str, *, slug: str | None = None, path: str = "", today: date | None = None) -> str:
    """The commented starter parameter file of a unit and period (YAML text).

    >>> text = starter_text("Dinas Contoh", "2024-S1")
    >>> yaml.safe_load(text)["survei"]["mulai"], yaml.safe_load(text)["data"]["berkas"]
    (datetime.date(2024, 1, 1), 'data/2024-S1.csv')
    """
    period = parse_period(periode)
    template = resources.files("ikm_utils").joinpath("data/params_baru.yaml.tpl").read_text(encoding="utf-8")
    return Template(template).substitute(
        nama=unit.replace("\\", "\\\\").replace('"', '\\"'),
        slug=slug or slugify(unit),
        periode=period.id,
        periode_label=period.label,
        hari_ini=(today or date.today()).isoformat(),
        jalur=path or f"params/{slug or slugify(unit)}/{period.id}.yaml",
        mulai=period.start.isoformat(),
        selesai=period.end.isoformat(),
        **_schedule(period),
    )


def new_params(
    unit: str,
    periode: str,
    out_root: str | Path = "params",
    *,
    overwrite: bool = False,
    today: date | None = None,
) -> NewParams:
    """Write the starter file ``<out_root>/<unit-slug>/<periode>.yaml`` (and its ``data/`` folder).

    Raises :class:`IkmError` when the file exists and ``overwrite`` is false.
    """
    period = parse_period(periode)
    check_unit_name(unit)
    slug = slugify(unit)
    path = Path(out_root) / slug / f"{period.id}.yaml"
    _check_target(path, overwrite)
    path.parent.mkdir(parents=True, exist_ok=True)
    (path.parent / "data").mkdir(exist_ok=True)
    path.write_text(starter_text(unit, period.id, slug=slug, path=path.as_posix(), today=today), encoding="utf-8")
    review = [
        f"letakkan data jawaban di {(path.parent / 'data' / f'{period.id}.csv').as_posix()} (atau ubah data.berkas)",
        "lengkapi unit (instansi, kabupaten_kota, alamat, kepala_unit), populasi dan survei",
        "sesuaikan data.urutan_kuesioner dengan urutan pertanyaan unsur di formulir (sarana dan pengaduan sering "
        "tertukar)",
        f"periksa data dengan: ikm validate --params {path.as_posix()}",
        f"periksa dengan: ikm render {path.as_posix()} --dry-run",
    ]
    return NewParams(path=path, review=review)


# ---------------------------------------------------------------------------- next period


def _month_end(d: date) -> bool:
    return d.day == calendar.monthrange(d.year, d.month)[1]


def shift_date(d: date, old: Period, new: Period) -> date:
    """Move a date inside ``old`` to the same place in ``new`` (month by month; month ends stay ends).

    >>> shift_date(date(2023, 7, 3), parse_period("2023-S2"), parse_period("2024-S1"))
    datetime.date(2024, 1, 3)
    >>> shift_date(date(2023, 11, 30), parse_period("2023-S2"), parse_period("2024-S1"))
    datetime.date(2024, 5, 31)
    """
    months = (new.start.year * 12 + new.start.month) - (old.start.year * 12 + old.start.month)
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    shifted = date(year, month, last if _month_end(d) else min(d.day, last))
    return min(max(shifted, new.start), new.end)


def _scalar_nodes(node: yaml.Node, path: str = "") -> list[tuple[str, yaml.ScalarNode]]:
    """Every scalar value of a composed YAML document with its key path (``survei.jadwal[0].mulai``)."""
    out: list[tuple[str, yaml.ScalarNode]] = []
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            out += _scalar_nodes(value, f"{path}.{key.value}" if path else str(key.value))
    elif isinstance(node, yaml.SequenceNode):
        for i, value in enumerate(node.value):
            out += _scalar_nodes(value, f"{path}[{i}]")
    elif isinstance(node, yaml.ScalarNode):
        out.append((path, node))
    return out


def _render_scalar(node: yaml.ScalarNode, value: str, default_quote: str = "") -> str:
    quote = node.style if node.style in ("'", '"') else default_quote
    return f"{quote}{value}{quote}"


def _strip_old_header(text: str) -> str:
    if text.startswith(_BEGIN) and _END in text:
        return text.split(_END, 1)[1].lstrip("\n")
    return text


_DATE_KEYS = ("survei.mulai", "survei.selesai")


def _is_schedule_date(key: str) -> bool:
    return key.startswith("survei.jadwal[") and key.endswith((".mulai", ".selesai"))


def _read_source(source: Path) -> tuple[str, Any, yaml.Node]:
    """A source parameter file: its text (old ``ikm new`` header removed), its values and its YAML nodes."""
    if not source.is_file():
        raise IkmError(f"Berkas sumber {source} tidak ditemukan.")
    text = _strip_old_header(source.read_text(encoding="utf-8"))
    try:
        return text, yaml.safe_load(text), yaml.compose(text)
    except yaml.YAMLError as exc:
        raise IkmError(f"Berkas sumber {source} bukan YAML yang dapat dibaca: {exc}") from exc


def _write_with_review(path: Path, text: str, made_from: str, review: list[str]) -> NewParams:
    """Write the copied file with the review checklist as a comment header."""
    header = [_BEGIN, f"# {made_from}", "# Tinjau sebelum menjalankan `ikm render`:",
              *(f"#  - {line}" for line in review), "# Hapus catatan ini bila sudah ditinjau.", _END, ""]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(header) + text, encoding="utf-8")
    return NewParams(path=path, review=review)


def _copy_path(source: Path, raw: dict, old: Period, new: Period, out_root: str | Path | None,
               overwrite: bool) -> Path:
    """Where the copy for ``new`` goes: beside ``source`` (``2025-S2.yaml`` -> ``2026-S1.yaml``,
    ``_umum-2025-S2.yaml`` -> ``_umum-2026-S1.yaml``) or ``<out_root>/<unit-slug>/<new>.yaml``."""
    if out_root is None:
        path = source.parent / (source.name.replace(old.id, new.id) if old.id in source.name else f"{new.id}.yaml")
    else:
        unit = raw.get("unit") or {}
        path = Path(out_root) / (unit.get("slug") or slugify(str(unit.get("nama", "unit")))) / f"{new.id}.yaml"
    _check_target(path, overwrite)
    return path


def next_params(
    source: str | Path,
    periode: str,
    out_root: str | Path | None = None,
    *,
    overwrite: bool = False,
    today: date | None = None,
) -> NewParams:
    """Copy a period's parameter file for another period, comments and layout kept.

    Parameters
    ----------
    source
        Last period's file (``params/x/2023-S2.yaml``).
    periode
        The new period (``2024-S1``).
    out_root
        Write to ``<out_root>/<unit-slug>/<periode>.yaml``; default: beside ``source``.
    overwrite
        Replace an existing file.
    """
    source = Path(source)
    text, raw, root = _read_source(source)
    if isinstance(raw, dict) and "periode" not in raw and isinstance(raw.get("dasar"), str):
        return _next_unit_params(source, text, raw, root, periode, out_root, overwrite=overwrite, today=today)
    if not isinstance(raw, dict) or "periode" not in raw:
        raise IkmError(f"Berkas sumber {source} tidak memuat kunci 'periode'.")
    old, new = parse_period(str(raw["periode"])), parse_period(periode)
    if old.id == new.id:
        raise IkmError(f"Periode baru sama dengan periode berkas sumber ({old.id}).")
    path = _copy_path(source, raw, old, new, out_root, overwrite)

    edits, review = _period_edits(root, raw, old, new)
    return _write_copy(source, path, text, edits, review, old, new, today)


def _period_edits(root: yaml.Node, raw: dict, old: Period, new: Period) -> tuple[list[tuple[int, int, str]], list[str]]:
    """The text edits (periode, data file name, survey dates) and review lines of a copy for ``new``."""
    edits: list[tuple[int, int, str]] = []
    review = [f"periode: {old.id} -> {new.id}"]
    kept_dates = []
    for key, node in _scalar_nodes(root):
        span = (node.start_mark.index, node.end_mark.index)
        if key == "periode":
            edits.append((*span, _render_scalar(node, new.id, '"')))  # "2025" must stay text
        elif key == "data.berkas":
            if old.id in node.value:
                new_name = node.value.replace(old.id, new.id)
                edits.append((*span, _render_scalar(node, new_name)))
                review.append(f"data.berkas: {node.value} -> {new_name} (pastikan berkasnya ada)")
            else:
                review.append(f"data.berkas: '{node.value}' tidak memuat '{old.id}': arahkan ke data periode {new.id}")
        elif key in _DATE_KEYS or _is_schedule_date(key):
            try:
                d = date.fromisoformat(node.value)
            except ValueError:
                continue
            if old.start <= d <= old.end:
                moved = shift_date(d, old, new)
                edits.append((*span, _render_scalar(node, moved.isoformat())))
                review.append(f"{key}: {d.isoformat()} -> {moved.isoformat()}")
            else:
                kept_dates.append(f"{key} {d.isoformat()}")
    if kept_dates:
        review.append("tanggal di luar periode lama, TIDAK digeser (periksa): " + "; ".join(kept_dates))
    if raw.get("populasi") is not None:
        review.append(f"populasi: {raw['populasi']} adalah jumlah pengguna layanan periode lalu; perbarui")
    if raw.get("rtl"):
        review.append(f"rtl: {len(raw['rtl'])} rencana tindak lanjut periode lalu; sesuaikan dengan hasil periode ini")
    if raw.get("narasi"):
        review.append("narasi: teks periode lalu; periksa tahun, angka dan kalimat yang merujuk periode")
    return edits, review


def _write_copy(source: Path, path: Path, text: str, edits: list[tuple[int, int, str]], review: list[str],
                old: Period, new: Period, today: date | None) -> NewParams:
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    made_from = (f"Disalin dari {source.as_posix()} ({old.label}) untuk {new.label}, "
                 f"{(today or date.today()).isoformat()}.")
    return _write_with_review(path, text, made_from, review)


def _next_unit_params(source: Path, text: str, raw: dict, root: yaml.Node, periode: str,
                      out_root: str | Path | None, *, overwrite: bool, today: date | None) -> NewParams:
    """:func:`next_params` for a unit file whose period lives in its common file (``dasar``).

    The common file is copied for the new period too (unless that copy exists already, e.g. made
    for a sibling unit), and the unit's copy points to it: ``dasar: ../_umum-2025-S2.yaml`` becomes
    ``dasar: ../_umum-2026-S1.yaml``.
    """
    base = (source.parent / raw["dasar"]).resolve()
    base_raw = read_raw_params(source)[0]
    if "periode" not in base_raw:
        raise IkmError(f"Berkas sumber {source} dan berkas dasarnya ({base}) tidak memuat kunci 'periode'.")
    old, new = parse_period(str(base_raw["periode"])), parse_period(periode)
    if old.id == new.id:
        raise IkmError(f"Periode baru sama dengan periode berkas sumber ({old.id}).")
    if old.id not in raw["dasar"]:
        raise IkmError(f"dasar: '{raw['dasar']}' tidak memuat '{old.id}'; buat berkas bersama untuk {new.id} "
                       f"lalu salin berkas unit dengan tangan (atau beri nama berkas bersama dengan periodenya).")
    new_dasar = raw["dasar"].replace(old.id, new.id)
    new_base = (source.parent / new_dasar).resolve()
    made_base = None if new_base.is_file() else next_params(base, new.id, today=today)
    path = _copy_path(source, raw, old, new, out_root, overwrite)
    edits, review = _period_edits(root, raw, old, new)
    node = next(n for key, n in _scalar_nodes(root) if key == "dasar")
    edits.append((node.start_mark.index, node.end_mark.index, _render_scalar(node, new_dasar)))
    review[0] = (f"periode {old.id} -> {new.id} (dari berkas bersama); dasar: {raw['dasar']} -> {new_dasar} "
                 + ("(dibuat sekarang: tinjau juga berkas itu)" if made_base else "(sudah ada)"))
    made = _write_copy(source, path, text, edits, review, old, new, today)
    if made_base is not None:
        made.also.append(made_base)
    return made


# ---------------------------------------------------------------------------- sibling unit


def _insert_saring(text: str, root: yaml.Node, column: str, value: str) -> tuple[str, bool]:
    """Set ``data.saring`` to ``{column: value}`` in the YAML text (replacing one there); False when it cannot."""
    data = next((v for k, v in getattr(root, "value", []) if getattr(k, "value", None) == "data"), None)
    if not isinstance(data, yaml.MappingNode):
        return text, False
    entry = f'{{{column}: "{value}"}}'
    for k, v in data.value:
        if k.value == "saring":
            return text[:v.start_mark.index] + entry + text[v.end_mark.index:], True
    if data.flow_style:
        end = data.end_mark.index - 1
        return text[:end] + f", saring: {entry}" + text[end:], True
    first = data.value[0][0]
    indent = " " * first.start_mark.column
    line_start = text.rfind("\n", 0, first.start_mark.index) + 1
    return text[:line_start] + f"{indent}saring: {entry}  # baris unit lain di berkas yang sama: di luar cakupan\n" + \
        text[line_start:], True


def sibling_params(
    source: str | Path,
    unit: str,
    out_root: str | Path | None = None,
    *,
    overwrite: bool = False,
    today: date | None = None,
) -> NewParams:
    """Copy a unit's parameter file for another unit of the same multi-unit export, same period.

    The unit's name and slug are replaced, the data file is kept (its path rewritten for the new
    folder) and ``data.saring`` keeps only the new unit's rows (``{unit: <name>}``, or the same
    column the source filters on). Written to ``<out_root>/<new-slug>/<periode>.yaml``; default
    ``out_root``: the folder holding the source's unit folder.
    """
    source = Path(source)
    text, raw, root = _read_source(source)
    if not isinstance(raw, dict) or "periode" not in raw or not isinstance(raw.get("data"), dict):
        raise IkmError(f"Berkas sumber {source} tidak memuat kunci 'periode' dan 'data'.")
    old_unit = (raw.get("unit") or {}).get("nama", "")
    if str(old_unit).strip() == unit.strip():
        raise IkmError(f"Unit baru sama dengan unit berkas sumber ({unit}).")
    slug = slugify(unit)
    period = parse_period(str(raw["periode"]))
    base = Path(out_root) if out_root is not None else source.parent.parent
    path = base / slug / f"{period.id}.yaml"
    _check_target(path, overwrite)
    saring = raw["data"].get("saring")
    column = next(iter(saring)) if isinstance(saring, dict) and len(saring) == 1 else "unit"

    edits: list[tuple[int, int, str]] = []
    review = [f"unit.nama: {old_unit} -> {unit}"]
    for key, node in _scalar_nodes(root):
        span = (node.start_mark.index, node.end_mark.index)
        if key == "unit.nama":
            edits.append((*span, _render_scalar(node, unit.replace("\\", "\\\\").replace('"', '\\"'), '"')))
        elif key == "unit.slug":
            edits.append((*span, _render_scalar(node, slug)))
        elif key == "data.berkas" and not Path(node.value).is_absolute():
            moved = os.path.relpath((source.parent / node.value).resolve(), path.parent.resolve())
            edits.append((*span, _render_scalar(node, Path(moved).as_posix())))
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    text, done = _insert_saring(text, yaml.compose(text), column, unit.replace('"', '\\"'))
    review.append(f'data.saring: {{{column}: "{unit}"}}: pastikan nilainya sama dengan isi kolom {column} di data'
                  if done else f'tambahkan data.saring: {{{column}: "{unit}"}} di bagian data')
    if (raw.get("unit") or {}).get("kepala_unit"):
        review.append("unit.kepala_unit: pejabat unit sumber; ganti dengan kepala unit ini")
    for key, what in (("populasi", "jumlah pengguna layanan unit sumber"), ("rtl", "rencana tindak lanjut unit "
                      "sumber"), ("narasi", "teks unit sumber"), ("riwayat", "riwayat IKM unit sumber"),
                      ("dokumentasi", "foto kegiatan unit sumber")):
        if raw.get(key):
            review.append(f"{key}: {what}; sesuaikan untuk {unit}")
    review.append(f"periksa dengan: ikm validate --params {path.as_posix()}")
    made_from = (f"Disalin dari {source.as_posix()} ({old_unit}) untuk unit {unit}, {period.label}, "
                 f"{(today or date.today()).isoformat()}.")
    return _write_with_review(path, text, made_from, review)


# ---------------------------------------------------------------------------- one export, many units


def _yaml_str(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _column_values(export: Path, column: str, name_column: str | None, sheet: str | int | None):
    """(value, display name, rows) per distinct non-blank value of ``column`` in order of first row; the number
    of blank cells; the header of the column found (``column`` may name a recognised field such as ``unit``)."""
    from ikm_utils.errors import DataValidationError
    from ikm_utils.intake.readers import ReadFailed, read_table
    from ikm_utils.intake.recognise import normalise

    try:
        table = read_table(export, sheet=sheet)
    except ReadFailed as exc:
        raise DataValidationError(exc.problems) from None

    def find(name: str) -> int:
        j = next((j for j, h in enumerate(table.headers) if h == name or normalise(h) == normalise(name)), None)
        if j is None:  # a profile field by its name: "unit" finds "unit_name", "Unit Layanan", "Bagian" ...
            from ikm_utils.intake.recognise import recognise
            from ikm_utils.method.schemes import get_scheme

            j = recognise(table.headers, get_scheme(), export, {}, table.labels).columns.get(name)
        if j is None:
            raise IkmError(f"Kolom '{name}' tidak ada di {export}; kolom yang ada: {', '.join(table.headers)}.")
        return j

    j = find(column)
    values = table.columns[j].to_pylist()
    names = table.columns[find(name_column)].to_pylist() if name_column else values
    found: dict[str, list] = {}
    blanks = 0
    for value, name in zip(values, names, strict=True):
        value = (value or "").strip() if isinstance(value, str) else value
        if value in (None, ""):
            blanks += 1
            continue
        shown = name.strip() if isinstance(name, str) and name.strip() else str(value)
        entry = found.setdefault(str(value), [str(value), shown, 0])
        entry[2] += 1
    return [tuple(v) for v in found.values()], blanks, table.headers[j]


def new_per_unit(
    export: str | Path,
    column: str,
    periode: str,
    out_dir: str | Path,
    *,
    name_column: str | None = None,
    sheet: str | int | None = None,
    overwrite: bool = False,
    today: date | None = None,
) -> list[NewParams]:
    """Parameter files for every unit found in one export's ``column``, sharing one common file.

    Writes ``<out_dir>/_umum-<periode>.yaml`` (the shared settings: periode, scheme, the data file,
    its reading rules; edit them once) and ``<out_dir>/<unit-slug>/<periode>.yaml`` per distinct value
    of ``column`` (``dasar`` pointing at the common file, ``unit.nama`` and ``data.saring``), so that
    ``ikm batch <out_dir>`` renders every unit from the one export.

    Parameters
    ----------
    export
        The shared export (CSV or XLSX).
    column
        The column that names each respondent's unit (the header as written).
    periode
        The period of the export (``2025-S2``).
    out_dir
        The folder of the region's parameter files (``params/setda/``).
    name_column
        Another column holding the unit's display name for each value (e.g. codes in ``column``).
    overwrite
        Replace existing files (otherwise nothing is written when one exists).

    Returns
    -------
    list[NewParams]
        The common file first (its review lists the units and their row counts), then one per unit.
    """
    import os

    export, out_dir = Path(export), Path(out_dir)
    period = parse_period(periode)
    if not export.is_file():
        raise IkmError(f"Berkas ekspor {export} tidak ditemukan.")
    units, blanks, header = _column_values(export, column, name_column, sheet)
    if not units:
        raise IkmError(f"Kolom '{column}' di {export} kosong: tidak ada unit yang dapat dibuatkan parameter.")
    common = out_dir / f"_umum-{period.id}.yaml"
    slugs: dict[str, int] = {}
    plan = []
    for value, name, count in units:
        slug = slugify(name)
        slugs[slug] = slugs.get(slug, 0) + 1
        slug = slug if slugs[slug] == 1 else f"{slug}-{slugs[slug]}"
        plan.append((value, name, count, slug, out_dir / slug / f"{period.id}.yaml"))
    for path in [common, *(p[-1] for p in plan)]:
        _check_target(path, overwrite)

    out_dir.mkdir(parents=True, exist_ok=True)
    exported, folder = export.resolve(), out_dir.resolve()
    shared = Path(os.path.commonpath([exported, folder]))
    # relative when both live in one project (the files move together), else absolute
    berkas = exported.as_posix()
    if shared != Path(shared.anchor):
        berkas = Path(os.path.relpath(exported, folder)).as_posix()
    stamp = (today or date.today()).isoformat()
    common.write_text(
        "\n".join([
            f"# Parameter bersama semua unit dalam {export.name}, {period.label} (ikm new --per-unit, {stamp}).",
            "# Setiap berkas <unit>/" + f"{period.id}.yaml memakai berkas ini lewat `dasar:` dan hanya menambah",
            "# nama unit dan data.saring; kunci di berkas unit menimpa kunci di sini.",
            "unit:",
            "  nama: \"(diisi di berkas tiap unit)\"",
            "  instansi: null                 # mis. \"Pemerintah Kabupaten ...\"",
            "  kabupaten_kota: null",
            f"periode: \"{period.id}\"",
            "skema: permen14_2017",
            "bobot: exact",
            "data:",
            f"  berkas: {_yaml_str(berkas)}   # jalur relatif dihitung dari folder berkas ini",
            "  kebijakan: stop               # atau exclude: baris bergalat dikecualikan dan dicatat",
            "populasi: null                  # jumlah pengguna layanan per unit: isi di berkas tiap unit",
            "kelompok: [jenis_layanan]",
            "",
        ]),
        encoding="utf-8",
    )
    rel_common = f"../{common.name}"
    made = [NewParams(path=common, review=[
        f"{len(plan)} unit dari kolom '{header}': " + "; ".join(f"{n} ({c} baris)" for _, n, c, _, _ in plan),
        "lengkapi unit.instansi, survei, pemetaan kolom (data.kolom) di berkas bersama ini",
        *([f"{blanks} baris tanpa nilai di kolom '{column}': tidak masuk laporan unit mana pun"] if blanks else []),
        f"periksa semua dengan: ikm batch {out_dir.as_posix()}",
    ])]
    for value, name, count, slug, path in plan:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            "\n".join([
                f"# {name}, {period.label}: {count} baris di {export.name} (ikm new --per-unit, {stamp}).",
                f"dasar: {rel_common}",
                "unit:",
                f"  nama: {_yaml_str(name)}",
                f"  slug: {slug}",
                "data:",
                "  saring:",
                f"    {_yaml_str(header)}: {_yaml_str(value)}",
                "populasi: null",
                "",
            ]),
            encoding="utf-8",
        )
        made.append(NewParams(path=path, review=[f"{name}: {count} baris; isi populasi, rtl, narasi bila perlu"]))
    return made
