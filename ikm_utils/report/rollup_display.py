"""HTML of the roll-up's cover and headline (the rest goes through ``display.show``)."""

from __future__ import annotations

from typing import Any

from ikm_utils.method.indonesian import format_number
from ikm_utils.report.display import BLANK, STYLE, esc


def rollup_cover_html(r: Any) -> str:
    """The cover: "Rekapitulasi Hasil Survei Kepuasan Masyarakat", the region, the period, the unit count."""
    lines = [f'<div class="jenis">{esc("Rekapitulasi")}</div>',
             f'<h1 class="judul">{esc("Hasil Survei Kepuasan Masyarakat")}</h1>',
             f'<div class="unit">{esc(r.judul)}</div>',
             f'<div class="periode">{esc(r.periode_label)}</div>',
             f'<div class="instansi">{esc(f"{len(r.units)} unit pelayanan")}</div>']
    return STYLE + '<section class="sampul no-toc">' + "".join(lines) + "</section>"


def rollup_headline_html(r: Any) -> str:
    """Pooled IKM, its grade, the mean of the unit IKMs and the respondents, each box labelled for what it is."""
    p, mean = r.pooled(), r.mean_ikm()
    boxes = [
        (BLANK if p.ikm_konversi is None else format_number(float(p.ikm_konversi)),
         "IKM gabungan (seluruh responden digabung)"),
        (p.mutu or BLANK, f"Mutu IKM gabungan: {p.kinerja or BLANK}"),
        (BLANK if mean is None else format_number(mean), "Rata-rata IKM unit (tidak berbobot)"),
        (format_number(p.n_responden, 0), f"Responden dari {p.n_unit} unit"),
    ]
    inner = "".join(
        f'<div class="ikm-kotak"><div class="ikm-nilai">{esc(v)}</div><div class="ikm-ket">{esc(k)}</div></div>'
        for v, k in boxes
    )
    return f'<div class="ikm-ringkasan">{inner}</div>'


__all__ = ["rollup_cover_html", "rollup_headline_html"]
