"""The files a render writes beside the report, for auditors and the public: formats ``xlsx`` and ``png``.

``xlsx``: ``olah_data.xlsx`` (``workbook.py``). ``png``: the infographic kit ``infografis.png``,
``infografis_kotak.png``, ``infografis_a4.pdf`` (``infographic.py``) and ``ringkasan_publik.html``
(``public.py``). The runner (``render.py``) calls :func:`write_format` for each format asked, into its
staging folder, before the folder replaces the previous report: all files or none.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ikm_utils.errors import RenderError

#: What each format of this module writes (file keys of ``RenderResult.files`` -> file names).
FILES = {
    "xlsx": {"xlsx": "olah_data.xlsx"},
    "png": {
        "infografis": "infografis.png",
        "infografis_kotak": "infografis_kotak.png",
        "infografis_a4": "infografis_a4.pdf",
        "ringkasan_publik": "ringkasan_publik.html",
    },
}
#: Indonesian name of each format, for progress lines.
LABELS = {"xlsx": "olah_data.xlsx", "png": "infografis dan ringkasan publik"}
#: The package each format needs.
NEEDS = {"xlsx": ("openpyxl",), "png": ("matplotlib",)}


def missing(fmt: str) -> str | None:
    """Why ``fmt`` cannot be made on this machine (``None``: it can)."""
    for name in NEEDS.get(fmt, ()):
        try:
            importlib.import_module(name)
        except ImportError:
            return f"paket {name} tidak terpasang"
    return None


def _write_xlsx(ctx: Any, folder: Path) -> dict[str, Path]:
    from ikm_utils.publish.workbook import write_workbook

    return {"xlsx": write_workbook(ctx, folder / FILES["xlsx"]["xlsx"])}


def _write_png(ctx: Any, folder: Path) -> dict[str, Path]:
    from ikm_utils.publish.facts import public_facts
    from ikm_utils.publish.infographic import write_infographics
    from ikm_utils.publish.public import write_public_summary

    facts = public_facts(ctx)
    table = ctx.scheme.tabel_mutu
    kit = write_infographics(facts, table, folder)
    out = {"infografis": kit["potret"], "infografis_kotak": kit["kotak"], "infografis_a4": kit["a4"]}
    out["ringkasan_publik"] = write_public_summary(facts, table, folder / FILES["png"]["ringkasan_publik"])
    return out


_WRITERS: dict[str, Callable[[Any, Path], dict[str, Path]]] = {"xlsx": _write_xlsx, "png": _write_png}


def write_format(fmt: str, ctx: Any, folder: str | Path) -> dict[str, Path]:
    """Write the files of one format (``"xlsx"`` or ``"png"``) of a report context into ``folder``.

    Raises
    ------
    RenderError
        Writing failed (the message names the format and the cause).
    """
    try:
        return _WRITERS[fmt](ctx, Path(folder))
    except Exception as exc:  # a failed file must fail the render, never pass for a result
        raise RenderError(f"Membuat {LABELS.get(fmt, fmt)} gagal: {type(exc).__name__}: {exc}") from exc


__all__ = ["FILES", "LABELS", "missing", "write_format"]
