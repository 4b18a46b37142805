"""The grading rule: 2-decimal half-up rounding on the 25-100 scale, then lower bounds.

The regulation's intervals have gaps (64,99 | 65,00, 76,60 | 76,61, 88,30 | 88,31). The rule
that closes them (method reference §4): round the 25-100 value half-up to 2 decimals with
exact decimal arithmetic, then take the highest band whose lower bound it reaches. The same rule
grades the unit and each unsur (NRR x 25).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from numbers import Rational

from ikm_utils.method.schemes import GradeBand, GradeTable

Number = int | float | Decimal | Fraction


def to_fraction(value: Number) -> Fraction:
    """Exact value of ``value``; a float is read as its shortest decimal repr (76.605 -> 76605/1000)."""
    if isinstance(value, Fraction | Rational):
        return Fraction(value)
    if isinstance(value, float):
        return Fraction(repr(float(value)))  # float(): numpy 2 reprs np.float64 as "np.float64(...)"
    return Fraction(value)


def round_half_up(value: Number, places: int = 2) -> Decimal:
    """Round half-up (away from zero at .5) to ``places`` decimals, exactly.

    >>> round_half_up(76.605), round_half_up(Fraction(23875, 261)), round_half_up(64.994)
    (Decimal('76.61'), Decimal('91.48'), Decimal('64.99'))
    """
    exact = to_fraction(value)
    scaled = exact * 10**places
    sign = -1 if scaled < 0 else 1
    rounded = sign * int(abs(scaled) + Fraction(1, 2))
    return Decimal(rounded).scaleb(-places).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Grade:
    """The graded value and its band."""

    nilai: Decimal
    band: GradeBand

    @property
    def mutu(self) -> str:
        return self.band.mutu

    @property
    def kinerja(self) -> str:
        return self.band.kinerja


def grade(value_25_100: Number, table: GradeTable) -> Grade:
    """Grade a value on the 25-100 scale: round half-up to 2 decimals, then lower bounds.

    >>> from ikm_utils.method.schemes import grade_table
    >>> g = grade(76.605, grade_table("A_2017")); (str(g.nilai), g.mutu, g.kinerja)
    ('76.61', 'B', 'Baik')
    """
    nilai = round_half_up(value_25_100, 2)
    for band in table.kelas:
        if nilai >= band.batas_bawah:
            return Grade(nilai=nilai, band=band)
    return Grade(nilai=nilai, band=table.kelas[-1])
