"""The trend's history: earlier periods from rendered reports and from hand-typed ``riwayat``."""

import json
from types import SimpleNamespace

import pandas as pd
import yaml

from ikm_utils.method.compute import compute_ikm
from ikm_utils.method.sample import check_sample
from ikm_utils.params import load_params
from ikm_utils.publish.ringkasan import build_ringkasan, write_json
from ikm_utils.report.history import COLUMNS, load_history

SLUG = "dinas-contoh"


def params_for(tmp_path, periode, riwayat=()):
    folder = tmp_path / "params"
    folder.mkdir(exist_ok=True)
    (folder / "data.csv").write_text("U1\n4\n", encoding="utf-8")
    path = folder / f"{periode}.yaml"
    raw = {
        "unit": {"nama": "Dinas Contoh", "slug": SLUG},
        "periode": periode,
        "data": {"berkas": "data.csv"},
        "riwayat": list(riwayat),
    }
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return load_params(path)


def report(outputs, periode, ikm, mutu, skema="permen14_2017", n=100, folder=None, ci=None):
    path = outputs / SLUG / (folder or periode) / "ringkasan.json"
    path.parent.mkdir(parents=True)
    data = {"periode": periode, "skema": skema, "ikm_konversi": ikm, "mutu": mutu, "n_responden": n}
    if ci is not None:
        data["ikm_konversi_ci95"] = ci
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_periods_from_rendered_reports_are_ordered_by_period_and_stop_before_the_current_one(tmp_path):
    outputs = tmp_path / "outputs"
    for periode, ikm in [("2024-S1", 84.1), ("2022-S2", 80.0), ("2023-S2", 82.5), ("2024-S2", 86.0), ("2023-S1", 81.2)]:
        report(outputs, periode, ikm, "B")
    history = load_history(outputs, SLUG, params_for(tmp_path, "2024-S1"))
    assert list(history.columns) == COLUMNS
    assert history["periode"].tolist() == ["2022-S2", "2023-S1", "2023-S2"]
    assert history["label"].tolist() == ["Semester II 2022", "Semester I 2023", "Semester II 2023"]
    assert history["ikm_konversi"].tolist() == [80.0, 81.2, 82.5]
    assert set(history["sumber"]) == {"laporan"}


def test_each_period_keeps_the_scheme_and_grade_it_was_reported_with(tmp_path):
    # 64,43 was B under KepMenPAN 25/2004; under PermenPANRB 14/2017 it would be D. It stays B.
    outputs = tmp_path / "outputs"
    report(outputs, "2016", 64.43, "B", skema="kepmenpan25_2004")
    report(outputs, "2023-S2", 64.43, "D")
    history = load_history(outputs, SLUG, params_for(tmp_path, "2024-S1"))
    old, new = history.iloc[0], history.iloc[1]
    assert (old["periode"], old["mutu"], old["skema"]) == ("2016", "B", "kepmenpan25_2004")
    assert "25" in old["regulasi"] and "2004" in old["regulasi"]
    assert (new["mutu"], new["skema"]) == ("D", "permen14_2017") and "14" in new["regulasi"]
    assert old["kinerja"] != new["kinerja"]


def test_hand_typed_periods_join_the_reports_and_a_rendered_report_wins_a_shared_period(tmp_path):
    outputs = tmp_path / "outputs"
    report(outputs, "2023-S2", 82.5, "B", n=180)
    riwayat = [
        {"periode": "2022-S2", "ikm_konversi": 78.2, "mutu": "B", "n_responden": 150},
        {"periode": "2023-S2", "ikm_konversi": 90.0, "mutu": "A"},
    ]
    history = load_history(outputs, SLUG, params_for(tmp_path, "2024-S1", riwayat))
    assert history["periode"].tolist() == ["2022-S2", "2023-S2"]
    assert history["sumber"].tolist() == ["riwayat", "laporan"]
    shared = history.iloc[1]
    assert (shared["ikm_konversi"], shared["mutu"], shared["n_responden"]) == (82.5, "B", 180)
    assert "dari laporan periode itu" in shared["catatan"] and "90,00" in shared["catatan"]
    assert any("2023-S2" in m for m in history.attrs["pesan"])


