"""Size limits on everything a user hands in, so hostile or careless input fails fast and clearly.

Each limit is far above what a real survey needs and far below what would hang the tool or
exhaust memory. Messages that quote a value shorten it first (:func:`shorten`), so a huge
value never becomes a huge message.
"""

from __future__ import annotations

import reprlib

#: Characters in one spreadsheet cell (Excel's own limit; a longer cell cannot come from Excel).
MAX_CELL_CHARS = 32_767
#: Field size for the ``csv`` module (above MAX_CELL_CHARS, so the cell check names the cell).
CSV_FIELD_LIMIT = 16 * 1024 * 1024
#: Pixels of a documentation photo or logo (a 40-megapixel camera photo passes; a decompression bomb does not).
MAX_IMAGE_PIXELS = 60_000_000
#: Bytes of a documentation photo or logo file.
MAX_IMAGE_BYTES = 30 * 1024 * 1024
#: Bytes of a parameter file.
MAX_PARAMS_BYTES = 1024 * 1024
#: Values a parameter file may hold once its YAML aliases (``*anchor``) are expanded.
MAX_YAML_NODES = 50_000
#: Characters of a value quoted in a message.
QUOTE_CHARS = 80

_repr = reprlib.Repr()
_repr.maxstring = QUOTE_CHARS
_repr.maxother = QUOTE_CHARS
_repr.maxlist = _repr.maxdict = _repr.maxtuple = _repr.maxset = 6
_repr.maxlevel = 3


def shorten(value: object, limit: int = QUOTE_CHARS) -> str:
    """``repr(value)`` cut to about ``limit`` characters (nested containers elided).

    >>> shorten("x" * 1000)[:12], len(shorten("x" * 1000)) < 90
    ("'xxxxxxxxxxx", True)
    >>> shorten([[1, 2]] * 100)
    '[[1, 2], [1, 2], [1, 2], [1, 2], [1, 2], [1, 2], ...]'
    """
    text = _repr.repr(value)
    return text if len(text) <= limit + 10 else text[: limit - 3] + "..."


def cut(text: str, limit: int = QUOTE_CHARS) -> str:
    """A text cut to ``limit`` characters with an ellipsis and the full length.

    >>> cut("a" * 100, 10)
    'aaaaaaaaaa… (100 karakter)'
    """
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text)} karakter)"
