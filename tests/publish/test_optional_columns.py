"""Optional columns are optional: the example semester with jenis layanan, saran or the whole profile
removed, or with one layanan only, renders (the dry run builds every table and figure of the notebook,
without a kernel) and says in one sentence what the form did not ask.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml

from ikm_utils.errors import RenderError
from ikm_utils.publish.render import render_report
from ikm_utils.report import interpret, plots, saran, tables
from ikm_utils.report.context import prepare_report
from ikm_utils.report.display import Captions, to_html

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "params" / "contoh" / "2024-S1.yaml"
PROFILE = ["jenis_kelamin", "usia", "pendidikan", "pekerjaan", "jenis_layanan"]
VARIANTS = {
    "tanpa_jenis_layanan": lambda d: d.drop(columns=["jenis_layanan"]),
    "tanpa_saran": lambda d: d.drop(columns=["saran"]),
    "tanpa_profil": lambda d: d.drop(columns=PROFILE),
    "satu_layanan": lambda d: d.assign(jenis_layanan="SKCK"),
}


def variant(tmp_path: Path, name: str) -> Path:
    raw = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data = pd.read_csv(EXAMPLE.parent / raw["data"]["berkas"], dtype=str, keep_default_na=False)
    path = tmp_path / f"{name}.csv"
    VARIANTS[name](data).to_csv(path, index=False)
    raw["data"]["berkas"] = str(path)
    if raw["unit"].get("logo"):  # the logo must sit beside the parameter file: copy the example's
        logo = EXAMPLE.parent / raw["unit"]["logo"]
        (tmp_path / logo.name).write_bytes(logo.read_bytes())
        raw["unit"]["logo"] = logo.name
    raw["unit"]["slug"] = name.replace("_", "-")
    raw["kelompok"] = ["jenis_layanan"]
    params = tmp_path / "2024-S1.yaml"
    params.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return params


@pytest.mark.parametrize("name", list(VARIANTS))
def test_dry_run_builds_every_table_and_figure_without_the_column(tmp_path, monkeypatch, name):
    import papermill

    monkeypatch.setattr(papermill, "execute_notebook", lambda *a, **k: pytest.fail("papermill ran"))
    lines: list[str] = []
    result = render_report(variant(tmp_path, name), outputs_root=tmp_path / "o", dry_run=True, progress=lines.append)
    assert result.dry_run and any("Data: 371 dibaca" in line for line in lines)


def test_no_saran_item_is_one_sentence_and_no_empty_tables(tmp_path):
    ctx = prepare_report(variant(tmp_path, "tanpa_saran"), tmp_path / "o")
    daftar = ctx.saran()
    themes = saran.theme_counts(daftar, ctx.scheme)
    assert interpret.saran_sentences(len(daftar), ctx.summary.n_responden, themes) == [
        "Kuesioner periode ini tidak memuat isian saran."]
    cap = Captions()
    assert to_html(themes, cap.tabel(4, "Jumlah saran menurut tema")) == ""
    assert to_html(saran.saran_table(daftar, ctx.scheme), cap.tabel(4, "Saran")) == ""
    assert cap.tabel(4, "Berikutnya").startswith("Tabel 4.1 ")  # the numbers of the tables left out are given back
    from ikm_utils.report.narrative import metode_pengumpulan

    assert "saran" not in " ".join(str(b) for b in metode_pengumpulan(ctx)[:2])


def test_no_jenis_layanan_says_so_instead_of_failing(tmp_path):
    ctx = prepare_report(variant(tmp_path, "tanpa_jenis_layanan"), tmp_path / "o")
    figure = plots.plot_profil(tables.profile_series(ctx.answered(), ["jenis_layanan"]))
    assert figure == "Kuesioner periode ini tidak memuat isian jenis layanan."
    assert "tidak memuat isian jenis layanan" in interpret.group_sentences(ctx)[0]


def test_one_layanan_is_one_sentence_not_a_chart_of_one_bar(tmp_path):
    ctx = prepare_report(variant(tmp_path, "satu_layanan"), tmp_path / "o")
    figure = plots.plot_profil(tables.profile_series(ctx.answered(), ["jenis_layanan"]))
    assert figure == f"Seluruh responden ({ctx.summary.n_responden} orang) memiliki jenis layanan yang sama: SKCK."
    assert interpret.group_sentences(ctx) == ["Seluruh responden menerima satu jenis layanan, yaitu SKCK; IKM-nya sama "
                                              "dengan IKM unit pelayanan."]


def test_no_profile_at_all(tmp_path):
    from ikm_utils.report.display import tables_grid_html

    ctx = prepare_report(variant(tmp_path, "tanpa_profil"), tmp_path / "o")
    assert tables.profile_fields(ctx.data) == []
    assert "tidak memuat data profil responden" in tables_grid_html([])
    assert plots.plot_profil(tables.profile_series(ctx.answered())) == (
        "Kuesioner periode ini tidak memuat data profil responden.")


def test_a_render_stops_on_a_doubtful_order_until_the_order_is_stated(tmp_path):
    rows = ["u1,u2,u3,u4,u5,u6,u7,u8,u9,u8_label,u9_label"]
    rows += ["4,3,3,4,3,4,3,2,4,Kurang Baik,Dikelola dengan baik"] * 6
    (tmp_path / "d.csv").write_text("\n".join(rows) + "\n")
    params = tmp_path / "2024-S1.yaml"
    base = 'unit: {nama: X, slug: x}\nperiode: 2024-S1\ndata: {berkas: d.csv'
    params.write_text(base + "}\n")
    with pytest.raises(RenderError, match="urutan_kuesioner: \\[persyaratan, .*sarana"):
        render_report(params, outputs_root=tmp_path / "o", dry_run=True, progress=lambda s: None)
    params.write_text(base + ", urutan_kuesioner: [persyaratan, prosedur, waktu, biaya, produk, kompetensi, "
                             "perilaku, sarana, pengaduan]}\n")
    lines: list[str] = []
    render_report(params, outputs_root=tmp_path / "o", dry_run=True, progress=lines.append)
    assert any("6 dibaca, 0 dikecualikan, 6 dipakai" in line for line in lines)
