"""The report's "Analisis tambahan" section in one call: tables with Indonesian labels and sentences.

Everything here is beyond the regulation and never changes its numbers: the IKM, NRR and grades are
those of ``compute.py``; this section adds how certain they are (intervals, grade-boundary checks,
the change since the previous period), how the unsur hang together (Cronbach's alpha), answer
distributions, missing answers, and warnings before any ranking of small groups.

The report notebook calls :func:`additional_analysis` once, shows ``sentences`` and the tables
(``formatted_tables()`` gives them as Indonesian-formatted text), and adds ``to_dict()`` to
ringkasan.json (it holds ``ikm_konversi_ci95``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from ikm_utils.method.compute import SCALE, Summary, compute_ikm
from ikm_utils.method.indonesian import format_number, join_words
from ikm_utils.method.schemes import DEFAULT_SCHEME, Scheme, get_scheme
from ikm_utils.stats.compare import Difference, compare_periods, difference_from_intervals
from ikm_utils.stats.describe import MIN_GROUP_N, Ranking, answer_shares, item_missingness, rank_groups
from ikm_utils.stats.intervals import (
    LEVEL,
    METHOD_LABELS,
    MIN_N_ALPHA,
    MIN_N_INTERVAL,
    REPLICATES,
    SEED,
    BoundaryCheck,
    IkmInterval,
    Intervals,
    bootstrap_ci,
    boundary_check,
    ikm_interval,
    level_label,
    t_interval,
)
from ikm_utils.stats.reliability import AlphaResult, cronbach_alpha


@dataclass(frozen=True, eq=False)
class AdditionalAnalysis:
    """Everything the "Analisis tambahan" section shows.

    Tables (``pandas.DataFrame``, Indonesian column labels, unrounded numbers):
    ``ikm_intervals`` (one row per interval method), ``unsur_intervals`` (NRR and its bootstrap
    interval per unsur, also on the 25-100 scale with the grades of both bounds), ``distribution``
    (blanks and answer shares per unsur), ``reliability`` (Cronbach's alpha), ``comparison`` (the
    change since the previous period, or ``None``) and ``rankings`` (per grouping column).
    ``sentences`` are the section's Indonesian paragraphs in reading order, ``warnings`` the ones to
    show before any ranking, ``assumptions`` what each statistic assumes.
    """

    ikm_intervals: pd.DataFrame
    unsur_intervals: pd.DataFrame
    distribution: pd.DataFrame
    reliability: pd.DataFrame
    comparison: pd.DataFrame | None
    rankings: dict[str, Ranking]
    sentences: list[str]
    warnings: list[str]
    assumptions: list[str]
    bootstrap: Intervals
    analytic: Intervals
    boundary: BoundaryCheck | None
    alpha: AlphaResult
    difference: Difference | None
    settings: dict = field(default_factory=dict)
    #: ``sentences`` grouped by topic, each in reading order: ``pengantar``, ``ikm``, ``unsur``,
    #: ``distribusi``, ``reliabilitas``, ``perbandingan``, ``peringatan`` (a report places them by topic).
    bagian: dict[str, list[str]] = field(default_factory=dict)
    #: The interval the report states (``intervals.ikm_interval``: holds its level at small n, or says why not).
    interval: IkmInterval | None = None

    @property
    def ikm_konversi_ci95(self) -> list[float] | None:
        """The report's interval of the IKM (25-100) as ``[lower, upper]``, or ``None`` (not shown, and why)."""
        if self.interval is not None:
            return [float(self.interval.low), float(self.interval.high)] if self.interval.shown else None
        return None if self.bootstrap.ikm is None else self.bootstrap.ikm.to_list()

    def to_dict(self) -> dict:
        """Additions to ringkasan.json: ``ikm_konversi_ci95`` and an ``analisis_tambahan`` object."""
        t = self.analytic.ikm
        out: dict = {
            "ikm_konversi_ci95": self.ikm_konversi_ci95,
            "analisis_tambahan": {
                **self.settings,
                "ikm_konversi_ci95_t": None if t is None else t.to_list(),
                "nrr_ci95": {k: None if v is None else v.to_list() for k, v in self.bootstrap.nrr.items()},
                "mutu_batas_bawah": None if self.boundary is None else self.boundary.mutu_bawah,
                "mutu_batas_atas": None if self.boundary is None else self.boundary.mutu_atas,
                "alpha_cronbach": None if math.isnan(self.alpha.alpha) else self.alpha.alpha,
                "alpha_cronbach_ci95": None if math.isnan(self.alpha.alpha) else [self.alpha.lower, self.alpha.upper],
                "alpha_n": self.alpha.n,
            },
        }
        if self.difference is not None:
            d = self.difference
            out["analisis_tambahan"]["selisih"] = {
                "nilai": d.estimate, "ci95": [d.lower, d.upper], "metode": d.method, "bermakna": d.significant}
        return out

    def formatted_tables(self) -> dict[str, pd.DataFrame]:
        """The tables as Indonesian-formatted text (decimal comma, "–" for missing), ready to show."""
        tables = {
            "interval_ikm": (self.ikm_intervals, {}),
            "interval_unsur": (self.unsur_intervals, {"NRR": 3, "NRR bawah": 3, "NRR atas": 3}),
            "distribusi": (self.distribution, {}),
            "reliabilitas": (self.reliability, {}),
        }
        if self.comparison is not None:
            tables["perbandingan"] = (self.comparison, {})
        for col, r in self.rankings.items():
            tables[f"peringkat_{col}"] = (r.tabel, {})
        return {name: _format(df, decimals) for name, (df, decimals) in tables.items()}


