"""The report's "Analisis tambahan": computed once, the same in the notebook and in ringkasan.json,
compared with the right previous period, and the intervals on the trend."""

import json
import math
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml

from ikm_utils.method.indonesian import format_number
from ikm_utils.publish.ringkasan import build_ringkasan, write_json
from ikm_utils.report import report_stats, tables
from ikm_utils.report.context import prepare_report
from ikm_utils.report.display import Captions, to_html
from ikm_utils.stats.compare import compare_periods, difference_from_intervals
from ikm_utils.stats.intervals import bootstrap_ci, ikm_interval

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "params" / "contoh"
CODES = [f"U{i}" for i in range(1, 10)]
PARTS = ("pengantar", "ikm", "unsur", "perbandingan", "reliabilitas", "distribusi", "peringkat", "asumsi")


def section_html(additional) -> str:
    cap = Captions()
    return "".join(to_html(obj, title) for part in PARTS for obj, title in additional.bagian(part, cap))


@pytest.fixture(scope="module")
def previous_summary(tmp_path_factory):
    """The example's 2024-S1 rendered as far as ringkasan.json goes (outputs/contoh/2024-S1/)."""
    root = tmp_path_factory.mktemp("ringkasan-2024-S1")
    ctx = prepare_report(EXAMPLE / "2024-S1.yaml", outputs_root=root / "kosong")
    folder = root / "outputs" / "contoh" / "2024-S1"
    folder.mkdir(parents=True)
    write_json(build_ringkasan(ctx), folder / "ringkasan.json")
    return root / "outputs"


@pytest.fixture(scope="module")
def ctx(previous_summary):
    return prepare_report(EXAMPLE / "2024-S2.yaml", outputs_root=previous_summary)


def copy_unit_without_earlier_params(tmp_path: Path) -> Path:
    """The 2024-S2 parameter file and its data alone in a folder: the 2024-S1 answers are not at hand."""
    folder = tmp_path / "params"
    (folder / "data").mkdir(parents=True)
    shutil.copy(EXAMPLE / "2024-S2.yaml", folder / "2024-S2.yaml")
    shutil.copy(EXAMPLE / "logo.svg", folder / "logo.svg")
    shutil.copy(EXAMPLE / "data" / "2024-S2.csv", folder / "data" / "2024-S2.csv")
    return folder / "2024-S2.yaml"


# ---------------------------------------------------------------------------- one analysis per report


def test_the_analysis_is_computed_once_per_report_and_seeded(ctx, previous_summary):
    first = ctx.additional()
    assert ctx.additional() is first
    again = prepare_report(EXAMPLE / "2024-S2.yaml", outputs_root=previous_summary).additional()
    assert again.ikm_konversi_ci95 == first.ikm_konversi_ci95  # the kernel and the runner agree
    assert again.analysis.sentences == first.analysis.sentences
    assert again.to_dict() == first.to_dict()


def test_the_ikm_interval_is_ikm_interval_of_the_report_data_around_the_official_ikm(ctx):
    lo, hi = ctx.additional().ikm_konversi_ci95
    direct = ikm_interval(ctx.answered(), ctx.scheme, weight_mode=ctx.params.bobot, population=ctx.params.populasi)
    assert [lo, hi] == [direct.low, direct.high]
    assert lo < float(ctx.summary.ikm_konversi) < hi
    boot = bootstrap_ci(ctx.data, ctx.scheme, weight_mode=ctx.params.bobot, population=ctx.params.populasi)
    assert ctx.additional().analysis.bootstrap.ikm.to_list() == boot.ikm.to_list()  # still shown, as a comparison


def test_ringkasan_carries_the_interval_the_section_shows_and_the_additional_block(ctx):
    data = build_ringkasan(ctx)
    lo, hi = data["ikm_konversi_ci95"]
    assert [lo, hi] == ctx.additional().ikm_konversi_ci95
    assert lo < data["ikm_konversi"] < hi
    extra = data["analisis_tambahan"]
    assert (extra["replikasi"], extra["seed"], extra["tingkat"], extra["populasi"]) == (2000, 2017, 0.95, 5600)
    assert set(extra["nrr_ci95"]) == set(CODES)
    assert extra["pembanding"]["periode"] == "2024-S1" and extra["selisih"]["periode_sebelumnya"] == "2024-S1"
    json.dumps(data, default=str, allow_nan=False)  # valid JSON: no NaN
    page = section_html(ctx.additional())
    assert f"<td class=\"ikm-angka\">{format_number(lo)}</td>" in page
    assert f"<td class=\"ikm-angka\">{format_number(hi)}</td>" in page


