"""The report's content: prepare_report, the tables, the text and the HTML they become."""

import json
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml

from ikm_utils.method.compute import compute_ikm
from ikm_utils.method.indonesian import format_number
from ikm_utils.method.sample import krejcie_morgan
from ikm_utils.report import appendix, narrative, saran, tables
from ikm_utils.report.context import prepare_report, resolve_path
from ikm_utils.report.display import blocks_html, format_cell, headline_html, html_table
from ikm_utils.report.front import approval_html, cover_html

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "params" / "contoh"
CODES = [f"U{i}" for i in range(1, 10)]


@pytest.fixture(scope="module")
def ctx():
    return prepare_report(EXAMPLE / "2024-S2.yaml", outputs_root=ROOT / "tests" / "tidak-ada")


@pytest.fixture(scope="module")
def ctx_no_rtl():
    c = prepare_report(EXAMPLE / "2024-S1.yaml", outputs_root=ROOT / "tests" / "tidak-ada")
    c.params = c.params.model_copy(update={"rtl": []})
    return c


def write_unit(folder: Path, unit: dict, rows: list[dict], **extra) -> Path:
    """A small unit: a tidy CSV and its parameter file."""
    pd.DataFrame(rows).to_csv(folder / "data.csv", index=False)
    params = {"unit": unit, "periode": "2024-S1", "data": {"berkas": "data.csv"}, **extra}
    path = folder / "2024-S1.yaml"
    path.write_text(yaml.safe_dump(params, allow_unicode=True), encoding="utf-8")
    return path


def row(scores, **profile):
    return {**dict(zip(CODES, scores, strict=True)), **profile}


# ---------------------------------------------------------------------------- prepare_report


def test_prepare_report_reads_params_data_and_computes_with_groups(ctx):
    assert ctx.params.periode == "2024-S2"
    assert ctx.summary == compute_ikm(ctx.data, ctx.scheme).total
    assert {"jenis_layanan", "jenis_kelamin", "pendidikan", "pekerjaan"} <= set(ctx.result.kelompok)
    layanan = ctx.result.kelompok["jenis_layanan"]
    assert sum(s.n_responden for s in layanan.values()) == ctx.summary.n_responden


def test_sample_check_uses_the_population_of_the_params(ctx):
    assert ctx.sample.populasi == ctx.params.populasi
    assert ctx.sample.minimum == krejcie_morgan(ctx.params.populasi)
    assert ctx.sample.diperoleh == ctx.summary.n_responden


def test_without_population_there_is_no_sample_check(tmp_path):
    path = write_unit(tmp_path, {"nama": "Unit Uji"}, [row([4] * 9), row([3] * 9)])
    assert prepare_report(path).sample is None


def test_a_relative_path_is_found_from_the_notebook_folder_or_anywhere(monkeypatch, tmp_path):
    monkeypatch.chdir(ROOT / "notebooks")
    assert prepare_report("../params/contoh/2024-S1.yaml").params_path == EXAMPLE / "2024-S1.yaml"
    monkeypatch.chdir(tmp_path)
    assert resolve_path("../params/contoh/2024-S1.yaml") == EXAMPLE / "2024-S1.yaml"


def test_history_comes_from_earlier_reports_and_the_typed_riwayat(tmp_path):
    folder = tmp_path / "outputs" / "contoh" / "2024-S1"
    folder.mkdir(parents=True)
    folder.joinpath("ringkasan.json").write_text(
        json.dumps({"periode": "2024-S1", "ikm_konversi": 80.5, "mutu": "B", "skema": "permen14_2017",
                    "n_responden": 371}), encoding="utf-8")
    c = prepare_report(EXAMPLE / "2024-S2.yaml", outputs_root=tmp_path / "outputs")
    trend = c.trend()
    assert trend["periode"].tolist() == ["2022-S2", "2023-S1", "2024-S1", "2024-S2"]
    assert trend["ikm_konversi"].iloc[-1] == float(c.summary.ikm_konversi)
    shown = tables.trend_table(trend)
    assert shown["Perubahan"].iloc[-1] == pytest.approx(float(c.summary.ikm_konversi) - 80.5)


def test_without_the_history_module_the_trend_is_this_period_alone(monkeypatch):
    monkeypatch.setitem(sys.modules, "ikm_utils.report.history", None)  # import fails
    c = prepare_report(EXAMPLE / "2024-S1.yaml")
    assert len(c.history) == 0 and "belum ada riwayat" in c.notes
    assert len(c.trend()) == 1
    assert narrative.trend_sentence(c.trend()).startswith("Belum ada riwayat")


# ---------------------------------------------------------------------------- tables = result