_DEFAULT_DECIMALS = {"n": 0, "Responden": 0, "Menjawab": 0, "Kosong": 0, "Unsur (k)": 0, "Peringkat": 0,
                     "Responden lengkap": 0, "Alpha": 3}


def _format(df: pd.DataFrame, decimals: Mapping[str, int]) -> pd.DataFrame:
    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_numeric_dtype(out[col]) and not pd.api.types.is_bool_dtype(out[col]):
            places = decimals.get(col, _DEFAULT_DECIMALS.get(col, 3 if col.startswith("Alpha") else 2))
            if col.startswith("%"):
                places = decimals.get(col, 1)
            out[col] = [format_number(None if pd.isna(v) else v, places) for v in out[col]]
        else:
            out[col] = out[col].astype(object).where(out[col].notna(), "–")
    return out


def _bounds_label(level: float) -> tuple[str, str]:
    return f"Batas bawah {level_label(level)}", f"Batas atas {level_label(level)}"


def _ikm_table(boot: Intervals, analytic: Intervals, scheme: Scheme, official: Summary, population: int | None,
               replicates: int, seed: int) -> pd.DataFrame:
    lo_col, hi_col = _bounds_label(boot.level)
    fpc_note = f"; koreksi populasi terbatas (N = {format_number(population, 0)})" if population else ""
    rows = []
    for ci, note in (
        (boot.ikm, f"{format_number(replicates, 0)} pengambilan ulang{fpc_note}"),
        (analytic.ikm, "rata-rata nilai tertimbang per responden" + fpc_note if analytic.ikm else
         (analytic.notes[0] if analytic.notes else "tidak dihitung")),
    ):
        method = boot.method if ci is boot.ikm else analytic.method
        row = {"Metode": METHOD_LABELS[method], "IKM": None, lo_col: None, hi_col: None,
               "Mutu": None, "Mutu batas bawah": None, "Mutu batas atas": None, "Keterangan": note}
        if ci is not None:
            b = boundary_check(ci, scheme.tabel_mutu, estimate=official.ikm_exact * SCALE)
            row.update({"IKM": ci.estimate, lo_col: ci.lower, hi_col: ci.upper, "Mutu": b.mutu,
                        "Mutu batas bawah": b.mutu_bawah, "Mutu batas atas": b.mutu_atas})
        rows.append(row)
    return pd.DataFrame(rows)


