"""The regional roll-up of one period: many units' ``ringkasan.json`` -> one comparative picture.

Two region-wide figures, never confused:

- the **pooled IKM** (*IKM gabungan*): all respondents of all units taken together, computed by the
  regulation's formula from the units' per-unsur sums (``jumlah_nilai``) and counts (``n``) in their
  ringkasan.json, exactly as ``ikm compute --by unit`` computes the total of the pooled data;
  large units weigh more;
- the **unweighted mean of the unit IKMs** (*rata-rata IKM unit*): every unit counts once.

Units computed under another scheme or weights than the majority cannot be pooled with them: they
are shown but left out of the pooled figures, and the note says so.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

import pandas as pd

from ikm_utils.method.compute import SCALE
from ikm_utils.method.grading import grade
from ikm_utils.method.indonesian import format_number, join_words
from ikm_utils.method.periods import parse_period
from ikm_utils.method.schemes import Scheme, get_scheme


def _min_n() -> tuple[int, int]:
    """(fewest respondents for an interval, fewest for a reliable comparison): contract 4, with fallbacks."""
    from ikm_utils.stats import intervals

    return int(getattr(intervals, "MIN_N_INTERVAL", 10)), int(getattr(intervals, "MIN_N_ALPHA", 30))


@dataclass(frozen=True)
class PooledUnsur:
    """One unsur over the pooled respondents."""

    kode: str
    nama: str
    n: int
    jumlah_nilai: int
    nrr_exact: Fraction | None

    @property
    def nrr(self) -> float | None:
        return None if self.nrr_exact is None else float(self.nrr_exact)


@dataclass(frozen=True)
class Pooled:
    """The IKM of all respondents of the pooled units (the regulation's formula on summed counts)."""

    n_unit: int
    n_responden: int
    unsur: tuple[PooledUnsur, ...]
    ikm_exact: Fraction | None
    ikm_konversi: Any
    mutu: str | None
    kinerja: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "n_unit": self.n_unit,
            "n_responden": self.n_responden,
            "unsur": [{"kode": u.kode, "nama": u.nama, "n": u.n, "jumlah_nilai": u.jumlah_nilai, "nrr": u.nrr}
                      for u in self.unsur],
            "ikm": None if self.ikm_exact is None else float(self.ikm_exact),
            "ikm_konversi": None if self.ikm_konversi is None else float(self.ikm_konversi),
            "mutu": self.mutu,
            "kinerja": self.kinerja,
        }


def pool(units: list[dict[str, Any]], scheme: Scheme, weight_mode: str = "exact") -> Pooled:
    """Pool the units' respondents: per unsur NRR = Σ jumlah nilai / Σ n, IKM = Σ bobot × NRR, graded.

    >>> u = lambda j, n: {"n_responden": n, "unsur": [{"kode": c, "jumlah_nilai": j, "n": n} for c in
    ...                   get_scheme().codes]}
    >>> p = pool([u(12, 4), u(8, 4)], get_scheme()); str(p.ikm_konversi), p.mutu
    ('62.50', 'D')
    """
    weights = scheme.weights(weight_mode)
    unsur, ikm = [], Fraction(0)
    for u, w in zip(scheme.unsur, weights, strict=True):
        entries = [next((e for e in unit["unsur"] if e["kode"] == u.kode), None) for unit in units]
        n = sum(int(e["n"]) for e in entries if e)
        total = sum(int(e["jumlah_nilai"]) for e in entries if e)
        nrr = Fraction(total, n) if n else None
        unsur.append(PooledUnsur(u.kode, u.nama, n, total, nrr))
        ikm = None if nrr is None or ikm is None else ikm + nrr * w
    n_resp = sum(int(unit.get("n_responden") or 0) for unit in units)
    g = None if ikm is None or not n_resp else grade(ikm * SCALE, scheme.tabel_mutu)
    return Pooled(len(units), n_resp, tuple(unsur), ikm if g else None, g.nilai if g else None,
                  g.mutu if g else None, g.kinerja if g else None)


