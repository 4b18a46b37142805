"""An executed notebook as one self-contained, offline, printable HTML page.

nbconvert's ``basic`` template gives the cells' markup; we put it inside our own page
(``data/laporan.tpl`` + ``data/laporan.css``): ``lang="id"``, A4 print CSS, an optional cover, a
Daftar Isi generated from the headings, no script, stylesheet or font loaded from anywhere else.
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection, Mapping
from datetime import datetime
from functools import cache
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path
from string import Template
from typing import TYPE_CHECKING, Any

from ikm_utils.errors import RenderError

if TYPE_CHECKING:  # nbformat and nbconvert take ~2 s to import: only when a page is exported
    import nbformat
    from bs4 import BeautifulSoup

#: Cell tags honoured by the export (the Jupyter Book / nbconvert convention).
REMOVE_CELL, REMOVE_INPUT, REMOVE_OUTPUT = "remove-cell", "remove-input", "remove-output"
#: A markdown cell with this tag is where the Daftar Isi goes (default: right after the cover).
TOC_TAG = "daftar-isi"
#: Heading levels listed in the Daftar Isi.
TOC_LEVELS = (1, 2, 3)

_PAPERMILL_MARKER = "papermill-error-cell-tag"
_NBCONVERT_ALT = "No description has been provided for this image"
_VISIBLE = ["img", "svg", "table", "iframe", "hr", "canvas", "video", "audio", "object", "embed", "nav"]
_LOADING_ATTRS = {"src", "href", "data", "poster", "srcset", "background"}
_NETWORK = re.compile(r"""^\s*((?:https?:)?//[^\s"'()<>]+)""", re.IGNORECASE)
_CSS_NETWORK = re.compile(r"""(?:@import\s+(?:url\()?|url\()\s*["']?\s*((?:https?:)?//[^\s"'()<>]+)""", re.IGNORECASE)


class _LoadFinder(HTMLParser):
    """Collects what a page would load: markup attributes and CSS only, never the escaped text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "style":
                self.found += _CSS_NETWORK.findall(value)
            elif name in _LOADING_ATTRS and not (tag == "a" and name == "href"):
                for part in value.split(",") if name == "srcset" else [value]:
                    m = _NETWORK.match(part)
                    if m:
                        self.found.append(m.group(1))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.found += _CSS_NETWORK.findall(data)


def _data_text(name: str) -> str:
    return resources.files("ikm_utils.publish").joinpath(f"data/{name}").read_text(encoding="utf-8")


def page_css() -> str:
    """The report page's stylesheet (screen and A4 print rules), for other printable pages."""
    return _data_text("laporan.css")


def external_references(page: str) -> list[str]:
    """Places where ``page`` would load something from the network (script, stylesheet, image, font).

    Links (``<a href="https://...">``) are fine: a reader follows them, the page does not load them.

    >>> external_references('<a href="https://x.id">x</a><img src="data:image/png;base64,AA">')
    []
    >>> external_references('<script src="https://cdn.example/require.js"></script>')
    ['https://cdn.example/require.js']
    >>> external_references('<p>pakai url(https://x.id) &lt;img src=https://y.id&gt;</p><style>a{}</style>')
    []
    """
    finder = _LoadFinder()
    finder.feed(page)
    finder.close()
    return finder.found


def _published_cells(nb: nbformat.NotebookNode, hide_code: bool, drop_tags: Collection[str] = ()
                     ) -> nbformat.NotebookNode:
    """Drop what a reader must not see: papermill's error banners, cells with a tag in ``drop_tags``
    (e.g. the Analisis Tambahan in the head's short copy), stderr (warnings, logs) and, with the code
    hidden, code cells left with no output (they would be empty boxes)."""
    cells = []
    for cell in nb.cells:
        tags = cell.get("metadata", {}).get("tags", [])
        if _PAPERMILL_MARKER in tags or set(tags) & set(drop_tags):
            continue
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.outputs if not (o.output_type == "stream" and o.get("name") == "stderr")]
            if hide_code and not cell.outputs:
                continue
        cells.append(cell)
    nb.cells = cells
    return nb


def _slug(text: str) -> str:
    return re.sub(r"[^\w]+", "-", text, flags=re.UNICODE).strip("-") or "bagian"