def _unsur_table(boot: Intervals, scheme: Scheme, official: Summary) -> tuple[pd.DataFrame, list[str]]:
    rows, crossing = [], []
    for u, result in zip(scheme.unsur, official.unsur, strict=True):
        ci = boot.nrr[u.kode]
        row = {"Kode": u.kode, "Unsur": u.nama, "n": None, "NRR": None, "NRR bawah": None, "NRR atas": None,
               "Konversi": None, "Konversi bawah": None, "Konversi atas": None, "Mutu": None, "Rentang mutu": None}
        if ci is not None:
            b = boundary_check(ci.scaled(SCALE), scheme.tabel_mutu, estimate=result.nrr_exact * SCALE)
            span = b.mutu if not b.crosses else f"{b.mutu_bawah}–{b.mutu_atas}"
            row.update({"n": ci.n, "NRR": ci.estimate, "NRR bawah": ci.lower, "NRR atas": ci.upper,
                        "Konversi": ci.estimate * SCALE, "Konversi bawah": ci.lower * SCALE,
                        "Konversi atas": ci.upper * SCALE, "Mutu": b.mutu, "Rentang mutu": span})
            if b.crosses:
                crossing.append(u.kode)
        rows.append(row)
    return pd.DataFrame(rows), crossing


def _ikm_sentences(boot: Intervals, analytic: Intervals, boundary: BoundaryCheck | None, replicates: int,
                   seed: int, population: int | None, main: IkmInterval | None = None) -> list[str]:
    if main is not None and not main.shown:
        return [main.reason or "Interval kepercayaan IKM tidak ditampilkan."]
    if main is None and (boot.ikm is None or boundary is None):
        return ["Interval kepercayaan IKM tidak dapat dihitung: " + " ".join(boot.notes or ("IKM tidak ada.",))]
    fpc = f", dengan koreksi populasi terbatas N = {format_number(population, 0)}" if population else ""
    if main is not None:
        ci = main.as_interval()
        how = f"{main.method[0].lower()}{main.method[1:]}{fpc}"
    else:
        ci = boot.ikm
        how = f"bootstrap persentil, {format_number(replicates, 0)} kali pengambilan ulang{fpc}"
    if boundary is None:
        return []
    out = [
        f"Dengan tingkat kepercayaan {level_label(ci.level)}, IKM unit yang sebenarnya (seandainya seluruh pengguna "
        f"layanan disurvei) berada antara {format_number(ci.lower, 2)} dan {format_number(ci.upper, 2)} "
        f"({how}).",
        boundary.kalimat + ".",
        *boot.notes,  # e.g. how the replicates were drawn for a very large sample
    ]
    if boundary.crosses:
        out.append(f"Artinya, mutu {boundary.mutu} yang ditetapkan menurut peraturan tetap berlaku, tetapi dengan "
                   f"jumlah responden ini belum dapat dipastikan secara statistik: nilai sebenarnya bisa berada di "
                   f"kategori lain. Menambah responden mempersempit interval.")
    else:
        out.append(f"Kedua batas interval berada di kategori {boundary.mutu}, sehingga variasi sampel tidak mengubah "
                   f"kesimpulan mutu {boundary.mutu}.")
    if main is not None and boot.ikm is not None:
        small = (f" Pada kurang dari {MIN_N_ALPHA} responden interval bootstrap persentil cenderung terlalu sempit, "
                 "sehingga yang dipakai adalah interval di atas." if boot.n < MIN_N_ALPHA else "")
        out.append(f"Sebagai pembanding, bootstrap persentil ({format_number(replicates, 0)} kali pengambilan ulang) "
                   f"memberi {format_number(boot.ikm.lower, 2)} sampai {format_number(boot.ikm.upper, 2)}.{small}")
    elif analytic.ikm is not None:
        out.append(f"Interval t pada rata-rata nilai responden memberi {format_number(analytic.ikm.lower, 2)} "
                   f"sampai {format_number(analytic.ikm.upper, 2)}, sejalan dengan bootstrap.")
    else:
        out.extend(analytic.notes[:1])
    return out


