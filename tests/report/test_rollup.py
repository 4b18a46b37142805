"""The roll-up's figures: the pooled IKM is the IKM of all respondents together, computed by the regulation."""

from __future__ import annotations

import contextlib
import io
import json
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest

from ikm_utils.cli import main
from ikm_utils.method.compute import compute_ikm
from ikm_utils.method.schemes import get_scheme
from ikm_utils.report.rollup import build_rollup, pool

CODES = get_scheme().codes


def unit_scores(seed: int, n: int, shift: float = 0.0, blanks: float = 0.03) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    p = np.array([0.05, 0.15, 0.5, 0.3]) + np.array([shift, 0, 0, -shift])
    m = rng.choice([1.0, 2.0, 3.0, 4.0], size=(n, len(CODES)), p=p / p.sum())
    m[rng.random(m.shape) < blanks] = np.nan
    return pd.DataFrame(m, columns=CODES)


def summary_of(name: str, scores: pd.DataFrame, periode: str = "2025-S2", ci=(70.0, 90.0)) -> dict:
    """What ringkasan.json holds for a unit (``IkmResult.to_dict()`` plus who and when)."""
    return {"unit": {"nama": name, "slug": name.lower().replace(" ", "-"), "instansi": "Kabupaten Uji"},
            "periode": periode, **compute_ikm(scores).to_dict(), "ikm_konversi_ci95": list(ci)}


@pytest.fixture(scope="module")
def units():
    return {"Dinas A": unit_scores(1, 180), "Dinas B": unit_scores(2, 45, 0.05), "Dinas C": unit_scores(3, 9, -0.03)}


def test_two_units_of_four_respondents_pool_to_the_mean_of_their_answers():
    # Unit 1 answers 3 to every unsur (4 respondents), unit 2 answers 2: pooled NRR 2.5 -> IKM 62.50, D.
    u = [{"n_responden": 4, "unsur": [{"kode": c, "n": 4, "jumlah_nilai": j} for c in CODES]} for j in (12, 8)]
    p = pool(u, get_scheme())
    assert p.n_responden == 8 and all(x.nrr_exact == Fraction(5, 2) for x in p.unsur)
    assert str(p.ikm_konversi) == "62.50" and p.mutu == "D"


def test_the_pooled_figures_equal_the_computation_on_the_pooled_respondents(units):
    rollup = build_rollup([summary_of(k, v) for k, v in units.items()], "2025-S2")
    pooled = rollup.pooled()
    direct = compute_ikm(pd.concat(units.values(), ignore_index=True)).total
    assert pooled.n_responden == direct.n_responden
    assert pooled.ikm_exact == direct.ikm_exact and pooled.ikm_konversi == direct.ikm_konversi
    assert pooled.mutu == direct.mutu
    for p, d in zip(pooled.unsur, direct.unsur, strict=True):
        assert (p.kode, p.n, p.jumlah_nilai, p.nrr_exact) == (d.kode, d.n, d.jumlah_nilai, d.nrr_exact)
    # ... which is not the unweighted mean of the unit IKMs (the small unit weighs as much as the big one)
    mean = np.mean([compute_ikm(v).total.ikm_konversi for v in units.values()], dtype=float)
    assert rollup.mean_ikm() == pytest.approx(float(mean))


def test_the_pooled_figures_equal_ikm_compute_by_unit_on_the_pooled_file(units, tmp_path):
    frames = [v.assign(unit=k) for k, v in units.items()]
    path = tmp_path / "gabungan.csv"
    pd.concat(frames, ignore_index=True).to_csv(path, index=False)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["compute", str(path), "--by", "unit", "--json"]) == 0
    cli = json.loads(out.getvalue())
    rollup = build_rollup([summary_of(k, v) for k, v in units.items()], "2025-S2")
    pooled = rollup.pooled().to_dict()
    assert pooled["ikm_konversi"] == cli["ikm_konversi"] and pooled["mutu"] == cli["mutu"]
    assert pooled["n_responden"] == cli["n_responden"]
    assert [u["nrr"] for u in pooled["unsur"]] == [u["nrr"] for u in cli["unsur"]]
    table = rollup.units_table().set_index("Unit")
    for name, group in cli["kelompok"]["unit"].items():
        assert table.loc[name, "IKM"] == group["ikm_konversi"]
        assert table.loc[name, "n"] == group["n_responden"]


def test_units_are_ordered_with_their_intervals_and_small_units_are_flagged(units):
    rollup = build_rollup([summary_of(k, v) for k, v in units.items()], "2025-S2")
    table = rollup.units_table()
    assert table["IKM"].is_monotonic_decreasing
    small = table.set_index("Unit").loc["Dinas C"]
    assert small["_kecil"] and "n kecil" in small["Catatan"] and pd.isna(small["Batas bawah 95%"])  # n = 9 < 10
    assert not table.set_index("Unit").loc["Dinas A", "_kecil"]
    assert "Dinas C (n = 9)" in rollup.small_n_sentence()
    heat = rollup.heatmap_frame()
    assert list(heat.columns) == CODES and list(heat.index) == table["Unit"].tolist()
    weakest = rollup.unsur_table().iloc[0]
    assert weakest["NRR gabungan"] == min(u.nrr for u in rollup.pooled().unsur)
    assert weakest["Kode"] in rollup.weakest_sentence()


def test_the_trend_pools_each_period_and_a_unit_under_another_scheme_is_left_out(units):
    now = [summary_of(k, v) for k, v in units.items()]
    before = [summary_of(k, unit_scores(10 + i, 60), "2025-S1") for i, k in enumerate(units)]
    other = summary_of("Dinas Lama", units["Dinas A"]) | {"skema": "kepmenpan25_2004"}
    rollup = build_rollup([*now, other], "2025-S2", history=before)
    trend = rollup.trend()
    assert trend["periode"].tolist() == ["2025-S1", "2025-S2"]
    expected = compute_ikm(pd.concat([unit_scores(10 + i, 60) for i in range(3)])).total.ikm_konversi
    assert trend.iloc[0]["ikm_konversi"] == float(expected)
    assert rollup.pooled().n_unit == 3 and "Dinas Lama" in " ".join(rollup.headline())


def test_the_rtl_realisation_of_each_unit_that_recorded_one_is_shown(units):
    summaries = [summary_of(k, v) for k, v in units.items()]
    summaries[0]["realisasi_rtl_sebelumnya"] = {"periode": "2025-S1", "direncanakan": 4, "selesai": 3,
                                                "persen": 75.0, "bulan_sampai_selesai": 2.5}
    summaries[1]["realisasi_rtl_sebelumnya"] = None
    table = build_rollup(summaries, "2025-S2").rtl_table()
    assert table.to_dict(orient="records") == [
        {"Unit": "Dinas A", "RTL periode": "Semester I 2025", "Direncanakan": 4, "Selesai": 3, "Persen selesai": 75.0,
         "Rata-rata bulan sampai selesai": 2.5}]
