"""Indonesian formatting for what a reader sees: numbers (decimal comma, thousands dot), weights, dates, lists."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from fractions import Fraction

from ikm_utils.method.grading import round_half_up


def format_number(value: float | int | Decimal | Fraction | None, decimals: int = 2, empty: str = "–") -> str:
    """Format a number the Indonesian way, rounded half-up.

    >>> format_number(85.8459), format_number(1234567, 0), format_number(3.5, 3), format_number(None)
    ('85,85', '1.234.567', '3,500', '–')
    """
    if value is None:
        return empty
    if isinstance(value, float) and value != value:  # NaN
        return empty
    rounded = round_half_up(value, decimals)
    text = f"{abs(rounded):,.{decimals}f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return ("-" if rounded < 0 else "") + text


def format_weight(weight: Fraction) -> str:
    """A weight as the reader should see it: exact, never a rounded 0,111 for 1/9.

    A weight with a short decimal form is shown as a decimal, any other as a fraction.

    >>> [format_weight(w) for w in (Fraction(1, 9), Fraction(111, 1000), Fraction(3, 20), Fraction(1))]
    ['1/9', '0,111', '0,15', '1']
    """
    w = Fraction(weight)
    if w.denominator == 1:
        return str(w.numerator)
    for places in range(1, 5):
        if (w * 10**places).denominator == 1:
            return format_number(w, places)
    return f"{w.numerator}/{w.denominator}"


def join_words(items: Sequence[str]) -> str:
    """An Indonesian enumeration: ``a``, ``a dan b``, ``a, b dan c``.

    >>> join_words(["U3"]), join_words(["U3", "U9"]), join_words(["U1", "U3", "U9"])
    ('U3', 'U3 dan U9', 'U1, U3 dan U9')
    """
    items = list(items)
    if not items:
        return ""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " dan " + items[-1]


def format_percent(value: float | None, decimals: int = 1) -> str:
    """A share (0-1) as an Indonesian percentage: ``0.25 -> '25,0%'``.

    >>> format_percent(0.2567)
    '25,7%'
    """
    if value is None:
        return "–"
    return format_number(value * 100, decimals) + "%"


BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
         "November", "Desember")


def format_date(d: date) -> str:
    """An Indonesian date.

    >>> format_date(date(2024, 12, 31))
    '31 Desember 2024'
    """
    return f"{d.day} {BULAN[d.month - 1]} {d.year}"