def test_unsur_table_numbers_equal_the_result(ctx):
    t = tables.unsur_table(ctx.summary)
    for i, u in enumerate(ctx.summary.unsur):
        r = t.iloc[i]
        assert (r["Kode"], r["n"], r["Jumlah nilai"], r["Mutu"]) == (u.kode, u.n, u.jumlah_nilai, u.mutu)
        assert r["NRR"] == u.nrr and r["NRR tertimbang"] == u.nrr_tertimbang
        assert r["Nilai konversi"] == float(u.nilai_konversi)
    total = t.iloc[-1]
    assert total["NRR tertimbang"] == ctx.summary.ikm
    assert total["Nilai konversi"] == float(ctx.summary.ikm_konversi) and total["Mutu"] == ctx.summary.mutu
    assert total["Bobot"] == "1"
    # The weight is shown exactly (1/9), never as the regulation's rounded 0,111.
    assert set(t["Bobot"].iloc[:-1]) == {"1/9"}


def test_unsur_table_html_shows_the_graded_value_with_a_decimal_comma(ctx):
    page = html_table(tables.unsur_table(ctx.summary))
    assert f">{format_number(ctx.summary.ikm_konversi)}<" in page
    assert f">{format_number(ctx.summary.unsur[2].nrr, 3)}<" in page
    assert 'class="ikm-total"' in page


def test_group_table_rows_equal_the_groups(ctx):
    t = tables.group_table(ctx.result, "jenis_layanan")
    groups = ctx.result.kelompok["jenis_layanan"]
    for _, r in t.iloc[:-1].iterrows():
        s = groups[r["Jenis Layanan"]]
        assert r["Responden"] == s.n_responden and r["Nilai IKM (25–100)"] == float(s.ikm_konversi)
        assert (r["Catatan"] != "") == (s.n_responden < tables.SMALL_GROUP)
    assert t.iloc[-1]["Responden"] == ctx.summary.n_responden


def test_profile_tables_count_the_respondents_and_keep_unknown_categories(ctx):
    for col in tables.profile_fields(ctx.data):
        t = tables.profile_table(ctx.answered(), col)
        assert t.iloc[-1]["Jumlah"] == ctx.summary.n_responden
        assert t.iloc[:-1]["Jumlah"].sum() == ctx.summary.n_responden
        assert t.iloc[:-1]["Persentase"].sum() == pytest.approx(100)
    jobs = tables.profile_counts(ctx.answered(), "pekerjaan")
    assert "Pelajar/Mahasiswa" in jobs.index and jobs.index[-1] == "Lainnya"  # kept, before "Lainnya"


def test_profile_counts_read_sex_codes_and_put_blanks_last():
    data = pd.DataFrame({"jenis_kelamin": ["P", "L", None, "P"], "usia_kelompok": ["≥ 56", "17–25", "26–35", None]})
    assert tables.profile_counts(data, "jenis_kelamin").to_dict() == {"Laki-laki": 1, "Perempuan": 2,
                                                                      "(tidak diisi)": 1}
    assert list(tables.profile_counts(data, "usia_kelompok").index) == ["17–25", "26–35", "≥ 56", "(tidak diisi)"]


def test_distribution_table_counts_each_answer(ctx):
    t = tables.distribution_table(ctx.summary)
    for i, u in enumerate(ctx.summary.unsur):
        assert tuple(t.iloc[i][[f"Nilai {v}" for v in (1, 2, 3, 4)]]) == u.distribusi
        assert t.iloc[i]["% 3–4"] == pytest.approx(100 * (u.distribusi[2] + u.distribusi[3]) / u.n)


def test_rtl_defaults_to_the_lowest_unsur(ctx_no_rtl):
    assert not ctx_no_rtl.params.rtl
    t = ctx_no_rtl.rtl()
    lowest = sorted(ctx_no_rtl.summary.unsur, key=lambda u: u.nrr)[: tables.RTL_DEFAULT_COUNT]
    assert [p.split()[0] for p in t["Prioritas Unsur"]] == [u.kode for u in lowest]
    assert t.attrs["bawaan"] is True
    assert "terendah" in " ".join(narrative.rtl_sentences(t))
    # a proposal, not a silent success: owner and time are "belum ditetapkan", the status says "Usulan"
    assert set(t["Waktu"]) == set(t["Penanggung Jawab"]) == {tables.NOT_SET} and set(t["Status"]) == {"Usulan"}
    assert "Forum Konsultasi Publik" not in " ".join(t["Program/Kegiatan"])


def test_rtl_from_params_keeps_the_units_plan(ctx):
    t = ctx.rtl()
    assert [p.split()[0] for p in t["Prioritas Unsur"]] == [r.unsur for r in ctx.params.rtl]
    assert t["Program/Kegiatan"].tolist() == [r.program for r in ctx.params.rtl]
    assert t.attrs["bawaan"] is False


