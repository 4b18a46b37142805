"""``bukti_evaluasi``: the checklist an evaluator of public services (PEKPPP) asks of a unit's SKM.

Was the SKM done per PermenPANRB 14/2017 (scheme, answer scale, sample size met or not), what is
the period's IKM, on which media is the result published (``publikasi`` in the parameters) and
how many, and how much of the previous period's RTL was realised and how fast
(``realisasi_rtl_sebelumnya`` of ringkasan.json, contract 2 of the report runner).

The same dict goes into ``ringkasan.json`` (key ``bukti_evaluasi``) and, as a table, into the
report's lampiran (:func:`bukti_evaluasi_html`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from ikm_utils.method.indonesian import format_date, format_number
from ikm_utils.report.tables import short_regulation, with_format

NO_DATA = "belum ada data"
#: The heading of the lampiran section.
HEADING = "Bukti untuk Evaluasi Pelayanan Publik"


def bukti_evaluasi(ctx: Any, realisasi: dict[str, Any] | None = None) -> dict[str, Any]:
    """The evaluation summary of one period.

    Parameters
    ----------
    ctx
        The report context (params, result, sample).
    realisasi
        ``realisasi_rtl_sebelumnya`` of ringkasan.json: ``{"periode", "direncanakan", "selesai",
        "persen", "bulan_sampai_selesai"}`` or ``None`` when there is no earlier RTL to measure.

    Returns
    -------
    dict
        ``skema`` {id, regulasi}, ``skala`` (``"1-4"``), ``jumlah_unsur``, ``sampel`` {populasi, minimum,
        diperoleh, cukup} or ``None``, ``periode``, ``periode_label``, ``ikm_konversi``, ``mutu``,
        ``kinerja``, ``publikasi`` [{media, alamat, tanggal}], ``jumlah_media``,
        ``realisasi_rtl_sebelumnya`` (as given, or ``None``) and ``catatan`` (Indonesian, one per item
        without data).
    """
    params, s, scheme = ctx.params, ctx.result.total, ctx.result.skema  # what build_ringkasan's context holds
    sample = getattr(ctx, "sample", None)
    media = [p.model_dump(mode="json") for p in params.publikasi]
    notes = []
    if sample is None:
        notes.append("populasi tidak diisi: kecukupan sampel tidak dapat diperiksa")
    if not media:
        notes.append("media publikasi hasil SKM belum dicantumkan (publikasi di berkas parameter)")
    if not realisasi:
        notes.append(f"realisasi RTL periode sebelumnya: {NO_DATA}")
    return {
        "skema": {"id": scheme.id, "regulasi": scheme.regulasi},
        "skala": "1-4",
        "jumlah_unsur": scheme.k,
        "sampel": None if sample is None else sample.to_dict(),
        "periode": params.periode,
        "periode_label": params.period.label,
        "ikm_konversi": None if s.ikm_konversi is None else float(s.ikm_konversi),
        "mutu": s.mutu,
        "kinerja": s.kinerja,
        "publikasi": media,
        "jumlah_media": len(media),
        "realisasi_rtl_sebelumnya": realisasi or None,
        "catatan": notes,
    }


def _realisasi_text(r: dict[str, Any] | None) -> str:
    if not r:
        return NO_DATA
    text = f"{r.get('selesai', 0)} dari {r.get('direncanakan', 0)} rencana selesai"
    if r.get("persen") is not None:
        text += f" ({format_number(r['persen'], 1)}%)"
    if r.get("periode"):
        text = f"RTL periode {r['periode']}: " + text
    if r.get("bulan_sampai_selesai") is not None:
        text += f"; rata-rata {format_number(r['bulan_sampai_selesai'], 1)} bulan sampai selesai"
    return text


def bukti_evaluasi_table(bukti: dict[str, Any]) -> pd.DataFrame:
    """The evaluation summary as a two-column table (Butir, Keterangan) in Indonesian."""
    sample = bukti["sampel"]
    if sample is None:
        sample_text = "populasi tidak diisi: kecukupan sampel tidak dapat diperiksa"
    else:
        verdict = "terpenuhi" if sample["cukup"] else "belum terpenuhi"
        sample_text = (f"{verdict}: {format_number(sample['diperoleh'], 0)} responden dari minimal "
                       f"{format_number(sample['minimum'], 0)} (populasi {format_number(sample['populasi'], 0)}, "
                       "Krejcie–Morgan)")
    media = bukti["publikasi"]
    media_text = "; ".join(
        m["media"] + (f" ({m['alamat']})" if m.get("alamat") else "")
        + (f", {format_date(date.fromisoformat(m['tanggal']))}" if m.get("tanggal") else "")
        for m in media
    )
    rows = [
        ("Dasar pelaksanaan SKM", short_regulation(bukti["skema"]["regulasi"]) or bukti["skema"]["id"]),
        ("Unsur dan skala", f"{bukti['jumlah_unsur']} unsur pelayanan, skala jawaban 1–4"),
        ("Jumlah sampel", sample_text),
        ("Periode dan IKM", f"{bukti['periode_label']}: {format_number(bukti['ikm_konversi'])} "
                            f"(mutu {bukti['mutu'] or '–'}, {bukti['kinerja'] or '–'})"),
        ("Media publikasi hasil", f"{bukti['jumlah_media']} media" + (f": {media_text}" if media else "")),
        ("Realisasi RTL periode sebelumnya", _realisasi_text(bukti["realisasi_rtl_sebelumnya"])),
    ]
    return with_format(pd.DataFrame(rows, columns=["Butir", "Keterangan"]), {})


def bukti_evaluasi_html(bukti: dict[str, Any], captions: Any = None, nomor: int = 6) -> str:
    """The lampiran section (heading ``Lampiran <nomor>. Bukti ...`` and table) for the report notebook.

    ``bukti`` is the ``bukti_evaluasi`` of the summary the runner writes
    (``ringkasan.build_ringkasan(ctx)["bukti_evaluasi"]``), so the report and ringkasan.json show the same.
    """
    from ikm_utils.report.display import esc, to_html

    caption = captions.tabel(f"L{nomor}", "Butir bukti untuk evaluasi pelayanan publik") if captions else None
    return f"<h2>Lampiran {nomor}. {esc(HEADING)}</h2>\n" + to_html(bukti_evaluasi_table(bukti), caption, mask=False)


__all__ = ["HEADING", "NO_DATA", "bukti_evaluasi", "bukti_evaluasi_html", "bukti_evaluasi_table"]
