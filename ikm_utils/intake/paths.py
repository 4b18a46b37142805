"""Paths named in a parameter file stay inside the folder they belong to (symlinks resolved).

A parameter file names its data file, documentation photos and logo relative to its own folder.
``../../etc/x``, an absolute path elsewhere, or a symlink whose target lies outside would let
a report read (and embed) files that are not the unit's; they are refused.
"""

from __future__ import annotations

import os
from pathlib import Path


class PathOutside(ValueError):
    """A path that leaves its allowed folder (after resolving ``..`` and symlinks)."""


def is_inside(path: str | Path, root: str | Path) -> bool:
    """Whether ``path`` (resolved, symlinks followed) lies in ``root`` (resolved).

    >>> import tempfile; root = Path(tempfile.mkdtemp())
    >>> is_inside(root / "data" / "x.csv", root), is_inside(root / ".." / "x.csv", root)
    (True, False)
    """
    real = Path(os.path.realpath(path))
    base = Path(os.path.realpath(root))
    return real == base or base in real.parents


def resolve_inside(name: str | Path, root: str | Path, what: str = "berkas", base: str | Path | None = None) -> Path:
    """``name`` resolved against ``base`` (default ``root``); raises :class:`PathOutside` when it leaves ``root``.

    The returned path is the one written (not the symlink target), so messages show what the
    user wrote.

    >>> import tempfile; root = Path(tempfile.mkdtemp())
    >>> resolve_inside("data/x.csv", root) == root / "data" / "x.csv"
    True
    >>> try:
    ...     resolve_inside("../x.csv", root)
    ... except PathOutside as exc:
    ...     print(exc)
    berkas '../x.csv' berada di luar folder yang diizinkan
    """
    path = Path(name)
    if not path.is_absolute():
        path = Path(base if base is not None else root) / path
    if not is_inside(path, root):
        link = os.path.realpath(path) != os.path.normpath(os.path.abspath(path))
        via = " (tautan simbolik ke luar folder)" if link and ".." not in Path(name).parts else ""
        raise PathOutside(f"{what} '{name}' berada di luar folder yang diizinkan{via}")
    return path
