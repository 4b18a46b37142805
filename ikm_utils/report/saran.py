"""Respondents' *saran*: collected, masked, and grouped by the unsur they speak about.

Grouping is by keywords: each saran goes to the unsur whose keywords it mentions most (ties go
to the earlier unsur), praise without a complaint goes to *Apresiasi*, the rest to *Lainnya*.
It is a reading aid for BAB IV, not a measurement: the regulation's figures never use it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from types import SimpleNamespace

import pandas as pd

from ikm_utils.method.schemes import Scheme, get_scheme
from ikm_utils.report.privacy import mask_personal_data
from ikm_utils.report.tables import HIDDEN

#: Keywords per unsur of PermenPANRB 14/2017 (matched at word starts, case-insensitive).
KEYWORDS = {
    "U1": ("persyaratan", "syarat", "berkas", "dokumen", "fotokopi", "fotocopy", "formulir"),
    "U2": ("prosedur", "alur", "mekanisme", "online", "daring", "aplikasi", "pendaftaran", "sistem", "website"),
    "U3": ("antri", "antre", "lama", "cepat", "dipercepat", "lambat", "waktu", "menunggu", "tunggu", "belum jadi",
           "kepastian waktu"),
    "U4": ("biaya", "tarif", "bayar", "pungli", "pungutan", "gratis", "mahal"),
    "U5": ("blanko", "salah ketik", "produk", "keliru", "tidak sesuai", "hasil cetak"),
    "U6": ("kompeten", "kemampuan", "menguasai", "paham", "kurang paham", "tidak paham", "terampil"),
    "U7": ("ramah", "sopan", "judes", "jutek", "senyum", "perilaku", "sikap", "kasar"),
    "U8": ("pengaduan", "aduan", "keluhan", "kotak saran", "komplain", "lapor"),
    "U9": ("ruang", "kursi", "toilet", "wc", "parkir", "ac", "kipas", "panas", "fasilitas", "sarana", "prasarana",
           "mushola", "musala", "peneduh", "bersih"),
}
APRESIASI = ("sudah baik", "sudah bagus", "terima kasih", "terimakasih", "mantap", "puas", "pertahankan", "membantu",
             "bagus")
THEME_APRESIASI = "Apresiasi"
THEME_OTHER = "Lainnya"
_EMPTY = {"", "-", "–", "tidak ada", "tidak", "nihil", "none", "n/a", "na", "ok", "."}


class SaranList(list):
    """The saran texts; ``ditanyakan`` is False when the questionnaire had no saran item at all."""

    ditanyakan: bool = True


def collect_saran(data: pd.DataFrame, column: str = "saran") -> SaranList:
    """The non-empty saran of the kept responses, masked (phone numbers, e-mail addresses, NIK).

    >>> collect_saran(pd.DataFrame({"saran": ["Antri lama, WA 0812-3456-7890", None, " - ", "Bagus"]}))
    ['Antri lama, WA 0812****7890', 'Bagus']
    >>> collect_saran(pd.DataFrame({"U1": [4]})).ditanyakan
    False
    """
    if column not in data.columns:
        out = SaranList()
        out.ditanyakan = False
        return out
    out = []
    masked: dict[str, str] = {}  # each distinct text masked once
    for value in data[column].tolist():
        if value is None or (isinstance(value, float) and value != value):
            continue
        text = " ".join(str(value).split())
        if text.casefold() in _EMPTY:
            continue
        if text not in masked:
            masked[text] = mask_personal_data(text)
        out.append(masked[text])
    return SaranList(out)


def _theme_keywords(unsur: Sequence) -> dict[str, tuple[str, ...]]:
    """Keywords of each unsur (objects with ``kode``, ``nama``, ``sinonim``)."""
    reference = {u.kode: u.nama for u in get_scheme("permen14_2017").unsur}
    out = {}
    for u in unsur:
        if reference.get(u.kode) == u.nama:
            out[u.kode] = KEYWORDS[u.kode]
        else:  # another scheme: the unsur's own name and synonyms
            words = {w for text in (u.nama, *u.sinonim) for w in re.findall(r"[a-z]{5,}", text.casefold())}
            out[u.kode] = tuple(sorted(words - {"pelayanan", "layanan", "petugas"}))
    return out


def _keyword_patterns(words: Sequence[str]) -> tuple[re.Pattern[str], ...]:
    """One pattern per keyword: at a word start (short ones, like ``ac``, only as whole words)."""
    return tuple(re.compile(rf"(?<![a-z]){re.escape(w)}{'(?![a-z])' if len(w) <= 3 else ''}") for w in words)


_COMPLAINT = re.compile(r"\b(kurang|tidak|belum|mohon|tolong|lama|sering)\b")
_APRESIASI_PATTERNS = _keyword_patterns(APRESIASI)


@lru_cache(maxsize=16)
def _theme_patterns(unsur: tuple[tuple[str, str, tuple[str, ...]], ...]) -> tuple[tuple[str, tuple], ...]:
    """The compiled keyword patterns of each unsur of a scheme (given as (kode, nama, sinonim) triples)."""
    keywords = _theme_keywords([SimpleNamespace(kode=k, nama=n, sinonim=s) for k, n, s in unsur])
    return tuple((code, _keyword_patterns(words)) for code, words in keywords.items())


def _hits(text: str, patterns: Sequence[re.Pattern[str]]) -> int:
    """How many of the keywords occur in ``text``."""
    return sum(1 for p in patterns if p.search(text))


@lru_cache(maxsize=65536)
def _theme_of(low: str, unsur: tuple[tuple[str, str, tuple[str, ...]], ...]) -> str:
    best, best_hits = None, 0
    for code, patterns in _theme_patterns(unsur):
        n = _hits(low, patterns)
        if n > best_hits:
            best, best_hits = code, n
    if _hits(low, _APRESIASI_PATTERNS) and not _COMPLAINT.search(low):
        return THEME_APRESIASI
    return best or THEME_OTHER


def saran_theme(text: str, scheme: Scheme) -> str:
    """The theme of one saran: an unsur code, ``Apresiasi`` or ``Lainnya``.

    Keyword patterns are compiled once per scheme and each distinct text is classified once (the
    report groups, counts and analyses the same saran three times; thousands of respondents write
    the same words).

    >>> s = get_scheme("permen14_2017")
    >>> saran_theme("Antrian terlalu lama", s), saran_theme("Sudah bagus, terima kasih", s), saran_theme("Hmm", s)
    ('U3', 'Apresiasi', 'Lainnya')
    """
    unsur = tuple((u.kode, u.nama, tuple(u.sinonim)) for u in scheme.unsur)
    return _theme_of(text.casefold(), unsur)


#: Distinct saran listed per theme in the report (the most frequent first); all are in :data:`SARAN_CSV`.
SARAN_PER_THEME = 40
#: The file beside the report with every distinct saran (masked) and its count (written by ``ikm render``).
SARAN_CSV = "saran_responden.csv"


def saran_table(saran: Sequence[str], scheme: Scheme, per_theme: int | None = SARAN_PER_THEME) -> pd.DataFrame:
    """The saran grouped by theme (unsur in scheme order, then Apresiasi, Lainnya); the same text once, counted.

    At most ``per_theme`` distinct saran per theme (the most frequent); a closing row per theme
    says how many more there are and where they are (:data:`SARAN_CSV`).

    >>> t = saran_table(["Antri lama", "antri  lama", "Toilet kotor"], get_scheme("permen14_2017"))
    >>> t[["Tema", "Saran", "Jumlah"]].values.tolist()
    [['U3 Waktu Penyelesaian', 'Antri lama', 2], ['U9 Sarana dan prasarana', 'Toilet kotor', 1]]
    """
    names = {u.kode: f"{u.kode} {u.nama}" for u in scheme.unsur}
    order = {**{c: i for i, c in enumerate(scheme.codes)}, THEME_APRESIASI: 900, THEME_OTHER: 999}
    groups: dict[str, dict] = {}
    for text in saran:
        key = " ".join(text.casefold().split())
        g = groups.get(key)
        if g is None:  # the theme once per distinct text (thousands of respondents write the same)
            g = groups[key] = {"text": text, "count": 0, "theme": saran_theme(text, scheme)}
        g["count"] += 1
    items = sorted(groups.values(), key=lambda g: (order[g["theme"]], -g["count"], g["text"].casefold()))
    rows: list[dict] = []
    shown: dict[str, int] = {}
    rest: dict[str, list[int]] = {}
    for g in items:
        theme = names.get(g["theme"], g["theme"])
        if per_theme is not None and shown.get(theme, 0) >= per_theme:
            rest.setdefault(theme, []).append(g["count"])
            continue
        shown[theme] = shown.get(theme, 0) + 1
        rows.append({"No": sum(shown.values()), "Tema": theme, "Saran": g["text"], "Jumlah": g["count"]})
        if per_theme is not None and theme not in rest and shown[theme] == per_theme:
            rest[theme] = []
            rows.append({"_rest": theme})
    table_rows = []
    for r in rows:
        if "_rest" in r:
            counts = rest.get(r["_rest"], [])
            if counts:
                table_rows.append({"No": None, "Tema": r["_rest"], "Jumlah": sum(counts),
                                   "Saran": f"… {len(counts)} saran lain dengan tema ini (semua saran ada pada "
                                            f"berkas pendamping {SARAN_CSV})"})
        else:
            table_rows.append(r)
    df = pd.DataFrame(table_rows, columns=["No", "Tema", "Saran", "Jumlah"])
    df["No"] = pd.Series([r["No"] for r in table_rows], dtype=object)  # whole numbers, blank on closing rows
    df.attrs["format"] = {}
    df.attrs["total_rows"] = 0
    _mark(df, saran)
    return df


def _mark(df: pd.DataFrame, saran: Sequence[str]) -> None:
    """No saran (none written, or no saran item): the table is not shown, the sentence says why."""
    df.attrs["ditanyakan"] = getattr(saran, "ditanyakan", True)
    if not len(saran):
        df.attrs[HIDDEN] = True


def theme_counts(saran: Sequence[str], scheme: Scheme) -> pd.DataFrame:
    """How many saran per theme, most first, with their share of all saran."""
    table = saran_table(saran, scheme, per_theme=None)
    counts = table.groupby("Tema", sort=False)["Jumlah"].sum().sort_values(ascending=False, kind="stable")
    df = pd.DataFrame({"Tema": list(counts.index), "Jumlah saran": [int(c) for c in counts]})
    total = int(counts.sum())
    df["Persentase"] = 100 * df["Jumlah saran"] / total if total else []
    df.attrs["format"] = {"Persentase": "%1"}
    df.attrs["total_rows"] = 0
    _mark(df, saran)
    return df