def test_respondent_table_rows_and_closing_nrr_row(ctx):
    t = appendix.respondent_table(ctx.data, ctx.summary, ctx.scheme)
    assert len(t) == ctx.summary.n_responden + 4
    nrr = t[t["Baris data"] == "NRR"].iloc[0]
    assert [nrr[c] for c in CODES] == [u.nrr for u in ctx.summary.unsur]
    body = t.iloc[: ctx.summary.n_responden]
    assert sum(body["U3"].dropna()) == ctx.summary.unsur[2].jumlah_nilai
    assert t[t["Baris data"] == "NRR tertimbang"].iloc[0]["Jumlah"] == ctx.summary.ikm


def test_data_quality_tables_list_exclusions_and_warnings(ctx):
    excluded = appendix.excluded_table(ctx.responses)
    assert excluded["Baris data"].tolist() == ctx.responses.excluded["baris"].tolist()
    warnings = appendix.problems_table(ctx.responses.problems)
    # "Jumlah" counts data rows: an unknown category is one warning standing for all of its rows.
    assert warnings["Jumlah"].sum() == sum(p.count for p in ctx.responses.warnings)
    unknown = [p for p in ctx.responses.warnings if p.kind == "kategori_tidak_dikenal"]
    assert [(p.value, p.count) for p in unknown] == [
        ("Pelajar/Mahasiswa", int((ctx.responses.data["pekerjaan"] == "Pelajar/Mahasiswa").sum()))]
    assert unknown[0].count > 1
    mapping = appendix.mapping_table(ctx.responses, ctx.scheme)
    assert mapping["Sasaran"].tolist()[:9] == CODES


def test_provenance_names_the_input_hash_scheme_and_rule(ctx):
    t = appendix.provenance_table(ctx).set_index("Uraian")["Nilai"]
    assert t["SHA-256 berkas data"] == ctx.responses.sha256
    assert ctx.scheme.id in t["Skema"] and "half-up" in t["Aturan pembulatan"]
    assert "pandas" in t["Versi perangkat lunak"]


# ---------------------------------------------------------------------------- text


def test_narrative_interprets_weakest_strongest_sample_and_trend(ctx):
    lowest = tables.ranked_unsur(ctx.summary)[0]
    sentences = " ".join(narrative.unsur_sentences(ctx.summary, count=1))
    assert f"terendah adalah {lowest.kode}" in sentences
    assert "telah memenuhi" in narrative.sample_sentence(ctx.sample)
    short = narrative.sample_sentence(ctx.sample.__class__(5000, krejcie_morgan(5000), 100))
    assert "belum memenuhi" in short
    up = pd.DataFrame({"label": ["A", "B"], "ikm_konversi": [78.0, 80.0], "skema": ["permen14_2017"] * 2})
    assert "naik 2,00 poin" in narrative.trend_sentence(up)
    assert "turun" in narrative.trend_sentence(up.iloc[::-1].assign(label=["A", "B"]))


def test_narrative_overrides_replace_the_default_text(tmp_path):
    path = write_unit(tmp_path, {"nama": "Unit Uji"}, [row([4] * 9), row([3] * 9)],
                      narasi={"latar_belakang": "Paragraf satu.\n\nParagraf dua.", "kata_pengantar": "Halo."})
    c = prepare_report(path)
    assert narrative.latar_belakang(c.params) == ["Paragraf satu.", "Paragraf dua."]
    assert narrative.kata_pengantar(c)[0] == "Halo."


def test_the_signature_does_not_repeat_the_word_dinas(ctx):
    assert tables.head_title(ctx.params) == "Kepala Dinas Contoh Kabupaten Contoh"  # as written in the params


def test_saran_are_grouped_by_theme_and_counted(ctx):
    items = ctx.saran()
    table = saran.saran_table(items, ctx.scheme)
    assert table["Jumlah"].sum() == len(items)
    assert saran.theme_counts(items, ctx.scheme)["Jumlah saran"].sum() == len(items)


# ---------------------------------------------------------------------------- HTML safety


def test_script_in_saran_and_unit_name_is_escaped_and_personal_data_masked(tmp_path):
    evil = "<script>alert('x')</script>"
    unit = {"nama": f"Dinas {evil}", "instansi": "Pemda <b>Uji</b>",
            "kepala_unit": {"nama": "A & B", "jabatan": "Kepala"}}
    rows = [row([4] * 9, saran=f"{evil} hubungi 0812-3456-7890 atau andi@example.com", jenis_layanan=evil),
            row([3] * 9, saran="NIK saya 3201234567890134")]
    c = prepare_report(write_unit(tmp_path, unit, rows, populasi=100))
    pages = [
        cover_html(c.params) + approval_html(c),
        headline_html(c),
        blocks_html(narrative.kata_pengantar(c)),
        html_table(saran.saran_table(c.saran(), c.scheme)),
        html_table(tables.group_table(c.result, "jenis_layanan")),
        html_table(tables.profile_table(c.answered(), "jenis_layanan")),
    ]
    for page in pages:
        assert "<script>" not in page and "<b>" not in page
    assert "&lt;script&gt;" in pages[0] and "&lt;script&gt;" in pages[3]
    assert "0812****7890" in pages[3] and "0812-3456-7890" not in pages[3]
    assert "a***@***" in pages[3] and "andi@example.com" not in pages[3]
    assert "3201**********34" in pages[3]


