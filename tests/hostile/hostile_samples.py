"""Builders for the hostile-input suite: a unit folder with its own data, and the report's cells run in-process."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import yaml

CODES = [f"U{i}" for i in range(1, 10)]
HEADER = ["tanggal", "jenis_kelamin", "usia", "pendidikan", "pekerjaan", "jenis_layanan", *CODES, "saran"]
NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "laporan_skm.ipynb"


def row(answers=(4, 3, 3, 4, 3, 3, 4, 3, 3), *, layanan="KTP-el", pekerjaan="Swasta", saran="",
        tanggal="2024-02-01", usia="30") -> dict[str, str]:
    """One respondent as the CSV holds it."""
    out = {"tanggal": tanggal, "jenis_kelamin": "L", "usia": usia, "pendidikan": "SMA", "pekerjaan": pekerjaan,
           "jenis_layanan": layanan, "saran": saran}
    out.update({c: str(a) for c, a in zip(CODES, answers, strict=True)})
    return out


def write_unit(folder: Path, rows: list[dict[str, str]], *, periode: str = "2024-S1", data_name: str = "jawaban.csv",
               **extra) -> Path:
    """A unit folder: ``jawaban.csv`` with ``rows`` and ``<periode>.yaml`` naming it; returns the parameter file."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / data_name, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=HEADER)
        writer.writeheader()
        writer.writerows(rows)
    raw = {"unit": {"nama": "Dinas Uji Rawan", "slug": "uji-rawan"}, "periode": periode,
           "data": {"berkas": data_name}, **extra}
    path = folder / f"{periode}.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def run_cells(params_path: Path, outputs_root: Path) -> list[str]:
    """Execute the report notebook's code cells in this process (no kernel); returns the HTML they display.

    Quicker than a render, and a cell that raises fails the test with its own traceback.
    """
    import IPython.display

    shown: list[str] = []

    def display(*objs, **_kw):
        for o in objs:
            shown.append(getattr(o, "data", None) or repr(o))

    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    ns: dict = {}
    saved = IPython.display.display
    IPython.display.display = display
    try:
        for i, cell in enumerate(c for c in nb["cells"] if c["cell_type"] == "code"):
            source = "".join(cell["source"])
            if i == 0:
                source = f"params_path = {str(params_path)!r}\noutputs_root = {str(outputs_root)!r}"
            exec(compile(source, f"<sel {i}>", "exec"), ns)  # noqa: S102 - the project's own notebook
            ns["display"] = display
    finally:
        IPython.display.display = saved
    return shown
