"""Class data sets for the lesson tests: written into a test's folder, never committed.

- ``class_15``: 15 respondents with four blank answers, and one empty questionnaire (16 data rows);
- ``class_14_unsur``: 12 respondents answering the 14 unsur of KepMenPAN 25/2004, complete;
- ``class_complete``: 12 respondents, 9 unsur, no blank.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ikm_utils.publish.teaching import EXAMPLE_DATA

REALDATA = Path(__file__).resolve().parents[3] / "shared" / "realdata"
GIANYAR = REALDATA / "skm_polres_gianyar_skck_2020.csv"
#: Gianyar's questionnaire puts sarana 8th and pengaduan 9th (SOURCES.md).
GIANYAR_COLUMNS = {"U8": "u9", "U9": "u8"}
BUNDLED = EXAMPLE_DATA


def _scores(rows: int, k: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return rng.choice([2, 3, 4], p=[0.15, 0.5, 0.35], size=(rows, k)).astype(float)


def class_15(folder: Path) -> Path:
    """15 answered questionnaires (blanks at U1 r3, U4 r7, U8 r7, U8 r12) and an empty one as the 10th row."""
    x = _scores(15, 9, 15)
    for r, c in ((2, 0), (6, 3), (6, 7), (11, 7)):
        x[r, c] = np.nan
    df = pd.DataFrame(x, columns=[f"U{i}" for i in range(1, 10)])
    df.insert(0, "jenis_kelamin", ["L", "P"] * 7 + ["L"])
    empty = pd.DataFrame([{"jenis_kelamin": "P"}])
    df = pd.concat([df.iloc[:9], empty, df.iloc[9:]], ignore_index=True)
    path = folder / "kelas_15.csv"
    df.to_csv(path, index=False, float_format="%.0f")
    return path


def class_14_unsur(folder: Path) -> Path:
    """12 respondents, columns U1 … U14 (KepMenPAN 25/2004), every answer given."""
    df = pd.DataFrame(_scores(12, 14, 14).astype(int), columns=[f"U{i}" for i in range(1, 15)])
    path = folder / "kelas_14_unsur.csv"
    df.to_csv(path, index=False)
    return path


def class_complete(folder: Path, rows: int = 12) -> Path:
    """``rows`` respondents, 9 unsur, no blank."""
    df = pd.DataFrame(_scores(rows, 9, rows).astype(int), columns=[f"U{i}" for i in range(1, 10)])
    path = folder / f"kelas_lengkap_{rows}.csv"
    df.to_csv(path, index=False)
    return path
