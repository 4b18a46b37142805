"""Performance figures, one ``name: value`` per line (``make bench``; not part of ``make test``).

Targets (issue 2): compute_vs_numpy <= 30, peak_rss_mb <= 600. Issue 3: ingest_csv_1m_s < 3.
Issue 10: render_pdf_s <= 9 (one semester, HTML + PDF).
Issue 11: render_all_s <= 10 (HTML + PDF + XLSX + PNGs of the example's latest semester).
Issue 14: with 100,000 respondents, <= 2 x the example's render with the same formats
(render_100k_vs_example: HTML only, render_100k_html_s / render_html_s; render_100k_vs_example_all:
every format, render_100k_s / render_all_s; the 100k renders run through the CLI, start-up included),
render_100k_html_mb <= 5,
render_100k_peak_rss_mb <= 1500 (the largest process of the render: the CLI or the kernel).
Issue 12: batch_speedup_2jobs >= 1.7 (2 cores), batch_resume_s <= 3 (all 12 unchanged, whole command).
Publication formats: publication_100k_xlsx_s <= 4, png kit <= 1 (publication_100k_png_s, infographic_kit_s; CPU figures
``*_cpu_s`` beside them: a busy machine inflates wall time).

``python benchmarks/bench.py batch rollup`` runs only the named groups (compute, ingest, render,
render_100k, workbook, publication_100k, stats, batch, rollup).
"""

from __future__ import annotations

import resource
import statistics
import time
from collections.abc import Callable

import numpy as np
import pandas as pd

from ikm_utils.method.compute import compute_ikm

N_ROWS = 1_000_000
CODES = [f"U{i}" for i in range(1, 10)]
LAYANAN = [f"Layanan {chr(65 + i)}" for i in range(12)]


def median_seconds(func: Callable[[], object], runs: int = 5) -> float:
    """Median wall time of ``runs`` calls."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def synthetic_scores(n: int = N_ROWS, seed: int = 2017) -> pd.DataFrame:
    """n respondents x 9 unsur (int8, 1-4) with a 12-value jenis layanan column."""
    rng = np.random.default_rng(seed)
    matrix = rng.choice(np.array([1, 2, 3, 4], dtype=np.int8), size=(n, len(CODES)), p=[0.05, 0.15, 0.5, 0.3])
    df = pd.DataFrame(matrix, columns=CODES)
    df["jenis_layanan"] = pd.Categorical.from_codes(rng.integers(0, len(LAYANAN), n), LAYANAN)
    return df


def bench_compute() -> dict[str, float]:
    df = synthetic_scores()
    matrix = df[CODES].to_numpy()
    compute = median_seconds(lambda: compute_ikm(df, by="jenis_layanan"))
    colsum = median_seconds(lambda: matrix.sum(axis=0))
    return {"compute_1m_s": compute, "numpy_colsum_1m_s": colsum, "compute_vs_numpy": compute / colsum}


#: The questions of the 14/2017 model questionnaire, as a Google Form puts them in the header.
QUESTIONS = [
    "1. Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
    "2. Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
    "3. Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
    "4. Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
    "5. Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar "
    "pelayanan dengan hasil yang diberikan?",
    "6. Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
    "7. Bagaimana pendapat saudara perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
    "8. Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
    "9. Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
]


def google_forms_csv(path, n: int = N_ROWS, seed: int = 2017) -> None:
    """Write an n-row Google-Forms-like export: question headers, answer text, Indonesian timestamps."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    from ikm_utils.method.schemes import get_scheme

    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2024-01-02 08:00:00")
    stamps = start + pd.to_timedelta(np.cumsum(rng.integers(1, 15, n)), unit="s")
    cols = {
        "Cap waktu": pa.array(stamps.strftime("%d/%m/%Y %H.%M.%S")),
        "Jenis Kelamin": pa.array(np.array(["Laki-laki", "Perempuan"])[rng.integers(0, 2, n)]),
        "Usia (tahun)": pa.array(rng.integers(17, 70, n).astype(str)),
        "Pendidikan terakhir": pa.array(np.array(["SD", "SMP", "SMA/SMK", "D3", "S1", "S2"])[rng.integers(0, 6, n)]),
        "Pekerjaan": pa.array(np.array(["PNS", "Swasta", "Wiraswasta", "Lainnya"])[rng.integers(0, 4, n)]),
        "Jenis layanan yang diterima": pa.array(np.array(LAYANAN)[rng.integers(0, len(LAYANAN), n)]),
    }
    for question, unsur in zip(QUESTIONS, get_scheme("permen14_2017").unsur, strict=True):
        labels = np.array([*unsur.label, *(t.upper() for t in unsur.label)])
        pick = rng.choice(4, size=n, p=[0.05, 0.15, 0.5, 0.3]) + 4 * (rng.random(n) < 0.1)
        cols[question] = pa.array(labels[pick])
    saran = np.where(rng.random(n) < 0.2, "Pelayanan sudah baik, pertahankan", "")
    cols["Saran dan masukan"] = pa.array(saran)
    pacsv.write_csv(pa.table(cols), path, pacsv.WriteOptions(quoting_style="needed"))


