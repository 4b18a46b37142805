"""Shared test set-up: kernels, IPython and matplotlib write their caches in a disposable folder."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(scope="session", autouse=True)
def _isolated_caches(tmp_path_factory: pytest.TempPathFactory):
    """Point MPLCONFIGDIR, IPYTHONDIR and JUPYTER_RUNTIME_DIR at a per-session temporary folder.

    Kernels started by papermill inherit this environment, so no test writes under HOME.
    """
    root = tmp_path_factory.mktemp("caches")
    saved = {}
    for name in ("MPLCONFIGDIR", "IPYTHONDIR", "JUPYTER_RUNTIME_DIR"):
        saved[name] = os.environ.get(name)
        folder = root / name.lower()
        folder.mkdir()
        os.environ[name] = str(folder)
    yield root
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
