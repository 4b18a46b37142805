"""The bundled example rendered once per test run (shared by test_render.py and test_pdf.py)."""

from __future__ import annotations

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
