"""The report's result tables as DataFrames with Indonesian headers (BAB II-IV).

Numbers stay numbers, at full precision: the display decimals of each column live in
``df.attrs["format"]`` (``{column: decimals}`` or ``{column: "%1"}`` for a percentage with one
decimal) and ``ikm_utils.report.display.html_table`` formats them the Indonesian way (85,85; 1.234).
``df.attrs["total_rows"]`` counts the closing total rows (shown bold, blanks left empty).
The appendix tables (questionnaire, per-respondent processing, data quality, provenance) are in
``ikm_utils.report.appendix``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import pandas as pd

from ikm_utils.method.compute import BLANK_GROUP, IkmResult, Summary, UnsurResult
from ikm_utils.method.indonesian import format_date, format_weight
from ikm_utils.method.periods import parse_period
from ikm_utils.method.sample import SampleCheck
from ikm_utils.method.schemes import GradeTable, Scheme, ingest_vocabulary
from ikm_utils.params import Params

#: Columns of the trend holding each period's 95% interval (as in ``history.COLUMNS``).
CI_COLUMNS = ("ci95_bawah", "ci95_atas")
#: ``df.attrs[HIDDEN]`` marks an empty table of something not to show (the questionnaire did not ask it,
#: or nobody wrote any): ``display.show`` shows nothing and gives the caption's number back.
HIDDEN = "sembunyikan"
#: ``df.attrs[LISTING]`` asks ``display.show`` for a typed listing, one line per row (``display.listing_html``):
#: hundreds of rows of small numbers (Lampiran 2) print ten times faster than as table cells.
LISTING = "daftar_baris"
#: Groups smaller than this get a caution note (a statistical convention, not the regulation's).
SMALL_GROUP = 30
#: How many of the lowest unsur become RTL priorities when the parameters list none.
RTL_DEFAULT_COUNT = 3
#: Headings of the profile fields.
PROFILE_LABELS = {
    "jenis_kelamin": "Jenis Kelamin",
    "usia_kelompok": "Usia (tahun)",
    "pendidikan": "Pendidikan",
    "pekerjaan": "Pekerjaan",
    "jenis_layanan": "Jenis Layanan",
    "unit": "Unit",
}
_SEX = {"L": "Laki-laki", "P": "Perempuan"}


def with_format(
    df: pd.DataFrame, fmt: dict[str, Any], total_rows: int = 0, rename: dict[str, str] | None = None
) -> pd.DataFrame:
    """A display table: ``df`` (columns renamed, a copy) with its display decimals per column and the
    number of closing total rows in ``attrs`` (read by ``display.html_table``).

    >>> t = with_format(pd.DataFrame({"a": [1.5]}), {"b": 2}, rename={"a": "b"}); (list(t.columns), t.attrs)
    (['b'], {'format': {'b': 2}, 'total_rows': 0})
    """
    out = df.rename(columns=rename or {})
    out.attrs["format"] = fmt
    out.attrs["total_rows"] = total_rows
    return out


def unsur_label(u: UnsurResult) -> str:
    """``U3 Waktu Penyelesaian``."""
    return f"{u.kode} {u.nama}"


def ranked_unsur(summary: Summary) -> list[UnsurResult]:
    """The unsur with an NRR, lowest first (ties in scheme order)."""
    order = {u.kode: i for i, u in enumerate(summary.unsur)}
    return sorted((u for u in summary.unsur if u.nrr_exact is not None), key=lambda u: (u.nrr_exact, order[u.kode]))


def lowest_unsur(summary: Summary, count: int = 1, *, highest: bool = False) -> list[UnsurResult]:
    """The ``count`` lowest (or highest) unsur, and every unsur tied with the last of them: ties are ties.

    Empty when every unsur has the same NRR (there is no weakest or strongest unsur then).

    >>> from ikm_utils.method.compute import compute_ikm
    >>> same = pd.DataFrame({f"U{i}": [4, 3] for i in range(1, 10)})
    >>> tie = compute_ikm(same.assign(U2=3, U5=3)).total
    >>> [u.kode for u in lowest_unsur(tie)], lowest_unsur(compute_ikm(same).total)
    (['U2', 'U5'], [])
    """
    ranked = ranked_unsur(summary)
    if not ranked or ranked[0].nrr_exact == ranked[-1].nrr_exact:
        return []
    if highest:
        ranked = ranked[::-1]
    cut = ranked[min(count, len(ranked)) - 1].nrr_exact
    return [u for u in ranked if (u.nrr_exact >= cut if highest else u.nrr_exact <= cut)]


def lowest_label(summary: Summary) -> str | None:
    """``U3 Waktu`` for the lowest unsur, ``U2, U5 (sama rendah)`` for a tie, ``semua unsur sama`` if all are."""
    if not ranked_unsur(summary):
        return None
    low = lowest_unsur(summary)
    if not low:
        return "semua unsur sama"
    return unsur_label(low[0]) if len(low) == 1 else f"{', '.join(u.kode for u in low)} (sama rendah)"


# ---------------------------------------------------------------------------- BAB III: IKM


def unsur_table(summary: Summary) -> pd.DataFrame:
    """Per unsur: n, jumlah nilai, NRR, bobot, NRR tertimbang, nilai konversi, mutu, kinerja; IKM row last.

    >>> from ikm_utils.method.compute import compute_ikm
    >>> t = unsur_table(compute_ikm(pd.DataFrame({f"U{i}": [4, 3, 3, 2] for i in range(1, 10)})).total)
    >>> [str(x) for x in t.loc[0, ["Kode", "n", "Jumlah nilai", "NRR"]]], float(t.iloc[-1]["Nilai konversi"])
    (['U1', '4', '12', '3.0'], 75.0)
    """
    rows = [
        {
            "No": i,
            "Kode": u.kode,
            "Unsur": u.nama,
            "n": u.n,
            "Jumlah nilai": u.jumlah_nilai,
            "NRR": u.nrr,
            "Bobot": format_weight(u.bobot_exact),
            "NRR tertimbang": u.nrr_tertimbang,
            "Nilai konversi": None if u.nilai_konversi is None else float(u.nilai_konversi),
            "Mutu": u.mutu,
            "Kinerja": u.kinerja,
        }
        for i, u in enumerate(summary.unsur, start=1)
    ]
    rows.append(
        {
            "No": None,
            "Kode": "",
            "Unsur": "IKM unit pelayanan",
            "n": summary.n_responden,
            "Jumlah nilai": None,
            "NRR": None,
            "Bobot": format_weight(sum((u.bobot_exact for u in summary.unsur), Fraction(0))),
            "NRR tertimbang": summary.ikm,
            "Nilai konversi": None if summary.ikm_konversi is None else float(summary.ikm_konversi),
            "Mutu": summary.mutu,
            "Kinerja": summary.kinerja,
        }
    )
    df = pd.DataFrame(rows)
    df["No"] = df["No"].astype("Int64")
    df["Jumlah nilai"] = df["Jumlah nilai"].astype("Int64")
    fmt = {"NRR": 3, "NRR tertimbang": 3, "Nilai konversi": 2}
    return with_format(df, fmt, total_rows=1)


def grade_table(table: GradeTable) -> pd.DataFrame:
    """The scheme's grade table as the regulation prints it, and the lower bound we grade by."""
    df = pd.DataFrame(
        [
            {
                "Nilai persepsi": b.nilai_persepsi,
                "Interval IKM (1–4)": b.interval_ikm,
                "Interval konversi (25–100)": b.interval_konversi,
                "Mutu pelayanan": b.mutu,
                "Kinerja unit pelayanan": b.kinerja,
                "Batas bawah dipakai": float(b.batas_bawah),
            }
            for b in table.kelas
        ]
    )
    return with_format(df, {"Batas bawah dipakai": 2})


