"""Pictures are checked by their content: decoded, size-limited, SVG without scripts or links."""

from __future__ import annotations

import struct
import zlib

import numpy as np
import pytest
from hostile_samples import row, write_unit
from PIL import Image

from ikm_utils.intake.images import ImageRejected, check_image
from ikm_utils.params import ParamsError, load_params
from ikm_utils.report.display import photo_html


def huge_png_header(path, width=30000, height=30000):
    """A PNG whose header claims width x height pixels (the data is tiny): a decompression bomb's shape."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    data = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(ihdr)) + chunk + struct.pack(">I", zlib.crc32(chunk))
    idat = b"IDAT" + zlib.compress(b"\x00" * 100)
    data += struct.pack(">I", len(idat) - 4) + idat + struct.pack(">I", zlib.crc32(idat))
    path.write_bytes(data + b"\x00\x00\x00\x00IEND\xaeB`\x82")


def photo_problems(tmp_path, name, make) -> list[str]:
    params = write_unit(tmp_path, [row()], dokumentasi=[{"berkas": name, "keterangan": "Foto"}])
    make(tmp_path / name)
    with pytest.raises(ParamsError) as err:
        load_params(params)
    return err.value.problems


def test_30000_by_30000_png_is_refused_naming_the_file(tmp_path):
    found = photo_problems(tmp_path, "bom.png", huge_png_header)
    assert found == [found[0]] and found[0].startswith("dokumentasi[0].berkas: bom.png: gambar terlalu besar")
    assert "(30000 × 30000 piksel; batas 60 megapiksel)" in found[0]


def test_text_file_named_png_is_refused(tmp_path):
    found = photo_problems(tmp_path, "foto.png", lambda p: p.write_text("bukan gambar", encoding="utf-8"))
    assert found == ["dokumentasi[0].berkas: foto.png: bukan gambar PNG/JPEG yang dapat dibaca"]


def test_truncated_jpeg_is_refused(tmp_path):
    def make(p):
        pixels = np.random.default_rng(7).integers(0, 256, (300, 400, 3), dtype=np.uint8)  # seeded: same bytes
        Image.fromarray(pixels).save(p, "JPEG")
        p.write_bytes(p.read_bytes()[:800])

    found = photo_problems(tmp_path, "rusak.jpg", make)
    assert found[0].startswith("dokumentasi[0].berkas: rusak.jpg:")


def test_gif_named_png_is_refused_by_its_content(tmp_path):
    found = photo_problems(tmp_path, "animasi.png", lambda p: Image.new("P", (10, 10)).save(p, "GIF"))
    assert "format GIF tidak diterima" in found[0]


def test_jpeg_named_png_is_accepted_by_its_content(tmp_path):
    Image.new("RGB", (50, 40)).save(tmp_path / "x.png", "JPEG")
    assert check_image(tmp_path / "x.png").kind == "jpeg"


@pytest.mark.parametrize("svg, reason", [
    ('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "<script>"),
    ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
     '<image xlink:href="https://pelacak.example/x.png"/></svg>', "merujuk ke luar"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><rect onload="alert(1)"/></svg>', "onload"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><style>rect{fill:url(https://x.example/a)}</style></svg>', "CSS"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>', "foreignobject"),
    ('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
     "DOCTYPE"),
    ("ini teks biasa, bukan SVG", "bukan gambar SVG"),
    ('<html xmlns="http://www.w3.org/1999/xhtml"></html>', "elemen akar"),
])
def test_unsafe_or_fake_svg_is_refused(tmp_path, svg, reason):
    (tmp_path / "g.svg").write_text(svg, encoding="utf-8")
    with pytest.raises(ImageRejected, match="g.svg") as err:
        check_image(tmp_path / "g.svg")
    assert reason in str(err.value)
    with pytest.raises(ImageRejected):
        photo_html(tmp_path / "g.svg", "Bagan")  # the report's embedding checks again


def test_plain_svg_with_local_references_is_embedded(tmp_path):
    (tmp_path / "g.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><defs><g id="a"/></defs>'
        '<use xlink:href="#a"/><rect style="fill:url(#a)" width="4" height="4"/></svg>', encoding="utf-8")
    assert 'src="data:image/svg+xml;base64,' in photo_html(tmp_path / "g.svg", "Bagan alur")
