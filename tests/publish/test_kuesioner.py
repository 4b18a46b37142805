"""``ikm kuesioner``: the form alone (printable HTML, PDF) and an empty CSV template ``ikm validate`` reads."""

from __future__ import annotations

from pathlib import Path

from ikm_utils.cli import main
from ikm_utils.intake.ingest import check_file
from ikm_utils.method.schemes import get_scheme
from ikm_utils.publish.export import external_references

EXAMPLE = Path(__file__).resolve().parents[2] / "params" / "contoh" / "2024-S2.yaml"


def test_ikm_kuesioner_writes_the_form_and_a_template_validate_recognises(tmp_path, capsys):
    assert main(["kuesioner", str(EXAMPLE), "--keluar", str(tmp_path), ]) == 0
    out = capsys.readouterr().out
    page = (tmp_path / "kuesioner.html").read_text(encoding="utf-8")
    assert "KUESIONER SURVEI KEPUASAN MASYARAKAT (SKM)" in page and "Dinas Contoh Kabupaten Contoh" in page
    assert "size: A4" in page and external_references(page) == [] and "<script" not in page
    template = tmp_path / "kuesioner_isian.csv"
    header = template.read_text(encoding="utf-8-sig").strip()
    assert template.read_text(encoding="utf-8-sig").count("\n") == 1  # empty: the header row only
    filled = tmp_path / "isi.csv"
    filled.write_text(header + "\n01/07/2024,L,41,S1,PNS,Kartu Keluarga (KK),3,3,3,4,3,3,4,3,3,\n", encoding="utf-8")
    checked = check_file(filled, get_scheme("permen14_2017"))
    assert not [p for p in checked.problems if p.severity == "error"]
    assert len(set(checked.mapping)) == len(header.split(","))  # every column recognised
    assert "kuesioner_isian.csv" in out
    if (tmp_path / "kuesioner.pdf").exists():
        from pypdf import PdfReader

        assert len(PdfReader(str(tmp_path / "kuesioner.pdf")).pages) == 1  # one A4 sheet per respondent
