"""Grades: 2-decimal half-up rounding on the 25-100 scale, then the lower bounds."""

from decimal import Decimal
from fractions import Fraction

import pytest

from ikm_utils.method.grading import grade, round_half_up
from ikm_utils.method.schemes import grade_table

TABLE_A = [
    ("64.99", "D"),
    ("64.995", "C"),
    ("65.00", "C"),
    ("76.60", "C"),
    ("76.605", "B"),
    ("76.61", "B"),
    ("88.30", "B"),
    ("88.305", "A"),
    ("88.31", "A"),
    ("100", "A"),
    ("25", "D"),
]
TABLE_B = [
    ("43.75", "D"),
    ("43.755", "C"),
    ("43.76", "C"),
    ("62.50", "C"),
    ("62.505", "B"),
    ("62.51", "B"),
    ("81.25", "B"),
    ("81.255", "A"),
    ("81.26", "A"),
    ("100", "A"),
]


@pytest.mark.parametrize(("value", "mutu"), TABLE_A)
def test_table_a_edges(value, mutu):
    assert grade(Decimal(value), grade_table("A_2017")).mutu == mutu


@pytest.mark.parametrize(("value", "mutu"), TABLE_A)
def test_table_a_edges_typed_as_float(value, mutu):
    # 76.605 as a float is 76.60499999999999...; it is read as the decimal the user typed.
    assert grade(float(value), grade_table("A_2017")).mutu == mutu


@pytest.mark.parametrize(("value", "mutu"), TABLE_B)
def test_table_b_edges(value, mutu):
    assert grade(Decimal(value), grade_table("B_2004")).mutu == mutu


def test_kinerja_labels_of_table_a():
    table = grade_table("A_2017")
    assert [grade(v, table).kinerja for v in (50, 70, 80, 90)] == ["Tidak baik", "Kurang baik", "Baik", "Sangat baik"]


def test_64_43_is_b_under_2004_but_d_under_2017():
    assert grade(64.43, grade_table("B_2004")).mutu == "B"
    assert grade(64.43, grade_table("A_2017")).mutu == "D"


def test_half_up_not_bankers_rounding():
    # float round() gives 76.6 for 76.605 and 0.12 for 0.125 (banker's / binary); half-up gives .61 and .13
    assert round_half_up(Decimal("76.605")) == Decimal("76.61")
    assert round_half_up(Decimal("0.125")) == Decimal("0.13")
    assert round_half_up(Decimal("0.135")) == Decimal("0.14")


def test_exact_fraction_on_the_edge_rounds_up():
    # An exact value of 76,605 (e.g. a fraction that a float sum would turn into 76.60499999)
    exact = Fraction(76605, 1000)
    assert str(round_half_up(exact)) == "76.61"
    assert grade(exact, grade_table("A_2017")).mutu == "B"


def test_value_below_half_stays():
    assert round_half_up(Fraction(766049999, 10**7)) == Decimal("76.60")