def test_number_cells_use_the_indonesian_format():
    assert format_cell(1234567)[0] == "1.234.567"
    assert format_cell(85.845, 2)[0] == "85,85"  # half-up, as everywhere in the report
    assert format_cell(-0.5, "+2")[0] == "-0,50" and format_cell(0.5, "+2")[0] == "+0,50"
    assert format_cell(12.34, "%1")[0] == "12,3%"
    assert format_cell(1234, "id")[0] == "1234"


def test_a_custom_scheme_with_its_own_weights_fills_every_table_and_figure(tmp_path):
    from ikm_utils.report import plots

    rows = [{"U1": a, "U3": b, "U9": c, "saran": "Antrian lama"} for a, b, c in [(4, 2, 3), (3, 2, 4), (4, 1, 3)]]
    path = write_unit(tmp_path, {"nama": "Unit Kustom"}, rows, populasi=50,
                      skema_kustom={"unsur": ["U1", "U3", "U9"], "bobot": [0.5, 0.3, 0.2]})
    c = prepare_report(path)
    t = tables.unsur_table(c.summary)
    assert t["Kode"].tolist() == ["U1", "U3", "U9", ""] and t["Bobot"].tolist()[:3] == ["0,5", "0,3", "0,2"]
    assert t.iloc[-1]["NRR tertimbang"] == pytest.approx(0.5 * 11 / 3 + 0.3 * 5 / 3 + 0.2 * 10 / 3)
    assert c.rtl()["Prioritas Unsur"].iloc[0].startswith("U3")
    assert "bobot yang ditetapkan unit" in blocks_html(narrative.metode_pengumpulan(c))
    assert "bobot unit" in appendix.provenance_table(c).set_index("Uraian")["Nilai"]["Bobot"]
    for fig in (plots.plot_nrr_unsur(c.summary, c.scheme.tabel_mutu), plots.plot_distribusi(c.summary),
                plots.plot_tren(c.trend(), c.scheme.tabel_mutu)):
        assert len(fig.axes[0].get_yticklabels()) >= 1


def test_the_documentation_lampiran_embeds_photos_or_is_left_out(ctx, tmp_path):
    from PIL import Image

    from ikm_utils.params import Dokumentasi
    from ikm_utils.report.display import Captions, documentation_html

    assert documentation_html(ctx.params, Captions()) == ""  # no instruction to the operator in the report
    Image.new("RGB", (3000, 2000), "white").save(tmp_path / "loket.png")
    photo = Dokumentasi(berkas=str(tmp_path / "loket.png"), keterangan="Loket <Dukcapil> pagi hari")
    params = ctx.params.model_copy(update={"dokumentasi": [photo]})
    params._source, params._root = tmp_path / "2024-S2.yaml", tmp_path  # photos lie in the parameter folder
    html = documentation_html(params, Captions(), nomor=5)
    assert html.startswith("<h2>Lampiran 5. Dokumentasi</h2>")
    assert 'src="data:image/jpeg;base64,' in html and "Gambar L5.1 Loket &lt;Dukcapil&gt; pagi hari" in html
    assert "<Dukcapil>" not in html and len(html) < 200_000  # scaled down, not the 3000 px original


def test_ties_are_reported_as_ties_and_an_all_4_unit_has_no_weakest_unsur():
    from ikm_utils.method.compute import compute_ikm
    from ikm_utils.report.interpret import distribution_sentences, unsur_sentences
    from ikm_utils.report.tables import lowest_label

    all_4 = compute_ikm(pd.DataFrame({f"U{i}": [4, 4, 4] for i in range(1, 10)})).total
    assert unsur_sentences(all_4, count=1) == [
        "Semua unsur memperoleh nilai yang sama (NRR 4,000; nilai 100,00; mutu A), sehingga tidak ada unsur "
        "terlemah maupun terkuat."]
    assert distribution_sentences(all_4) == [] and lowest_label(all_4) == "semua unsur sama"
    tied = pd.DataFrame({f"U{i}": [4, 4] for i in range(1, 10)}).assign(U3=[3, 3], U7=[3, 3])
    first = unsur_sentences(compute_ikm(tied).total, count=1)[0]
    assert first.startswith("Unsur dengan nilai terendah ada dua (nilainya sama): U3") and "U7" in first
