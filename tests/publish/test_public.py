"""ringkasan_publik.html: a fragment to paste into a website, escaped, with nothing that runs or loads."""

from __future__ import annotations

import html

from bs4 import BeautifulSoup
from conftest import write_unit

from ikm_utils.publish.export import external_references
from ikm_utils.publish.facts import public_facts
from ikm_utils.publish.public import write_public_summary
from ikm_utils.report.context import prepare_report

ALLOWED_TAGS = {"section", "p", "h2", "div", "table", "caption", "thead", "tbody", "tr", "th", "td", "strong"}


def summary(tmp_path):
    ctx = prepare_report(write_unit(tmp_path / "params"))
    path = write_public_summary(public_facts(ctx), ctx.scheme.tabel_mutu, tmp_path / "ringkasan_publik.html")
    return ctx, path.read_text(encoding="ascii")


def test_the_fragment_has_no_script_no_network_and_only_plain_tags(tmp_path):
    _, text = summary(tmp_path)
    soup = BeautifulSoup(text, "html.parser")
    assert "<script" not in text.lower() and external_references(text) == []
    assert {t.name for t in soup.find_all(True)} <= ALLOWED_TAGS
    assert all(set(t.attrs) <= {"style", "lang"} for t in soup.find_all(True))  # no href, src, on*=
    assert "<html" not in text and "<style" not in text  # a fragment: nothing leaks into the host page


def test_every_text_from_parameters_is_escaped(tmp_path):
    _, text = summary(tmp_path)
    soup = BeautifulSoup(text, "html.parser")
    assert "<b>" not in text and "<i>" not in text
    shown = soup.get_text(" ")
    assert 'Dinas <Uji> & "Kawan"' in shown and "<i>surel</i>" in shown
    assert "Petugas <script>pengaduan</script>" in shown  # the RTL program, as text


def test_it_shows_the_infographic_content_and_the_unsur_table(tmp_path):
    ctx, text = summary(tmp_path)
    soup = BeautifulSoup(text, "html.parser")
    shown = html.unescape(soup.get_text(" "))
    facts = public_facts(ctx)
    assert facts.ikm_text in shown and "Mutu pelayanan" in shown and facts.kinerja in shown
    rows = soup.select("tbody tr")
    assert [r.find("td").get_text().split()[0] for r in rows] == ctx.scheme.codes
    assert "Unsur terendah: U8" in shown and "6 responden (minimal 36)" in shown


def test_no_saran_of_a_respondent_reaches_the_public_fragment(tmp_path):
    _, text = summary(tmp_path)
    assert "HYPERLINK" not in text and "petugas ramah" not in text
