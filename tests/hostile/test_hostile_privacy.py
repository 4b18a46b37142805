"""No personal data published: planted phone numbers, e-mails and NIKs are looked for in every output file."""

from __future__ import annotations

import base64
import html
import json
import re
from pathlib import Path

import pytest
from hostile_samples import row, write_unit

from ikm_utils.publish.render import render_report
from ikm_utils.report.privacy import mask_personal_data

NIK = "3201234567890134"
PLANTED = {
    "unsur_nik": NIK,
    "unsur_hp": "0812-7777-6666",
    "profil": "0812-9988-7766",
    "layanan": "62 812 6660 4321",
    "saran_kurung": "(0812) 5550-1234",
    "saran_email": "andi.rahasia@contoh.id",
    "saran_nik": "3201 2345 6789 0123",
    "saran_plus": "+62 813-1111-2222",
}


@pytest.mark.parametrize("text, masked", [
    ("(0812) 5550-1234", "0812****1234"),
    ("62 812 6660 4321", "+62812****4321"),
    ("+62 812-6660-4321", "+62812****4321"),
    ("0812.5550.1234", "0812****1234"),
    ("0812 - 5550 - 1234", "0812****1234"),
    ("WA:081255501234", "WA:0812****1234"),
    ("6281255501234", "+62812****1234"),
    ("+62 (812) 5550 1234", "+62812****1234"),
    ("andi.rahasia@contoh.id", "a***@***"),
    (NIK, "3201**********34"),
    ("3201-2345-6789-0123", "3201**********23"),
])
def test_phone_email_and_nik_shapes_are_masked(text, masked):
    assert mask_personal_data(f"hubungi {text} ya") == f"hubungi {masked} ya"


@pytest.mark.parametrize("text", ["Rp 1.500.000", "jam 08.00-12.00", "NIP 198001012005011002", "85,85 pada 2024",
                                  "antrian 0812", "nomor antrean 62 812"])
def test_ordinary_numbers_stay(text):
    assert mask_personal_data(text) == text


def digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def published_text(folder: Path) -> str:
    """Everything a reader of ``folder`` can see: every file, JSON strings, HTML unescaped, embedded SVGs decoded."""
    parts = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        text = path.read_bytes().decode("utf-8", errors="replace")
        parts.append(text)
        if path.suffix in (".ipynb", ".json"):
            parts.append(json.dumps(json.loads(text), ensure_ascii=False))
        parts.append(html.unescape(text))
    combined = "\n".join(parts)
    for data in re.findall(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)", combined):
        parts.append(base64.b64decode(data).decode("utf-8", errors="replace"))
    return "\n".join(parts)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("privasi")
    rows = [row(saran=s) for s in ("", "Pelayanan cepat", "Loket rapi")]
    rows += [
        row((4, 3, NIK, 3, 3, 3, 3, 3, 3)),
        row((4, 3, PLANTED["unsur_hp"], 3, 3, 3, 3, 3, 3)),
        row(pekerjaan=f"Lainnya: hub {PLANTED['profil']}"),
        row(pekerjaan=f"Lainnya: hub {PLANTED['profil']}", answers=(3, 3, 3, 3, 3, 3, 3, 3, 3)),
        row(layanan=f"Legalisir (WA {PLANTED['layanan']})"),
        row(saran=f"Telepon saya di {PLANTED['saran_kurung']} atau {PLANTED['saran_email']}"),
        row(saran=f"NIK saya {PLANTED['saran_nik']}, WA {PLANTED['saran_plus']}"),
        row(saran="Lihat url(https://contoh.id/antrian.png) <script>alert(1)</script> $x$"),
    ]
    params = write_unit(tmp / "unit", rows * 2, data={"berkas": "jawaban.csv", "kebijakan": "exclude"},
                        kelompok=["jenis_layanan", "pekerjaan"])
    result = render_report(params, outputs_root=tmp / "outputs", progress=lambda s: None)
    return result


@pytest.mark.notebook
def test_render_with_planted_personal_data_succeeds_and_excludes_the_bad_cells(rendered):
    data = json.loads((rendered.folder / "ringkasan.json").read_text(encoding="utf-8"))
    assert data["n_dikecualikan"] == 4 and data["n_responden"] == 18
    assert any("3201**********34" in reason for reason in data["alasan_dikecualikan"])


@pytest.mark.notebook
@pytest.mark.parametrize("name", sorted(PLANTED))
def test_no_planted_value_in_any_output_file(rendered, name):
    seen = published_text(rendered.folder)
    value = PLANTED[name]
    assert value not in seen
    if name != "saran_email":
        assert digits(value) not in digits_runs(seen)


def digits_runs(text: str) -> set[str]:
    """Every run of digits, also across the separators a phone number is written with."""
    return {digits(m) for m in re.findall(r"\+?\(?\d[\d ().\-]{8,}\d", text)} | set(re.findall(r"\d{10,}", text))


@pytest.mark.notebook
def test_masked_forms_are_what_the_reader_sees(rendered):
    page = html.unescape((rendered.folder / "laporan.html").read_text(encoding="utf-8"))
    assert "0812****1234" in page and "a***@***" in page and "Lainnya: hub 0812****7766" in page
    assert "<script>alert(1)</script>" not in (rendered.folder / "laporan.html").read_text(encoding="utf-8")
    assert "url(https://contoh.id/antrian.png)" in page  # shown as text, the offline check not tripped
