"""The runner: parameters -> executed notebook -> offline HTML + ringkasan.json, atomically.

Small fixture notebooks (``tests/fixtures/``) exercise the runner and its failure modes; the
bundled example (``params/contoh/``, ``notebooks/laporan_skm.ipynb``) is rendered once per session
and read like a reviewer would.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pandas as pd
import pytest
import yaml
from bs4 import BeautifulSoup

from ikm_utils.cli import main
from ikm_utils.errors import DataValidationError, RenderError
from ikm_utils.method.indonesian import format_number
from ikm_utils.params import ParamsError
from ikm_utils.publish import outputs, render
from ikm_utils.publish.export import export_html, external_references
from ikm_utils.publish.render import render_report

ROOT = Path(__file__).resolve().parents[2]
#: What a render writes into a period's folder (report, notebook, summary, per-respondent detail).
REPORT_FILES = ["laporan.html", "laporan.ipynb", "olah_data_responden.csv", "ringkasan.json", "saran_responden.csv"]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
EXAMPLE = ROOT / "params" / "contoh"
UNIT_NAME = 'Dinas <Uji> & "Kawan"'

ANSWERS = [
    [4, 3, 3, 4, 3, 3, 4, 2, 3],
    [3, 3, 2, 4, 3, 4, 4, 2, 3],
    [4, 4, 3, 4, 4, 3, 4, 3, 2],
    [2, 3, 2, 4, 3, 3, 3, 2, 3],
    [3, 4, 3, 4, 3, 4, 4, 3, 3],
    [4, 3, 2, 4, 3, 3, 4, 2, 2],
]


def make_params(folder: Path, *, periode: str = "2024-S1", answers=ANSWERS, **extra) -> Path:
    """A small unit: six respondents, two layanan, its own CSV."""
    folder.mkdir(parents=True, exist_ok=True)
    header = ",".join([f"U{i}" for i in range(1, 10)] + ["jenis_layanan"])
    rows = [",".join(map(str, a)) + ("," + ("KTP-el" if i % 2 else "Akta")) for i, a in enumerate(answers)]
    (folder / "jawaban.csv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    raw = {"unit": {"nama": UNIT_NAME, "slug": "uji"}, "periode": periode, "data": {"berkas": "jawaban.csv"},
           "populasi": 40, **extra}
    path = folder / f"{periode}.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


def forbid_papermill(monkeypatch):
    import papermill

    calls = []
    monkeypatch.setattr(papermill, "execute_notebook", lambda *a, **k: calls.append(a) or pytest.fail("papermill ran"))
    return calls


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# ---------------------------------------------------------------------------- a fixture report


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    root = tmp_path_factory.mktemp("render-uji")
    params = make_params(root / "params")
    lines: list[str] = []
    result = render_report(params, formats=["html"], outputs_root=root / "outputs",
                           notebook=FIXTURES / "laporan_uji.ipynb", progress=lines.append)
    page = result.html.read_text(encoding="utf-8")
    return SimpleNamespace(result=result, lines=lines, root=root, params=params, page=page,
                           soup=BeautifulSoup(page, "html.parser"))


@pytest.mark.notebook
def test_a_render_writes_notebook_html_and_summary_into_the_unit_and_period_folder(rendered):
    folder = rendered.root / "outputs" / "uji" / "2024-S1"
    assert rendered.result.folder == folder
    assert sorted(os.listdir(folder)) == REPORT_FILES
    assert os.listdir(folder.parent) == ["2024-S1"]  # no staging folder left behind
    executed = nbformat.read(folder / "laporan.ipynb", as_version=4)
    injected = next(c for c in executed.cells if "injected-parameters" in c.metadata.get("tags", []))
    assert str(rendered.params.resolve()) in injected.source


@pytest.mark.notebook
def test_one_progress_line_per_stage(rendered):
    stages = [line for line in rendered.lines if line.startswith("[")]
    assert [line[:5] for line in stages] == ["[1/5]", "[2/5]", "[3/5]", "[4/5]", "[5/5]"]
    assert "Memeriksa parameter" in stages[0] and "Menjalankan notebook" in stages[2]
    # between the stages: the same one-line data summary validate and compute print
    notes = [line.strip().split(":")[0] for line in rendered.lines if not line.startswith("[")]
    assert notes == ["Data", "Catatan"]  # the fixture's U1..U9 are read by their code: the order is not stated


@pytest.mark.notebook
def test_the_html_hides_code_prompts_warnings_and_tagged_cells(rendered):
    page, soup = rendered.page, rendered.soup
    assert not soup.select(".input, .input_area, .prompt")
    assert "plt.subplots" not in page and "import " not in soup.get_text()
    assert "peringatan yang tidak boleh" not in page  # stderr (warnings) stays out of the report
    assert "KELUARAN-DIPERTAHANKAN" in page  # remove-input: the output stays
    assert "KELUARAN-DIBUANG" not in page and "SEL-DIBUANG" not in page  # remove-output, remove-cell


@pytest.mark.notebook
def test_the_html_is_self_contained_printable_indonesian_with_a_daftar_isi(rendered):
    page, soup = rendered.page, rendered.soup
    assert soup.html["lang"] == "id"
    assert external_references(page) == []
    assert not soup.find("script", src=True) and not soup.find("link", href=True)
    assert "@page" in page and "size: A4" in page
    image = soup.select_one(".output_png img")
    assert image["src"].startswith("data:image/png;base64,") and image["alt"] == "Gambar"
    toc = [a.get_text() for a in soup.select("nav.daftar-isi a")]
    assert toc == ["Ringkasan", "BAB I Pendahuluan", "1.1 Latar Belakang", "BAB II Hasil", "BAB II Hasil"]
    targets = [a["href"][1:] for a in soup.select("nav.daftar-isi a")]
    assert len(set(targets)) == len(targets) and all(soup.find(id=t) for t in targets)
    assert not soup.select("a.anchor-link")


@pytest.mark.notebook
def test_free_text_is_escaped_on_the_cover_and_in_the_title(rendered):
    assert "Dinas &lt;Uji&gt; &amp; &quot;Kawan&quot;" in rendered.page and "<Uji>" not in rendered.page
    assert rendered.soup.select_one("section.sampul .unit").get_text() == UNIT_NAME
    assert UNIT_NAME in rendered.soup.title.get_text()


@pytest.mark.notebook
def test_ringkasan_json_is_the_compute_contract_plus_who_when_and_from_what(rendered):
    from ikm_utils.report.context import prepare_report

    data = json.loads((rendered.result.folder / "ringkasan.json").read_text(encoding="utf-8"))
    expected = prepare_report(rendered.params).result.to_dict()
    assert {k: data[k] for k in expected} == expected
    assert data["unit"] == {"nama": UNIT_NAME, "instansi": None, "slug": "uji"}
    assert (data["periode"], data["periode_label"]) == ("2024-S1", "Semester I 2024")
    assert datetime.fromisoformat(data["dibuat"]).tzinfo is not None
    csv = rendered.params.parent / "jawaban.csv"
    assert data["sha256"] == hashlib.sha256(csv.read_bytes()).hexdigest()
    assert (data["berkas_data"], data["n_dibaca"], data["n_dikecualikan"]) == ("jawaban.csv", 6, 0)
    assert data["sampel"] == {"populasi": 40, "minimum": 36, "diperoleh": 6, "cukup": False}


# ---------------------------------------------------------------------------- stopping early


def test_bad_parameters_fail_before_papermill_starts_with_every_key_path(tmp_path, monkeypatch):
    calls = forbid_papermill(monkeypatch)
    path = make_params(tmp_path, bobot="rounded", rtl=[{"unsur": "U1", "program": "p"}])
    with pytest.raises(ParamsError) as info:
        render_report(path, outputs_root=tmp_path / "outputs", notebook=FIXTURES / "laporan_uji.ipynb",
                      progress=lambda s: None)
    keys = [p.split(":")[0] for p in info.value.problems]
    assert "bobot" in keys and "rtl[0].waktu" in keys and "rtl[0].penanggung_jawab" in keys
    assert calls == [] and not (tmp_path / "outputs").exists()


def test_cli_render_lists_the_parameter_problems_in_indonesian_and_exits_1(tmp_path, monkeypatch, capsys):
    forbid_papermill(monkeypatch)
    path = make_params(tmp_path, periode="2024-S1")
    text = path.read_text(encoding="utf-8").replace("populasi: 40", "populasi: empat puluh\nwarna: biru")
    path.write_text(text, encoding="utf-8")
    assert main(["render", str(path), "--keluaran", str(tmp_path / "outputs")]) == 1
    err = capsys.readouterr().err
    assert "populasi: harus bilangan bulat" in err and "warna: kunci tidak dikenal" in err
    assert not (tmp_path / "outputs").exists()


def test_bad_data_fail_before_papermill_starts(tmp_path, monkeypatch):
    calls = forbid_papermill(monkeypatch)
    bad = [list(a) for a in ANSWERS]
    bad[2][4] = 7
    path = make_params(tmp_path, answers=bad)
    with pytest.raises(DataValidationError) as info:
        render_report(path, outputs_root=tmp_path / "outputs", notebook=FIXTURES / "laporan_uji.ipynb",
                      progress=lambda s: None)
    assert "7" in str(info.value) and calls == [] and not (tmp_path / "outputs").exists()


def test_dry_run_checks_parameters_data_and_toolchain_and_executes_nothing(tmp_path, monkeypatch):
    calls = forbid_papermill(monkeypatch)
    lines: list[str] = []
    result = render_report(make_params(tmp_path), outputs_root=tmp_path / "outputs", dry_run=True,
                           notebook=FIXTURES / "laporan_uji.ipynb", progress=lines.append)
    assert result.dry_run and result.files == {} and result.folder == tmp_path / "outputs" / "uji" / "2024-S1"
    assert [line[:5] for line in lines if line.startswith("[")] == ["[1/4]", "[2/4]", "[3/4]", "[4/4]"]
    assert calls == [] and not (tmp_path / "outputs").exists()


def test_dry_run_names_every_missing_piece_of_the_toolchain(tmp_path):
    with pytest.raises(RenderError) as info:
        render_report(make_params(tmp_path), outputs_root=tmp_path / "outputs", dry_run=True,
                      notebook=FIXTURES / "laporan_tanpa_parameter.ipynb", kernel_name="tidak-ada",
                      progress=lambda s: None)
    message = str(info.value)
    assert "params_path, outputs_root" in message and "kernel 'tidak-ada' tidak terpasang" in message


def test_an_unknown_output_format_is_refused_before_anything_runs(tmp_path, monkeypatch):
    forbid_papermill(monkeypatch)
    with pytest.raises(RenderError, match="docx"):
        render_report(make_params(tmp_path), to=("docx",), outputs_root=tmp_path / "o", progress=lambda s: None)


# ---------------------------------------------------------------------------- failures keep the old report


def previous_report(outputs_root: Path) -> Path:
    folder = outputs_root / "uji" / "2024-S1"
    folder.mkdir(parents=True)
    for name in ("laporan.html", "laporan.ipynb", "ringkasan.json"):
        (folder / name).write_text(f"laporan lama: {name}\n", encoding="utf-8")
    return folder


@pytest.mark.notebook
def test_a_failing_cell_keeps_the_previous_report_and_saves_the_failed_notebook(tmp_path):
    folder = previous_report(tmp_path / "outputs")
    before = tree(folder)
    params = make_params(tmp_path / "params")
    with pytest.raises(RenderError) as info:
        render_report(params, outputs_root=tmp_path / "outputs", notebook=FIXTURES / "laporan_gagal.ipynb",
                      progress=lambda s: None)
    err = info.value
    assert (err.ename, err.evalue) == ("KeyError", "'U10'")
    assert "total = nilai['U10']" in str(err) and "BAB III Hasil Pengolahan" in str(err)
    assert f"sel [{err.cell}]" in str(err) and "_gagal" in str(err)
    after = tree(folder)
    assert {k: v for k, v in after.items() if not k.startswith("_gagal/")} == before
    failed = nbformat.read(folder / "_gagal" / "laporan.ipynb", as_version=4)
    errors = [o for c in failed.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert [e.ename for e in errors] == ["KeyError"]
    assert "KeyError" in (folder / "_gagal" / "galat.txt").read_text(encoding="utf-8")
    assert sorted(os.listdir(folder.parent)) == ["2024-S1"]
    assert err.failed_notebook == str(folder / "_gagal" / "laporan.ipynb")

    # The next good run replaces the whole folder, the old failure included.
    render_report(params, formats=["html"], outputs_root=tmp_path / "outputs",
                  notebook=FIXTURES / "laporan_uji.ipynb", progress=lambda s: None)
    assert sorted(os.listdir(folder)) == REPORT_FILES
    assert "laporan lama" not in (folder / "laporan.html").read_text(encoding="utf-8")


@pytest.mark.notebook
def test_a_cell_over_the_time_limit_fails_the_render_and_is_named(tmp_path):
    folder = previous_report(tmp_path / "outputs")
    before = tree(folder)
    with pytest.raises(RenderError) as info:
        render_report(make_params(tmp_path / "params"), outputs_root=tmp_path / "outputs", timeout=2,
                      notebook=FIXTURES / "laporan_lambat.ipynb", progress=lambda s: None)
    assert (info.value.ename, info.value.cell_source) == ("CellTimeoutError", "import time")
    assert "Bagian lambat" in str(info.value)
    assert {k: v for k, v in tree(folder).items() if not k.startswith("_gagal/")} == before
    assert (folder / "_gagal" / "laporan.ipynb").is_file()


def test_a_page_that_would_load_from_the_internet_is_refused(tmp_path):
    nb = nbformat.read(FIXTURES / "laporan_cdn.ipynb", as_version=4)
    nbformat.write(nb, tmp_path / "n.ipynb")
    with pytest.raises(RenderError, match="example.org"):
        export_html(tmp_path / "n.ipynb", tmp_path / "n.html")
    assert not (tmp_path / "n.html").exists()


def test_code_is_shown_only_when_asked(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("## Hasil"),
                                         nbformat.v4.new_code_cell("hitung_ikm(data)")])
    nbformat.write(nb, tmp_path / "n.ipynb")
    hidden = export_html(tmp_path / "n.ipynb", tmp_path / "a.html").read_text(encoding="utf-8")
    shown = export_html(tmp_path / "n.ipynb", tmp_path / "b.html", hide_code=False).read_text(encoding="utf-8")
    assert "hitung_ikm" not in hidden and "hitung_ikm" in shown
    assert external_references(shown) == []


def test_a_cell_tagged_daftar_isi_holds_the_table_of_contents(tmp_path):
    toc = nbformat.v4.new_markdown_cell("(daftar isi)")
    toc.metadata["tags"] = ["daftar-isi"]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("## Kata Pengantar"), toc,
                                         nbformat.v4.new_markdown_cell("## BAB I Pendahuluan")])
    nbformat.write(nb, tmp_path / "n.ipynb")
    soup = BeautifulSoup(export_html(tmp_path / "n.ipynb", tmp_path / "n.html").read_text(encoding="utf-8"),
                         "html.parser")
    nav = soup.select("nav.daftar-isi")
    assert len(nav) == 1 and nav[0].find_parent(class_="celltag_daftar-isi") is not None
    assert [a.get_text() for a in nav[0].select("a")] == ["Kata Pengantar", "BAB I Pendahuluan"]
    assert "(daftar isi)" not in soup.get_text()


# ---------------------------------------------------------------------------- folders replaced whole


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2", "two-renames"])
def test_a_finished_folder_replaces_the_old_one_whole(tmp_path, monkeypatch, exchange):
    if not exchange:
        monkeypatch.setattr(outputs, "_exchange", lambda a, b: False)
    target = tmp_path / "uji" / "2024-S1"
    target.mkdir(parents=True)
    (target / "lama.txt").write_text("lama", encoding="utf-8")
    (target / "_gagal").mkdir()
    new = outputs.staging_dir(target)
    (new / "laporan.html").write_text("baru", encoding="utf-8")
    outputs.replace_dir(new, target)
    assert tree(target) == {"laporan.html": b"baru"}
    assert os.listdir(target.parent) == ["2024-S1"]


def test_saving_a_failure_leaves_the_report_files_alone(tmp_path):
    target = tmp_path / "2024-S1"
    target.mkdir()
    (target / "laporan.html").write_text("baik", encoding="utf-8")
    outputs.save_failure(target, {"galat.txt": "pertama"})
    outputs.save_failure(target, {"galat.txt": "kedua", "laporan.ipynb": b"{}"})
    assert tree(target) == {"laporan.html": b"baik", "_gagal/galat.txt": b"kedua", "_gagal/laporan.ipynb": b"{}"}


def test_a_unit_folder_renders_missing_earlier_periods_then_the_latest(tmp_path, monkeypatch):
    folder = tmp_path / "params"
    for periode in ("2024-S1", "2023-S2", "2024-S2"):
        make_params(folder, periode=periode)
    done = tmp_path / "outputs" / "uji" / "2023-S2"
    done.mkdir(parents=True)
    (done / "ringkasan.json").write_text("{}", encoding="utf-8")
    rendered_paths = []
    monkeypatch.setattr(render, "render_report", lambda path, **kw: rendered_paths.append(Path(path).stem))
    render.render_folder(folder, outputs_root=tmp_path / "outputs", progress=lambda s: None)
    assert rendered_paths == ["2024-S1", "2024-S2"]


# ---------------------------------------------------------------------------- the bundled example


@pytest.mark.notebook
def test_example_every_semester_is_rendered_with_its_files(example):
    periods = sorted(p.stem for p in EXAMPLE.glob("*.yaml"))
    assert sorted(os.listdir(example.folder.parent)) == periods
    for periode in periods:
        files = sorted(os.listdir(example.folder.parent / periode))
        expected = REPORT_FILES
        if periode == periods[-1]:  # the latest with every format (earlier ones HTML only, to save time)
            expected = sorted([*REPORT_FILES, "laporan.pdf", "olah_data.xlsx", "infografis.png", "infografis_kotak.png",
                               "infografis_a4.pdf", "ringkasan_publik.html"])
        assert files == expected, periode


@pytest.mark.notebook
def test_example_report_has_every_chapter_of_the_outline(example):
    headings = [h.get_text(" ", strip=True) for h in example.soup.find_all(["h1", "h2"])]
    for chapter in ("I", "II", "III", "IV", "V"):
        assert any(re.match(rf"BAB {chapter}\b", h) for h in headings), (chapter, headings)
    assert any(h.startswith("Ringkasan") for h in headings) and any(h.startswith("Lampiran") for h in headings)


@pytest.mark.notebook
def test_example_lampiran_are_numbered_one_after_another(example):
    numbers = [int(m.group(1)) for h in example.soup.find_all("h2")
               if (m := re.match(r"Lampiran (\d+)\.", h.get_text(" ", strip=True)))]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 5, numbers


@pytest.mark.notebook
def test_example_report_shows_no_code_and_loads_nothing_from_the_internet(example):
    page, soup = example.page, example.soup
    assert not soup.select(".input, .input_area, .prompt")
    assert not re.search(r"<script[^>]*\bsrc\s*=\s*[\"']?(https?:)?//", page, re.I)
    assert not re.search(r"<link[^>]*\bhref\s*=\s*[\"']?(https?:)?//", page, re.I)
    assert external_references(page) == []
    notebook = nbformat.read(render.NOTEBOOK, as_version=4)
    text = soup.get_text()
    code_lines = [ln.strip() for c in notebook.cells if c.cell_type == "code" for ln in c.source.splitlines()
                  if len(ln.strip()) > 25 and not ln.strip().startswith("#")]
    assert code_lines and [ln for ln in code_lines if ln in text] == []


@pytest.mark.notebook
def test_example_report_states_the_ikm_of_ringkasan_json_with_a_decimal_comma(example):
    ikm = format_number(example.ringkasan["ikm_konversi"])
    assert "," in ikm and ikm in example.soup.get_text()
    assert example.ringkasan["periode"] == example.params["periode"]
    csv = example.params_path.parent / example.params["data"]["berkas"]
    assert example.ringkasan["sha256"] == hashlib.sha256(csv.read_bytes()).hexdigest()


@pytest.mark.notebook
def test_example_report_has_the_rtl_table_from_the_parameters(example):
    for entry in example.params["rtl"]:
        cells = [t for t in example.soup.find_all("table") if entry["program"] in t.get_text(" ")]
        assert cells, entry["program"]
        assert entry["penanggung_jawab"] in cells[0].get_text(" ")


@pytest.mark.notebook
def test_example_report_shows_the_trend_with_the_earlier_semesters(example):
    text = example.soup.get_text(" ")
    assert any("Tren" in h.get_text() for h in example.soup.find_all(["h2", "h3"]))
    earlier = sorted(p for p in os.listdir(example.folder.parent) if p < example.params["periode"])
    assert earlier
    for periode in earlier:
        data = json.loads((example.folder.parent / periode / "ringkasan.json").read_text(encoding="utf-8"))
        assert format_number(data["ikm_konversi"]) in text, periode
    for typed in example.params.get("riwayat", []):
        assert format_number(typed["ikm_konversi"]) in text


def captioned_table(soup, words: str):
    return next(t for t in soup.find_all("table") if t.caption and words in t.caption.get_text())


@pytest.mark.notebook
def test_example_report_has_the_additional_analysis_with_the_interval_of_ringkasan_json(example):
    soup, text = example.soup, example.soup.get_text(" ")
    top = [h.get_text(" ", strip=True) for h in soup.find_all("h1")]
    at = next(i for i, h in enumerate(top) if h.startswith("Analisis Tambahan"))
    assert top[at - 1].startswith("BAB V") and top[at + 1].startswith("LAMPIRAN")  # apart from the regulation's
    assert "Analisis Tambahan" in soup.select_one("nav.daftar-isi").get_text()
    lo, hi = example.ringkasan["ikm_konversi_ci95"]
    assert lo < example.ringkasan["ikm_konversi"] < hi
    assert "," in format_number(lo) and f"antara {format_number(lo)} dan {format_number(hi)}" in text
    table = captioned_table(soup, "Interval kepercayaan 95% nilai IKM")
    bootstrap_row = [td.get_text() for td in table.tbody.find("tr").find_all("td")]
    assert bootstrap_row[1:4] == [format_number(example.ringkasan["ikm_konversi"]), format_number(lo),
                                  format_number(hi)]
    extra = example.ringkasan["analisis_tambahan"]
    assert (extra["replikasi"], extra["seed"]) == (2000, 2017) and f"seed {extra['seed']}" in text
    alpha = extra["alpha_cronbach"]
    assert f"Alpha Cronbach 9 unsur = {format_number(alpha)}" in text
    change = extra["selisih"]
    assert f"{format_number(change['ci95'][0], 1)} hingga {format_number(change['ci95'][1], 1)}" in text
    assert ("bermakna secara statistik" in text) == change["bermakna"]


@pytest.mark.notebook
def test_example_trend_table_shows_the_interval_each_rendered_semester_recorded(example):
    table = captioned_table(example.soup, "Nilai IKM per periode")
    rows = {tr.find_all("td")[1].get_text(): [td.get_text() for td in tr.find_all("td")]
            for tr in table.tbody.find_all("tr")}
    rendered = sorted(os.listdir(example.folder.parent))
    for periode in rendered:
        data = json.loads((example.folder.parent / periode / "ringkasan.json").read_text(encoding="utf-8"))
        lo, hi = data["ikm_konversi_ci95"]
        assert [format_number(lo), format_number(hi)] == rows[data["periode_label"]][5:7], periode
    for typed in example.params.get("riwayat", []):
        label = next(k for k, v in rows.items() if v[4] == format_number(typed["ikm_konversi"]))
        assert rows[label][5:7] == ["–", "–"]


@pytest.mark.notebook
def test_example_outputs_never_publish_phone_numbers_e_mail_or_nik(example):
    raw = pd.read_csv(example.params_path.parent / example.params["data"]["berkas"], sep=None, engine="python",
                      dtype=str, encoding="utf-8-sig")
    saran = " ".join(raw[example.params["data"]["kolom"]["saran"]].dropna())
    secrets = re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", saran) + re.findall(r"\b\d{16}\b", saran)
    secrets += [re.sub(r"\D", "", p) for p in re.findall(r"(?:\+62|\b0)8[\d -]{7,14}\d", saran)]
    assert secrets, "the example should carry contact details to mask"
    for name in ("laporan.html", "laporan.ipynb", "ringkasan.json"):
        published = (example.folder / name).read_text(encoding="utf-8")
        digits = re.sub(r"\D", "", published)
        leaked = [s for s in secrets if s in published or (s.isdigit() and len(s) >= 10 and s in digits)]
        assert leaked == [], name


def test_cli_dry_run_on_the_example_executes_nothing(tmp_path, monkeypatch, capsys):
    forbid_papermill(monkeypatch)
    latest = max(EXAMPLE.glob("*.yaml"), key=lambda p: p.stem)
    assert main(["render", str(latest), "--dry-run", "--keluaran", str(tmp_path / "o")]) == 0
    out = capsys.readouterr().out
    assert "[4/4]" in out and "tidak ada yang ditulis" in out and not (tmp_path / "o").exists()


def test_published_folders_and_files_get_ordinary_permissions(tmp_path):
    from ikm_utils.publish.ringkasan import write_json

    mask = outputs.umask()
    folder = outputs.staging_dir(tmp_path / "2024-S1")
    written = write_json({"a": 1}, folder / "ringkasan.json")
    assert folder.stat().st_mode & 0o777 == 0o777 & ~mask
    assert written.stat().st_mode & 0o777 == 0o666 & ~mask


def test_a_cover_drawn_by_the_notebook_opens_the_page_and_replaces_the_default_one(tmp_path):
    def html_cell(markup):
        cell = nbformat.v4.new_code_cell("show()")
        cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": markup})]
        return cell

    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("persiapan = 1"),  # no output: nothing of it reaches the page
        html_cell('<style>.x{}</style><section class="sampul no-toc"><h1 class="judul">Sampul buatan notebook</h1>'
                  "</section>"),
        nbformat.v4.new_markdown_cell("# Kata Pengantar"),
    ])
    nbformat.write(nb, tmp_path / "n.ipynb")
    page = export_html(tmp_path / "n.ipynb", tmp_path / "n.html", cover={"judul": "Sampul bawaan"}).read_text(
        encoding="utf-8"
    )
    main_el = BeautifulSoup(page, "html.parser").select_one("main.laporan")
    first = main_el.find(True)
    assert first.name == "section" and "Sampul buatan notebook" in first.get_text()
    assert "Sampul bawaan" not in page and ".x{}" in page
    assert len(main_el.select("div.cell")) == 1  # the Kata Pengantar; empty cells are gone


@pytest.mark.notebook
def test_a_workbook_that_cannot_be_written_keeps_the_previous_report_whole(tmp_path, monkeypatch):
    from ikm_utils.publish import publication

    folder = previous_report(tmp_path / "outputs")
    before = tree(folder)

    def broken(ctx, staging):
        (staging / "olah_data.xlsx").write_bytes(b"setengah")
        raise OSError("disk penuh")

    monkeypatch.setitem(publication._WRITERS, "xlsx", broken)
    with pytest.raises(RenderError, match="Membuat olah_data.xlsx gagal: OSError: disk penuh"):
        render_report(make_params(tmp_path / "params"), formats=["html", "xlsx"], outputs_root=tmp_path / "outputs",
                      notebook=FIXTURES / "laporan_uji.ipynb", progress=lambda s: None)
    after = tree(folder)
    assert {k: v for k, v in after.items() if not k.startswith("_gagal/")} == before
    assert "disk penuh" in after["_gagal/galat.txt"].decode("utf-8")
    assert [p.name for p in folder.parent.iterdir()] == ["2024-S1"]  # no staging folder left