def group_table(result: IkmResult, column: str = "jenis_layanan", label: str | None = None) -> pd.DataFrame:
    """IKM per group of one grouping column (most respondents first), the whole unit last.

    A group of fewer than :data:`SMALL_GROUP` respondents gets a caution note.
    """
    groups = result.kelompok.get(column, {})
    label = label or PROFILE_LABELS.get(column, column)
    items = sorted(groups.items(), key=lambda kv: (-kv[1].n_responden, kv[0]))
    rows = []
    for i, (name, s) in enumerate(items, start=1):
        rows.append(
            {
                "No": i,
                label: name,
                "Responden": s.n_responden,
                "IKM (1–4)": s.ikm,
                "Nilai IKM (25–100)": None if s.ikm_konversi is None else float(s.ikm_konversi),
                "Mutu": s.mutu,
                "Kinerja": s.kinerja,
                "Unsur terendah": lowest_label(s),
                "Catatan": f"n < {SMALL_GROUP}" if s.n_responden < SMALL_GROUP else "",
            }
        )
    t = result.total
    rows.append(
        {
            "No": None,
            label: "Seluruh responden",
            "Responden": t.n_responden,
            "IKM (1–4)": t.ikm,
            "Nilai IKM (25–100)": None if t.ikm_konversi is None else float(t.ikm_konversi),
            "Mutu": t.mutu,
            "Kinerja": t.kinerja,
            "Unsur terendah": lowest_label(t),
            "Catatan": "",
        }
    )
    df = pd.DataFrame(rows)
    df["No"] = df["No"].astype("Int64")
    return with_format(df, {"IKM (1–4)": 3, "Nilai IKM (25–100)": 2}, total_rows=1)