def bench_ingest() -> dict[str, float]:
    """Read + recognise + map + validate a 1,000,000-row Google-Forms-like CSV of answer text."""
    import tempfile
    from pathlib import Path

    from ikm_utils.intake.ingest import load_responses

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "google_forms_1m.csv"
        google_forms_csv(path)
        responses = load_responses(path, "permen14_2017")
        assert len(responses.data) == N_ROWS and not responses.errors, responses.problems[:3]
        seconds = median_seconds(lambda: load_responses(path, "permen14_2017"), runs=3)
    return {"ingest_csv_1m_s": seconds}


def _cpu_seconds() -> float:
    """CPU time of this process and its finished children (the kernels): a figure a busy machine
    does not inflate, unlike wall time."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def bench_render(runs: int = 3) -> dict[str, float]:
    """``ikm render`` for the example's latest semester (kernel start to report moved in): HTML alone,
    HTML + PDF (issue 10 target: render_pdf_s <= 9 s), the PDF step alone,
    and every format (render_all: HTML, PDF, olah_data.xlsx, the
    infographic kit; issue 11 target <= 10 s); wall and CPU seconds.

    Each is run ``runs`` times, in turn; the figure is the median, ``*_min_s``/``*_max_s`` the
    spread (a render on this machine varies by a second or two from run to run).
    """
    import statistics
    import tempfile
    from functools import partial
    from pathlib import Path

    from ikm_utils.publish.pdf import html_to_pdf, pdf_available
    from ikm_utils.publish.render import render_report

    params = max((Path(__file__).resolve().parents[1] / "params" / "contoh").glob("*.yaml"), key=lambda p: p.stem)
    walls: dict[str, list[float]] = {}
    cpus: dict[str, list[float]] = {}

    def timed(name: str, func: Callable[[], object]) -> object:
        wall, cpu = time.perf_counter(), _cpu_seconds()
        result = func()
        walls.setdefault(name, []).append(time.perf_counter() - wall)
        cpus.setdefault(name, []).append(_cpu_seconds() - cpu)
        return result

    with tempfile.TemporaryDirectory() as tmp:
        quiet = {"progress": lambda line: None}
        for i in range(runs):
            root = Path(tmp) / str(i)
            result = timed("render_html", partial(render_report, params, formats=["html"],
                                                  outputs_root=root / "html", **quiet))
            if pdf_available():
                timed("render_pdf", partial(render_report, params, formats=["html", "pdf"],
                                            outputs_root=root / "pdf", **quiet))
                timed("pdf_only", partial(html_to_pdf, result.html, root / "laporan.pdf"))
            timed("render_all", partial(render_report, params, formats=None, outputs_root=root / "all", **quiet))
    out: dict[str, float] = {}
    for name, values in walls.items():
        out[f"{name}_s"] = statistics.median(values)
        out[f"{name}_cpu_s"] = statistics.median(cpus[name])
        out[f"{name}_min_s"], out[f"{name}_max_s"] = min(values), max(values)
    return out


N_RENDER = 100_000


def big_unit(folder, n: int = N_RENDER, seed: int = 2017):
    """A parameter folder with an n-respondent Google-Forms-like export (20% write one of 5,000 saran)."""
    from pathlib import Path

    folder = Path(folder)
    (folder / "data").mkdir(parents=True, exist_ok=True)
    google_forms_csv(folder / "data" / "2024-S1.csv", n=n, seed=seed)
    raw = pd.read_csv(folder / "data" / "2024-S1.csv", dtype=str, keep_default_na=False)
    rng = np.random.default_rng(seed)
    raw["Saran dan masukan"] = np.where(rng.random(n) < 0.2,
                                        [f"Saran nomor {k}: antrian dan loket" for k in rng.integers(0, 5000, n)], "")
    raw.to_csv(folder / "data" / "2024-S1.csv", index=False)
    params = folder / "2024-S1.yaml"
    params.write_text("unit: {nama: Dinas Besar, slug: besar}\nperiode: 2024-S1\npopulasi: 1000000\n"
                      "data: {berkas: data/2024-S1.csv}\n", encoding="utf-8")
    return params


def bench_render_100k() -> dict[str, float]:
    """``ikm render`` of 100,000 respondents in a child process: wall time, page size, peak memory."""
    import subprocess
    import sys
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        params = big_unit(Path(tmp) / "params")
        out = Path(tmp) / "outputs"
        command = [sys.executable, "-m", "ikm_utils.cli", "render", str(params), "--keluaran", str(out)]
        start = time.perf_counter()
        subprocess.run([*command, "--ke", "html"], check=True, stdout=subprocess.DEVNULL)
        html_seconds = time.perf_counter() - start
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        seconds = time.perf_counter() - start
        # the largest finished child process so far (the CLI or its kernel; the example's are smaller)
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        folder = out / "besar" / "2024-S1"
        return {
            "render_100k_html_s": html_seconds,
            "render_100k_s": seconds,
            "render_100k_html_mb": (folder / "laporan.html").stat().st_size / 1e6,
            "render_100k_ipynb_mb": (folder / "laporan.ipynb").stat().st_size / 1e6,
            "render_100k_peak_rss_mb": peak / 1024,
        }
def _timed_formats(ctx, folder, names: dict[str, str]) -> dict[str, float]:
    """Wall and CPU seconds of ``write_format`` for each format (``{"xlsx": "workbook_10000", ...}``), in order:
    the first ``png`` of a process includes importing matplotlib, as in ``ikm render``."""
    from ikm_utils.publish.publication import write_format

    out: dict[str, float] = {}
    for fmt, name in names.items():
        wall, cpu = time.perf_counter(), time.process_time()
        write_format(fmt, ctx, folder)
        out[f"{name}_s"], out[f"{name}_cpu_s"] = time.perf_counter() - wall, time.process_time() - cpu
    return out


def bench_workbook(n: int = 10_000) -> dict[str, float]:
    """olah_data.xlsx (live formulas) and the infographic kit for ``n`` synthetic respondents."""
    import tempfile
    from pathlib import Path

    import yaml

    from ikm_utils.report.context import prepare_report

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        synthetic_scores(n).to_csv(folder / "data.csv", index=False)
        raw = {"unit": {"nama": "Uji"}, "periode": "2024-S1", "data": {"berkas": "data.csv"}}
        (folder / "p.yaml").write_text(yaml.safe_dump(raw), encoding="utf-8")
        ctx = prepare_report(folder / "p.yaml", outputs_root=folder)
        return _timed_formats(ctx, folder, {"xlsx": f"workbook_{n}", "png": "infographic_kit"})


def bench_publication_100k() -> dict[str, float]:
    """olah_data.xlsx (target <= 4 s) and the infographic kit (<= 1 s) of the 100,000-respondent unit
    of :func:`big_unit` (``publication_100k_xlsx_s``, ``publication_100k_png_s``; CPU seconds beside them)."""
    import tempfile
    from pathlib import Path

    from ikm_utils.report.context import prepare_report

    with tempfile.TemporaryDirectory() as tmp:
        ctx = prepare_report(big_unit(Path(tmp) / "params"), outputs_root=Path(tmp) / "outputs")
        return _timed_formats(ctx, Path(tmp), {"xlsx": "publication_100k_xlsx", "png": "publication_100k_png"})


def bench_stats() -> dict[str, float]:
    """Bootstrap interval (2000 replicates) of the IKM and every NRR for 1000 respondents; Cronbach's alpha."""
    from ikm_utils.stats.intervals import bootstrap_ci
    from ikm_utils.stats.reliability import cronbach_alpha

    df = synthetic_scores(1000, seed=5)
    bootstrap_ci(df)  # warm-up
    blanks = df[CODES].astype(float).mask(np.random.default_rng(6).random((1000, len(CODES))) < 0.05)
    large = synthetic_scores(10_000, seed=7)
    return {
        "bootstrap_2000x1000_s": median_seconds(lambda: bootstrap_ci(df)),
        "bootstrap_2000x1000_blanks_s": median_seconds(lambda: bootstrap_ci(blanks)),
        "bootstrap_2000x10000_s": median_seconds(lambda: bootstrap_ci(large), runs=3),
        "alpha_bootstrap_2000x1000_s": median_seconds(lambda: cronbach_alpha(df, method="bootstrap")),
    }


