"""The bundled example rendered once per test run (shared by test_render.py and test_pdf.py)."""

from __future__ import annotations

import csv
import fcntl
import json
import os
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from bs4 import BeautifulSoup

from ikm_utils.publish import render

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "params" / "contoh"


def _render_example_once(tmp_path_factory) -> Path:
    """Render the example's semesters once per test run, shared by the xdist workers: the earlier
    ones as HTML (they feed the trend), the latest with every format this machine can make."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent
    outputs_root = base / "contoh-outputs"
    with open(base / "contoh-outputs.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (base / "contoh-outputs.selesai").exists():
            paths = sorted(EXAMPLE.glob("*.yaml"), key=lambda p: p.stem)
            for path in paths[:-1]:
                render.render_report(path, formats=["html"], outputs_root=outputs_root, progress=lambda s: None)
            render.render_report(paths[-1], outputs_root=outputs_root, progress=lambda s: None)
            (base / "contoh-outputs.selesai").touch()
    return outputs_root


@pytest.fixture(scope="session")
def example(tmp_path_factory):
    outputs_root = _render_example_once(tmp_path_factory)
    latest = max(EXAMPLE.glob("*.yaml"), key=lambda p: p.stem)
    params = yaml.safe_load(latest.read_text(encoding="utf-8"))
    folder = outputs_root / (params["unit"].get("slug") or "contoh") / params["periode"]
    page = (folder / "laporan.html").read_text(encoding="utf-8")
    return SimpleNamespace(
        root=outputs_root, folder=folder, params=params, params_path=latest, page=page,
        soup=BeautifulSoup(page, "html.parser"),
        ringkasan=json.loads((folder / "ringkasan.json").read_text(encoding="utf-8")),
    )


# ---------------------------------------------------------------------------- a unit typing what attackers type

#: Saran that a spreadsheet program would read as a formula if written carelessly.
INJECTED = [
    '=HYPERLINK("http://x","klik")',
    "+62 antre terlalu lama",
    "-1 untuk toilet kotor",
    "@petugas ramah sekali",
    "\tloket kurang",
    "<script>alert('x')</script> & <b>tebal</b>",
]
#: Six respondents x 9 unsur; the third leaves U9 blank (n of U9 is 5).
ANSWERS = [
    [4, 3, 3, 4, 3, 3, 4, 2, 3],
    [3, 3, 2, 4, 3, 4, 4, 2, 3],
    [4, 4, 3, 4, 4, 3, 4, 3, None],
    [2, 3, 2, 4, 3, 3, 3, 2, 3],
    [3, 4, 3, 4, 3, 4, 4, 3, 3],
    [4, 3, 2, 4, 3, 3, 4, 2, 2],
]


def write_unit(folder: Path, *, answers=ANSWERS, saran=INJECTED, layanan=("=KTP", "Akta"), **extra) -> Path:
    """A unit folder with ``jawaban.csv`` and ``2024-S1.yaml``; returns the parameter file."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "jawaban.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow([f"U{i}" for i in range(1, 10)] + ["jenis_layanan", "saran"])
        for i, row in enumerate(answers):
            w.writerow(["" if v is None else v for v in row] + [layanan[i % len(layanan)], saran[i % len(saran)]])
    raw = {"unit": {"nama": "Dinas <Uji> & \"Kawan\"", "slug": "uji", "kontak": "Telp (0271) 123 · <i>surel</i>"},
           "periode": "2024-S1", "data": {"berkas": "jawaban.csv"}, "populasi": 40,
           "rtl": [{"unsur": "U8", "program": "Petugas <script>pengaduan</script>", "waktu": "Juli 2024",
                    "penanggung_jawab": "Kepala"}], **extra}
    path = folder / "2024-S1.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture
def unit(tmp_path):
    """The parameter file of the small unit (in ``tmp_path/params``)."""
    return write_unit(tmp_path / "params")
