"""The regulations as data: unsur, answer labels, weights and grade tables per scheme.

The numbers live in ``data/schemes.yaml``; this module turns them into typed objects.
A period's data is always computed under one named scheme, stored with its results.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import cache
from importlib import resources

import yaml

from ikm_utils.errors import SchemeError

DEFAULT_SCHEME = "permen14_2017"
WEIGHT_MODES = ("exact", "legacy")
#: Tolerance for custom weights given as floats (e.g. 1/3 typed as 0.3333333333).
WEIGHT_SUM_TOLERANCE = Fraction(1, 10**6)


@dataclass(frozen=True)
class Unsur:
    """One service element (unsur) of a questionnaire."""

    kode: str
    nama: str
    sinonim: tuple[str, ...] = ()
    label: tuple[str, str, str, str] = ("Tidak baik", "Kurang baik", "Baik", "Sangat baik")


@dataclass(frozen=True)
class GradeBand:
    """One row of a grade table: values on the 25-100 scale at or above ``batas_bawah``."""

    nilai_persepsi: int
    mutu: str
    kinerja: str
    batas_bawah: Decimal
    interval_ikm: str
    interval_konversi: str


@dataclass(frozen=True)
class GradeTable:
    """A grade table (highest band first) and the regulation it comes from."""

    id: str
    regulasi: str
    kelas: tuple[GradeBand, ...]


@dataclass(frozen=True)
class Scheme:
    """A complete computation scheme: unsur, weights and grade table.

    ``bobot`` holds explicit weights (exact fractions) or ``None`` for equal weights 1/k.
    """

    id: str
    regulasi: str
    unsur: tuple[Unsur, ...]
    tabel_mutu: GradeTable
    bobot: tuple[Fraction, ...] | None = None

    @property
    def codes(self) -> list[str]:
        """The unsur codes in order (``["U1", ..., "U9"]``)."""
        return [u.kode for u in self.unsur]

    @property
    def k(self) -> int:
        """Number of unsur."""
        return len(self.unsur)

    def weights(self, mode: str = "exact") -> tuple[Fraction, ...]:
        """Weights as exact fractions.

        ``exact``: 1/k (or the explicit weights). ``legacy``: 1/k as printed in the
        regulation's legend, rounded half-up to 3 decimals (0,111 for 9 unsur); explicit
        weights are used as given in both modes.

        >>> get_scheme("permen14_2017").weights("legacy")[0]
        Fraction(111, 1000)
        """
        if mode not in WEIGHT_MODES:
            raise SchemeError(f"Mode bobot '{mode}' tidak dikenal; pilih salah satu: {', '.join(WEIGHT_MODES)}.")
        if self.bobot is not None:
            return self.bobot
        if mode == "legacy":
            places = _data()["bobot_legacy_desimal"]
            printed = (Fraction(1, self.k) * 10**places + Fraction(1, 2)).__floor__()
            return tuple(Fraction(printed, 10**places) for _ in self.unsur)
        return tuple(Fraction(1, self.k) for _ in self.unsur)


@cache
def _data() -> dict:
    text = resources.files("ikm_utils.method").joinpath("data/schemes.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def grade_table(table_id: str) -> GradeTable:
    """The grade table with the given id (``A_2017`` or ``B_2004``)."""
    raw = _data()["tabel_mutu"][table_id]
    bands = tuple(
        GradeBand(
            nilai_persepsi=b["nilai_persepsi"],
            mutu=b["mutu"],
            kinerja=b["kinerja"],
            batas_bawah=Decimal(b["batas_bawah"]),
            interval_ikm=b["interval_ikm"],
            interval_konversi=b["interval_konversi"],
        )
        for b in raw["kelas"]
    )
    return GradeTable(id=table_id, regulasi=raw["regulasi"], kelas=bands)


def scheme_ids() -> list[str]:
    """The ids of the preset schemes, default first."""
    return list(_data()["skema"])


def generic_labels() -> tuple[str, str, str, str]:
    """The generic reading of the 1-4 scale (tidak baik ... sangat baik)."""
    return tuple(_data()["label_umum"])


def ingest_vocabulary() -> dict:
    """The vocabulary for reading exports: profile header synonyms, value variants, label word variants.

    >>> ingest_vocabulary()["nilai_profil"]["jenis_kelamin"]["P"][:2]
    ['p', 'perempuan']
    """
    return _data()["ingest"]


@cache
def get_scheme(scheme_id: str = DEFAULT_SCHEME) -> Scheme:
    """A preset scheme by id.

    >>> s = get_scheme("permen14_2017"); (s.k, s.unsur[8].nama, s.tabel_mutu.id)
    (9, 'Sarana dan prasarana', 'A_2017')
    """
    presets = _data()["skema"]
    if scheme_id not in presets:
        raise SchemeError(f"Skema '{scheme_id}' tidak dikenal; pilihan: {', '.join(presets)}.")
    raw = presets[scheme_id]
    unsur = tuple(
        Unsur(kode=u["kode"], nama=u["nama"], sinonim=tuple(u.get("sinonim", ())), label=tuple(u["label"]))
        for u in raw["unsur"]
    )
    return Scheme(id=scheme_id, regulasi=raw["regulasi"], unsur=unsur, tabel_mutu=grade_table(raw["tabel_mutu"]))


def _as_fraction(value: object, where: str) -> Fraction:
    try:
        if isinstance(value, float):
            return Fraction(repr(value))
        return Fraction(str(value).strip().replace(",", "."))
    except (ValueError, ZeroDivisionError) as exc:
        raise SchemeError(f"{where}: bobot '{value}' bukan angka.") from exc


def parse_weights(weights: Sequence[object], codes: Sequence[str]) -> tuple[Fraction, ...]:
    """Explicit weights as exact fractions; one per unsur, each > 0, summing to 1.

    >>> parse_weights(["0.5", 0.25, "1/4"], ["U1", "U2", "U3"])
    (Fraction(1, 2), Fraction(1, 4), Fraction(1, 4))
    """
    if len(weights) != len(codes):
        raise SchemeError(f"Jumlah bobot ({len(weights)}) tidak sama dengan jumlah unsur ({len(codes)}).")
    bobot = tuple(_as_fraction(w, f"bobot {c}") for w, c in zip(weights, codes, strict=True))
    negative = [c for c, w in zip(codes, bobot, strict=True) if w <= 0]
    if negative:
        raise SchemeError(f"Bobot harus lebih dari 0: {', '.join(negative)}.")
    total = sum(bobot, Fraction(0))
    if abs(total - 1) > WEIGHT_SUM_TOLERANCE:
        raise SchemeError(f"Jumlah bobot harus 1, bukan {float(total):.6g} ({' + '.join(str(w) for w in weights)}).")
    return bobot


def custom_scheme(
    unsur: Sequence[Unsur | str],
    weights: Sequence[object] | None = None,
    *,
    base: str = DEFAULT_SCHEME,
    scheme_id: str = "kustom",
) -> Scheme:
    """A unit's own scheme: any k >= 1 unsur, explicit weights that sum to 1.

    ``unsur`` items may be codes of the ``base`` scheme (reusing its names and labels) or
    full :class:`Unsur` objects. Weights may be numbers or strings (``"0.15"``, ``"1/3"``).

    >>> s = custom_scheme(["U1", "U2"], ["0.6", "0.4"]); s.weights()
    (Fraction(3, 5), Fraction(2, 5))
    """
    if len(unsur) < 1:
        raise SchemeError("Skema kustom memerlukan paling sedikit 1 unsur.")
    known = {u.kode: u for u in get_scheme(base).unsur}
    items: list[Unsur] = []
    for u in unsur:
        if isinstance(u, Unsur):
            items.append(u)
        elif u in known:
            items.append(known[u])
        else:
            raise SchemeError(f"Unsur '{u}' tidak ada di skema {base}; berikan nama dan label unsur lengkap.")
    codes = [u.kode for u in items]
    dupes = sorted({c for c in codes if codes.count(c) > 1})
    if dupes:
        raise SchemeError(f"Kode unsur ganda di skema kustom: {', '.join(dupes)}.")
    bobot = None if weights is None else parse_weights(weights, codes)
    return Scheme(
        id=scheme_id,
        regulasi=get_scheme(base).regulasi + " (unsur/bobot disesuaikan unit)",
        unsur=tuple(items),
        tabel_mutu=get_scheme(base).tabel_mutu,
        bobot=bobot,
    )


def _words(text: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", str(text).casefold()).split())


def find_unsur(scheme: Scheme, name: str) -> str:
    """The code of the unsur a questionnaire calls ``name`` (its name, a synonym, a word of either, or its code).

    Raises ``ValueError`` (in Indonesian) for a name no unsur has, or one that fits several.

    >>> s = get_scheme("permen14_2017")
    >>> find_unsur(s, "sarana"), find_unsur(s, "Pengaduan"), find_unsur(s, "waktu"), find_unsur(s, "u4")
    ('U9', 'U8', 'U3', 'U4')
    """
    key = _words(name)
    phrases = {u.kode: [_words(p) for p in (u.nama, *u.sinonim)] for u in scheme.unsur}
    exact = [c for c, ps in phrases.items() if key in ps or key == c.casefold()]
    if key.startswith("u") and key[1:].strip().isdigit() and f"U{int(key[1:])}" in phrases:
        exact = [f"U{int(key[1:])}"]
    if len(exact) == 1:
        return exact[0]
    inside = [c for c, ps in phrases.items() if any(f" {key} " in f" {p} " for p in ps)]
    if len(inside) == 1:
        return inside[0]
    known = ", ".join(f"{u.kode} {u.nama}" for u in scheme.unsur)
    if inside:
        raise ValueError(f"'{name}' cocok dengan beberapa unsur ({', '.join(inside)}); tulis nama yang lebih lengkap")
    raise ValueError(f"unsur '{name}' tidak ada di skema {scheme.id} ({known})")


def form_order(scheme: Scheme, order: str | Sequence[str]) -> list[str]:
    """The scheme's codes in the questionnaire's order, from unsur names (or ``"permen"``: the scheme's own).

    >>> form_order(get_scheme("permen14_2017"), ["persyaratan", "prosedur", "waktu", "biaya", "produk",
    ...            "kompetensi", "perilaku", "sarana", "pengaduan"])[7:]
    ['U9', 'U8']
    """
    if isinstance(order, str):
        if _words(order) in ("permen", "skema"):
            return list(scheme.codes)
        raise ValueError(f"'{order}' bukan urutan; tulis daftar nama unsur atau 'permen'")
    problems, codes = [], []
    for i, name in enumerate(order):
        try:
            codes.append(find_unsur(scheme, str(name)))
        except ValueError as exc:
            problems.append(f"[{i}] {exc}")
    if not problems:
        repeated = sorted({c for c in codes if codes.count(c) > 1})
        if repeated:
            problems.append(f"unsur disebut lebih dari sekali: {', '.join(repeated)}")
        missing = [c for c in scheme.codes if c not in codes]
        if missing:
            problems.append(f"unsur belum disebut: {', '.join(missing)} (skema {scheme.id} punya "
                            f"{len(scheme.codes)} unsur)")
    if problems:
        raise ValueError("; ".join(problems))
    return codes