def bench_batch() -> dict[str, float]:
    """``ikm batch`` on the 12 units of params/contoh-kabupaten (the broken unit's data replaced by a good file).

    12 renders with 1 process, then with 2 (fresh outputs each); then the whole ``ikm batch`` command
    again with nothing changed (every unit skipped).
    """
    import shutil
    import subprocess
    import sys
    import tempfile
    from pathlib import Path

    from ikm_utils.publish.batch import run_batch

    example = Path(__file__).resolve().parents[1] / "params" / "contoh-kabupaten"
    with tempfile.TemporaryDirectory() as tmp:
        params = Path(tmp) / "params"
        shutil.copytree(example, params)
        shutil.copyfile(params / "dlh" / "data" / "2025-S2.csv", params / "dishub" / "data" / "2025-S2.csv")
        out = {}
        for jobs in (1, 2):
            start = time.perf_counter()
            report = run_batch([params], jobs=jobs, outputs_root=Path(tmp) / f"out{jobs}", progress=False)
            out[f"batch_12_jobs{jobs}_s"] = time.perf_counter() - start
            assert report.count("selesai") == 12, [o.galat for o in report.failed]
        out["batch_speedup_2jobs"] = out["batch_12_jobs1_s"] / out["batch_12_jobs2_s"]
        ikm = Path(sys.executable).with_name("ikm")
        start = time.perf_counter()
        done = subprocess.run([str(ikm), "batch", str(params), "--keluaran", str(Path(tmp) / "out2"),
                               "--tanpa-progres"], capture_output=True, text=True, check=True)
        out["batch_resume_s"] = time.perf_counter() - start
        assert "12 dilewati" in done.stdout, done.stdout
    return out


