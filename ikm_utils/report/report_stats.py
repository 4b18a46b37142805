"""The report's "Analisis tambahan": what it compares with, computed once, laid out by topic.

Glue only: the statistics live in ``stats``, ``compare``, ``reliability``, ``describe`` and
``additional``. This module

- finds the period to compare with (:func:`find_previous`): the latest earlier period of the trend,
  through its answers when its parameter file and its unchanged data are at hand (both periods are
  bootstrapped), else through the IKM interval its ringkasan.json recorded (normal approximation);
- computes the analysis for a report (:func:`additional_for`; ``ReportContext.additional()`` keeps
  the result, so the notebook and ringkasan.json show the same seeded numbers);
- lays it out by topic for the notebook (:meth:`ReportAdditional.bagian`) and for ringkasan.json
  (:meth:`ReportAdditional.to_dict`);
- says where the trend's intervals come from (:func:`trend_note`; the intervals themselves are
  columns of ``tables.trend_data`` and ``tables.trend_table``).

Nothing here changes the regulation's numbers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ikm_utils.errors import IkmError
from ikm_utils.method.indonesian import format_number, join_words
from ikm_utils.report.narrative import Block, Daftar
from ikm_utils.report.tables import with_format
from ikm_utils.stats.additional import AdditionalAnalysis, additional_analysis
from ikm_utils.stats.intervals import LEVEL, MIN_N_INTERVAL, REPLICATES, SEED, level_label

#: ``sumber`` of the comparison: both periods' answers / the previous period's recorded interval.
FROM_DATA, FROM_SUMMARY = "data", "ringkasan"


@dataclass(frozen=True, eq=False)
class PreviousPeriod:
    """The period the report compares with, and how.

    ``sumber`` is :data:`FROM_DATA` (``scores`` and ``populasi`` hold its answers and N),
    :data:`FROM_SUMMARY` (``interval`` = ``(ikm_konversi, lower, upper)`` from its ringkasan.json) or
    ``None`` (no comparison can be made); ``kalimat`` says which, in Indonesian.
    """

    periode: str
    label: str
    sumber: str | None
    kalimat: str
    scores: pd.DataFrame | None = None
    populasi: int | None = None
    interval: tuple[float, float, float] | None = None


def _population(population: int | None, n: int, label: str) -> tuple[int | None, str | None]:
    """N for the finite-population correction, or ``None`` with a note when N < n (a typing error)."""
    if population is None or population >= n:
        return population, None
    return None, (f"Populasi {label} (N = {format_number(population, 0)}) lebih kecil dari jumlah responden "
                  f"(n = {format_number(n, 0)}); koreksi populasi terbatas tidak diterapkan.")


def _read_summary(path: Any) -> dict | None:
    try:
        return json.loads(Path(str(path)).read_text(encoding="utf-8"))
    except (OSError, ValueError, TypeError):
        return None


def _same_scheme_as_summary(ctx: Any, data: dict) -> bool:
    """Whether an earlier ringkasan.json was computed with this report's scheme, unsur and weights."""
    weights = [float(w) for w in ctx.scheme.weights(ctx.params.bobot)]
    recorded = [(u.get("kode"), u.get("bobot")) for u in data.get("unsur") or []]
    return (
        data.get("skema") == ctx.scheme.id
        and data.get("bobot", ctx.params.bobot) == ctx.params.bobot
        and [k for k, _ in recorded] == list(ctx.scheme.codes)
        and all(isinstance(b, int | float) and abs(b - w) < 1e-9 for (_, b), w in zip(recorded, weights, strict=True))
    )


def _previous_answers(ctx: Any, periode: str, sha256: str | None) -> tuple[Any, Any] | None:
    """(params, responses) of ``periode`` from a parameter file beside this report's, when its data are
    the very file its report was made from (same sha256) and it uses the same scheme and weights."""
    from ikm_utils.intake.ingest import load_responses
    from ikm_utils.params import load_params

    folder = Path(ctx.params_path).parent
    candidates = sorted(folder.glob("*.y*ml"), key=lambda p: (p.stem != periode, p.name))
    for path in candidates:
        if path.resolve() == Path(ctx.params_path).resolve():
            continue
        try:
            params = load_params(path)
        except (IkmError, OSError, ValueError):
            continue
        if params.periode != periode or params.unit.kode != ctx.params.unit.kode:
            continue
        scheme = params.scheme()
        same = (scheme.codes == ctx.scheme.codes
                and list(scheme.weights(params.bobot)) == list(ctx.scheme.weights(ctx.params.bobot)))
        if not same or sha256 is None:
            return None
        try:
            responses = load_responses(params.data_path(), scheme, params.ingest_options())
        except (IkmError, OSError, ValueError):
            return None
        return (params, responses) if responses.sha256 == sha256 else None
    return None