def _unsur_sentences(unsur_table: pd.DataFrame, crossing: list[str]) -> list[str]:
    out = []
    if crossing:
        out.append(f"Interval NRR unsur {join_words(crossing)} melewati batas kategori mutu, sehingga mutu unsur "
                   "tersebut belum pasti secara statistik.")
    valid = unsur_table.dropna(subset=["NRR"]).sort_values("NRR", kind="stable")
    if len(valid) >= 2:
        low, second = valid.iloc[0], valid.iloc[1]
        if low["NRR atas"] >= second["NRR bawah"]:
            out.append(f"Unsur terendah {low['Kode']} (NRR {format_number(low['NRR'], 3)}) dan unsur terendah "
                       f"berikutnya {second['Kode']} (NRR {format_number(second['NRR'], 3)}) memiliki interval yang "
                       "tumpang tindih: urutan keduanya dapat tertukar karena variasi sampel, sehingga keduanya "
                       "layak diprioritaskan.")
        else:
            out.append(f"Unsur terendah {low['Kode']} (NRR {format_number(low['NRR'], 3)}) jelas lebih rendah dari "
                       f"unsur lainnya: intervalnya tidak tumpang tindih dengan unsur {second['Kode']}.")
    return out


def _distribution_sentences(dist: pd.DataFrame) -> list[str]:
    out = []
    shares = dist.dropna(subset=["% 3–4"])
    if len(shares):
        low = shares.loc[shares["% 3–4"].idxmin()]
        out.append(f"Persentase jawaban 3–4 (baik dan sangat baik) terendah ada pada unsur {low['Kode']} "
                   f"({low['Unsur']}): {format_number(low['% 3–4'], 1)}%.")
    blanks = dist[dist["Kosong"] > 0]
    if len(blanks) == 0:
        out.append("Tidak ada jawaban unsur yang kosong.")
    else:
        top = blanks.loc[blanks["Kosong"].idxmax()]
        out.append(f"Jawaban kosong terbanyak pada unsur {top['Kode']}: {format_number(top['Kosong'], 0)} dari "
                   f"{format_number(top['Responden'], 0)} responden ({format_number(top['% kosong'], 1)}%); jawaban "
                   "kosong tidak dihitung sebagai nol, melainkan dikeluarkan dari n unsur tersebut.")
    return out


ASSUMPTIONS = [
    f"Interval IKM yang dinyatakan laporan: interval t pada nilai tertimbang setiap responden (bila ada jawaban "
    f"kosong, pada sumbangan linear setiap responden terhadap IKM). Simulasi menunjukkan cakupannya 93–97% pada "
    f"10, 20, 30 dan 100 responden; di bawah {MIN_N_INTERVAL} responden interval tidak ditampilkan, dan alpha "
    f"Cronbach tidak ditampilkan di bawah {MIN_N_ALPHA} responden dengan jawaban lengkap.",
    "Semua interval hanya mengukur ketidakpastian karena sampel (responden yang kebetulan terpilih). Interval "
    "menganggap responden adalah sampel acak dari pengguna layanan; bila responden dipilih sendiri (misalnya hanya "
    "yang puas mengisi), bias itu tidak tercermin dalam interval.",
    "Bootstrap: responden diambil ulang secara acak dengan pengembalian, IKM dihitung ulang dengan rumus peraturan, "
    "dan interval diambil dari persentil 2,5% dan 97,5% hasilnya. Tidak memerlukan asumsi distribusi normal dan "
    "tetap berlaku bila ada jawaban kosong; hasilnya dapat diulang karena urutan acaknya tetap (dicatat pada "
    "Catatan Teknis).",
    "Interval t: IKM dengan jawaban lengkap adalah rata-rata nilai tertimbang per responden, sehingga interval t "
    "berlaku (rata-rata dari banyak responden mendekati distribusi normal). Tidak dihitung bila ada jawaban kosong.",
    "Koreksi populasi terbatas: bila jumlah pengguna layanan N diketahui, variansi dikalikan (N − n)/(N − 1); "
    "interval menyempit ketika sampel mencakup sebagian besar populasi.",
    "Alpha Cronbach mengukur sejauh mana jawaban semua unsur naik-turun bersama (konsistensi internal), "
    "dihitung dari responden dengan jawaban lengkap; interval Feldt mengandaikan responden saling bebas. Alpha "
    "bukan ukuran ketepatan IKM.",
    "Perbandingan antarperiode menganggap responden kedua periode berbeda orang (sampel saling bebas) dan dihitung "
    "dengan skema yang sama; perbedaan disebut bermakna bila interval selisihnya tidak memuat nol.",
    f"Kelompok dengan kurang dari {MIN_GROUP_N} responden ditandai sebelum setiap peringkat: IKM-nya terlalu tidak "
    "pasti untuk dibandingkan.",
]