def test_a_typed_period_without_grade_is_graded_with_its_own_scheme_and_says_so(tmp_path):
    riwayat = [{"periode": "2015", "ikm_konversi": 64.43, "skema": "kepmenpan25_2004"}]
    history = load_history(tmp_path / "outputs", SLUG, params_for(tmp_path, "2024-S1", riwayat))
    row = history.iloc[0]
    assert row["mutu"] == "B"  # its own table (25/2004), not today's (which would give D)
    assert "2004" in row["catatan"]


def test_failed_runs_staging_folders_and_unreadable_summaries_are_skipped_with_a_message(tmp_path):
    outputs = tmp_path / "outputs"
    report(outputs, "2023-S1", 81.0, "B")
    report(outputs, "2023-S2", 99.0, "A", folder="_gagal")
    report(outputs, "2022-S2", 99.0, "A", folder=".2022-S2.baru-x")
    broken = outputs / SLUG / "2022-S1" / "ringkasan.json"
    broken.parent.mkdir()
    broken.write_text("{not json", encoding="utf-8")
    history = load_history(outputs, SLUG, params_for(tmp_path, "2024-S1"))
    assert history["periode"].tolist() == ["2023-S1"]
    assert any("2022-S1" in m and "dilewati" in m for m in history.attrs["pesan"])


def test_no_history_is_an_empty_table_with_the_columns(tmp_path):
    history = load_history(tmp_path / "tidak-ada", SLUG, params_for(tmp_path, "2024-S1"))
    assert history.empty and list(history.columns) == COLUMNS


def test_a_summary_written_by_build_ringkasan_reads_back_as_history(tmp_path):
    params = params_for(tmp_path, "2023-S2")
    scores = pd.DataFrame({f"U{i}": [4, 3, 3, 2] for i in range(1, 10)})
    ctx = SimpleNamespace(
        params=params,
        responses=SimpleNamespace(sha256="ab" * 32, excluded=pd.DataFrame({"baris": [], "alasan": []}), n_read=4),
        result=compute_ikm(scores),
        sample=check_sample(10, 4),
    )
    folder = tmp_path / "outputs" / SLUG / "2023-S2"
    folder.mkdir(parents=True)
    write_json(build_ringkasan(ctx), folder / "ringkasan.json")
    history = load_history(tmp_path / "outputs", SLUG, params_for(tmp_path, "2024-S1"))
    row = history.iloc[0]
    assert (row["periode"], row["ikm_konversi"], row["mutu"], row["n_responden"]) == ("2023-S2", 75.0, "C", 4)
    assert row["kinerja"] == ctx.result.total.kinerja


def test_a_rendered_period_brings_its_recorded_95_interval_and_a_typed_one_has_none(tmp_path):
    outputs = tmp_path / "outputs"
    path = report(outputs, "2023-S2", 78.32, "B", ci=[77.37, 79.23])
    report(outputs, "2023-S1", 76.48, "C")  # rendered before intervals were recorded
    typed = {"periode": "2022-S2", "ikm_konversi": 77.12, "mutu": "B", "skema": "permen14_2017"}
    history = load_history(outputs, SLUG, params_for(tmp_path, "2024-S1", riwayat=[typed])).set_index("periode")
    assert (history.loc["2023-S2", "ci95_bawah"], history.loc["2023-S2", "ci95_atas"]) == (77.37, 79.23)
    assert history.loc["2023-S2", "ringkasan"] == str(path)
    for periode in ("2023-S1", "2022-S2"):
        assert pd.isna(history.loc[periode, "ci95_bawah"]) and pd.isna(history.loc[periode, "ci95_atas"])
    assert pd.isna(history.loc["2022-S2", "ringkasan"])


def test_a_recorded_interval_that_does_not_hold_the_ikm_is_set_aside_with_a_message(tmp_path):
    outputs = tmp_path / "outputs"
    report(outputs, "2023-S2", 78.32, "B", ci=[80.1, 82.0])
    report(outputs, "2023-S1", 76.48, "C", ci="76,0–77,0")
    history = load_history(outputs, SLUG, params_for(tmp_path, "2024-S1"))
    assert history["ci95_bawah"].isna().all()
    assert sum("ikm_konversi_ci95 tidak dipakai" in m for m in history.attrs["pesan"]) == 2