def test_the_section_states_method_level_seed_and_that_the_official_ikm_stands(ctx):
    text = section_html(ctx.additional())
    assert "tidak mengubah nilai IKM" in text
    assert f"tetap {format_number(ctx.summary.ikm_konversi)} dengan mutu {ctx.summary.mutu}" in text
    assert "bootstrap persentil" in text and "2.000" in text and "dapat diulang persis" in text and "95%" in text
    assert "seed" not in text  # a reader's word: the seed is in the Catatan Teknis
    assert "N = 5.600" in text  # finite-population correction from the parameters
    assert "Interval t untuk IKM tidak dihitung" in text  # the example has blanks


def test_every_table_of_the_section_uses_the_decimal_comma(ctx):
    cap = Captions()
    for part in PARTS:
        for obj, _ in ctx.additional().bagian(part, cap):
            if isinstance(obj, pd.DataFrame):
                numbers = re.findall(r'class="ikm-angka">([^<]*)<', to_html(obj).split("<tbody>")[1])
                assert numbers, part
                assert any("," in n for n in numbers), part
                # a dot only ever groups thousands (5.600), never before decimals (81.86, 0.754531)
                assert [n for n in numbers if re.search(r"\d\.(\d{1,2}|\d{4,})(?!\d)", n)] == [], part


def test_the_small_group_warning_comes_before_the_ranking(ctx):
    items = ctx.additional().bagian("peringkat", Captions())
    kinds = ["tabel" if isinstance(o, pd.DataFrame) else o for o, _ in items]
    warning = next(i for i, k in enumerate(kinds) if isinstance(k, str) and k.startswith("Perhatian"))
    table = kinds.index("tabel")
    assert warning < table
    ranking = items[table][0]
    small = ranking.loc[ranking["n"] < 30, "Jenis layanan"].tolist()
    assert small and all(name in kinds[warning] for name in small)


# ---------------------------------------------------------------------------- the previous period


def test_with_the_previous_periods_answers_at_hand_both_periods_are_bootstrapped(ctx):
    add = ctx.additional()
    assert add.previous.sumber == report_stats.FROM_DATA and add.previous.periode == "2024-S1"
    before = prepare_report(EXAMPLE / "2024-S1.yaml", outputs_root=ROOT / "tests" / "tidak-ada")
    expected = compare_periods(before.data, ctx.data, ctx.scheme, population_previous=before.params.populasi,
                               population_current=ctx.params.populasi)
    d = add.analysis.difference
    assert (d.lower, d.upper, d.method) == (expected.lower, expected.upper, "bootstrap")
    assert "data jawabannya sendiri" in add.previous.kalimat


def test_without_its_answers_the_previous_period_is_compared_through_its_recorded_interval(tmp_path,
                                                                                           previous_summary):
    c = prepare_report(copy_unit_without_earlier_params(tmp_path), outputs_root=previous_summary)
    add = c.additional()
    assert add.previous.sumber == report_stats.FROM_SUMMARY
    recorded = json.loads((previous_summary / "contoh" / "2024-S1" / "ringkasan.json").read_text(encoding="utf-8"))
    expected = difference_from_intervals((recorded["ikm_konversi"], *recorded["ikm_konversi_ci95"]),
                                         (float(c.summary.ikm_exact * 25), *add.ikm_konversi_ci95),
                                         c.scheme.tabel_mutu)
    d = add.analysis.difference
    assert (d.method, d.lower, d.upper) == ("interval", expected.lower, expected.upper)
    assert "tercatat pada laporannya" in add.previous.kalimat and "pendekatan normal" in add.previous.kalimat
    assert add.to_dict()["analisis_tambahan"]["pembanding"]["sumber"] == "ringkasan"


def test_changed_data_since_the_earlier_report_fall_back_to_its_recorded_interval(tmp_path, previous_summary):
    outputs = tmp_path / "outputs"
    shutil.copytree(previous_summary, outputs)
    path = outputs / "contoh" / "2024-S1" / "ringkasan.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["sha256"] = "0" * 64  # the report was made from another file than the one at hand now
    path.write_text(json.dumps(data), encoding="utf-8")
    add = prepare_report(EXAMPLE / "2024-S2.yaml", outputs_root=outputs).additional()
    assert add.previous.sumber == report_stats.FROM_SUMMARY


def test_an_earlier_report_without_interval_or_answers_is_not_tested(tmp_path, previous_summary):
    outputs = tmp_path / "outputs"
    shutil.copytree(previous_summary, outputs)
    path = outputs / "contoh" / "2024-S1" / "ringkasan.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["ikm_konversi_ci95"]  # a report made before intervals were recorded
    path.write_text(json.dumps(data), encoding="utf-8")
    add = prepare_report(copy_unit_without_earlier_params(tmp_path), outputs_root=outputs).additional()
    assert add.previous.sumber is None and add.analysis.difference is None
    assert "tidak dapat diuji" in add.previous.kalimat
    assert "selisih" not in add.to_dict()["analisis_tambahan"]


