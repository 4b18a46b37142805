"""HTML for the report notebook: tables, text blocks, figures, cover and headline, all escaped.

Everything that comes from data or parameters (saran, unit names, category values, headers) is
HTML-escaped here, and free text in tables is masked (``privacy.mask_personal_data``) unless a
table is known to hold the unit's own text. Numbers are written the Indonesian way (85,85;
1.234) with the decimals a table declares in ``df.attrs["format"]``.

In a notebook: ``show(obj)`` displays a DataFrame, a figure, text blocks or a string.
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ikm_utils.intake.images import check_image
from ikm_utils.method.indonesian import format_number
from ikm_utils.report.narrative import Block, Daftar, TandaTangan
from ikm_utils.report.privacy import mask_personal_data
from ikm_utils.report.tables import HIDDEN, LISTING

BLANK = "–"

#: Report-specific styles (the page style is the runner's ``data/laporan.css``); shown once, with the cover.
STYLE = """
<style>
.ikm-tabel { min-width: 55%; }
.ikm-tabel th { white-space: normal; }
.ikm-tabel th.ikm-angka { text-align: right; }
.ikm-tabel td.ikm-angka { text-align: right; white-space: nowrap; }
.ikm-kisi { display: flex; flex-wrap: wrap; gap: 0 1.5em; align-items: flex-start; }
.ikm-kisi > .ikm-tabel { min-width: 0; flex: 0 1 auto; }
.ikm-tabel tr.ikm-total td { font-weight: bold; background: #eef1f4; }
.ikm-tabel caption { caption-side: top; text-align: left; font-weight: bold; padding: 0.2em 0; }
.ikm-tabel.ikm-kecil { font-size: 0.78em; }
.ikm-tabel.ikm-kecil td, .ikm-tabel.ikm-kecil th { padding: 0.1em 0.35em; }
figure.ikm-gambar { margin: 0.8em 0 1.2em; text-align: center; break-inside: avoid; page-break-inside: avoid; }
figure.ikm-gambar img { max-width: 100%; height: auto; }
figure.ikm-gambar figcaption { font-weight: bold; font-size: 0.92em; margin-top: 0.3em; }
.ikm-ringkasan { display: flex; flex-wrap: wrap; gap: 0.8em; margin: 0.6em 0 1em; break-inside: avoid; }
.ikm-kotak { flex: 1 1 10em; border: 2px solid #1d4e89; border-radius: 6px; padding: 0.6em 0.8em; text-align: center; }
.ikm-kotak .ikm-nilai { font-size: 2.6em; font-weight: bold; color: #1d4e89; line-height: 1.1; }
.ikm-kotak .ikm-ket { font-size: 0.9em; color: #444; }
.ikm-ttd { margin: 1.5em 0 0 55%; text-align: left; break-inside: avoid; }
.ikm-ttd p { margin: 0.1em 0; text-align: left; }
.ikm-ttd .ikm-ttd-nama { margin-top: 3.5em; font-weight: bold; text-decoration: underline; }
.ikm-catatan { font-size: 0.9em; color: #444; }
pre.ikm-teks { white-space: pre-wrap; font-size: 0.8em; background: #f6f8fa; border: 1px solid #c8ccd1;
  padding: 0.5em 0.8em; }
section.sampul .alamat { margin-top: 0.4em; color: #59636e; }
.ikm-listing { min-width: 0; }
.ikm-listing pre { font-family: "DejaVu Sans Mono", Consolas, "Courier New", monospace; font-size: 1em;
  white-space: pre; margin: 0; padding: 0; line-height: 1.3; background: none; border: 0; }
.ikm-listing th, .ikm-listing td { padding: 0.15em 0.6em; text-align: left; }
.ikm-listing tr.ikm-total td pre { font-weight: bold; }
</style>
"""


def esc(value: Any, mask: bool = False) -> str:
    """Escape text for HTML (``&``, ``<``, ``>``, quotes), masking personal data when asked.

    >>> esc('<script>alert("x")</script> & 0812-3456-7890', mask=True)
    '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 0812****7890'
    """
    text = "" if value is None else str(value)
    return html.escape(mask_personal_data(text) if mask else text, quote=True)


def _is_blank(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return bool(isinstance(value, float | np.floating) and np.isnan(value))
    except TypeError:
        return False


def format_cell(value: Any, spec: int | str | None = None) -> tuple[str, bool]:
    """A cell's display text and whether it is a number.

    ``spec``: decimals (int), ``"%1"`` (percentage with 1 decimal), ``"+2"`` (signed, 2 decimals) or
    ``"id"`` (a row number, no thousands separator);
    integers default to no decimals with a thousands dot, other numbers to 2 decimals.

    >>> format_cell(1234), format_cell(3.14159, 3), format_cell(25.0, "%1"), format_cell(1.5, "+2")
    (('1.234', True), ('3,142', True), ('25,0%', True), ('+1,50', True))
    """
    if isinstance(value, bool | np.bool_):
        return ("Ya" if value else "Tidak"), False
    if spec == "id" and isinstance(value, int | float | np.integer | np.floating):
        return str(int(value)), True  # a row number or an id: no thousands separator
    if isinstance(value, int | np.integer) and not isinstance(spec, str | int):
        return format_number(int(value), 0), True
    if isinstance(value, int | float | np.integer | np.floating | Decimal | Fraction):
        number = value.item() if isinstance(value, np.generic) else value
        if isinstance(spec, str) and spec.startswith("%"):
            return format_number(number, int(spec[1:] or 1)) + "%", True
        if isinstance(spec, str) and spec.startswith("+"):
            text = format_number(number, int(spec[1:] or 2))
            return (text if text.startswith("-") or float(number) == 0 else "+" + text), True
        return format_number(number, 2 if spec is None else int(spec)), True
    return str(value), False


def html_table(
    df: pd.DataFrame,
    caption: str | None = None,
    *,
    mask: bool = True,
    small: bool = False,
    empty: str | None = "Tidak ada data.",
) -> str:
    """A DataFrame as an HTML table: Indonesian numbers, every text escaped (and masked by default).

    Reads ``df.attrs["format"]`` (decimals per column), ``df.attrs["total_rows"]`` (closing rows
    shown bold; their blanks stay empty) and ``df.attrs["row_decimals"]`` (decimals per row
    position, overriding the column's).

    >>> t = pd.DataFrame({"Unit": ["<b>Dinas</b>"], "NRR": [3.14159]}); t.attrs["format"] = {"NRR": 3}
    >>> html_table(t).split("<tbody>")[1]
    '<tr><td>&lt;b&gt;Dinas&lt;/b&gt;</td><td class="ikm-angka">3,142</td></tr></tbody></table>'
    """
    cls = "ikm-tabel ikm-kecil" if small else "ikm-tabel"
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    if (df is None or not len(df)) and empty is None:
        return ""  # nothing to show, not even a caption (e.g. no saran at all)
    if df is None or not len(df):
        return f'<table class="{cls}">{cap}<tbody><tr><td>{esc(empty)}</td></tr></tbody></table>'
    fmt = df.attrs.get("format", {}) or {}
    n_total = int(df.attrs.get("total_rows", 0) or 0)
    row_decimals = df.attrs.get("row_decimals", {}) or {}
    numeric_cols = {c for c in df.columns if pd.api.types.is_numeric_dtype(df[c].dtype) or c in fmt}
    head = "".join(
        f'<th class="ikm-angka">{esc(c, mask=mask)}</th>' if c in numeric_cols else f"<th>{esc(c, mask=mask)}</th>"
        for c in df.columns
    )
    body = []
    n = len(df)
    for i, row in enumerate(df.itertuples(index=False, name=None)):
        total = i >= n - n_total
        cells = []
        for col, value in zip(df.columns, row, strict=True):
            if _is_blank(value):
                cells.append(f'<td class="ikm-angka">{"" if total else BLANK}</td>'
                             if col in numeric_cols else f"<td>{'' if total else BLANK}</td>")
                continue
            spec = row_decimals.get(i, fmt.get(col)) if isinstance(value, float | int | np.number) else fmt.get(col)
            text, is_number = format_cell(value, spec)
            if is_number:
                cells.append(f'<td class="ikm-angka">{esc(text)}</td>')
            else:
                cells.append(f"<td>{esc(text, mask=mask)}</td>")
        body.append(f'<tr class="ikm-total">{"".join(cells)}</tr>' if total else f"<tr>{''.join(cells)}</tr>")
    if n_total and n > n_total:  # the totals and the last data row form one block that is never split
        split = n - n_total - 1
        rows_html = f'<tbody>{"".join(body[:split])}</tbody><tbody class="ikm-akhir">{"".join(body[split:])}</tbody>'
    else:
        rows_html = f'<tbody>{"".join(body)}</tbody>'
    return f'<table class="{cls}">{cap}<thead><tr>{head}</tr></thead>{rows_html}</table>'


#: Lines per block of a listing: a printed page breaks between blocks, never inside one.
LISTING_BLOCK = 10


def _listing_cells(df: pd.DataFrame, mask: bool) -> tuple[list[list[str]], set[str]]:
    """Display text of every cell (as :func:`html_table` formats it, unescaped) and the columns
    that hold numbers (right-aligned)."""
    fmt = df.attrs.get("format", {}) or {}
    n_total = int(df.attrs.get("total_rows", 0) or 0)
    row_decimals = df.attrs.get("row_decimals", {}) or {}
    numeric_cols: set[str] = set()
    rows = []
    for i, row in enumerate(df.itertuples(index=False, name=None)):
        total = i >= len(df) - n_total
        cells = []
        for col, value in zip(df.columns, row, strict=True):
            if _is_blank(value):
                cells.append("" if total else BLANK)
                continue
            spec = row_decimals.get(i, fmt.get(col)) if isinstance(value, float | int | np.number) else fmt.get(col)
            text, is_number = format_cell(value, spec)
            if is_number and not total:
                numeric_cols.add(col)
            cells.append(text if is_number else mask_personal_data(text) if mask else text)
        rows.append(cells)
    return rows, numeric_cols


def listing_html(df: pd.DataFrame, caption: str | None = None, *, mask: bool = True, small: bool = True,
                 block: int = LISTING_BLOCK) -> str:
    """A long table of numbers as a typed listing: one line of fixed-width text per row.

    For the per-respondent table (Lampiran 2): 400 respondents x 12 columns set as table cells cost
    the PDF typesetter about five seconds, the same rows as lines of text a tenth of that. It stays a
    ``<table>`` (its caption is listed in the Daftar Tabel, the header line repeats on every printed
    page, the totals stay with the last rows) whose body rows are blocks of ``block`` lines. Closing
    rows (``attrs["total_rows"]``) are bold with their label across the first two columns; a closing
    row without numbers (e.g. "… 99.000 responden berikutnya tidak dicetak") is a line of plain text.
    ``small`` is accepted for symmetry with :func:`html_table` (a listing is always in the small type).

    >>> t = pd.DataFrame({"No": [1, 2, None], "Baris data": [2, 3, "Jumlah nilai"], "U1": [4, None, 4]}, dtype=object)
    >>> t.attrs.update(format={"Baris data": "id", "U1": 0}, total_rows=1)
    >>> import re
    >>> for line in re.findall(r"<pre>(.*?)</pre>", listing_html(t, block=1)):
    ...     print(line + "|")
    No  Baris data  U1|
     1           2   4|
     2           3   –|
    Jumlah nilai     4|
    """
    columns = list(df.columns)
    if df is None or not len(df) or len(columns) < 3:
        return html_table(df, caption, mask=mask, small=True)
    rows, numeric_cols = _listing_cells(df, mask)
    n_total = int(df.attrs.get("total_rows", 0) or 0)
    first = len(rows) - n_total
    notes = {i for i in range(first, len(rows)) if not any(rows[i][2:])}
    widths = [max([len(str(c))] + [len(r[j]) for r in rows[:first]]) for j, c in enumerate(columns)]
    for i in range(first, len(rows)):
        if i in notes:
            continue
        widths[1] = max(widths[1], len(" ".join(t for t in rows[i][:2] if t)) - widths[0] - 2)
        for j in range(2, len(columns)):
            widths[j] = max(widths[j], len(rows[i][j]))

    def line(cells: list[str], label: bool = False) -> str:
        out = []
        if label:
            text = " ".join(t for t in cells[:2] if t)
            out.append(text.ljust(widths[0] + 2 + widths[1]))
            cells, spans = cells[2:], widths[2:]
            cols = columns[2:]
        else:
            spans, cols = widths, columns
        for col, text, w in zip(cols, cells, spans, strict=True):
            out.append(text.rjust(w) if col in numeric_cols else text.ljust(w))
        return esc("  ".join(out).rstrip())

    head = line([str(c) for c in columns])
    body = [f"<tr><td><pre>{chr(10).join(line(r) for r in rows[k:min(k + block, first)])}</pre></td></tr>"
            for k in range(0, first, block)]
    closing = []
    for i in range(first, len(rows)):
        if i in notes:
            closing.append(f'<tr class="ikm-total"><td>{esc(" ".join(t for t in rows[i] if t), mask=mask)}</td></tr>')
        else:
            closing.append(f'<tr class="ikm-total"><td><pre>{line(rows[i], label=True)}</pre></td></tr>')
    if closing and body:  # the totals and the last block form one piece that is never split
        lead = f'<tbody>{"".join(body[:-1])}</tbody>' if len(body) > 1 else ""
        tail = f'{lead}<tbody class="ikm-akhir">{body[-1]}{"".join(closing)}</tbody>'
    else:
        tail = f'<tbody>{"".join(body + closing)}</tbody>'
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    return (f'<table class="ikm-tabel ikm-kecil ikm-listing">{cap}<thead><tr><th><pre>{head}</pre></th></tr></thead>'
            f"{tail}</table>")


def blocks_html(blocks: Iterable[Block] | str, mask: bool = True) -> str:
    """Paragraphs, lists and signature blocks (``ikm_utils.report.narrative``) as escaped HTML.

    Sentences quote data (group names, categories), so paragraphs and list items are masked too
    (``mask=False`` only for text known to be the unit's own).

    >>> blocks_html(["A < B", Daftar(("satu", "dua"), bernomor=True)])
    '<p>A &lt; B</p><ol><li>satu</li><li>dua</li></ol>'
    """
    if isinstance(blocks, str):
        blocks = [blocks]
    out = []
    for b in blocks:
        if isinstance(b, Daftar):
            tag = "ol" if b.bernomor else "ul"
            out.append(f"<{tag}>" + "".join(f"<li>{esc(item, mask=mask)}</li>" for item in b.items) + f"</{tag}>")
        elif isinstance(b, TandaTangan):
            nip = f"<p>{esc(b.label_id)} {esc(b.nip)}</p>" if b.nip else ""
            out.append(
                f'<div class="ikm-ttd"><p>{esc(b.tempat_tanggal)}</p><p>{esc(b.jabatan)}</p>'
                f'<p class="ikm-ttd-nama">{esc(b.nama)}</p>{nip}</div>'
            )
        else:
            out.append(f"<p>{esc(b, mask=mask)}</p>")
    return "".join(out)


#: Said where the profile would be when the questionnaire asked none of it.
NO_PROFILE = "Kuesioner periode ini tidak memuat data profil responden."


def tables_grid_html(items: Iterable[tuple[pd.DataFrame, str | None]], **kwargs: Any) -> str:
    """Several small tables side by side (wrapping to the next line when the page is full); none: :data:`NO_PROFILE`."""
    items = list(items)
    if not items:
        return blocks_html([NO_PROFILE])
    return '<div class="ikm-kisi">' + "".join(html_table(df, cap, **kwargs) for df, cap in items) + "</div>"


def bullet_list_html(items: Iterable[str], mask: bool = True) -> str:
    """A bulleted list of free text (escaped, masked by default)."""
    return "<ul>" + "".join(f"<li>{esc(t, mask=mask)}</li>" for t in items) + "</ul>"


def figure_svg(fig: Figure) -> bytes:
    """The figure as SVG (no creation date, so the same figure gives the same bytes)."""
    from matplotlib.text import Text

    for text in fig.findobj(Text):  # titles, labels, annotations: published text is masked
        text.set_parse_math(False)  # and "$...$" in respondents' text is text, not mathtext
        raw = text.get_text()
        if raw and any(ch.isdigit() or ch == "@" for ch in raw):
            text.set_text(mask_personal_data(raw))
    buf = io.BytesIO()
    # Stable clip-path ids; text kept as text (searchable in the PDF, 4x faster to typeset than glyph paths).
    with mpl.rc_context({"svg.hashsalt": "ikm-report", "svg.fonttype": "none", "text.parse_math": False}):
        # laid out once by _finish (constrained layout): no second "tight" pass over the drawing
        fig.savefig(buf, format="svg", metadata={"Date": None})
    return buf.getvalue()


def figure_html(fig: Figure, caption: str | None = None, alt: str | None = None) -> str:
    """A figure embedded as an SVG data URI, with its caption, kept together on one page."""
    data = base64.b64encode(figure_svg(fig)).decode("ascii")
    alt_text = esc(alt or caption or "Gambar")
    cap = f"<figcaption>{esc(caption)}</figcaption>" if caption else ""
    return f'<figure class="ikm-gambar"><img alt="{alt_text}" src="data:image/svg+xml;base64,{data}"/>{cap}</figure>'


#: Documentation photos are scaled down to this width before they are embedded (keeps the HTML light).
PHOTO_MAX_WIDTH = 1200


def photo_html(path: Path, caption: str) -> str:
    """A documentation photo embedded as a data URI (PNG/JPEG scaled down, a checked SVG as is), with its caption.

    Raises ``ImageRejected`` (naming the file) for a picture that does not pass ``check_image``.

    >>> import tempfile
    >>> from PIL import Image
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = Path(tmp) / "loket.png"; Image.new("RGB", (2400, 1200), "white").save(p)
    ...     html_text = photo_html(p, "Loket <1>")
    >>> 'src="data:image/jpeg;base64,' in html_text, "Loket &lt;1&gt;" in html_text
    (True, True)
    """
    path = Path(path)
    info = check_image(path)  # by content: decodes, within the pixel limit, SVG without scripts or links
    if info.kind == "svg":
        mime, data = "image/svg+xml", path.read_bytes()
    else:
        from PIL import Image, ImageOps

        with Image.open(path) as img:
            img = ImageOps.exif_transpose(img).convert("RGB")
            img.thumbnail((PHOTO_MAX_WIDTH, PHOTO_MAX_WIDTH))
            buffer = io.BytesIO()
            img.save(buffer, format="JPEG", quality=82)
        mime, data = "image/jpeg", buffer.getvalue()
    src = base64.b64encode(data).decode("ascii")
    return (f'<figure class="ikm-gambar"><img alt="{esc(caption)}" src="data:{mime};base64,{src}"/>'
            f"<figcaption>{esc(caption)}</figcaption></figure>")


def documentation_html(params: Any, captions: Captions, nomor: int | str = 3) -> str:
    """The Dokumentasi lampiran (heading ``Lampiran <nomor>. Dokumentasi`` and every photo), or nothing
    when the parameters list no photo (the runner reminds the operator instead)."""
    photos = params.documentation()
    if not photos:
        return ""
    chapter = f"L{nomor}"
    return (f"<h2>Lampiran {esc(nomor)}. Dokumentasi</h2>"
            + "".join(photo_html(path, captions.gambar(chapter, text)) for path, text in photos))


def rtl_previous_html(realisation: Any, captions: Captions) -> str:
    """4.2's follow-up of the previous period's RTL: heading, the PEKPPP sentence and the status table
    (nothing when there is no previous parameter file)."""
    if realisation is None:
        return ""
    out = f"<h3>Realisasi Rencana Tindak Lanjut {esc(realisation.label)}</h3>" + blocks_html(realisation.sentence())
    if realisation.direncanakan:
        caption = captions.tabel(4, f"Status rencana tindak lanjut hasil SKM {realisation.label}")
        out += html_table(realisation.table, caption, mask=False)
    return out


def headline_html(ctx: Any) -> str:
    """The Ringkasan's headline: the IKM, its grade, the number of respondents (big and clear)."""
    s, p = ctx.summary, ctx.params
    boxes = [
        (format_number(s.ikm_konversi), "Nilai IKM (skala 25–100)"),
        (s.mutu or BLANK, f"Mutu pelayanan: {s.kinerja or BLANK}"),
        (format_number(s.n_responden, 0), "Responden diolah"),
    ]
    if ctx.sample is not None:
        verdict = "memenuhi" if ctx.sample.cukup else "belum memenuhi"
        boxes[2] = (boxes[2][0], f"Responden diolah (minimal {format_number(ctx.sample.minimum, 0)}: {verdict})")
    inner = "".join(
        f'<div class="ikm-kotak"><div class="ikm-nilai">{esc(v)}</div><div class="ikm-ket">{esc(k)}</div></div>'
        for v, k in boxes
    )
    note = (f"{p.unit.nama}, {p.period.label}. IKM skala 1–4: {format_number(s.ikm, 3)}; "
            f"skema {ctx.scheme.regulasi}.")
    return f'<div class="ikm-ringkasan">{inner}</div><p class="ikm-catatan">{esc(note)}</p>'


class Caption(str):
    """A numbered caption that gives its number back when nothing is shown under it (no gap in the numbering)."""

    _owner: Captions | None = None
    _key: tuple[str, str] = ("", "")
    _number: int = 0

    def release(self) -> None:
        """Return the number when it is the last one issued (the table or figure was left out)."""
        if self._owner is not None and self._owner._counts.get(self._key) == self._number:
            self._owner._counts[self._key] -= 1
            self._owner = None


class Captions:
    """Numbers tables and figures per chapter: ``Tabel 3.1 …``, ``Gambar 4.2 …``, ``Tabel L3.1 …``.

    >>> c = Captions(); c.tabel(3, "Profil"), c.tabel(3, "Usia"), c.gambar(3, "Profil")
    ('Tabel 3.1 Profil', 'Tabel 3.2 Usia', 'Gambar 3.1 Profil')
    """

    def __init__(self) -> None:
        self._counts: dict[tuple[str, str], int] = {}

    def _next(self, kind: str, bab: int | str, judul: str) -> str:
        key = (kind, str(bab))
        self._counts[key] = self._counts.get(key, 0) + 1
        caption = Caption(f"{kind} {bab}.{self._counts[key]} {judul}")
        caption._owner, caption._key, caption._number = self, key, self._counts[key]
        return caption

    def tabel(self, bab: int | str, judul: str) -> str:
        return self._next("Tabel", bab, judul)

    def gambar(self, bab: int | str, judul: str) -> str:
        return self._next("Gambar", bab, judul)

    def tabel_isi(self, df: pd.DataFrame | None, bab: int | str, judul: str) -> str | None:
        """A table number only for a table that has rows (an empty one is left out, so no gap)."""
        return None if df is None or not len(df) else self.tabel(bab, judul)


def to_html(obj: Any, caption: str | None = None, **kwargs: Any) -> str:
    """HTML for any report object: DataFrame, Figure, text blocks or a paragraph string.

    A table marked ``attrs[HIDDEN]`` and a text in place of a figure (a one-sentence note such as
    "Kuesioner periode ini tidak memuat isian saran") take no caption: its number is given back.
    """
    if isinstance(obj, pd.DataFrame):
        if obj.attrs.get(HIDDEN) and not len(obj):
            _release(caption)
            return ""
        if obj.attrs.get(LISTING):
            return listing_html(obj, caption, **kwargs)
        return html_table(obj, caption, **kwargs)
    if isinstance(obj, Figure):
        return figure_html(obj, caption, **kwargs)
    _release(caption)
    return blocks_html(obj)


def _release(caption: str | None) -> None:
    if isinstance(caption, Caption):
        caption.release()


def show(obj: Any, caption: str | None = None, **kwargs: Any) -> None:
    """Display a report object in the notebook (``IPython.display.display(HTML(...))``)."""
    from IPython.display import HTML, display

    display(HTML(to_html(obj, caption, **kwargs)))
