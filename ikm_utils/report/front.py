"""The front of the report a head of unit signs: the cover and the Lembar Pengesahan.

Cover: optional logo, instansi, unit, "LAPORAN SURVEI KEPUASAN MASYARAKAT (SKM)", the period
("SEMESTER II TAHUN 2024"), place and year. Lembar Pengesahan: the head's name, jabatan exactly
as written, the id label from the parameters (NIP, NRP, ...), place and date, room for signature
and stamp. Everything from the parameters is escaped.
"""

from __future__ import annotations

import base64
from typing import Any

from ikm_utils.method.indonesian import format_date
from ikm_utils.params import IMAGE_TYPES
from ikm_utils.report.display import STYLE, esc
from ikm_utils.report.narrative import report_date, report_place
from ikm_utils.report.tables import head_title

#: Print styles of the cover and the Lembar Pengesahan (the page rules are in ``publish/data/laporan.css``).
FRONT_STYLE = """
<style>
section.sampul .logo img { max-height: 3.6cm; max-width: 6cm; }
section.sampul .logo { margin-bottom: 2.2em; }
section.sampul .judul-laporan { font-size: 1.55em; font-weight: bold; letter-spacing: 0.02em; color: #1d4e89;
  line-height: 1.3; margin: 0.2em 0; }
section.sampul .periode-besar { font-size: 1.25em; font-weight: bold; margin-top: 0.6em; }
section.sampul .unit { margin-top: 3.5em; }
section.sampul .tempat-tahun { margin-top: 4em; font-size: 1.1em; font-weight: bold; }
section.pengesahan { break-before: page; page-break-before: always; }
section.pengesahan h1 { text-align: center; }
section.pengesahan table.identitas { border: 0; margin: 1.5em 0; font-size: 1em; width: 100%; }
section.pengesahan table.identitas td { border: 0; padding: 0.25em 0.4em; background: none; }
section.pengesahan table.identitas td:first-child { width: 32%; }
section.pengesahan .ttd { margin: 3em 0 0 50%; break-inside: avoid; }
section.pengesahan .ttd p { margin: 0.15em 0; text-align: left; }
section.pengesahan .ttd .ruang { height: 2.8cm; color: #8c959f; font-size: 0.8em; padding-top: 1cm; }
section.pengesahan .ttd .nama { font-weight: bold; text-decoration: underline; }
</style>
"""


def period_title(params: Any) -> str:
    """``SEMESTER II TAHUN 2024`` / ``TRIWULAN I TAHUN 2024`` / ``TAHUN 2024``."""
    label = params.period.label
    year = str(params.period.year)
    head = label.removesuffix(year).strip()
    return (f"{head} TAHUN {year}" if head and head != "Tahun" else f"TAHUN {year}").upper()


def _logo_html(params: Any) -> str:
    path = params.logo_path() if hasattr(params, "logo_path") else None
    if path is None or not path.is_file():
        return ""
    mime = IMAGE_TYPES.get(path.suffix.lower())
    if mime is None:
        return ""
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return f'<div class="logo"><img alt="Logo {esc(params.unit.instansi or params.unit.nama)}" ' \
           f'src="data:{mime};base64,{data}"/></div>'


def cover_html(params: Any) -> str:
    """The cover page (plus the report's styles, shown once at the top)."""
    u = params.unit
    place = report_place(params)
    year = report_date(params).year
    lines = [_logo_html(params)]
    if u.instansi and u.instansi not in u.nama:
        lines.append(f'<div class="instansi">{esc(u.instansi.upper())}</div>')
    lines += [
        '<div class="judul-laporan">LAPORAN<br>SURVEI KEPUASAN MASYARAKAT (SKM)</div>',
        f'<div class="periode-besar">{esc(period_title(params))}</div>',
        f'<div class="unit">{esc(u.nama.upper())}</div>',
    ]
    if u.alamat:
        lines.append(f'<div class="alamat">{esc(u.alamat)}</div>')
    lines.append(f'<div class="tempat-tahun">{esc(place.upper() + ", " if place else "")}{year}</div>')
    header = f"Laporan SKM {u.nama} · {params.period.label}"
    return (STYLE + FRONT_STYLE + '<section class="sampul no-toc">' + "".join(lines)
            + f'<div class="ikm-kepala">{esc(header)}</div></section>')


def approval_html(ctx: Any) -> str:
    """The Lembar Pengesahan: what is approved, by whom (jabatan as written, id label), where and when."""
    p, s = ctx.params, ctx.summary
    head = p.unit.kepala_unit
    rows = [
        ("Judul laporan", f"Laporan Survei Kepuasan Masyarakat (SKM) {p.period.label}"),
        ("Unit pelayanan", p.unit.nama),
        ("Instansi", p.unit.instansi or "–"),
        ("Periode survei", f"{format_date(p.survei.mulai or p.period.start)} s.d. "
                           f"{format_date(p.survei.selesai or p.period.end)}"),
        ("Jumlah responden", f"{s.n_responden} orang"),
        ("Nilai IKM / mutu pelayanan", f"{_ikm(s)} / {s.mutu} ({s.kinerja})"),
    ]
    table = "".join(f"<tr><td>{esc(k)}</td><td>: {esc(v)}</td></tr>" for k, v in rows)
    place = report_place(p)
    when = format_date(report_date(p))
    sign = ""
    if head is not None:
        ident = f"<p>{esc(head.label_id)} {esc(head.nip)}</p>" if head.nip else ""
        sign = (f'<div class="ttd"><p>Disahkan di {esc(place)}</p><p>pada tanggal {esc(when)}</p>'
                f"<p>{esc(head_title(p))},</p>"
                '<div class="ruang">tanda tangan dan cap</div>'
                f'<p class="nama">{esc(head.nama)}</p>{ident}</div>')
    return (f'<section class="pengesahan"><h1 class="no-toc-heading">LEMBAR PENGESAHAN</h1>'
            f'<table class="identitas">{table}</table>'
            "<p>Laporan ini telah diperiksa dan disahkan sebagai hasil Survei Kepuasan Masyarakat yang dilaksanakan "
            "sesuai Peraturan Menteri PANRB Nomor 14 Tahun 2017, untuk dipublikasikan dan ditindaklanjuti.</p>"
            f"{sign}</section>")


def _ikm(s: Any) -> str:
    from ikm_utils.method.indonesian import format_number

    return format_number(s.ikm_konversi)


__all__ = ["FRONT_STYLE", "approval_html", "cover_html", "period_title"]
