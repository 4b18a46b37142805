"""Answer text to scores 1-4, one unsur column at a time, mapping unique values, not rows.

Accepted, per unsur: whole numbers 1-4 (``"4"``, ``"4.0"``, ``" 4 "``, ``"4,0"``); the unsur's
own answer labels from the scheme, then the generic labels (tidak baik ... sangat baik), compared
case-, spacing- and punctuation-insensitively with the word variants of ``data/schemes.yaml``
("Ada tapi tidak berfungsi" = "Ada tetapi tidak berfungsi"); a label behind its option letter or
number ("b. Kurang sesuai", "4 - Sangat baik", the two must agree); letters a-d when declared;
custom labels, which win over everything else. A blank cell is "not answered". Anything else is
invalid and reported with what was expected.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

from ikm_utils.intake.recognise import normalise
from ikm_utils.intake.validate import Problem, problem
from ikm_utils.method.schemes import Scheme, Unsur, generic_labels, ingest_vocabulary

if TYPE_CHECKING:
    from ikm_utils.intake.readers import RawTable

INVALID = -1.0
_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
_ENUMERATED = re.compile(r"^\(?([a-d1-4])\s*[.):\-–]+\s*(.+)$", re.IGNORECASE)
_TRAILING = re.compile(r"^(.*\S)\s*\(\s*([1-4])\s*\)$")  # greedy up to the last non-space: linear
_LETTERS = "abcd"
_LABEL_SIBLINGS = ("{} label", "label {}", "{} teks", "{} text", "{} jawaban")


@cache
def _word_variants() -> dict[str, str]:
    return {normalise(k): normalise(v) for k, v in ingest_vocabulary()["kata_sama"].items()}


def normalise_label(text: str) -> str:
    """An answer label as compared: :func:`normalise` plus the word variants.

    >>> normalise_label("  Ada TAPI tidak-berfungsi ")
    'ada tetapi tidak berfungsi'
    """
    variants = _word_variants()
    return " ".join(variants.get(w, w) for w in normalise(text).split())


@dataclass(frozen=True)
class AnswerKey:
    """How the answers of one unsur column are read."""

    labels: dict[str, int]
    letter_codes: bool
    expected: str

    def score(self, raw: str | None) -> float:
        """The score of one cell: 1-4, NaN for blank, :data:`INVALID` otherwise.

        >>> key = answer_key(Unsur("U9", "Sarana", label=("Buruk", "Cukup", "Baik", "Sangat baik")))
        >>> [key.score(v) for v in ("4", " 3.0 ", "SANGAT  BAIK", "cukup", "", "5", "3.5", "c. Baik", "Mantap")]
        [4.0, 3.0, 4.0, 2.0, nan, -1.0, -1.0, 3.0, -1.0]
        """
        if raw is None:
            return np.nan
        text = str(raw).strip()
        if not text:
            return np.nan
        if _NUMBER.match(text):
            value = float(text.replace(",", "."))
            return value if value in (1.0, 2.0, 3.0, 4.0) else INVALID
        label = normalise_label(text)
        if label in self.labels:
            return float(self.labels[label])
        if self.letter_codes and label in _LETTERS:
            return float(_LETTERS.index(label) + 1)
        m = _ENUMERATED.match(text) or _TRAILING.match(text)
        if m:
            mark, rest = (m.group(1), m.group(2)) if m.re is _ENUMERATED else (m.group(2), m.group(1))
            inner = self.labels.get(normalise_label(rest))
            mark_score = int(mark) if mark.isdigit() else _LETTERS.index(mark.lower()) + 1
            if inner is not None and inner == mark_score:
                return float(inner)
        return INVALID


def answer_key(
    unsur: Unsur, custom: Mapping[str, Mapping[str, int]] | None = None, letter_codes: bool = False
) -> AnswerKey:
    """The answer key of one unsur: custom labels (own code, then ``"*"``), its labels, generic labels.

    >>> answer_key(Unsur("U4", "Biaya", label=("Sangat mahal", "Cukup mahal", "Murah", "Gratis"))).labels["gratis"]
    4
    """
    labels: dict[str, int] = {}
    for score, text in enumerate(generic_labels(), start=1):
        labels[normalise_label(text)] = score
    for score, text in enumerate(unsur.label, start=1):
        labels[normalise_label(text)] = score
    for scope in ("*", unsur.kode):
        for text, score in (custom or {}).get(scope, {}).items():
            labels[normalise_label(text)] = int(score)
    own = ", ".join(f"{i} {t}" for i, t in enumerate(unsur.label, start=1))
    expected = f"angka 1–4 atau label ({own})"
    if letter_codes:
        expected += " atau huruf a–d"
    extra = [t for scope in ("*", unsur.kode) for t in (custom or {}).get(scope, {})]
    if extra:
        expected += f" atau label khusus ({', '.join(extra)})"
    return AnswerKey(labels=labels, letter_codes=letter_codes, expected=expected)


def map_answers(column: pa.ChunkedArray | pa.Array, key: AnswerKey) -> tuple[np.ndarray, np.ndarray]:
    """Scores of a whole column (float64, NaN = blank) and the mask of invalid cells.

    Each distinct value is read once; rows only index into that small table.

    >>> key = answer_key(Unsur("U1", "Persyaratan", label=("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai")))
    >>> scores, bad = map_answers(pa.array(["Sesuai", None, "SANGAT SESUAI", "5", "Sesuai"]), key)
    >>> scores.tolist(), bad.tolist()
    ([3.0, nan, 4.0, nan, 3.0], [False, False, False, True, False])
    """
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks() if column.num_chunks != 1 else column.chunk(0)
    if not pa.types.is_dictionary(column.type):
        column = column.dictionary_encode()
    dictionary = column.dictionary.to_pylist()
    table = np.array([key.score(v) for v in dictionary] + [np.nan], dtype=np.float64)
    idx = column.indices.to_numpy(zero_copy_only=False) if column.null_count == 0 else (
        column.indices.fill_null(len(dictionary)).to_numpy(zero_copy_only=False)
    )
    scores = table[idx]
    bad = scores == INVALID
    scores[bad] = np.nan
    return scores, bad


# --------------------------------------------------------------------------- questionnaire order


def code_order_warnings(
    table: RawTable, how: Mapping[str, str], columns: Mapping[str, int], scheme: Scheme, path: Path
) -> list[Problem]:
    """A code-headed unsur column whose companion label column shows another unsur's answers."""
    out = []
    by_norm = {normalise(h): j for j, h in enumerate(table.headers)}
    generic = {normalise_label(t) for t in generic_labels()}
    own = {u.kode: {normalise_label(t) for t in u.label} for u in scheme.unsur}
    names = {u.kode: u.nama for u in scheme.unsur}
    for code, level in how.items():
        if level not in ("kode", "urutan kuesioner") or code not in own:
            continue
        base = normalise(table.headers[columns[code]])
        sib = next((by_norm[p.format(base)] for p in _LABEL_SIBLINGS if p.format(base) in by_norm), None)
        if sib is None:
            continue
        seen = {normalise_label(v) for v in table.columns[sib].unique().to_pylist() if v is not None and v.strip()}
        if not seen or seen <= own[code] | generic:
            continue
        fits = [c for c, labels in own.items() if c != code and seen <= labels]
        if fits:
            other = fits[0]
            out.append(problem(
                "urutan_unsur_meragukan", path, column=table.labels[columns[code]], value=code, expected=other,
                note=f"kolom '{table.headers[columns[code]]}' dipetakan ke {code} ({names[code]}) menurut kodenya, "
                     f"tetapi label di '{table.headers[sib]}' cocok dengan {other} ({names[other]}); bila kuesioner "
                     f"memakai urutan lain, tetapkan pemetaan kolom (--kolom {code}=\"...\")",
                note_en=f"'{table.headers[columns[code]]}' is mapped to {code} by its code, but the labels in "
                        f"'{table.headers[sib]}' are those of {other}; map the columns explicitly if the "
                        f"questionnaire uses another order"))
    return out


def other_unsur_labels(table: RawTable, j: int, code: str, scheme: Scheme, path: Path) -> list[Problem]:
    """A warning when a column with invalid answers holds exactly another unsur's labels (swapped order)."""
    seen = {normalise_label(v) for v in table.columns[j].unique().to_pylist() if v is not None and v.strip()}
    names = {u.kode: u.nama for u in scheme.unsur}
    fits = [u.kode for u in scheme.unsur if u.kode != code and seen <= {normalise_label(t) for t in u.label}]
    if not seen or not fits:
        return []
    return [problem(
        "urutan_unsur_meragukan", path, column=table.labels[j], value=code, expected=fits[0],
        note=f"jawaban di kolom ini adalah label {fits[0]} ({names[fits[0]]}), bukan {code} ({names[code]}); "
             f"bila kuesioner memakai urutan lain, tetapkan pemetaan kolom (--kolom {fits[0]}=\"...\")",
        note_en=f"the answers in this column are the labels of {fits[0]}, not {code}; map the columns explicitly "
                f"if the questionnaire uses another order")]
