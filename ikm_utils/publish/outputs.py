"""Folders of results written whole or not at all.

A render writes into a hidden staging folder beside its target (same file system), and only a
finished folder takes the target's place: in one ``renameat2(RENAME_EXCHANGE)`` on Linux, or
else in two renames (old folder aside, new one in) whose gap leaves no half-written report.
A reader therefore sees either the previous report or the new one, never a mix.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import socket
import sys
import tempfile
import time
from pathlib import Path

from ikm_utils.errors import RenderError
from ikm_utils.intake.paths import is_inside

#: Sub-folder of a period's output folder that holds the last failed run.
FAILED_DIR = "_gagal"
#: File inside a staging folder naming the process that builds it (removed before the folder is published).
OWNER_FILE = ".ikm-proses"
#: A staging folder without an owner file is left alone this long (it may have just been made).
STALE_SECONDS = 600

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def report_dir(outputs_root: str | Path, unit_slug: str, periode: str) -> Path:
    """``outputs/<unit-slug>/<periode>/``.

    >>> report_dir("outputs", "dinas-contoh", "2024-S1").as_posix()
    'outputs/dinas-contoh/2024-S1'

    Raises :class:`RenderError` when the slug or period would lead out of ``outputs_root``
    (``../x``, ``a/b``, a symlinked unit folder pointing elsewhere): nothing outside it is written.
    """
    path = Path(outputs_root) / unit_slug / periode
    plain = all(part not in ("", ".", "..") and "/" not in part and "\\" not in part for part in (unit_slug, periode))
    if not plain or not is_inside(path, outputs_root) or Path(unit_slug).is_absolute():
        raise RenderError(f"Folder laporan '{unit_slug}/{periode}' berada di luar folder keluaran {outputs_root}; "
                          "periksa unit.slug di berkas parameter.")
    return path


def umask() -> int:
    """The process's file mode creation mask (read without changing it for good)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def staging_dir(target: str | Path) -> Path:
    """A new, empty, hidden folder next to ``target`` to build its replacement in.

    It gets the permissions of an ordinary new folder (``mkdtemp`` alone would make it private),
    since it becomes the published report folder.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    clean_stale(target)
    path = Path(tempfile.mkdtemp(prefix=f".{target.name}.baru-", dir=target.parent))
    (path / OWNER_FILE).write_text(f"{os.getpid()} {socket.gethostname()}\n", encoding="utf-8")
    path.chmod(0o777 & ~umask())
    return path


def _owner_alive(folder: Path) -> bool:
    """Whether the process that made a staging folder may still be working in it."""
    try:
        pid_text, _, host = (folder / OWNER_FILE).read_text(encoding="utf-8").strip().partition(" ")
        pid = int(pid_text)
    except (OSError, ValueError):  # no owner file (yet): judge by age
        try:
            return time.time() - folder.stat().st_mtime < STALE_SECONDS
        except OSError:
            return True
    if host and host != socket.gethostname():
        return time.time() - folder.stat().st_mtime < STALE_SECONDS
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stale(target: str | Path) -> list[Path]:
    """Remove what killed runs left beside ``target``: ``.<name>.baru-*`` and ``.<name>.lama-*`` folders.

    A staging folder whose process is gone is deleted; one that is still being built (its owner
    alive, or made in the last :data:`STALE_SECONDS` without an owner file) is kept. A run killed
    between the two renames of the fallback swap left the previous report in ``.<name>.lama-*``:
    when the target is missing, that report is put back first. Returns the folders removed.
    """
    target = Path(target)
    removed = []
    for kind in ("lama", "baru"):
        for folder in sorted(target.parent.glob(f".{target.name}.{kind}-*")):
            if not folder.is_dir() or folder.is_symlink():
                continue
            if kind == "lama" and not target.exists() and (folder / target.name).is_dir():
                os.rename(folder / target.name, target)
            if kind == "baru" and _owner_alive(folder):
                continue
            if kind == "lama" and time.time() - folder.stat().st_mtime < STALE_SECONDS and any(folder.iterdir()):
                continue
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux ``renameat2``); ``False`` when not available here."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    return renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0


def replace_dir(staging: str | Path, target: str | Path) -> Path:
    """Put the finished folder ``staging`` in the place of ``target`` (created or replaced whole).

    >>> import tempfile; root = Path(tempfile.mkdtemp())
    >>> (root / "r").mkdir(); _ = (root / "r" / "a.txt").write_text("lama")
    >>> new = staging_dir(root / "r"); _ = (new / "a.txt").write_text("baru")
    >>> _ = replace_dir(new, root / "r"); (root / "r" / "a.txt").read_text(), sorted(os.listdir(root))
    ('baru', ['r'])
    """
    staging, target = Path(staging), Path(target)
    (staging / OWNER_FILE).unlink(missing_ok=True)  # not part of what is published
    if not target.exists():
        os.rename(staging, target)
    elif _exchange(staging, target):
        shutil.rmtree(staging)  # now holds the previous folder
    else:
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.lama-", dir=target.parent))
        os.rename(target, old / target.name)
        os.rename(staging, target)
        shutil.rmtree(old)
    return target


def keep_failure(exc: BaseException, target: str | Path, staging: Path, message: str, notebook: Path) -> Path | None:
    """A failed run: its message and partly executed notebook into ``target/_gagal/``, the staging folder
    removed, and the error told where they are. Returns the ``_gagal`` folder (``None`` if unwritable).
    """
    saved: dict[str, str | Path | bytes] = {"galat.txt": message}
    if notebook.exists():
        saved[notebook.name] = notebook
    try:
        failed = save_failure(target, saved)
    except OSError:
        failed = None
    shutil.rmtree(staging, ignore_errors=True)
    if failed is not None:
        exc.args = (f"{exc}\nNotebook dan pesan galat disimpan di {failed}",)
    return failed


def save_failure(target: str | Path, files: dict[str, str | Path | bytes]) -> Path:
    """Replace ``target/_gagal/`` with ``files`` (name -> text, bytes or a file to copy).

    The report files in ``target`` itself are not touched.
    """
    failed = Path(target) / FAILED_DIR
    staging = staging_dir(failed)
    for name, content in files.items():
        dest = staging / name
        if isinstance(content, bytes):
            dest.write_bytes(content)
        elif isinstance(content, Path):
            shutil.copyfile(content, dest)
        else:
            dest.write_text(content, encoding="utf-8")
    return replace_dir(staging, failed)