def find_previous(ctx: Any) -> PreviousPeriod | None:
    """The latest period of the report's history and how it can be compared; ``None`` without history.

    Parameters
    ----------
    ctx
        The report context (``report.prepare_report``): ``history``, ``params``, ``params_path``,
        ``scheme``.
    """
    history = getattr(ctx, "history", None)
    if history is None or not len(history):
        return None
    row = history.iloc[-1]
    periode, label = str(row["periode"]), str(row["label"])
    if row.get("sumber") != "laporan":
        return PreviousPeriod(periode, label, None, (
            f"Periode sebelumnya ({label}) hanya tercatat nilai IKM-nya dari laporan lama, tanpa data jawaban "
            "maupun interval kepercayaan, sehingga perubahannya tidak dapat diuji secara statistik."))
    data = _read_summary(row.get("ringkasan"))
    if data is None or not _same_scheme_as_summary(ctx, data):
        return PreviousPeriod(periode, label, None, (
            f"Periode sebelumnya ({label}) dihitung dengan skema, unsur atau bobot yang berbeda (atau ringkasannya "
            "tidak terbaca), sehingga selisihnya tidak diuji secara statistik."))
    found = _previous_answers(ctx, periode, data.get("sha256"))
    if found is not None:
        params, responses = found
        scores = responses.data
        n = int(scores[list(ctx.scheme.codes)].notna().any(axis=1).sum())
        population, _ = _population(params.populasi, n, label)
        return PreviousPeriod(periode, label, FROM_DATA, (
            f"Pembanding: {label}, dihitung dari data jawabannya sendiri (data yang sama dengan yang dipakai "
            "laporannya). Responden setiap periode diambil ulang secara terpisah dengan cara yang sama seperti di "
            "atas, dan interval selisih diambil dari persentil selisih IKM kedua sampel ulang."),
            scores=scores, populasi=population)
    ikm = data.get("ikm_konversi")
    if not (pd.isna(row.get("ci95_bawah")) or pd.isna(row.get("ci95_atas")) or ikm is None):
        lo, hi = float(row["ci95_bawah"]), float(row["ci95_atas"])
        return PreviousPeriod(periode, label, FROM_SUMMARY, (
            f"Pembanding: {label}, dari nilai IKM dan interval 95% yang tercatat pada laporannya "
            f"({format_number(lo)}–{format_number(hi)}); data jawabannya tidak tersedia di sini. Galat baku setiap "
            "periode dibaca dari lebar intervalnya, dan interval selisih dihitung dengan pendekatan normal untuk dua "
            "sampel saling bebas."),
            interval=(float(ikm), lo, hi))
    return PreviousPeriod(periode, label, None, (
        f"Laporan periode sebelumnya ({label}) tidak mencatat interval kepercayaan dan data jawabannya tidak "
        "tersedia di sini, sehingga perubahannya tidak dapat diuji secara statistik."))


