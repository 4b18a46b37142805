"""Pictures named in the parameters (documentation photos, a logo), checked by their content.

The file name says nothing: a text file called ``foto.png``, a 30000 x 30000 "decompression
bomb", or an SVG with a ``<script>`` or a link to the network must not reach the report.
PNG and JPEG are decoded with Pillow (pixel count checked before decoding); SVG is parsed as
XML and refused when it holds anything active or external (scripts, event handlers, foreign
content, ``href``/``url()`` that is not a local ``#fragment`` or an embedded PNG/JPEG).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from ikm_utils.errors import IkmError
from ikm_utils.intake.limits import MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS

#: SVG (and XHTML) elements that run code or pull in other documents.
_ACTIVE = {"script", "foreignobject", "iframe", "embed", "object", "audio", "video", "animate", "set",
           "animatemotion", "animatetransform", "handler", "listener"}
_LOCAL_REF = re.compile(r"^\s*(#[^\s]*|data:image/(?:png|jpeg);base64,[A-Za-z0-9+/=\s]*)\s*$", re.IGNORECASE)
_CSS_URL = re.compile(r"url\s*\(\s*['\"]?\s*([^'\")]*)|@import", re.IGNORECASE)


class ImageRejected(IkmError):
    """A picture that is not what its name says, too large, or unsafe to embed."""


@dataclass(frozen=True)
class ImageInfo:
    """What a checked picture is: ``kind`` (``png``, ``jpeg``, ``svg``), size in pixels (0 for SVG)."""

    kind: str
    width: int = 0
    height: int = 0


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].lower()


def check_svg(data: bytes, name: str) -> ImageInfo:
    """Refuse an SVG that is not well-formed XML with an ``<svg>`` root, or that is active or external."""
    if b"<!DOCTYPE" in data[:4096].upper() or b"<!ENTITY" in data.upper():
        raise ImageRejected(f"{name}: SVG dengan DOCTYPE/ENTITY tidak diterima")
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise ImageRejected(f"{name}: bukan gambar SVG yang sah (XML rusak: {exc})") from exc
    if _local(root.tag) != "svg":
        raise ImageRejected(f"{name}: bukan gambar SVG (elemen akar <{_local(root.tag)}>)")
    for el in root.iter():
        tag = _local(el.tag)
        if tag in _ACTIVE:
            raise ImageRejected(f"{name}: SVG memuat <{tag}> (skrip atau isi aktif) dan tidak disematkan")
        for attr, value in el.attrib.items():
            key = _local(attr)
            if key.startswith("on"):
                raise ImageRejected(f"{name}: SVG memuat atribut {key} (skrip) dan tidak disematkan")
            if key in ("href", "src") and not _LOCAL_REF.match(value):
                raise ImageRejected(f"{name}: SVG merujuk ke luar ({key}={value[:60]!r}) dan tidak disematkan")
            if key == "style":
                _check_css(value, name)
        if tag == "style" and el.text:
            _check_css(el.text, name)
    return ImageInfo("svg")


def _check_css(css: str, name: str) -> None:
    for m in _CSS_URL.finditer(css):
        if m.group(0).lower().startswith("@import") or not _LOCAL_REF.match(m.group(1) or ""):
            raise ImageRejected(f"{name}: SVG memuat CSS yang merujuk ke luar ({m.group(0)[:60]!r})")


def check_image(path: str | Path, max_pixels: int = MAX_IMAGE_PIXELS) -> ImageInfo:
    """Check a picture by its content; raise :class:`ImageRejected` naming the file and the reason.

    >>> import tempfile
    >>> from PIL import Image
    >>> folder = Path(tempfile.mkdtemp())
    >>> Image.new("RGB", (40, 30)).save(folder / "a.png"); check_image(folder / "a.png")
    ImageInfo(kind='png', width=40, height=30)
    >>> _ = (folder / "b.png").write_text("bukan gambar")
    >>> try:
    ...     check_image(folder / "b.png")
    ... except ImageRejected as exc:
    ...     print(exc)
    b.png: bukan gambar PNG/JPEG yang dapat dibaca
    """
    path = Path(path)
    name = path.name
    try:
        size = path.stat().st_size
        if size > MAX_IMAGE_BYTES:
            raise ImageRejected(f"{name}: berkas gambar terlalu besar ({size // (1024 * 1024)} MB; batas "
                                f"{MAX_IMAGE_BYTES // (1024 * 1024)} MB)")
        data = path.read_bytes()
    except OSError as exc:
        raise ImageRejected(f"{name}: tidak dapat dibaca ({exc.strerror})") from exc
    if path.suffix.lower() == ".svg":
        return check_svg(data, name)
    import io
    import warnings

    from PIL import Image, ImageFile, UnidentifiedImageError

    saved_limit, saved_truncated = Image.MAX_IMAGE_PIXELS, ImageFile.LOAD_TRUNCATED_IMAGES
    try:
        # a cut-off file is refused, whatever another library set globally (WeasyPrint lets them load)
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        # opening reads only the header: Pillow's own bomb check is lifted here so that the size can be
        # named (our limit, lower than Pillow's, is checked before anything is decoded)
        Image.MAX_IMAGE_PIXELS = None
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as img:
                kind = (img.format or "").lower()
                width, height = img.size
                if width * height > max_pixels:
                    raise ImageRejected(f"{name}: gambar terlalu besar ({width} × {height} piksel; batas "
                                        f"{max_pixels // 1_000_000} megapiksel): perkecil dulu")
                if kind not in ("png", "jpeg", "mpo"):
                    raise ImageRejected(f"{name}: format {img.format} tidak diterima (PNG atau JPEG)")
                img.load()
    except ImageRejected:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageRejected(f"{name}: gambar terlalu besar (batas {max_pixels // 1_000_000} megapiksel)") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ImageRejected(f"{name}: bukan gambar PNG/JPEG yang dapat dibaca") from exc
    finally:
        Image.MAX_IMAGE_PIXELS, ImageFile.LOAD_TRUNCATED_IMAGES = saved_limit, saved_truncated
    return ImageInfo("jpeg" if kind == "mpo" else kind, width, height)
