"""Reading questionnaire exports into a score table.

For now: a tidy CSV whose unsur columns are headed with the scheme's codes (U1..Uk, any case).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ikm_utils.errors import ScoreError
from ikm_utils.schemes import Scheme


def read_tidy_csv(path: str | Path, scheme: Scheme) -> pd.DataFrame:
    """Read a tidy CSV (one row per respondent, unsur columns ``U1..Uk``) into a score table.

    Unsur columns are renamed to the scheme's codes; other columns are kept as text.
    """
    path = Path(path)
    if not path.exists():
        raise ScoreError(f"Berkas data tidak ditemukan: {path}")
    df = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    rename = {}
    for col in df.columns:
        key = str(col).strip().upper().replace(" ", "")
        if key in scheme.codes:
            rename[col] = key
    df = df.rename(columns=rename)
    for code in scheme.codes:
        if code in df.columns:
            df[code] = pd.to_numeric(df[code].str.strip(), errors="raise")
    return df