@dataclass(frozen=True, eq=False)
class ReportAdditional:
    """The "Analisis tambahan" of one report: the analysis, what it compared with, and notes."""

    analysis: AdditionalAnalysis
    previous: PreviousPeriod | None
    ikm_konversi: float | None
    mutu: str | None
    period_label: str
    group_labels: dict[str, str] = field(default_factory=dict)
    catatan: tuple[str, ...] = ()

    @property
    def ikm_konversi_ci95(self) -> list[float] | None:
        """The bootstrap interval of the IKM (25-100): ``[lower, upper]`` as in ringkasan.json."""
        return self.analysis.ikm_konversi_ci95

    # -- the notebook ----------------------------------------------------------------------------

    def _intro(self) -> list[Block]:
        a = self.analysis
        s = a.settings
        fpc = (f", dengan koreksi populasi terbatas (N = {format_number(s['populasi'], 0)})"
               if s.get("populasi") else "")
        official = (f"Nilai IKM resmi {self.period_label} tetap {format_number(self.ikm_konversi)} dengan mutu "
                    f"{self.mutu}, sebagaimana dihitung di BAB III." if self.ikm_konversi is not None else "")
        main = s.get("metode_ci", "")
        method = (f"Interval kepercayaan {level_label(s['tingkat'])} IKM yang dinyatakan laporan ini memakai "
                  f"{main[:1].lower()}{main[1:]}{fpc}, yang tetap tepat pada jumlah responden kecil; di bawah "
                  f"{s.get('n_minimal_interval', 10)} responden interval tidak ditampilkan. Kecuali disebut lain, "
                  f"interval lain di bagian ini memakai bootstrap persentil: responden diambil ulang secara acak "
                  f"dengan pengembalian sebanyak {format_number(s['replikasi'], 0)} kali (dengan urutan acak tetap, "
                  f"sehingga hasilnya dapat diulang persis), nilai dihitung ulang dengan rumus peraturan pada "
                  f"setiap sampel ulang. Asumsinya dirinci pada bagian A.7.")
        return [*a.bagian["pengantar"], *([official] if official else []), method, *self.catatan]

    def _comparison(self, caption: Any) -> list[tuple[Any, str | None]]:
        a, prev = self.analysis, self.previous
        if prev is None:
            return [("Belum ada nilai IKM periode sebelumnya untuk "
                     "dibandingkan.", None)]
        out: list[tuple[Any, str | None]] = [(prev.kalimat, None)]
        if a.comparison is None:
            return out
        out.append((a.bagian["perbandingan"], None))
        lo, hi = f"Batas bawah {level_label(a.settings['tingkat'])}", f"Batas atas {level_label(a.settings['tingkat'])}"
        table = with_format(a.comparison, {"IKM dari": 2, "IKM ke": 2, "Selisih": "+2", lo: "+2", hi: "+2"},
                            rename={"Dari": "Dari periode", "Ke": "Ke periode"})
        out.append((table, caption(f"Perubahan IKM dari {prev.label} ke {self.period_label} dengan interval "
                                   f"{level_label(a.settings['tingkat'])}")))
        return out

    def _rankings(self, caption: Any) -> list[tuple[Any, str | None]]:
        a = self.analysis
        if not a.rankings:
            return [("Hasil survei ini tidak dikelompokkan menurut jenis layanan, sehingga tidak ada peringkat "
                     "kelompok.", None)]
        out: list[tuple[Any, str | None]] = [(
            "Peringkat disusun dari nilai IKM tertinggi. Setiap kelompok diberi interval 95% dengan metode yang sama "
            "seperti interval IKM unit (tanpa koreksi populasi karena jumlah pengguna per kelompok tidak diketahui); "
            f"kelompok dengan kurang dari {MIN_N_INTERVAL} responden tidak diberi interval. Kelompok yang intervalnya "
            "tumpang tindih belum tentu berbeda, sehingga urutannya dapat berubah pada survei berikutnya.", None)]
        for col, r in a.rankings.items():
            name = self.group_labels.get(col, col.replace("_", " "))
            if r.peringatan:  # before the ranking it is about
                out.append((r.peringatan, None))
            table = with_format(r.tabel, {"IKM": 2}, rename={"Kelompok": name[:1].upper() + name[1:]})
            out.append((table, caption(f"Peringkat IKM per {name} dengan interval 95%")))
        return out

    def bagian(self, part: str, captions: Any) -> list[tuple[Any, str | None]]:
        """What the notebook shows under one heading, in order: ``(object, caption)`` pairs.

        ``part`` is one of ``pengantar``, ``ikm``, ``unsur``, ``perbandingan``, ``reliabilitas``,
        ``distribusi``, ``peringkat``, ``asumsi``; ``captions`` numbers the tables
        (``display.Captions``, chapter ``A``). Objects are sentences, lists or tables, ready for
        ``display.show``.
        """
        a = self.analysis
        lvl = level_label(a.settings["tingkat"])
        lo, hi = f"Batas bawah {lvl}", f"Batas atas {lvl}"

        def caption(title: str) -> str:
            return captions.tabel("A", title)

        if part == "pengantar":
            return [(self._intro(), None)]
        if part == "ikm":
            table = with_format(a.ikm_intervals, {"IKM": 2, lo: 2, hi: 2})
            return [(a.bagian["ikm"], None), (table, caption(f"Interval kepercayaan {lvl} nilai IKM (skala 25–100)"))]
        if part == "unsur":
            table = with_format(a.unsur_intervals, {"n": 0, "NRR": 3, "NRR bawah": 3, "NRR atas": 3, "Konversi": 2,
                                                     "Konversi bawah": 2, "Konversi atas": 2},
                                rename={"Konversi": "Nilai (NRR × 25)", "Konversi bawah": "Nilai bawah",
                                        "Konversi atas": "Nilai atas"})
            intro = (f"Interval {lvl} NRR setiap unsur (skala 1–4) dan nilainya pada skala 25–100 (NRR × 25), "
                     "dengan mutu yang dicapai kedua batas interval.")
            return [([intro, *a.bagian["unsur"]], None), (table, caption(f"Interval kepercayaan {lvl} NRR per unsur"))]
        if part == "perbandingan":
            return self._comparison(caption)
        if part == "reliabilitas":
            table = with_format(a.reliability, {"Alpha": 2, lo: 2, hi: 2})
            return [(a.bagian["reliabilitas"], None), (table, caption("Konsistensi internal jawaban unsur"))]
        if part == "distribusi":
            pct = {c: 1 for c in a.distribution.columns if str(c).startswith("%")}
            table = with_format(a.distribution, pct)
            return [(a.bagian["distribusi"], None),
                    (table, caption("Jawaban kosong dan persentase setiap jawaban per unsur"))]
        if part == "peringkat":
            return self._rankings(caption)
        if part == "asumsi":
            return [(["Asumsi dan batasan setiap ukuran di bagian ini:", Daftar(tuple(a.assumptions))], None)]
        raise KeyError(f"bagian tidak dikenal: {part!r}")

    # -- ringkasan.json --------------------------------------------------------------------------

    def to_dict(self) -> dict:
        """Additions to ringkasan.json: ``ikm_konversi_ci95`` and ``analisis_tambahan``.

        ``analisis_tambahan`` is ``AdditionalAnalysis.to_dict()``'s, plus ``pembanding`` (the period
        compared with, ``sumber`` ``data``/``ringkasan``/``null`` and why) and ``catatan``.
        """
        out = self.analysis.to_dict()
        extra = out["analisis_tambahan"]
        prev = self.previous
        extra["pembanding"] = None if prev is None else {
            "periode": prev.periode, "sumber": prev.sumber, "keterangan": prev.kalimat}
        if "selisih" in extra and prev is not None:
            extra["selisih"]["periode_sebelumnya"] = prev.periode
        extra["peringatan_kelompok"] = list(self.analysis.warnings)
        extra["catatan"] = list(self.catatan)
        return out