def distribution_table(summary: Summary) -> pd.DataFrame:
    """Answers 1-4 per unsur (counts), the number answering, and the share of answers 3-4.

    >>> from ikm_utils.method.compute import compute_ikm
    >>> t = distribution_table(compute_ikm(pd.DataFrame({f"U{i}": [4, 3, 3, 2] for i in range(1, 10)})).total)
    >>> [int(x) for x in t.loc[0, ["Nilai 1", "Nilai 2", "Nilai 3", "Nilai 4", "n"]]], float(t.loc[0, "% 3–4"])
    ([0, 1, 2, 1, 4], 75.0)
    """
    rows = []
    for u in summary.unsur:
        d = u.distribusi
        rows.append(
            {
                "Kode": u.kode,
                "Unsur": u.nama,
                **{f"Nilai {v}": d[v - 1] for v in (1, 2, 3, 4)},
                "n": u.n,
                "% 1–2": 100 * (d[0] + d[1]) / u.n if u.n else None,
                "% 3–4": 100 * (d[2] + d[3]) / u.n if u.n else None,
            }
        )
    return with_format(pd.DataFrame(rows), {"% 1–2": "%1", "% 3–4": "%1"})


# ---------------------------------------------------------------------------- profile


def _category_order(column: str, values: Sequence[str]) -> list[str]:
    if column == "usia_kelompok":
        def key(v: str) -> tuple[int, str]:
            digits = "".join(ch if ch.isdigit() else " " for ch in v).split()
            first = int(digits[0]) if digits else 999
            return (first - (1 if v.startswith("<") else 0), v)

        return sorted(values, key=key)
    known = list(ingest_vocabulary()["nilai_profil"].get(column, {}))
    if column == "jenis_kelamin":
        known = list(_SEX)
    ordered = [k for k in known if k in values]
    if "Lainnya" in ordered:  # unknown categories just before "Lainnya"
        ordered.remove("Lainnya")
        return ordered + [v for v in values if v not in ordered and v != "Lainnya"] + ["Lainnya"]
    return ordered + [v for v in values if v not in ordered]


def _profile_column(data: pd.DataFrame, column: str) -> pd.Series:
    if column == "usia_kelompok" and column not in data.columns and "usia" in data.columns:
        from ikm_utils.intake.profile import age_bands  # ages without bands: the default bands

        return age_bands(pd.to_numeric(data["usia"], errors="coerce").astype("Int64")).set_axis(data.index)
    return data[column]


