"""laporan.pdf, read as a reviewer reads it: the example's PDF opened with pypdf, page by page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from ikm_utils.errors import RenderError
from ikm_utils.publish import pdf, render
from ikm_utils.publish.export import export_html

pypdf = pytest.importorskip("pypdf")
needs_weasyprint = pytest.mark.skipif(not pdf.pdf_available(), reason=pdf.pdf_problem() or "")

#: Developer words that must not reach the reader before the first Lampiran.
DEVELOPER_WORDS = ("ringkasan.json", "sha256", "seed", "berkas parameter", "95% CI", "exact", "half-up", ".csv",
                   ".yaml", "jenis_kelamin", "A_2017")
CHAPTERS = ("BAB I PENDAHULUAN", "BAB II PENGUMPULAN DATA SKM", "BAB III HASIL PENGOLAHAN DATA SKM",
            "BAB IV ANALISIS HASIL SKM", "BAB V KESIMPULAN")


@pytest.fixture(scope="module")
def report(example):
    path = example.folder / "laporan.pdf"
    if not path.is_file():
        pytest.skip(f"PDF tidak dibuat di mesin ini: {pdf.pdf_problem()}")
    reader = pypdf.PdfReader(str(path))
    texts = [page.extract_text() or "" for page in reader.pages]
    return reader, texts


def _outline(reader) -> dict[str, int]:
    """Bookmark title -> 1-based page (WeasyPrint makes one per heading)."""
    out: dict[str, int] = {}

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                out.setdefault(item.title.strip(), reader.get_destination_page_number(item) + 1)

    walk(reader.outline)
    return out


def _toc_numbers(pages: list[str]) -> dict[str, int]:
    """The page number a list (Daftar Isi, Tabel, Gambar) prints after each entry: ``title number``.

    A title that wraps ends its first line without a number; that line is joined to the next.
    """
    found: dict[str, int] = {}
    for text in pages:
        pending = ""
        for raw in text.splitlines():
            if raw.strip() in ("Daftar Isi", "Daftar Tabel", "Daftar Gambar"):  # heading (after the running header)
                pending = ""
                continue
            line = f"{pending} {raw}".strip()
            m = re.match(r"^(.+?)(?:\s*\.{3,})?\s+(\d{1,3})$", line)
            if m:
                found.setdefault(m.group(1).strip(), int(m.group(2)))
                pending = ""
            else:
                pending = line
    return found


@pytest.mark.notebook
def test_the_pdf_opens_on_a4_pages(report):
    reader, texts = report
    assert len(reader.pages) > 20
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)  # A4 in pt


@pytest.mark.notebook
def test_the_daftar_isi_gives_the_pages_where_bab_i_to_v_start(report):
    reader, texts = report
    marks = _outline(reader)
    toc = _toc_numbers(texts[marks["Daftar Isi"] - 1:marks["Daftar Tabel"] - 1])
    for chapter in CHAPTERS:
        assert chapter in toc, (chapter, sorted(toc))
        assert toc[chapter] == marks[chapter], chapter
        # and that page really opens the chapter: its heading is in the text of that page
        assert chapter in texts[toc[chapter] - 1]
    starts = [toc[c] for c in CHAPTERS]
    assert starts == sorted(starts) and len(set(starts)) == 5  # every BAB on its own new page


@pytest.mark.notebook
def test_the_lists_of_tables_and_figures_have_page_numbers(report):
    reader, texts = report
    marks = _outline(reader)
    toc = _toc_numbers(texts[marks["Daftar Tabel"] - 1:marks["Ringkasan"] - 1])
    assert any(k.startswith("Tabel 3.") for k in toc) and any(k.startswith("Gambar 3.") for k in toc)
    for entry, page in toc.items():
        kind, number = entry.split(" ", 2)[:2]
        assert f"{kind} {number} " in texts[page - 1].replace("\n", " "), entry  # the caption is on that page


@pytest.mark.notebook
def test_no_developer_words_before_the_first_lampiran(report):
    reader, texts = report
    first_lampiran = _outline(reader)["LAMPIRAN"]
    body = "\n".join(texts[: first_lampiran - 1]).casefold()
    for word in DEVELOPER_WORDS:
        assert word.casefold() not in body, word
    assert "isi kunci" not in body  # no instruction to the operator


@pytest.mark.notebook
def test_the_cover_has_no_page_number_and_the_other_pages_say_halaman_x_dari_y(report, example):
    reader, texts = report
    n = len(reader.pages)
    assert "Halaman" not in texts[0]
    assert "SURVEI KEPUASAN MASYARAKAT (SKM)" in texts[0] and "SEMESTER II TAHUN 2024" in texts[0]
    for i in (1, 5, n - 1):
        assert f"Halaman {i + 1} dari {n}" in texts[i]
    # running header: unit and periode on every page after the cover
    assert f"Laporan SKM {example.params['unit']['nama']}" in texts[5] and "Semester II 2024" in texts[5]


@pytest.mark.notebook
def test_a_pengesahan_page_with_the_heads_name_jabatan_as_written_and_id_label(report, example):
    reader, texts = report
    page = texts[_outline(reader)["LEMBAR PENGESAHAN"] - 1]
    head = example.params["unit"]["kepala_unit"]
    assert "LEMBAR PENGESAHAN" in page and head["nama"] in page
    assert f"{head['jabatan']}," in page  # exactly as written, not jabatan + unit
    assert f"{head.get('label_id', 'NIP')} {head['nip']}" in page and "tanda tangan dan cap" in page


@pytest.mark.notebook
def test_lampiran_1_is_the_questionnaire_with_every_question_and_a_saran_box(report):
    reader, texts = report
    marks = _outline(reader)
    start, end = marks["Lampiran 1. Kuesioner"], marks["Lampiran 2. Hasil Olah Data"]
    form = " ".join(texts[start - 1:end]).replace("\n", " ")
    assert "KUESIONER SURVEI KEPUASAN MASYARAKAT" in form
    assert "kewajaran biaya/tarif" in form and "a. Tidak sesuai" in form and "Saran dan masukan" in form


@pytest.mark.notebook
def test_the_previous_periods_rtl_realisation_is_in_the_summary_and_the_report(example, report):
    reader, texts = report
    realisation = example.ringkasan["realisasi_rtl_sebelumnya"]
    assert realisation == {"periode": "2024-S1", "direncanakan": 3, "selesai": 2,
                           "persen": pytest.approx(200 / 3), "bulan_sampai_selesai": pytest.approx(2.5)}
    text = " ".join(texts).replace("\n", " ")
    assert "2 telah selesai dilaksanakan (66,7%)" in text.replace("‐", "")


@pytest.mark.notebook
def test_the_short_copy_leaves_out_analisis_tambahan_and_catatan_teknis(example, tmp_path):
    out = export_html(example.folder / "laporan.ipynb", tmp_path / "ringkas.html",
                      drop_tags=render.SHORT_COPY_DROPS)
    page = out.read_text(encoding="utf-8")
    headings = [h.get_text(" ", strip=True) for h in BeautifulSoup(page, "html.parser").find_all(["h1", "h2"])]
    assert not [h for h in headings if h.startswith(("Analisis Tambahan", "A.", "Lampiran 4. Catatan Teknis"))]
    assert "BAB V KESIMPULAN" in headings and "Lampiran 2. Hasil Olah Data" in headings
    assert "SHA-256" not in page and "Analisis Tambahan" not in page  # nor a reference to the missing section


def test_without_weasyprints_library_the_html_is_still_made_and_the_hint_says_how(monkeypatch):
    monkeypatch.setattr(render, "pdf_problem", lambda: "pustaka sistem tidak ditemukan. " + pdf.INSTALL_HINT)
    wanted, skipped = render.resolve_formats(None)
    assert wanted == ["html", "xlsx", "png"] and "environment.yml" in skipped["pdf"] and "apt-get" in skipped["pdf"]
    wanted, skipped = render.resolve_formats(["html", "pdf"])
    assert wanted == ["html"] and "pdf" in skipped
    with pytest.raises(RenderError, match="docx"):
        render.resolve_formats(["docx"])


@needs_weasyprint
def test_html_to_pdf_typesets_a_small_page_and_refuses_network_sources(tmp_path):
    page = tmp_path / "p.html"
    page.write_text('<html lang="id"><body><h1>Judul</h1><img src="https://contoh.invalid/x.png">'
                    "<p>Isi.</p></body></html>", encoding="utf-8")
    out = pdf.html_to_pdf(page, tmp_path / "p.pdf")
    reader = pypdf.PdfReader(str(out))
    assert len(reader.pages) == 1 and "Judul" in reader.pages[0].extract_text()


def test_a_pdf_error_names_the_cause(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf, "pdf_problem", lambda: "paket Python weasyprint tidak terpasang.")
    with pytest.raises(RenderError, match="PDF tidak dapat dibuat: paket Python weasyprint"):
        pdf.html_to_pdf(Path(tmp_path / "x.html"), tmp_path / "x.pdf")


@needs_weasyprint
def test_a_list_entry_reads_title_then_page_number_and_the_number_is_where_the_target_is(tmp_path):
    from ikm_utils.publish.export import _entry

    css = (Path(pdf.__file__).parent / "data" / "laporan.css").read_text(encoding="utf-8")
    long_title = "Tabel 9.9 " + "judul yang panjang sekali " * 6
    page = tmp_path / "daftar.html"
    page.write_text(
        f'<html lang="id"><head><style>{css}</style></head><body><main class="laporan">'
        f'<nav class="daftar-isi no-toc"><h1>Daftar Isi</h1><ol><li class="toc-1">{_entry("Satu", "satu")}</li>'
        f'<li class="toc-1">{_entry(long_title, "dua")}</li></ol></nav>'
        '<h1 id="satu">Satu</h1><p>a</p><h1>Antara</h1><p>b</p><h1 id="dua">Dua</h1></main></body></html>',
        encoding="utf-8")
    reader = pypdf.PdfReader(str(pdf.html_to_pdf(page, tmp_path / "daftar.pdf")))
    toc = _toc_numbers([reader.pages[0].extract_text()])
    assert toc["Satu"] == 2 and "Dua" not in toc
    assert toc[long_title.strip()] == 4  # the wrapped title, then its number, in reading order
    assert "Satu" in reader.pages[1].extract_text() and "Dua" in reader.pages[3].extract_text()


def test_the_cycle_collector_is_paused_while_typesetting_and_restored_after():
    import gc

    assert gc.isenabled()
    with pdf.cycle_collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with pdf.cycle_collector_paused():
            pass
        assert not gc.isenabled()  # a caller who had it off keeps it off
    finally:
        gc.enable()
    with pytest.raises(ValueError), pdf.cycle_collector_paused():
        raise ValueError("typesetting failed")
    assert gc.isenabled()