def test_a_previous_period_under_another_scheme_is_not_compared(tmp_path, previous_summary):
    outputs = tmp_path / "outputs"
    shutil.copytree(previous_summary, outputs)
    path = outputs / "contoh" / "2024-S1" / "ringkasan.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["skema"] = "kepmenpan25_2004"
    path.write_text(json.dumps(data), encoding="utf-8")
    add = prepare_report(EXAMPLE / "2024-S2.yaml", outputs_root=outputs).additional()
    assert add.previous.sumber is None and add.analysis.comparison is None
    assert "skema" in add.previous.kalimat


def test_a_typed_previous_period_has_nothing_to_test_and_the_section_says_so(tmp_path):
    add = prepare_report(copy_unit_without_earlier_params(tmp_path), outputs_root=tmp_path / "kosong").additional()
    assert add.previous.periode == "2023-S1" and add.previous.sumber is None  # riwayat typed in the parameters
    assert "dari laporan lama" in add.previous.kalimat
    items = add.bagian("perbandingan", Captions())
    assert [o for o, _ in items] == [add.previous.kalimat]


def test_without_any_earlier_period_the_section_says_there_is_none(tmp_path):
    rows = [{**dict(zip(CODES, [4, 3, 3, 4, 3, 3, 4, 2, 3], strict=True))} for _ in range(5)]
    rows += [{**dict(zip(CODES, [3, 3, 2, 4, 3, 4, 4, 3, 3], strict=True))} for _ in range(5)]
    pd.DataFrame(rows).to_csv(tmp_path / "data.csv", index=False)
    params = {"unit": {"nama": "Dinas Uji"}, "periode": "2024-S1", "data": {"berkas": "data.csv"}, "populasi": 5}
    (tmp_path / "2024-S1.yaml").write_text(yaml.safe_dump(params), encoding="utf-8")
    add = prepare_report(tmp_path / "2024-S1.yaml", outputs_root=tmp_path / "kosong").additional()
    assert add.previous is None
    assert add.bagian("perbandingan", Captions())[0][0].startswith("Belum ada nilai IKM periode sebelumnya")
    # N smaller than n is a typing error: no correction, and the section says why
    assert add.analysis.settings["populasi"] is None and "lebih kecil dari jumlah responden" in add.catatan[0]
    assert add.bagian("peringkat", Captions())[0][0].startswith("Hasil survei ini tidak dikelompokkan")


# ---------------------------------------------------------------------------- the trend


def test_the_trend_carries_each_rendered_periods_interval_and_none_for_typed_ones(ctx, previous_summary):
    trend = ctx.trend()
    recorded = json.loads((previous_summary / "contoh" / "2024-S1" / "ringkasan.json").read_text(encoding="utf-8"))
    by_period = trend.set_index("periode")
    assert [by_period.loc["2024-S1", "ci95_bawah"], by_period.loc["2024-S1", "ci95_atas"]] == \
        recorded["ikm_konversi_ci95"]
    assert [by_period.loc["2024-S2", "ci95_bawah"], by_period.loc["2024-S2", "ci95_atas"]] == \
        ctx.additional().ikm_konversi_ci95
    typed = trend[trend["sumber"] == "riwayat"]
    assert len(typed) == 2 and typed["ci95_bawah"].isna().all() and typed["ci95_atas"].isna().all()


def test_the_trend_table_puts_the_interval_beside_each_ikm_and_the_note_names_periods_without(ctx):
    trend = ctx.trend()
    table = tables.trend_table(trend)
    cols = list(table.columns)
    assert cols[cols.index("Nilai IKM (25–100)") + 1: cols.index("Nilai IKM (25–100)") + 3] == \
        ["Batas bawah 95%", "Batas atas 95%"]
    assert table["Batas bawah 95%"].isna().tolist() == trend["ci95_bawah"].isna().tolist()
    html = to_html(table)
    lo = format_number(trend["ci95_bawah"].iloc[-1])
    assert f'<td class="ikm-angka">{lo}</td>' in html
    note = report_stats.trend_note(trend)
    for label in trend.loc[trend["sumber"] == "riwayat", "label"]:
        assert label in note
    assert "tidak memiliki interval" in note


def test_a_trend_without_intervals_keeps_the_plain_table(ctx):
    trend = tables.trend_data(None, ctx.params, ctx.result)  # no history, no interval for this period
    assert math.isnan(trend["ci95_bawah"].iloc[0]) and math.isnan(trend["ci95_atas"].iloc[0])
    plain = tables.trend_table(trend)
    assert "Batas bawah 95%" not in plain.columns
    with_ci = tables.trend_table(tables.trend_data(None, ctx.params, ctx.result, [80.5, 82.5]))
    assert with_ci[["Batas bawah 95%", "Batas atas 95%"]].iloc[0].tolist() == [80.5, 82.5]
