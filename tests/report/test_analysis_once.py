"""The Analisis Tambahan is computed once per render: the runner's result is reused by the kernel."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ikm_utils.report import context, report_stats
from ikm_utils.report.context import ANALYSIS_CACHE_ENV, prepare_report, save_analysis

EXAMPLE = Path(__file__).resolve().parents[2] / "params" / "contoh" / "2024-S2.yaml"
NO_HISTORY = Path(__file__).resolve().parents[1] / "tidak-ada"


def test_the_kernel_reuses_the_runners_analysis_when_the_inputs_are_the_same(tmp_path, monkeypatch):
    runner = prepare_report(EXAMPLE, outputs_root=NO_HISTORY)
    cache = save_analysis(runner, tmp_path / context.ANALYSIS_CACHE)
    monkeypatch.setenv(ANALYSIS_CACHE_ENV, str(cache))
    monkeypatch.setattr(report_stats, "additional_for", lambda ctx: pytest.fail("computed twice"))
    kernel = prepare_report(EXAMPLE, outputs_root=NO_HISTORY)
    assert kernel.additional().ikm_konversi_ci95 == runner.additional().ikm_konversi_ci95


def test_other_inputs_or_no_cache_named_mean_the_analysis_is_computed_afresh(tmp_path, monkeypatch):
    runner = prepare_report(EXAMPLE, outputs_root=NO_HISTORY)
    cache = save_analysis(runner, tmp_path / context.ANALYSIS_CACHE)
    other = tmp_path / "lain.yaml"
    other.write_text(EXAMPLE.read_text(encoding="utf-8").replace("populasi: 5600", "populasi: 5700"),
                     encoding="utf-8")
    shutil.copytree(EXAMPLE.parent / "data", tmp_path / "data")  # a link would leave the folder
    (tmp_path / "logo.svg").write_bytes((EXAMPLE.parent / "logo.svg").read_bytes())  # a link would leave the folder
    monkeypatch.setenv(ANALYSIS_CACHE_ENV, str(cache))
    assert prepare_report(other, outputs_root=NO_HISTORY)._additional is None  # key differs: not trusted
    monkeypatch.delenv(ANALYSIS_CACHE_ENV)
    assert prepare_report(EXAMPLE, outputs_root=NO_HISTORY)._additional is None
    cache.write_bytes(b"rusak")
    monkeypatch.setenv(ANALYSIS_CACHE_ENV, str(cache))
    assert prepare_report(EXAMPLE, outputs_root=NO_HISTORY)._additional is None  # unreadable: recomputed


def test_the_kernel_does_not_read_the_data_again_when_the_runner_has(tmp_path, monkeypatch):
    from ikm_utils.intake import ingest

    runner = prepare_report(EXAMPLE, outputs_root=NO_HISTORY)
    cache = save_analysis(runner, tmp_path / context.ANALYSIS_CACHE)
    monkeypatch.setenv(ANALYSIS_CACHE_ENV, str(cache))
    monkeypatch.setattr(ingest, "load_responses", lambda *a, **k: pytest.fail("data read twice"))
    kernel = prepare_report(EXAMPLE, outputs_root=NO_HISTORY)
    assert kernel.summary.ikm_konversi == runner.summary.ikm_konversi
    assert kernel.responses.excluded.equals(runner.responses.excluded)


def test_a_changed_data_file_is_read_again_whatever_the_cache_says(tmp_path, monkeypatch):
    params = tmp_path / "2024-S2.yaml"
    params.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    shutil.copytree(EXAMPLE.parent / "data", tmp_path / "data")
    (tmp_path / "logo.svg").write_bytes((EXAMPLE.parent / "logo.svg").read_bytes())
    runner = prepare_report(params, outputs_root=NO_HISTORY)
    cache = save_analysis(runner, tmp_path / context.ANALYSIS_CACHE)
    data = tmp_path / "data" / "2024-S2.csv"
    lines = data.read_text(encoding="utf-8").splitlines(keepends=True)
    data.write_text("".join(lines[:-40]), encoding="utf-8")  # 40 respondents fewer
    monkeypatch.setenv(ANALYSIS_CACHE_ENV, str(cache))
    kernel = prepare_report(params, outputs_root=NO_HISTORY)
    assert kernel.summary.n_responden < runner.summary.n_responden and kernel._additional is None