def additional_analysis(
    scores: pd.DataFrame,
    scheme: Scheme | str = DEFAULT_SCHEME,
    *,
    weight_mode: str = "exact",
    population: int | None = None,
    previous: pd.DataFrame | None = None,
    previous_population: int | None = None,
    previous_interval: tuple[float, float, float] | None = None,
    labels: Sequence[str] = ("periode sebelumnya", "periode ini"),
    by: str | Sequence[str] | None = None,
    group_labels: Mapping[str, str] | None = None,
    level: float = LEVEL,
    replicates: int = REPLICATES,
    seed: int = SEED,
) -> AdditionalAnalysis:
    """Compute everything the report's "Analisis tambahan" section shows.

    Parameters
    ----------
    scores
        This period's responses (unsur columns 1-4, blank = not answered, plus grouping columns).
    scheme, weight_mode
        As for ``compute_ikm`` (the same scheme the regulation's figures use).
    population
        N service users (``populasi`` in the parameters) for the finite-population correction.
    previous, previous_population, labels
        The previous period's responses, its N, and the two period names (e.g. ``("2023-S2", "2024-S1")``)
        for the comparison.
    previous_interval
        When only the previous period's published figures are at hand (its ringkasan.json):
        ``(ikm_konversi, lower, upper)``; the difference then uses a normal approximation
        (``compare.difference_from_intervals``). Without ``previous`` or this, there is no comparison.
    by, group_labels
        Grouping columns to rank (e.g. ``["jenis_layanan"]``) and their Indonesian names
        (``{"jenis_layanan": "jenis layanan"}``).
    level, replicates, seed
        Confidence level, bootstrap replicates and seed (recorded in ``to_dict()``).

    Examples
    --------
    >>> df = pd.DataFrame({f"U{i}": [4, 3, 3, 4, 3, 4, 4, 3, 3, 4] * 4 for i in range(1, 10)})
    >>> a = additional_analysis(df, replicates=500)
    >>> a.boundary.mutu, a.boundary.mutu_atas, len(a.ikm_konversi_ci95)
    ('B', 'A', 2)
    >>> a.sentences[2][:15], a.sentences[2][-34:]
    ('87,50 (selang k', 'B, namun batas atas di kategori A.')
    """
    scheme = get_scheme(scheme) if isinstance(scheme, str) else scheme
    official = compute_ikm(scores, scheme, weight_mode=weight_mode).total
    boot = bootstrap_ci(scores, scheme, weight_mode=weight_mode, population=population, level=level,
                        replicates=replicates, seed=seed)
    analytic = t_interval(scores, scheme, weight_mode=weight_mode, population=population, level=level)
    main = ikm_interval(scores, scheme, level, seed, weight_mode=weight_mode, population=population)
    boundary = None
    if main.shown and official.ikm_exact is not None:
        boundary = boundary_check(main.as_interval(), scheme.tabel_mutu, estimate=official.ikm_exact * SCALE)
    if boot.n < MIN_N_INTERVAL:  # too few respondents for any interval: none is shown, the sentence says why
        boot = Intervals(boot.method, level, population, boot.n, None, dict.fromkeys(scheme.codes), boot.notes,
                         seed=seed)
        analytic = Intervals(analytic.method, level, population, analytic.n, None, dict.fromkeys(scheme.codes),
                             (main.reason or "",))
    ikm_table = _ikm_table(boot, analytic, scheme, official, population, replicates, seed)
    if main.shown:
        lo_col, hi_col = _bounds_label(level)
        b = boundary
        first = {"Metode": main.method, "IKM": main.estimate, lo_col: main.low, hi_col: main.high,
                 "Mutu": b.mutu if b else None, "Mutu batas bawah": b.mutu_bawah if b else None,
                 "Mutu batas atas": b.mutu_atas if b else None, "Keterangan": "interval utama laporan"}
        if analytic.ikm is not None:  # complete answers: the t row is the stated interval itself, not repeated
            ikm_table = ikm_table[ikm_table["Metode"] != METHOD_LABELS["t"]]
        ikm_table = pd.concat([pd.DataFrame([first]), ikm_table], ignore_index=True)
    unsur_table, crossing = _unsur_table(boot, scheme, official)

    shares, missing = answer_shares(scores, scheme), item_missingness(scores, scheme)
    distribution = missing.merge(shares.drop(columns="Unsur"), on="Kode")

    alpha = cronbach_alpha(scores, scheme, level=level)
    if alpha.n < MIN_N_ALPHA:  # not shown: a handful of rows says nothing about consistency
        from dataclasses import replace

        alpha = replace(alpha, alpha=float("nan"), lower=float("nan"), upper=float("nan"),
                        hidden=f"Alpha Cronbach tidak ditampilkan: hanya {alpha.n} responden dengan jawaban lengkap, "
                               f"sedangkan alpha memerlukan sedikitnya {MIN_N_ALPHA}.")
    lo_col, hi_col = _bounds_label(level)
    reliability = pd.DataFrame([{
        "Ukuran": "Alpha Cronbach", "Alpha": alpha.alpha, lo_col: alpha.lower, hi_col: alpha.upper,
        "Metode interval": alpha.method, "Responden lengkap": alpha.n, "Unsur (k)": alpha.k,
        "Tafsiran": alpha.reading}])

    difference = comparison = None
    if previous is not None:
        difference = compare_periods(previous, scores, scheme, weight_mode=weight_mode, labels=labels,
                                     population_previous=previous_population, population_current=population,
                                     level=level, replicates=replicates, seed=seed)
    elif previous_interval is not None and main.shown:
        difference = difference_from_intervals(
            previous_interval, (official.ikm_exact * SCALE, main.low, main.high), scheme.tabel_mutu,
            level=level, labels=labels)
    if difference is not None:
        comparison = pd.DataFrame([{
            "Dari": labels[0], "Ke": labels[1], "IKM dari": float(difference.sebelum),
            "IKM ke": float(difference.sesudah), "Selisih": float(difference.displayed_difference),
            lo_col: difference.lower, hi_col: difference.upper, "Metode": METHOD_LABELS[difference.method],
            "Kesimpulan": "bermakna" if difference.significant else "tidak dapat dibedakan dari variasi sampel"}])

    columns = [by] if isinstance(by, str) else list(by or [])
    names = dict(group_labels or {})
    rankings = {col: rank_groups(scores, col, scheme, label=names.get(col, col.replace("_", " ")),
                                 weight_mode=weight_mode, level=level, replicates=replicates, seed=seed)
                for col in columns}
    warnings = [r.peringatan for r in rankings.values() if r.peringatan]

    bagian = {
        "pengantar": [f"Bagian ini berada di luar ketentuan {scheme.regulasi} dan tidak mengubah nilai IKM, NRR, "
                      "maupun mutu pelayanan di atas; ia menjelaskan seberapa pasti angka-angka itu."],
        "ikm": _ikm_sentences(boot, analytic, boundary, replicates, seed, population, main),
        "unsur": _unsur_sentences(unsur_table, crossing),
        "distribusi": _distribution_sentences(distribution),
        "reliabilitas": [alpha.kalimat],
        "perbandingan": [] if difference is None else [difference.kalimat],
        "peringatan": list(warnings),
    }
    sentences = [text for part in bagian.values() for text in part]

    settings = {"metode_ci": main.method, "tingkat": level, "replikasi": replicates, "seed": seed,
                "populasi": population, "n_minimal_interval": MIN_N_INTERVAL, "n_minimal_alpha": MIN_N_ALPHA}
    return AdditionalAnalysis(ikm_table, unsur_table, distribution, reliability, comparison, rankings, sentences,
                              warnings, list(ASSUMPTIONS), boot, analytic, boundary, alpha, difference, settings,
                              bagian, main)
