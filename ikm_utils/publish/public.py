"""``ringkasan_publik.html``: the period's result as one HTML fragment a unit pastes into its website.

Self-contained: inline ``style`` attributes only (no ``<style>`` block that could leak into the host
page, no class names it could clash with), no script, no image, no link to anything. Every text
(unit name, RTL, contact, unsur names) is HTML-escaped. The content is the infographic's
(``facts.PublicFacts``) plus the table of unsur.
"""

from __future__ import annotations

import html
from pathlib import Path

from ikm_utils.method.indonesian import format_number
from ikm_utils.method.schemes import GradeTable
from ikm_utils.publish.facts import PublicFacts
from ikm_utils.report.palette import BAR, INK, grade_colours

FILE_NAME = "ringkasan_publik.html"
_FONT = "font-family: system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"
_CELL = "padding: 4px 8px; border-bottom: 1px solid #d0d7de"


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def public_summary_html(facts: PublicFacts, table: GradeTable) -> str:
    """The fragment (a ``<section>``), every text escaped.

    >>> from ikm_utils.method.schemes import get_scheme
    >>> f = PublicFacts("<b>Dinas</b>", None, "2024-S1", "Semester I 2024", 80.0, "B", "Baik", 10, None, "r", (),
    ...                 None, None)
    >>> out = public_summary_html(f, get_scheme().tabel_mutu)
    >>> "&lt;b&gt;Dinas&lt;/b&gt;" in out and "<b>" not in out and "80,00" in out
    True
    """
    colours = grade_colours(table)
    fill = colours.get(facts.mutu or "", "#dddddd")
    parts = [
        f'<section lang="id" style="{_FONT}; color: {INK}; max-width: 640px; border: 2px solid {BAR}; '
        'border-radius: 8px; padding: 16px 20px; margin: 0 auto; line-height: 1.4">',
        f'<p style="margin: 0; font-size: 0.85em; font-weight: bold; color: {BAR}; letter-spacing: 0.05em">'
        "HASIL SURVEI KEPUASAN MASYARAKAT</p>",
        f'<h2 style="margin: 4px 0 0; font-size: 1.4em">{_e(facts.unit)}</h2>',
        f'<p style="margin: 0 0 12px; color: #59636e">{_e(facts.periode_label)}'
        + (f" · {_e(facts.instansi)}" if facts.instansi else "") + "</p>",
        '<div style="display: flex; flex-wrap: wrap; align-items: center; gap: 16px; margin-bottom: 12px">',
        f'<div><div style="font-size: 0.9em; color: #59636e">Indeks Kepuasan Masyarakat</div>'
        f'<div style="font-size: 3em; font-weight: bold; color: {BAR}; line-height: 1.1">{_e(facts.ikm_text)}</div>'
        f'<div style="font-size: 0.85em; color: #59636e">skala 25–100 · {_e(facts.sample_line())}</div></div>',
        f'<div style="text-align: center; background: {fill}; border: 2px solid {INK}; border-radius: 8px; '
        f'padding: 6px 16px"><div style="font-size: 2.4em; font-weight: bold">{_e(facts.mutu or "–")}</div>'
        '<div style="font-size: 0.8em">Mutu pelayanan</div></div>',
        f'<div><div style="font-size: 0.85em; color: #59636e">Kinerja unit pelayanan</div>'
        f'<div style="font-size: 1.4em; font-weight: bold">{_e(facts.kinerja or "–")}</div>'
        f'<div style="font-size: 0.8em; color: #59636e">{_e(facts.regulasi)}</div></div>',
        "</div>",
        _unsur_table(facts, colours),
    ]
    if facts.terlemah is not None:
        parts.append(f'<p style="background: #fff4e0; border: 1px solid #e0a040; border-radius: 6px; '
                     f'padding: 8px 10px; margin: 12px 0">{_e(facts.weakest_line())}</p>')
    if len(facts.tren) > 1:
        trend = " → ".join(f"{_e(p.label)}: {_e(format_number(p.nilai))} ({_e(p.mutu or '–')})" for p in facts.tren)
        parts.append(f'<p style="margin: 8px 0"><strong>Tren IKM:</strong> {trend}</p>')
    if facts.kontak:
        parts.append(f'<p style="margin: 8px 0 0; font-size: 0.9em; color: #59636e">{_e(facts.kontak)}</p>')
    parts.append("</section>")
    return "\n".join(parts) + "\n"


def _unsur_table(facts: PublicFacts, colours: dict[str, str]) -> str:
    rows = [
        '<caption style="text-align: left; font-weight: bold; padding-bottom: 4px">Nilai per unsur pelayanan '
        "(skala 25–100)</caption>",
        f'<thead><tr style="background: #dce6f1"><th style="{_CELL}; text-align: left">Unsur</th>'
        f'<th style="{_CELL}; text-align: right">Nilai</th>'
        f'<th style="{_CELL}; text-align: center">Mutu</th></tr></thead>',
        "<tbody>",
    ]
    for u in facts.unsur:
        fill = colours.get(u.mutu or "", "#ffffff")
        rows.append(
            f'<tr><td style="{_CELL}">{_e(u.kode)} {_e(u.nama)}</td>'
            f'<td style="{_CELL}; text-align: right">{_e(format_number(u.nilai))}</td>'
            f'<td style="{_CELL}; text-align: center; background: {fill}; font-weight: bold">'
            f'{_e(u.mutu or "–")}</td></tr>'
        )
    rows.append("</tbody>")
    return f'<table style="border-collapse: collapse; width: 100%; font-size: 0.95em">{"".join(rows)}</table>'


def write_public_summary(facts: PublicFacts, table: GradeTable, path: str | Path) -> Path:
    """Write :func:`public_summary_html` to ``path``, non-ASCII as character references (``&#8211;``), so
    the fragment reads the same in a page of any encoding."""
    path = Path(path)
    text = public_summary_html(facts, table).encode("ascii", "xmlcharrefreplace").decode("ascii")
    path.write_text(text, encoding="ascii")
    return path


__all__ = ["FILE_NAME", "public_summary_html", "write_public_summary"]
