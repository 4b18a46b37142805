"""Minimum number of respondents: Krejcie & Morgan (1970).

    S = chi2 N P(1-P) / (d^2 (N-1) + chi2 P(1-P)),   chi2 = 3,841, P = 0,5, d = 0,05

rounded half-up to an integer, which reproduces all 90 rows of the published table (rounding up
does not). The constants and the table are in ``data/schemes.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from ikm_utils.method.schemes import _data


def _constants() -> tuple[Fraction, Fraction, Fraction]:
    km = _data()["krejcie_morgan"]
    return Fraction(km["chi_kuadrat"]), Fraction(km["proporsi"]), Fraction(km["presisi"])


def published_table() -> list[tuple[int, int]]:
    """The published Krejcie-Morgan table as (N, S) pairs."""
    return [(int(n), int(s)) for n, s in _data()["krejcie_morgan"]["tabel"]]


def krejcie_morgan(population: int) -> int:
    """Minimum sample size S for a population of N service users.

    >>> [krejcie_morgan(n) for n in (10, 100, 1000, 100000, 1000000)]
    [10, 80, 278, 383, 384]
    """
    if isinstance(population, bool) or not isinstance(population, int) or population < 1:
        raise ValueError(f"Populasi (N) harus bilangan bulat >= 1, bukan {population!r}.")
    chi2, p, d = _constants()
    pq = chi2 * p * (1 - p)
    s = pq * population / (d * d * (population - 1) + pq)
    return int(s + Fraction(1, 2))


@dataclass(frozen=True)
class SampleCheck:
    """Whether the achieved number of respondents reaches the minimum."""

    populasi: int
    minimum: int
    diperoleh: int

    @property
    def cukup(self) -> bool:
        return self.diperoleh >= self.minimum

    @property
    def kekurangan(self) -> int:
        return max(0, self.minimum - self.diperoleh)

    def to_dict(self) -> dict:
        return {"populasi": self.populasi, "minimum": self.minimum, "diperoleh": self.diperoleh, "cukup": self.cukup}


def check_sample(population: int, achieved: int) -> SampleCheck:
    """Compare the achieved n with S(N).

    >>> check_sample(1000, 201).cukup
    False
    """
    return SampleCheck(populasi=population, minimum=krejcie_morgan(population), diperoleh=int(achieved))
