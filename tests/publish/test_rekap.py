"""``ikm rekap``: the roll-up notebook rendered from the units' ringkasan.json (the real notebook, once)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from bs4 import BeautifulSoup
from test_batch import make_unit

from ikm_utils.errors import IkmError
from ikm_utils.method.compute import compute_ikm
from ikm_utils.method.indonesian import format_number
from ikm_utils.publish.outputs import report_dir
from ikm_utils.publish.ringkasan import write_json
from ikm_utils.publish.rollup import collect_summaries, render_rollup

ROOT = Path(__file__).resolve().parents[2]
SIZES = {"Dinas Satu": 120, "Dinas Dua": 48, "Kecamatan Tiga": 9}


def scores(seed: int, n: int) -> pd.DataFrame:
    import numpy as np

    rng = np.random.default_rng(seed)
    codes = [f"U{i}" for i in range(1, 10)]
    return pd.DataFrame(rng.choice([1, 2, 3, 4], size=(n, 9), p=[0.05, 0.15, 0.5, 0.3]), columns=codes)


def write_units(outputs: Path) -> dict[str, pd.DataFrame]:
    """Two periods of three units' ringkasan.json under ``outputs`` (what ``ikm batch`` leaves)."""
    current = {}
    for i, (name, n) in enumerate(SIZES.items()):
        slug = name.lower().replace(" ", "-")
        for periode, seed in (("2025-S1", 100 + i), ("2025-S2", i)):
            data = scores(seed, n)
            folder = report_dir(outputs, slug, periode)
            folder.mkdir(parents=True)
            write_json({"unit": {"nama": name, "slug": slug, "instansi": "Pemerintah Kabupaten Uji"},
                        "periode": periode, **compute_ikm(data).to_dict(), "ikm_konversi_ci95": [70.5, 88.25]},
                       folder / "ringkasan.json")
            if periode == "2025-S2":
                current[name] = data
    return current


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    root = tmp_path_factory.mktemp("rekap")
    data = write_units(root / "outputs")
    inputs = sorted((root / "outputs").glob("*/2025-S2/ringkasan.json"))
    result = render_rollup(inputs, outputs_root=root / "outputs", progress=lambda _line: None)
    return result, data


@pytest.mark.notebook
def test_the_rollup_page_shows_the_pooled_ikm_beside_the_mean_each_labelled(rendered):
    result, data = rendered
    assert result.folder.name == "2025-S2" and result.folder.parent.name == "pemerintah-kabupaten-uji"
    pooled = compute_ikm(pd.concat(data.values(), ignore_index=True)).total
    saved = json.loads(result.files["json"].read_text(encoding="utf-8"))
    assert saved["gabungan"]["ikm_konversi"] == float(pooled.ikm_konversi)
    assert saved["gabungan"]["n_responden"] == pooled.n_responden == sum(SIZES.values())
    soup = BeautifulSoup(result.files["html"].read_text(encoding="utf-8"), "html.parser")
    text = soup.get_text(" ", strip=True)
    assert "IKM gabungan (seluruh responden digabung)" in text and "Rata-rata IKM unit (tidak berbobot)" in text
    assert format_number(float(pooled.ikm_konversi)) in text
    assert format_number(saved["rata_rata_ikm_unit"]) in text
    for name in SIZES:
        assert name in text
    assert "Kecamatan Tiga (n = 9)" in text  # the small unit is named before the ordering
    assert "Unsur terlemah di seluruh wilayah" in text
    assert "Semester I 2025" in text and "Semester II 2025" in text  # the region's trend
    assert "Belum ada unit yang mencatat realisasi RTL" in text
    assert len(soup.find_all("img")) >= 3  # units chart, heatmap, trend
    assert "ringkasan.json" not in text and ".yaml" not in text  # no file names in the body


def test_units_are_found_from_their_parameter_files_and_a_missing_report_is_named(tmp_path):
    params = tmp_path / "params"
    make_unit(params, "a")
    make_unit(params, "b")
    folder = report_dir(tmp_path / "outputs", "a", "2024-S1")
    folder.mkdir(parents=True)
    write_json({"unit": {"nama": "Unit A", "slug": "a"}, "periode": "2024-S1"}, folder / "ringkasan.json")
    paths, missing, periode = collect_summaries([params], tmp_path / "outputs")
    assert periode == "2024-S1" and paths == [(folder / "ringkasan.json").resolve()]
    assert [(m["unit"], m["periode"]) for m in missing] == [("Unit B", "2024-S1")]
    assert missing[0]["alasan"].startswith("belum ada laporan")
    make_unit(params, "a", periode="2024-S2")
    with pytest.raises(IkmError, match="--periode"):
        collect_summaries([params], tmp_path / "outputs")


@pytest.mark.notebook
def test_the_rollup_is_also_typeset_as_an_a4_pdf_with_its_pooled_ikm(rendered):
    from pypdf import PdfReader

    from ikm_utils.publish.pdf import pdf_available

    result, _ = rendered
    if not pdf_available():
        pytest.skip("WeasyPrint's system library is missing here")
    reader = PdfReader(result.files["pdf"])
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    saved = json.loads(result.files["json"].read_text(encoding="utf-8"))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert format_number(saved["gabungan"]["ikm_konversi"]) in text