def profile_fields(data: pd.DataFrame) -> list[str]:
    """The profile columns the data have (age bands also from ``usia``), in the report's order."""
    have = set(data.columns) | ({"usia_kelompok"} if "usia" in data.columns else set())
    return [c for c in PROFILE_LABELS if c in have and c != "unit"]


def profile_counts(data: pd.DataFrame, column: str) -> pd.Series:
    """Respondents per category of a profile column, in a reading order; blanks last.

    Sex codes read ``Laki-laki``/``Perempuan``; education and occupation follow the
    questionnaire's order with unknown categories kept; age bands go youngest first; other
    columns go from the most frequent down.

    >>> profile_counts(pd.DataFrame({"jenis_kelamin": ["P", "L", "P", None]}), "jenis_kelamin").to_dict()
    {'Laki-laki': 1, 'Perempuan': 2, '(tidak diisi)': 1}
    """
    text = _profile_column(data, column).astype("string").str.strip()
    text = text.mask(text.isna() | (text == ""), BLANK_GROUP)
    counts = text.value_counts(sort=True)
    counts = counts[counts > 0]
    values = [str(v) for v in counts.index if v != BLANK_GROUP]
    if column in ("jenis_layanan", "unit") or column not in PROFILE_LABELS:
        order = values
    else:
        order = _category_order(column, values)
    if BLANK_GROUP in counts.index:
        order.append(BLANK_GROUP)
    out = counts.reindex(order).astype(int)
    if column == "jenis_kelamin":
        out.index = [_SEX.get(v, v) for v in out.index]
    out.name = PROFILE_LABELS.get(column, column)
    return out


def profile_caption(column: str) -> str:
    """``Responden menurut jenis kelamin``."""
    return f"Responden menurut {PROFILE_LABELS.get(column, column).lower()}"


def profile_series(data: pd.DataFrame, columns: Sequence[str] | None = None) -> dict[str, pd.Series]:
    """Counts per category of each profile field (default: all but jenis layanan), for ``plots.plot_profil``.

    A column the questionnaire did not ask (absent or all blank) comes back empty, so the chart
    says so in one sentence instead of failing.
    """
    columns = columns if columns is not None else [c for c in profile_fields(data) if c != "jenis_layanan"]
    have = set(profile_fields(data)) | {c for c in data.columns if data[c].notna().any()}
    return {PROFILE_LABELS.get(c, c): profile_counts(data, c) if c in have else pd.Series(dtype="int64")
            for c in columns}


def profile_table(data: pd.DataFrame, column: str, label: str | None = None) -> pd.DataFrame:
    """Count and percentage of respondents per category, with a total row."""
    counts = profile_counts(data, column)
    total = int(counts.sum())
    label = label or PROFILE_LABELS.get(column, column)
    df = pd.DataFrame({label: list(counts.index), "Jumlah": counts.to_list()})
    df["Persentase"] = 100 * df["Jumlah"] / total if total else 0.0
    df.loc[len(df)] = ["Jumlah", total, 100.0 if total else 0.0]
    df["Jumlah"] = df["Jumlah"].astype("Int64")
    return with_format(df, {"Persentase": "%1"}, total_rows=1)


# ---------------------------------------------------------------------------- BAB II


def schedule_table(params: Params) -> pd.DataFrame:
    """The survey timeline (``survei.jadwal``; else the collection period alone)."""
    s = params.survei
    stages = [(t.tahap, t.mulai, t.selesai) for t in s.jadwal]
    if not stages:
        start = s.mulai or params.period.start
        end = s.selesai or params.period.end
        stages = [("Pengumpulan data", start, end)]

    df = pd.DataFrame(
        [
            {"No": i, "Tahap": tahap, "Mulai": format_date(a), "Selesai": format_date(b),
             "Lama (hari)": (b - a).days + 1}
            for i, (tahap, a, b) in enumerate(stages, start=1)
        ]
    )
    return with_format(df, {})