def read_summary(path: str | Path) -> dict[str, Any]:
    """One ringkasan.json, with where it was read (``_berkas``)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    data["_berkas"] = str(path)
    return data


def unit_history(paths: list[str | Path]) -> list[dict[str, Any]]:
    """Every rendered period of the units of ``paths``: the ringkasan.json beside each one's period folder."""
    seen: dict[Path, None] = {}
    for p in paths:
        for q in sorted(Path(p).resolve().parent.parent.glob("*/ringkasan.json")):
            seen[q] = None
    out = []
    for q in seen:
        try:
            out.append(read_summary(q))
        except (OSError, ValueError):
            continue
    return out


@dataclass
class Rollup:
    """The roll-up of one period: the units, the pooled figures, the trend of the region."""

    judul: str
    periode: str
    units: list[dict[str, Any]]
    missing: list[dict[str, str]] = field(default_factory=list)
    history: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    scheme: Scheme | None = None
    bobot: str = "exact"
    pooled_units: list[dict[str, Any]] = field(default_factory=list)

    @property
    def periode_label(self) -> str:
        return parse_period(self.periode).label

    # ------------------------------------------------------------------ figures

    def pooled(self) -> Pooled:
        """The pooled IKM of the units computed under the common scheme and weights."""
        return pool(self.pooled_units, self.scheme, self.bobot)

    def mean_ikm(self) -> float | None:
        """The unweighted mean of the unit IKMs (every unit counts once)."""
        values = [u["ikm_konversi"] for u in self.units if u.get("ikm_konversi") is not None]
        return sum(values) / len(values) if values else None

    def units_table(self) -> pd.DataFrame:
        """One row per unit, highest IKM first, with its 95% interval and the small-n flag."""
        min_ci, min_cmp = _min_n()
        rows = []
        for u in self.units:
            n = int(u.get("n_responden") or 0)
            ci = u.get("ikm_konversi_ci95") or [None, None]
            show_ci = n >= min_ci and ci[0] is not None
            note = []
            if n < min_cmp:
                note.append(f"n kecil (< {min_cmp}): hasil belum dapat dibandingkan")
            if n < min_ci:
                note.append(f"interval tidak ditampilkan (n < {min_ci})")
            if u not in self.pooled_units:
                note.append("tidak ikut digabung (skema/bobot lain)")
            rows.append({
                "Unit": u["unit"]["nama"],
                "n": n,
                "IKM": u.get("ikm_konversi"),
                "Batas bawah 95%": ci[0] if show_ci else None,
                "Batas atas 95%": ci[1] if show_ci else None,
                "Mutu": u.get("mutu") or "–",
                "Catatan": "; ".join(note),
                "_slug": u["unit"].get("slug"),
                "_kecil": n < min_cmp,
            })
        df = pd.DataFrame(rows)
        if len(df):
            df = df.sort_values(["IKM", "Unit"], ascending=[False, True], na_position="last").reset_index(drop=True)
        df.attrs["format"] = {"n": 0, "IKM": 2, "Batas bawah 95%": 2, "Batas atas 95%": 2}
        return df

    def display_units(self) -> pd.DataFrame:
        """:meth:`units_table` without the helper columns, numbered."""
        df = self.units_table()
        out = df.drop(columns=[c for c in df.columns if c.startswith("_")])
        out.insert(0, "No", range(1, len(out) + 1))
        out.attrs["format"] = {**df.attrs["format"], "No": 0}
        return out

    def heatmap_frame(self) -> pd.DataFrame:
        """NRR (1-4) per unit (rows, in the order of :meth:`units_table`) and unsur (columns, codes)."""
        order = self.units_table()["_slug"].tolist() if self.units else []
        by_slug = {u["unit"].get("slug"): u for u in self.units}
        codes = self.scheme.codes if self.scheme else []
        data = {}
        for slug in order:
            u = by_slug[slug]
            nrr = {e["kode"]: e.get("nrr") for e in u.get("unsur", [])}
            data[u["unit"]["nama"]] = [nrr.get(c) for c in codes]
        return pd.DataFrame.from_dict(data, orient="index", columns=codes, dtype=float)

    def unsur_table(self) -> pd.DataFrame:
        """Each unsur over the pooled respondents, weakest first, with how many units have it as their weakest."""
        pooled = self.pooled()
        weakest = Counter()
        for u in self.pooled_units:
            values = [(e["nrr"], e["kode"]) for e in u.get("unsur", []) if e.get("nrr") is not None]
            if values:
                low = min(v for v, _ in values)
                weakest.update(k for v, k in values if v == low)
        rows = [{"Kode": p.kode, "Unsur": p.nama, "n": p.n, "NRR gabungan": p.nrr,
                 "Nilai konversi": None if p.nrr is None else p.nrr * SCALE,
                 "Terendah di unit": weakest.get(p.kode, 0)} for p in pooled.unsur]
        df = pd.DataFrame(rows).sort_values(["NRR gabungan", "Kode"], na_position="last").reset_index(drop=True)
        df.attrs["format"] = {"n": 0, "NRR gabungan": 3, "Nilai konversi": 2, "Terendah di unit": 0}
        return df

    def rtl_table(self) -> pd.DataFrame:
        """The previous period's RTL realisation of each unit that recorded one (contract 2)."""
        rows = []
        for u in self.units:
            r = u.get("realisasi_rtl_sebelumnya")
            if not r:
                continue
            rows.append({"Unit": u["unit"]["nama"], "RTL periode": parse_period(r["periode"]).label,
                         "Direncanakan": r.get("direncanakan"), "Selesai": r.get("selesai"),
                         "Persen selesai": r.get("persen"),
                         "Rata-rata bulan sampai selesai": r.get("bulan_sampai_selesai")})
        df = pd.DataFrame(rows)
        df.attrs["format"] = {"Direncanakan": 0, "Selesai": 0, "Persen selesai": "%1",
                              "Rata-rata bulan sampai selesai": 1}
        return df

    def trend(self) -> pd.DataFrame:
        """The region per period up to this one: pooled IKM and mean of unit IKMs of the units reported then."""
        slugs = {u["unit"].get("slug") for u in self.units}
        current = parse_period(self.periode)
        by_period: dict[str, dict[str, dict]] = {}
        for s in [*self.history, *self.units]:
            slug = s.get("unit", {}).get("slug")
            if slug in slugs and not current < parse_period(s["periode"]):
                by_period.setdefault(s["periode"], {})[slug] = s
        rows = []
        for periode in sorted(by_period, key=parse_period):
            units = [u for u in by_period[periode].values()
                     if self.scheme and u.get("skema") == self.scheme.id and u.get("bobot", "exact") == self.bobot]
            if not units:
                continue
            p = pool(units, self.scheme, self.bobot)
            values = [u["ikm_konversi"] for u in units if u.get("ikm_konversi") is not None]
            rows.append({"periode": periode, "label": parse_period(periode).label,
                         "ikm_konversi": None if p.ikm_konversi is None else float(p.ikm_konversi),
                         "mutu": p.mutu, "skema": self.scheme.id, "rata_rata_unit": sum(values) / len(values),
                         "n_unit": len(units), "n_responden": p.n_responden})
        return pd.DataFrame(rows)

    def trend_table(self) -> pd.DataFrame:
        t = self.trend()
        if not len(t):
            return t
        df = pd.DataFrame({"Periode": t["label"], "Unit": t["n_unit"], "Responden": t["n_responden"],
                           "IKM gabungan": t["ikm_konversi"], "Mutu": t["mutu"],
                           "Rata-rata IKM unit": t["rata_rata_unit"]})
        df.attrs["format"] = {"Unit": 0, "Responden": 0, "IKM gabungan": 2, "Rata-rata IKM unit": 2}
        return df

    # ------------------------------------------------------------------ words

    def headline(self) -> list[str]:
        """The opening sentences: the two region-wide figures, each said for what it is."""
        p, mean = self.pooled(), self.mean_ikm()
        out = []
        if p.ikm_konversi is not None:
            out.append(
                f"IKM gabungan {self.judul} {self.periode_label} adalah {format_number(float(p.ikm_konversi))} "
                f"(mutu {p.mutu}, {p.kinerja}), dihitung dari seluruh {format_number(p.n_responden, 0)} responden "
                f"{p.n_unit} unit yang digabung menjadi satu (unit dengan responden lebih banyak berbobot lebih besar)."
            )
        if mean is not None:
            out.append(
                f"Rata-rata sederhana IKM {len(self.units)} unit (setiap unit berbobot sama, tidak ditimbang "
                f"jumlah responden) adalah {format_number(mean)}."
            )
        if self.missing:
            names = join_words([m["unit"] for m in self.missing])
            out.append(f"Tanpa laporan periode ini, sehingga tidak ikut dihitung: {names}.")
        return out + self.notes

    def weakest_sentence(self) -> str:
        """Which unsur is weakest over the pooled respondents, and in how many units it is the weakest."""
        t = self.unsur_table().dropna(subset=["NRR gabungan"])
        if not len(t):
            return "Belum ada nilai unsur."
        low = t.iloc[0]
        return (f"Unsur terlemah di seluruh wilayah adalah {low['Kode']} {low['Unsur']} dengan NRR gabungan "
                f"{format_number(low['NRR gabungan'], 3)} (nilai konversi {format_number(low['Nilai konversi'])}); "
                f"unsur ini menjadi yang terendah di {int(low['Terendah di unit'])} dari "
                f"{len(self.pooled_units)} unit.")

    def small_n_sentence(self) -> str | None:
        """A warning naming the units too small to be compared (said before any ordering)."""
        _, min_cmp = _min_n()
        small = [f"{u['unit']['nama']} (n = {u.get('n_responden')})" for u in self.units
                 if int(u.get("n_responden") or 0) < min_cmp]
        if not small:
            return None
        return (f"Perhatian: {join_words(small)} memiliki kurang dari {min_cmp} responden; IKM-nya sangat tidak "
                "pasti, sehingga urutan unit hanya dapat dibaca bersama interval kepercayaan 95%.")

    def to_dict(self) -> dict[str, Any]:
        """``rekap.json``: the pooled figures, the mean, and each unit's figures."""
        return {
            "judul": self.judul,
            "periode": self.periode,
            "periode_label": self.periode_label,
            "skema": self.scheme.id if self.scheme else None,
            "bobot": self.bobot,
            "gabungan": self.pooled().to_dict(),
            "rata_rata_ikm_unit": self.mean_ikm(),
            "unit": [{"nama": u["unit"]["nama"], "slug": u["unit"].get("slug"), "n_responden": u.get("n_responden"),
                      "ikm_konversi": u.get("ikm_konversi"), "mutu": u.get("mutu"),
                      "ikm_konversi_ci95": u.get("ikm_konversi_ci95"), "digabung": u in self.pooled_units}
                     for u in self.units],
            "tanpa_laporan": self.missing,
            "tren": self.trend().to_dict(orient="records"),
        }