def bench_rollup(n_units: int = 60) -> dict[str, float]:
    """``ikm rekap`` of 60 units (two periods each, for the trend) from synthetic ringkasan.json files."""
    import tempfile
    from pathlib import Path

    from ikm_utils.publish.ringkasan import write_json
    from ikm_utils.publish.rollup import render_rollup

    rng = np.random.default_rng(12)
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i in range(n_units):
            n = int(rng.integers(9, 400))
            for periode in ("2025-S1", "2025-S2"):
                result = compute_ikm(synthetic_scores(n, seed=i * 2 + (periode == "2025-S2")))
                ikm = float(result.total.ikm_konversi)
                folder = Path(tmp) / "outputs" / f"unit-{i:02d}" / periode
                folder.mkdir(parents=True)
                write_json({"unit": {"nama": f"Unit Pelayanan {i + 1:02d}", "slug": f"unit-{i:02d}",
                                     "instansi": "Pemerintah Kabupaten Bench"}, "periode": periode,
                            **result.to_dict(), "ikm_konversi_ci95": [ikm - 3, ikm + 3]}, folder / "ringkasan.json")
                if periode == "2025-S2":
                    paths.append(folder / "ringkasan.json")
        start = time.perf_counter()
        render_rollup(paths, outputs_root=Path(tmp) / "outputs", progress=lambda line: None)
        return {"rollup_60_units_s": time.perf_counter() - start}


GROUPS = {"compute": None, "ingest": bench_ingest, "render": bench_render, "render_100k": bench_render_100k,
          "workbook": bench_workbook, "publication_100k": bench_publication_100k,
          "stats": bench_stats, "batch": bench_batch, "rollup": bench_rollup}


def main(groups: list[str] | None = None) -> None:
    groups = groups or list(GROUPS)
    figures: dict[str, float] = {}
    if "compute" in groups:
        figures = bench_compute()
        figures["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for name in groups:  # after peak_rss_mb: that target is about compute alone
        if GROUPS.get(name) is not None:
            figures.update(GROUPS[name]())
    if "render_100k_html_s" in figures and "render_html_s" in figures:  # the same formats on both sides
        figures["render_100k_vs_example"] = figures["render_100k_html_s"] / figures["render_html_s"]
    if "render_100k_s" in figures and "render_all_s" in figures:
        figures["render_100k_vs_example_all"] = figures["render_100k_s"] / figures["render_all_s"]
    for name, value in figures.items():
        print(f"{name}: {value:.4g}")


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