def additional_for(ctx: Any, *, level: float = LEVEL, replicates: int = REPLICATES, seed: int = SEED
                   ) -> ReportAdditional:
    """The "Analisis tambahan" of a report context (``report.prepare_report``), seeded.

    Uses the report's data, scheme, weights and population N, ranks the groups of
    ``params.kelompok``, and compares with the previous period (:func:`find_previous`).
    """
    from ikm_utils.report.tables import PROFILE_LABELS

    params, summary = ctx.params, ctx.summary
    notes = []
    population, note = _population(params.populasi, summary.n_responden, params.period.label)
    if note:
        notes.append(note)
    previous = find_previous(ctx) if summary.ikm_exact is not None else None
    compare: dict[str, Any] = {}
    if previous is not None and previous.sumber == FROM_DATA:
        compare = {"previous": previous.scores, "previous_population": previous.populasi}
    elif previous is not None and previous.sumber == FROM_SUMMARY:
        compare = {"previous_interval": previous.interval}
    labels = (previous.label if previous else "periode sebelumnya", params.period.label)
    by = [k for k in params.kelompok if k in ctx.result.kelompok]
    names = {k: PROFILE_LABELS.get(k, k.replace("_", " ")).lower() for k in by}
    analysis = additional_analysis(ctx.data, ctx.scheme, weight_mode=params.bobot, population=population,
                                   labels=labels, by=by, group_labels=names, level=level, replicates=replicates,
                                   seed=seed, **compare)
    return ReportAdditional(
        analysis=analysis, previous=previous,
        ikm_konversi=None if summary.ikm_konversi is None else float(summary.ikm_konversi), mutu=summary.mutu,
        period_label=params.period.label, group_labels=names, catatan=tuple(notes))


# ---------------------------------------------------------------------------- the trend


def trend_note(trend: pd.DataFrame) -> str:
    """Where the trend's intervals come from, and which periods have none."""
    if not {"ci95_bawah", "ci95_atas"} <= set(trend.columns):
        return "Interval kepercayaan tidak tersedia untuk periode mana pun."
    missing = trend[trend["ci95_bawah"].isna() & trend["ikm_konversi"].notna()]
    text = (f"Batas bawah dan atas {level_label(LEVEL)} (garis tegak pada gambar tren) adalah interval kepercayaan "
            "IKM setiap periode, sebagaimana tercatat pada laporan periode itu.")
    typed = [str(r["label"]) for r in missing.to_dict("records") if r.get("sumber") == "riwayat"]
    other = [str(r["label"]) for r in missing.to_dict("records") if r.get("sumber") != "riwayat"]
    if typed:
        text += (f" Nilai {join_words(typed)} dicatat dari laporan lama tanpa data jawaban, "
                 "sehingga tidak memiliki interval.")
    if other:
        text += f" Laporan {join_words(other)} tidak mencatat interval."
    return text


__all__ = ["FROM_DATA", "FROM_SUMMARY", "PreviousPeriod", "ReportAdditional", "additional_for", "find_previous",
           "trend_note"]
