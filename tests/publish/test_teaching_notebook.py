"""The teaching notebook: committed clean, and run on the bundled class, a 15-respondent class with blanks
and an empty form, a 14-unsur class under KepMenPAN 25/2004, and a real export.

Kernels run with papermill (kernel ``python3``, a cell timeout); tests/conftest.py points
MPLCONFIGDIR, IPYTHONDIR and JUPYTER_RUNTIME_DIR at a temporary folder for the whole session.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat
import papermill as pm
import pytest
from bs4 import BeautifulSoup

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "report"))
from lesson_classes import BUNDLED, GIANYAR, GIANYAR_COLUMNS, REALDATA, class_14_unsur, class_15  # noqa: E402

from ikm_utils.cli import main  # noqa: E402
from ikm_utils.errors import DataValidationError, IkmError, RenderError  # noqa: E402
from ikm_utils.method.indonesian import format_number  # noqa: E402
from ikm_utils.publish.teaching import EXAMPLE_DATA, NOTEBOOK, render_teaching, teaching_parameters  # noqa: E402
from ikm_utils.report.lesson import prepare_lesson  # noqa: E402
from ikm_utils.report.lesson_check import Latihan, answer_values  # noqa: E402

TIMEOUT = 180


def outputs_text(nb: nbformat.NotebookNode) -> str:
    """Everything the executed cells printed (Markdown and HTML tables)."""
    parts = []
    for c in nb.cells:
        for o in c.get("outputs", []) if c.cell_type == "code" else []:
            data = o.get("data", {})
            parts.append(data.get("text/markdown") or data.get("text/html") or o.get("text", ""))
    return "\n".join(parts)


def page_text(html: Path) -> str:
    return BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").get_text(" ")


def assert_counts_are_n(shown: str, n: int) -> None:
    """Every respondent count the page prints is the counted n."""
    assert f"**{n} responden**" in shown
    bold = [int(x) for x in re.findall(r"\*\*(\d+) responden\*\*", shown)]
    assert bold == [n]
    assert [int(x) for x in re.findall(r"punya (\d+) responden", shown)] == [n]
    assert {int(x) for x in re.findall(r"\bn = (\d+)", shown)} <= {n}


def assert_answers_not_printed(text: str, latihan: Latihan) -> None:
    for value in answer_values(latihan)[:2]:
        assert not re.search(rf"(?<![\d,]){re.escape(value)}(?![\d])", text), value


# --- the committed file ----------------------------------------------------------------------------


def test_notebook_is_committed_without_outputs_or_execution_counts():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.outputs == [] and c.execution_count is None for c in code)
    assert nb.metadata.kernelspec.name == "python3"


def test_first_code_cell_holds_the_parameters_and_every_cell_is_short():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    first = next(c for c in nb.cells if c.cell_type == "code")
    assert "parameters" in first.metadata.tags
    assert set(pm.inspect_notebook(str(NOTEBOOK))) == {"data_path", "scheme_id", "population", "seed", "replicates",
                                                       "varian", "opsi_data"}
    assert max(len(c.source.splitlines()) for c in nb.cells if c.cell_type == "code") <= 18


def test_no_cell_holds_an_answer_and_no_text_is_fixed_to_one_scheme():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert not any("jawaban" in c.metadata.get("tags", []) for c in nb.cells)
    assert not any(c.metadata.get("jupyter", {}).get("source_hidden") for c in nb.cells)
    fixed = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    for scheme_bound in ("U9", "1/9", "0,111", "99,90", "64,99", "88,31", "14 Tahun 2017", "76,605"):
        assert scheme_bound not in fixed, scheme_bound
    for heading in ("Jumlah nilai dan NRR", "Jebakan 1", "Krejcie & Morgan", "Seberapa pasti", "Latihan"):
        assert heading in fixed
    assert "√(1 − n/N)" in fixed


def test_teaching_parameters_are_checked_before_any_kernel_starts(tmp_path):
    with pytest.raises(IkmError, match="berkas data tidak ditemukan.*skema 'x' tidak dikenal.*varian"):
        teaching_parameters(tmp_path / "nope.csv", scheme_id="x", varian=-1)
    assert teaching_parameters(EXAMPLE_DATA)["data_path"] == str(EXAMPLE_DATA.resolve())


def _no_kernel(*args, **kwargs):
    raise AssertionError("a kernel was started")


def test_data_errors_unsur_count_and_n_stop_before_a_kernel(tmp_path, monkeypatch, capsys):
    import ikm_utils.publish.render as render

    monkeypatch.setattr(render, "execute_notebook", _no_kernel)
    bad = tmp_path / "salah.csv"
    bad.write_text("U1,U2,U3,U4,U5,U6,U7,U8,U9\n4,4,4,4,4,4,4,4,7\n", encoding="utf-8")
    with pytest.raises(DataValidationError):
        render_teaching(bad, tmp_path / "out", progress=lambda s: None)
    assert main(["ajar", "--data", str(bad), "--keluar", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "salah.csv" in err and "U9" in err and "7" in err
    with pytest.raises(IkmError, match="--skema kepmenpan25_2004"):
        render_teaching(class_14_unsur(tmp_path), tmp_path / "out", progress=lambda s: None)
    with pytest.raises(IkmError, match="N = 5 lebih kecil"):
        render_teaching(None, tmp_path / "out", population=5, progress=lambda s: None)
    assert not (tmp_path / "out").exists()


def test_a_failed_run_keeps_the_previous_lesson_and_saves_the_failure(tmp_path, monkeypatch):
    import ikm_utils.publish.render as render

    out = tmp_path / "ajar"
    out.mkdir()
    (out / "metode_ikm.html").write_text("pelajaran lama", encoding="utf-8")

    def failing(nb, output, params, **kwargs):
        Path(output).write_text("{}", encoding="utf-8")
        raise RenderError("Notebook gagal di sel [3]: ValueError: rusak", ename="ValueError", evalue="rusak")

    monkeypatch.setattr(render, "execute_notebook", failing)
    with pytest.raises(RenderError, match="_gagal"):
        render_teaching(None, out, progress=lambda s: None)
    assert (out / "metode_ikm.html").read_text(encoding="utf-8") == "pelajaran lama"
    assert "ValueError: rusak" in (out / "_gagal" / "galat.txt").read_text(encoding="utf-8")
    assert (out / "_gagal" / "metode_ikm.ipynb").is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["ajar"]  # no staging folder left behind


# --- execution on four classes ----------------------------------------------------------------------


@pytest.mark.notebook
def test_ikm_ajar_on_the_bundled_class(tmp_path, capsys):
    assert main(["ajar", "--keluar", str(tmp_path), "--seed", "5", "--replikasi", "500"]) == 0
    assert "Buku ajar:" in capsys.readouterr().out
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["kunci_jawaban.pdf", "lembar_kerja.pdf", "metode_ikm.html", "metode_ikm.ipynb", "metode_ikm.xlsx"]
    nb = nbformat.read(tmp_path / "metode_ikm.ipynb", as_version=4)
    shown = outputs_text(nb)
    les = prepare_lesson(BUNDLED)
    assert_counts_are_n(shown, 10)
    assert "IKM unit = 3,5346 × 25 = **88,36**" in shown and "0,111 × 9 × 4 × 25 = **99,90**" in shown
    assert "0,11 × 9 × 4 × 25 = **99,00**" in shown and "88,28" in shown and "87,50" in shown
    assert "karena **IKM skala 1–4 dibulatkan**" in shown
    assert re.search(r"\d+% replikasi di A dan \d+% replikasi di B", shown)
    page = (tmp_path / "metode_ikm.html").read_text(encoding="utf-8")
    assert "compute_ikm" in page and "highlight" in page  # code is visible
    assert "font-size: 19px" in page and "white-space: pre;" in page  # projector view
    assert "<script" not in page and not re.search(r'(src|href)="(https?:)?//', page) and "<details" not in page
    assert_answers_not_printed(page_text(tmp_path / "metode_ikm.html"), Latihan(les))
    executed = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert "seed = 5" in executed[0].source


@pytest.mark.notebook
def test_a_class_of_15_with_blanks_and_an_empty_form(tmp_path):
    path = class_15(tmp_path)
    result = render_teaching(path, tmp_path / "ajar", population=60, seed=3, replicates=500, progress=lambda s: None)
    shown = outputs_text(nbformat.read(result.notebook, as_version=4))
    les = prepare_lesson(path, population=60)
    assert_counts_are_n(shown, 15)
    assert "16 responden" not in shown and "4 × 16" not in shown
    assert "1 lembar tanpa satu pun jawaban unsur tidak dihitung: baris 11" in shown
    assert "Ada **4 jawaban kosong**" in shown and "n menjadi 16" in shown
    soup = BeautifulSoup(result.html.read_text(encoding="utf-8"), "html.parser")
    table = soup.select_one("table.tabel-jawaban")
    rows = table.select("tbody tr")
    assert len(rows) == 17 and rows[-2].th.get_text(strip=True) == "Σ Jumlah nilai"
    sums = [c.get_text(strip=True) for c in rows[-2].select("td")]
    assert sums == [str(int(s)) for s in les.sums]
    u1 = [c.get_text(strip=True) for c in (r.select("td")[0] for r in rows[:-2])]
    assert sum(int(v) for v in u1 if v != "–") == int(sums[0]) and u1.count("–") == 1
    assert_answers_not_printed(page_text(result.html), Latihan(les))


@pytest.mark.notebook
def test_a_14_unsur_class_under_kepmenpan_25_2004(tmp_path):
    path = class_14_unsur(tmp_path)
    result = render_teaching(path, tmp_path / "ajar", scheme_id="kepmenpan25_2004", population=200,
                             replicates=500, progress=lambda s: None)
    nb = nbformat.read(result.notebook, as_version=4)
    shown = outputs_text(nb)
    assert_counts_are_n(shown, 12)
    assert "k = 14 unsur, kolom U1…U14" in shown and "w = 1/14" in shown
    assert "0,071 × 14 × 4 × 25 = **99,40**" in shown and "81,25 | 81,26" in shown
    assert "tidak punya jawaban kosong" in shown
    without_trap_5 = shown.replace(next(s for s in shown.split("\n") if s.startswith("IKM unit kelas ini")), "")
    for wrong in ("1/9", "0,111", "99,90", "88,30 | 88,31", "U1…U9", "14 Tahun 2017"):
        assert wrong not in without_trap_5, wrong
    assert "<th" in shown and ">U14<" in shown


@pytest.mark.notebook
@pytest.mark.realdata
@pytest.mark.skipif(not REALDATA.exists(), reason="../shared/realdata tidak ada")
def test_a_real_export_with_its_questionnaire_order(tmp_path):
    out = tmp_path / "ajar"
    args = ["ajar", "--data", str(GIANYAR), "--keluar", str(out), "--populasi", "5000", "--replikasi", "500",
            "--kebijakan", "exclude"]  # its timestamps show two double submissions (same second, same answers)
    for code, header in GIANYAR_COLUMNS.items():
        args += ["--kolom", f"{code}={header}"]
    assert main(args) == 0
    shown = outputs_text(nbformat.read(out / "metode_ikm.ipynb", as_version=4))
    les = prepare_lesson(GIANYAR, options={"columns": GIANYAR_COLUMNS, "policy": "exclude"}, population=5000)
    assert_counts_are_n(shown, 199)
    assert f"**{format_number(les.konversi)}**" in shown
    assert "interval 95%" in shown and "faktor √(1 − n/N)" in shown


def test_ikm_ajar_takes_data_scheme_columns_and_n_from_a_parameter_file(tmp_path, monkeypatch):
    import ikm_utils.publish.teaching as teaching

    seen = {}

    def fake(data, out_dir, **kwargs):
        seen.update(kwargs, data=data)
        lesson = teaching.check_lesson(teaching_parameters(data, scheme_id=kwargs["scheme_id"],
                                                           population=kwargs["population"],
                                                           options=kwargs["options"]))
        seen["n"] = lesson.n
        return teaching.TeachingResult(Path(out_dir), {k: Path(out_dir) / v for k, v in teaching.FILES.items()})

    monkeypatch.setattr(teaching, "render_teaching", fake)
    params = Path(__file__).resolve().parents[2] / "params" / "contoh" / "2024-S2.yaml"
    assert main(["ajar", "--params", str(params), "--keluar", str(tmp_path), "--varian", "4"]) == 0
    assert seen["data"].name == "2024-S2.csv" and seen["population"] == 5600 and seen["varian"] == 4
    assert seen["options"].columns and seen["scheme_id"] == "permen14_2017" and seen["n"] > 0
    assert main(["ajar", "--data", str(EXAMPLE_DATA), "--kolom", "U8=U8", "--kode-huruf", "--keluar",
                 str(tmp_path)]) == 0
    assert seen["options"].letter_codes and seen["population"] == 120
