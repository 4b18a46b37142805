"""Sample size: Krejcie & Morgan, by formula, equal to the published table."""

import pytest

from ikm_utils.method.sample import check_sample, krejcie_morgan, published_table


def test_published_table_has_90_rows():
    assert len(published_table()) == 90


@pytest.mark.parametrize(("population", "sample"), published_table())
def test_formula_equals_every_row_of_the_published_table(population, sample):
    assert krejcie_morgan(population) == sample


@pytest.mark.parametrize(
    ("population", "sample"),
    [(10, 10), (50, 44), (100, 80), (150, 108), (200, 132), (500, 217), (1000, 278), (2000, 322),
     (5000, 357), (10000, 370), (75000, 382), (1000000, 384), (100000, 383)],
)
def test_reference_examples(population, sample):
    assert krejcie_morgan(population) == sample


def test_ceiling_would_not_reproduce_the_table():
    # The reason for half-up: S(150) is 108.3..., the table says 108, a ceiling would say 109.
    import math

    chi2, p, d = 3.841, 0.5, 0.05
    s = chi2 * 150 * p * (1 - p) / (d * d * 149 + chi2 * p * (1 - p))
    assert math.ceil(s) == 109 and krejcie_morgan(150) == 108


def test_adequacy_check():
    check = check_sample(1000, 201)
    assert (check.minimum, check.cukup, check.kekurangan) == (278, False, 77)
    assert check_sample(400, 201).cukup is True  # S(400) = 196


@pytest.mark.parametrize("bad", [0, -5, 2.5, "100", True])
def test_population_must_be_a_positive_integer(bad):
    with pytest.raises(ValueError, match="Populasi"):
        krejcie_morgan(bad)