def build_rollup(
    units: list[dict[str, Any]],
    periode: str,
    *,
    judul: str | None = None,
    missing: list[dict[str, str]] | None = None,
    history: list[dict[str, Any]] | None = None,
) -> Rollup:
    """The roll-up of the units' summaries of ``periode`` (other periods of the same units: ``history``)."""
    units = [u for u in units if u.get("periode") == periode]
    notes: list[str] = []
    if not units:
        return Rollup(judul or "wilayah", periode, [], list(missing or []), notes=["Belum ada laporan unit."])
    common = Counter((u.get("skema"), u.get("bobot", "exact")) for u in units).most_common(1)[0][0]
    try:
        scheme = get_scheme(common[0])
    except Exception:  # a custom scheme cannot be rebuilt from its id
        scheme = None
    pooled = [u for u in units if (u.get("skema"), u.get("bobot", "exact")) == common] if scheme else []
    others = [u["unit"]["nama"] for u in units if u not in pooled]
    if others:
        notes.append(f"Tidak ikut IKM gabungan karena dihitung dengan skema atau bobot lain: {join_words(others)}.")
    instansi = Counter(u["unit"].get("instansi") for u in units if u["unit"].get("instansi")).most_common(1)
    title = judul or (instansi[0][0] if instansi else "wilayah")
    return Rollup(title, periode, units, list(missing or []), list(history or []), notes, scheme,
                  common[1], pooled)


def load_rollup(masukan: str | Path) -> Rollup:
    """The roll-up described by a ``rekap_masukan.json`` (written by ``ikm rekap``): judul, periode,
    the ringkasan.json files of the units and the units without a report."""
    spec = json.loads(Path(masukan).read_text(encoding="utf-8"))
    units = [read_summary(p) for p in spec["ringkasan"]]
    return build_rollup(units, spec["periode"], judul=spec.get("judul"), missing=spec.get("tanpa_laporan", []),
                        history=unit_history(spec["ringkasan"]))


__all__ = ["Pooled", "Rollup", "build_rollup", "load_rollup", "pool", "read_summary", "unit_history"]
