"""Performance figures, one ``name: value`` per line (``make bench``; not part of ``make test``).

Targets (issue 2): compute_vs_numpy <= 30, peak_rss_mb <= 600.
"""

from __future__ import annotations

import resource
import statistics
import time
from collections.abc import Callable

import numpy as np
import pandas as pd

from ikm_utils.compute import compute_ikm

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


def main() -> None:
    figures = bench_compute()
    figures["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for name, value in figures.items():
        print(f"{name}: {value:.4g}")


if __name__ == "__main__":
    main()