def finish_body(body: str, levels: tuple[int, ...] = TOC_LEVELS) -> tuple[str, str, str]:
    """Tidy nbconvert's markup for readers and build the Daftar Isi from the headings.

    Removes the headings' ``¶`` anchor links, gives images without a description an Indonesian
    ``alt`` and every heading a unique ``id``, and takes out a cover the notebook drew
    (``<section class="sampul">``) so that the page can put it first.

    Returns ``(body, toc, cover)``: when a cell tagged ``daftar-isi`` exists, the list is placed
    inside it and ``toc`` is empty; otherwise ``toc`` is the ``<nav>`` to put before the body.
    ``cover`` is the notebook's cover, or empty.

    >>> body, toc, cover = finish_body('<h2>BAB I Pendahuluan</h2><h3>1.1 Latar Belakang</h3>')
    >>> 'href="#BAB-I-Pendahuluan"' in toc and '<h2 id="BAB-I-Pendahuluan">' in body and cover == ""
    True
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(body, "html.parser")
    drawn = soup.select_one("section.sampul")
    cover = str(drawn.extract()) if drawn is not None else ""
    for cell in soup.select("div.cell"):
        if not cell.get_text(strip=True) and not cell.find(_VISIBLE):
            # Nothing to read (e.g. only the <style> a cell printed): keep the styles, drop the
            # boxes, which would otherwise take space and could stand alone on a printed page.
            cell.replace_with(*(cell.find_all("style") or [""]))
    for anchor in soup.select("a.anchor-link"):
        anchor.decompose()
    for img in soup.find_all("img"):
        if not img.get("alt") or img["alt"] == _NBCONVERT_ALT:
            img["alt"] = "Gambar"
    slot = soup.find(class_=f"celltag_{TOC_TAG}")
    if slot is not None:
        slot.clear()  # its own placeholder text and heading give way to the generated list
    seen: set[str] = set()
    items = []
    for h in soup.find_all([f"h{n}" for n in range(1, 7)]):
        base = h.get("id") or _slug(h.get_text(" ", strip=True))
        hid, i = base, 2
        while hid in seen:
            hid, i = f"{base}-{i}", i + 1
        seen.add(hid)
        h["id"] = hid
        level = int(h.name[1])
        if level in levels and not h.find_parent(class_="no-toc"):
            items.append((level, hid, h.get_text(" ", strip=True)))
    top = min((lv for lv, _, _ in items), default=1)
    lines = [
        f'<li class="toc-{lv - top + 1}">{_entry(text, hid)}</li>'
        for lv, hid, text in items
    ]
    nav = (
        f'<nav class="daftar-isi no-toc" id="daftar-isi"><h{top}>Daftar Isi</h{top}><ol>{"".join(lines)}</ol></nav>'
        + _caption_list(soup, "table > caption", "Tabel", "daftar-tabel", top)
        + _caption_list(soup, "figure > figcaption", "Gambar", "daftar-gambar", top)
    )
    if slot is not None:
        slot.append(BeautifulSoup(nav, "html.parser"))
        return str(soup), "", cover
    return str(soup), nav, cover


def _entry(text: str, target: str) -> str:
    """A list entry linking to ``target``: its title and an empty slot where print CSS puts the page
    number of the target (``target-counter`` in ``laporan.css``)."""
    ref = html.escape("#" + target)
    return (f'<a href="{ref}"><span class="judul">{html.escape(text)}</span>'
            f'<span class="hal" data-ke="{ref}"></span></a>')


def _caption_list(soup: BeautifulSoup, selector: str, kind: str, nav_id: str, level: int) -> str:
    """Daftar Tabel / Daftar Gambar: every numbered caption (``Tabel 3.1 ...``) with a link, so that
    print gives each its page number (``target-counter``); empty when there is none."""
    items = []
    for i, cap in enumerate(soup.select(selector), start=1):
        text = cap.get_text(" ", strip=True)
        if not text.startswith(kind + " "):
            continue
        cid = cap.get("id") or f"{nav_id}-{i}"
        cap["id"] = cid
        items.append(f'<li>{_entry(text, cid)}</li>')
    if not items:
        return ""
    return (f'<nav class="daftar-isi daftar-lain no-toc" id="{nav_id}"><h{level}>Daftar {kind}</h{level}>'
            f'<ol>{"".join(items)}</ol></nav>')


def _cover(cover: Mapping[str, str] | None, title: str) -> str:
    if not cover:
        return ""
    e = {k: html.escape(str(v)) for k, v in cover.items() if v}
    parts = ['<section class="sampul no-toc">']
    if "jenis" in e:
        parts.append(f'<div class="jenis">{e["jenis"]}</div>')
    parts.append(f'<h1 class="judul">{e.get("judul", html.escape(title))}</h1>')
    for key in ("unit", "instansi", "periode", "dibuat"):
        if key in e:
            parts.append(f'<div class="{key}">{e[key]}</div>')
    parts.append("</section>")
    return "\n".join(parts)


@cache
def _exporter_class() -> type:
    """nbconvert's HTML exporter without its closing BeautifulSoup pass (made on first use).

    That pass only adds an English ``alt`` to images without one and ``tabindex`` to cell wrappers;
    :func:`finish_body` parses the page anyway (and gives images an Indonesian ``alt``), so the
    page is parsed once instead of twice (about a second for the example report). The filters are
    registered exactly as ``HTMLExporter.from_notebook_node`` does; the template pass is nbconvert's.
    """
    from nbconvert import HTMLExporter, TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class OneParseExporter(HTMLExporter):
        def from_notebook_node(self, nb, resources=None, **kw):  # noqa: ANN001, ANN201 (nbconvert's signature)
            langinfo = nb.metadata.get("language_info", {})
            lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
            highlight_code = self.filters.get("highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self))
            resources = self._init_resources(resources)
            filter_data_type = WidgetsDataTypeFilter(notebook_metadata=self._nb_metadata, parent=self,
                                                     resources=resources)
            self.register_filter("highlight_code", highlight_code)
            self.register_filter("filter_data_type", filter_data_type)
            return TemplateExporter.from_notebook_node(self, nb, resources, **kw)

    return OneParseExporter


def _exporter(hide_code: bool) -> Any:
    from nbconvert.preprocessors import TagRemovePreprocessor

    exporter = _exporter_class()(
        template_name="basic",
        exclude_input=hide_code,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )
    exporter.register_preprocessor(
        TagRemovePreprocessor(
            remove_cell_tags={REMOVE_CELL},
            remove_input_tags={REMOVE_INPUT},
            remove_all_outputs_tags={REMOVE_OUTPUT},
            enabled=True,
        ),
        enabled=True,
    )
    return exporter


def export_html(
    notebook_path: str | Path,
    html_path: str | Path,
    *,
    hide_code: bool = True,
    title: str | None = None,
    cover: Mapping[str, str] | None = None,
    drop_tags: Collection[str] = (),
) -> Path:
    """Export an executed notebook to one self-contained HTML file.

    Parameters
    ----------
    notebook_path, html_path
        The executed ``.ipynb`` and the ``.html`` to write.
    hide_code
        Hide every code cell's input (the report is read without code). Cells tagged
        ``remove-cell``, ``remove-input`` or ``remove-output`` lose that part either way; stderr
        (warnings, logs) never reaches the page.
    title
        The page title (default: the notebook's file name).
    cover
        Optional cover page: ``judul``, ``jenis``, ``unit``, ``instansi``, ``periode``, ``dibuat``
        (plain text, escaped here). A cover the notebook draws (``<section class="sampul">``)
        takes its place; either way the cover opens the page.
    drop_tags
        Cells with any of these tags are left out (the head's short copy drops ``tambahan`` and
        ``teknis``).

    Raises
    ------
    RenderError
        When the page would load anything from the network.
    """
    notebook_path, html_path = Path(notebook_path), Path(html_path)
    import nbformat

    nb = _published_cells(nbformat.read(notebook_path, as_version=4), hide_code, drop_tags)
    body, _ = _exporter(hide_code).from_notebook_node(nb, resources={"metadata": {"path": str(notebook_path.parent)}})
    body, toc, drawn_cover = finish_body(body)
    css = _data_text("laporan.css")
    if not hide_code:
        from pygments.formatters import HtmlFormatter

        css += "\n" + HtmlFormatter().get_style_defs(".highlight")
    from ikm_utils import __version__

    title = title or notebook_path.stem
    page = Template(_data_text("laporan.tpl")).substitute(
        title=html.escape(title),
        generator=f"ikm-report {__version__}",
        created=datetime.now().astimezone().isoformat(timespec="seconds"),
        css=css,
        cover=drawn_cover or _cover(cover, title),
        toc=toc,
        body=body,
    )
    found = external_references(page)
    if found:
        shown = "; ".join(sorted(set(found))[:5])
        raise RenderError(f"HTML {html_path.name} memuat sumber dari internet ({shown}); laporan harus mandiri.")
    html_path.write_text(page, encoding="utf-8")
    return html_path