def sample_table(sample: SampleCheck | None) -> pd.DataFrame:
    """N, S (Krejcie-Morgan), n and whether n reaches S."""
    if sample is None:
        df = pd.DataFrame([{"Uraian": "Populasi (N)", "Nilai": "tidak dicantumkan"}])
        return with_format(df, {})
    verdict = "Memenuhi (n ≥ S)" if sample.cukup else f"Belum memenuhi (kurang {sample.kekurangan} responden)"
    df = pd.DataFrame(
        [
            {"Populasi (N)": sample.populasi, "Sampel minimal (S)": sample.minimum,
             "Responden diperoleh (n)": sample.diperoleh, "Keterangan": verdict}
        ]
    )
    return with_format(df, {})


# ---------------------------------------------------------------------------- BAB IV


#: What the RTL table says where the parameters set nothing yet (owner, time, programme).
NOT_SET = "belum ditetapkan"


def rtl_table(params: Params, summary: Summary, count: int = RTL_DEFAULT_COUNT) -> pd.DataFrame:
    """Rencana Tindak Lanjut: the parameters' entries with their status, or the ``count`` lowest unsur as usulan.

    Each priority shows the unsur and its NRR. Without entries in the parameters the rows are
    proposals: programme, time and owner read "belum ditetapkan" and ``attrs["bawaan"]`` is ``True``
    (the runner reminds the operator to set them).
    """
    from ikm_utils.method.indonesian import format_number
    from ikm_utils.report.rtl import status_text

    by_code = {u.kode: u for u in summary.unsur}

    def priority(code: str) -> str:
        u = by_code.get(code)
        if u is None:
            return code
        nrr = f" (NRR {format_number(u.nrr, 3)})" if u.nrr is not None else ""
        return f"{unsur_label(u)}{nrr}"

    columns = ["No", "Prioritas Unsur", "Program/Kegiatan", "Waktu", "Penanggung Jawab", "Status"]
    if params.rtl:
        rows = [
            {"No": i, "Prioritas Unsur": priority(r.unsur), "Program/Kegiatan": r.program, "Waktu": r.waktu,
             "Penanggung Jawab": r.penanggung_jawab, "Status": status_text(r.status, r.selesai)}
            for i, r in enumerate(params.rtl, start=1)
        ]
        default = False
    else:
        rows = [
            {"No": i, "Prioritas Unsur": priority(u.kode), "Program/Kegiatan": f"Usulan: perbaikan {u.nama.lower()}",
             "Waktu": NOT_SET, "Penanggung Jawab": NOT_SET, "Status": "Usulan"}
            for i, u in enumerate(lowest_unsur(summary, count), start=1)
        ]
        default = True
    df = with_format(pd.DataFrame(rows, columns=columns), {})
    df.attrs["bawaan"] = default
    return df


def trend_data(
    history: pd.DataFrame | None, params: Params, result: IkmResult, current_ci95: Sequence[float] | None = None
) -> pd.DataFrame:
    """Earlier periods (``history``) and this period, oldest first: one row per period.

    Columns ``periode``, ``label``, ``ikm_konversi``, ``mutu``, ``kinerja``, ``skema``, ``regulasi``,
    ``n_responden``, ``sumber`` (``laporan``/``riwayat``/``periode ini``), ``catatan``, and the 95%
    interval ``ci95_bawah``/``ci95_atas``: earlier periods' from the history (their ringkasan.json),
    this period's ``current_ci95``; NaN where there is none (periods typed by hand).
    """
    t = result.total
    lo, hi = (float("nan"), float("nan")) if current_ci95 is None else map(float, current_ci95)
    current = {
        "periode": params.periode,
        "label": params.period.label,
        "ikm_konversi": None if t.ikm_konversi is None else float(t.ikm_konversi),
        "mutu": t.mutu,
        "kinerja": t.kinerja,
        "skema": result.skema.id,
        "regulasi": result.skema.regulasi,
        "n_responden": t.n_responden,
        "sumber": "periode ini",
        "catatan": None,
        "ci95_bawah": lo,
        "ci95_atas": hi,
    }
    rows = []
    if history is not None and len(history):
        for r in history.to_dict("records"):
            if r.get("periode") == params.periode:
                continue
            rows.append({k: (None if _missing(r.get(k)) else r.get(k)) for k in current})
    rows.append(current)
    df = pd.DataFrame(rows, columns=list(current))
    for col in ("ikm_konversi", *CI_COLUMNS):
        df[col] = pd.to_numeric(df[col], errors="coerce").astype(float)
    order = sorted(range(len(df)), key=lambda i: parse_period(df.loc[i, "periode"]))
    return df.iloc[order].reset_index(drop=True)


