"""The report page as an A4 PDF: the same HTML and print CSS, typeset by WeasyPrint.

No second template: ``laporan.html`` (``export.py``) carries the print rules (``@page`` A4, the
named ``sampul`` page without a number, ``target-counter`` page numbers in the Daftar Isi, Tabel and
Gambar lists, a running header from ``string-set``, "Halaman X dari Y", ``break-before`` for each
BAB, repeated table headers). WeasyPrint needs the Pango library of the system; where it is missing
:func:`pdf_available` says why and how to install it, and the HTML is still written.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from ikm_utils.errors import RenderError

#: How to get WeasyPrint's system libraries, shown when they are missing.
INSTALL_HINT = (
    "PDF memerlukan WeasyPrint dan pustaka Pango. Linux (Debian/Ubuntu): "
    "`apt-get install libpango-1.0-0 libpangoft2-1.0-0` lalu `pip install weasyprint`; "
    "Windows/macOS: pasang lingkungan conda dari environment.yml "
    "(`conda env create -f environment.yml`, paket weasyprint dari conda-forge membawa Pango)."
)


@cache
def pdf_problem() -> str | None:
    """Why a PDF cannot be made on this machine (Indonesian, with the install hint), or ``None``."""
    try:
        import weasyprint  # noqa: F401  (loads Pango through cffi: fails with OSError without it)
    except ImportError:
        return "paket Python weasyprint tidak terpasang. " + INSTALL_HINT
    except OSError as exc:  # the Pango/GObject shared libraries are missing
        return f"pustaka sistem untuk WeasyPrint tidak ditemukan ({exc}). " + INSTALL_HINT
    return None


def pdf_available() -> bool:
    """True when WeasyPrint and its system libraries load."""
    return pdf_problem() is None


@contextlib.contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector for a block (reference counting still frees memory).

    WeasyPrint allocates millions of objects while it typesets. In a process that already holds a
    large heap (a render: pandas, nbconvert, the report's data) every full collection walks that
    whole heap again, and typesetting the example took 8-9 s instead of 5.5-7 s. The cycles made
    meanwhile are collected as usual once the block ends.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def html_to_pdf(html_path: str | Path, pdf_path: str | Path) -> Path:
    """Typeset a report page (``laporan.html``) as an A4 PDF with WeasyPrint.

    Parameters
    ----------
    html_path, pdf_path
        The self-contained report page and the PDF to write. The page loads nothing from the
        network (``export.py`` refuses such a page), so no URL fetching is allowed either.

    Raises
    ------
    RenderError
        WeasyPrint is missing (the message says how to install it) or failed.
    """
    problem = pdf_problem()
    if problem:
        raise RenderError(f"PDF tidak dapat dibuat: {problem}")
    import weasyprint

    html_path, pdf_path = Path(html_path), Path(pdf_path)

    # Only the page's own data: URIs (figures, photos); export.py already refuses network sources.
    fetcher_class = getattr(weasyprint, "URLFetcher", None)
    fetcher = fetcher_class(allowed_protocols=["data"]) if fetcher_class is not None else None
    try:
        with cycle_collector_paused():
            document = weasyprint.HTML(filename=str(html_path), url_fetcher=fetcher, media_type="print")
            document.write_pdf(str(pdf_path))
    except Exception as exc:  # a typesetting bug must not pass for a report
        raise RenderError(f"Pembuatan PDF gagal: {type(exc).__name__}: {exc}") from exc
    return pdf_path


__all__ = ["INSTALL_HINT", "cycle_collector_paused", "html_to_pdf", "pdf_available", "pdf_problem"]