def _missing(value: Any) -> bool:
    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _base(scheme_id: str | None) -> str:
    return str(scheme_id or "").split("+", 1)[0]


def trend_table(trend: pd.DataFrame) -> pd.DataFrame:
    """The trend for display: period, scheme, n, IKM (with its 95% interval when any period has one),
    mutu, kinerja, change from the period before.

    The change is shown only between periods graded under the same scheme.
    """
    with_ci = set(CI_COLUMNS) <= set(trend.columns) and not trend[list(CI_COLUMNS)].isna().all().all()
    rows = []
    prev = None
    for i, r in enumerate(trend.to_dict("records"), start=1):
        change = None
        note = r.get("catatan") or ""
        if prev is not None and r["ikm_konversi"] is not None and prev["ikm_konversi"] is not None:
            if _base(prev["skema"]) == _base(r["skema"]):
                change = r["ikm_konversi"] - prev["ikm_konversi"]
            else:
                note = "; ".join(x for x in (note, "skema berbeda dengan periode sebelumnya") if x)
        source = {"laporan": "laporan terdahulu",
                  "riwayat": "laporan lama (dicatat manual)"}.get(r["sumber"], r["sumber"])
        rows.append(
            {
                "No": i,
                "Periode": r["label"],
                "Skema": short_regulation(r.get("regulasi") or r.get("skema")),
                "Responden": None if _missing(r.get("n_responden")) else int(r["n_responden"]),
                "Nilai IKM (25–100)": r["ikm_konversi"],
                **({"Batas bawah 95%": r["ci95_bawah"], "Batas atas 95%": r["ci95_atas"]} if with_ci else {}),
                "Mutu": r["mutu"],
                "Kinerja": r["kinerja"],
                "Perubahan": change,
                "Sumber": source,
                "Catatan": note,
            }
        )
        prev = r
    df = pd.DataFrame(rows)
    if len(df):
        df["Responden"] = df["Responden"].astype("Int64")
        if not df["Catatan"].astype(bool).any():
            df = df.drop(columns="Catatan")
    return with_format(df, {"Nilai IKM (25–100)": 2, "Batas bawah 95%": 2, "Batas atas 95%": 2, "Perubahan": "+2"})


def short_regulation(text: str | None) -> str | None:
    """``Peraturan Menteri PANRB No. 14 Tahun 2017`` -> ``PermenPANRB 14/2017`` (others unchanged).

    >>> short_regulation("Peraturan Menteri PANRB No. 14 Tahun 2017 (unsur/bobot disesuaikan unit)")
    'PermenPANRB 14/2017 (unsur/bobot disesuaikan unit)'
    """
    if text is None:
        return None
    return re.sub(r"Peraturan Menteri PANRB No\. (\d+) Tahun (\d{4})", r"PermenPANRB \1/\2", str(text))


def scheme_label(scheme: Scheme) -> str:
    """``permen14_2017 (Peraturan Menteri PANRB No. 14 Tahun 2017)``."""
    return f"{scheme.id} ({scheme.regulasi})"


def head_title(params: Params) -> str:
    """The head's position exactly as the parameters write it (``Kapolres Gianyar``); without one,
    ``Kepala`` + the unit's name."""
    head = params.unit.kepala_unit
    if head and head.jabatan and head.jabatan.strip():
        return head.jabatan.strip()
    return f"Kepala {params.unit.nama.strip()}"
