"""The computation, case by case as the method reference describes it."""

from decimal import Decimal
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ikm_utils.errors import ScoreError
from ikm_utils.method.compute import BLANK_GROUP, compute_ikm
from ikm_utils.method.schemes import custom_scheme

CODES = [f"U{i}" for i in range(1, 10)]


def frame(columns: dict[str, list]) -> pd.DataFrame:
    return pd.DataFrame(columns)


def nine(values: list) -> pd.DataFrame:
    """Nine unsur, every unsur answered with the same column of values."""
    return frame({c: list(values) for c in CODES})


def column_with_total(total: int, n: int) -> list[int]:
    base, extra = divmod(total, n)
    return [base + 1] * extra + [base] * (n - extra)


def test_nrr_of_u1_with_answers_4_3_3_2_is_3():
    r = compute_ikm(nine([4, 3, 3, 2]))
    u1 = r.total.unsur[0]
    assert (u1.n, u1.jumlah_nilai, u1.nrr) == (4, 12, 3.0)
    assert u1.distribusi == (0, 1, 2, 1)


def test_nrr_tertimbang_is_nrr_times_one_ninth():
    u1 = compute_ikm(nine([4, 3, 3, 2])).total.unsur[0]
    assert u1.bobot_exact == Fraction(1, 9)
    assert u1.nrr_tertimbang == pytest.approx(3 / 9)


def test_ikm_of_all_threes_is_75_and_grade_c():
    s = compute_ikm(nine([3, 3, 3])).total
    assert (s.ikm, s.ikm_konversi, s.mutu, s.kinerja) == (3.0, Decimal("75.00"), "C", "Kurang baik")


def test_hand_computed_mixed_case():
    # U1..U9 NRR: 4, 3.5, 3, 2.5, 2, 3, 3, 4, 3.5 -> sum 28.5, IKM = 28.5/9 = 3.1666..., x25 = 79.1666 -> 79.17 B
    cols = {"U1": [4, 4], "U2": [4, 3], "U3": [3, 3], "U4": [3, 2], "U5": [2, 2], "U6": [2, 4], "U7": [3, 3],
            "U8": [4, 4], "U9": [3, 4]}
    s = compute_ikm(frame(cols)).total
    assert s.ikm_exact == Fraction(57, 18)
    assert s.ikm_konversi == Decimal("79.17") and s.mutu == "B"
    assert [u.nilai_konversi for u in s.unsur][:4] == [Decimal("100.00"), Decimal("87.50"), Decimal("75.00"),
                                                       Decimal("62.50")]
    assert [u.mutu for u in s.unsur][:5] == ["A", "B", "C", "D", "D"]


def test_blank_answers_are_left_out_of_n_not_counted_as_zero_or_one():
    df = nine([4, 4, 4, 4])
    df.loc[[0, 1], "U1"] = np.nan
    u1 = compute_ikm(df).total.unsur[0]
    assert (u1.n, u1.jumlah_nilai, u1.nrr) == (2, 8, 4.0)
    assert compute_ikm(df).total.ikm_konversi == Decimal("100.00")


def test_response_without_any_answer_is_excluded_and_counted():
    df = nine([4, 3, None])
    s = compute_ikm(df).total
    assert (s.n_responden, s.n_tanpa_jawaban) == (2, 1)
    assert s.unsur[0].n == 2


def test_legacy_vs_exact_29_respondents():
    totals = [105, 101, 100, 116, 102, 105, 106, 105, 115]
    df = frame({c: column_with_total(t, 29) for c, t in zip(CODES, totals, strict=True)})
    exact = compute_ikm(df).total
    legacy = compute_ikm(df, weight_mode="legacy").total
    assert [u.jumlah_nilai for u in exact.unsur] == totals
    assert exact.ikm_konversi == Decimal("91.48")
    assert legacy.ikm_konversi == Decimal("91.38")


def test_legacy_with_nrr_rounded_to_3_decimals_first():
    totals = [105, 101, 100, 116, 102, 105, 106, 105, 115]
    df = frame({c: column_with_total(t, 29) for c, t in zip(CODES, totals, strict=True)})
    s = compute_ikm(df, weight_mode="legacy", nrr_decimals=3).total
    assert s.unsur[0].nrr_exact == Fraction("3.621")
    assert s.ikm_konversi == Decimal("91.39")


def test_all_fours_give_100_exact_and_99_90_legacy():
    df = nine([4] * 5)
    assert compute_ikm(df).total.ikm_konversi == Decimal("100.00")
    assert compute_ikm(df, weight_mode="legacy").total.ikm_konversi == Decimal("99.90")


def test_edge_76_605_exactly_gives_76_61_and_b():
    # 200 respondents x 1 unsur: total 612.84 would be needed for 76.605 on one unsur; use a 2-unsur
    # custom scheme: NRR1 = 3.0642 (total 15321/5000), NRR2 = NRR1 -> IKM 3.0642 x 25 = 76.605.
    scheme = custom_scheme(["U1", "U2"], ["1/2", "1/2"])
    n = 5000
    col = column_with_total(15321, n)
    s = compute_ikm(frame({"U1": col, "U2": col}), scheme).total
    assert s.ikm_exact * 25 == Fraction(76605, 1000)
    assert s.ikm_konversi == Decimal("76.61") and s.mutu == "B"


def test_edge_where_the_float_sum_lands_below_76_605():
    # 5000 respondents x 9 unsur, totals summing to 137889: exact IKM konversi 76,605.
    # Summing NRR x (1/9) in floats gives 76.60499999999999 (would be C); the exact sum gives 76,61 B.
    totals = [14100, 13516, 15089, 13965, 17058, 16682, 16868, 16109, 14502]
    n = 5000
    assert sum((t / n) * (1 / 9) for t in totals) * 25 < 76.605
    df = frame({c: column_with_total(t, n) for c, t in zip(CODES, totals, strict=True)})
    s = compute_ikm(df).total
    assert s.ikm_exact * 25 == Fraction(76605, 1000)
    assert s.ikm_konversi == Decimal("76.61") and s.mutu == "B"


def test_custom_weights_are_used():
    scheme = custom_scheme(["U1", "U2"], [0.75, 0.25])
    s = compute_ikm(frame({"U1": [4, 4], "U2": [2, 2]}), scheme).total
    assert s.ikm_exact == Fraction(7, 2)  # 4 x 0.75 + 2 x 0.25
    assert s.ikm_konversi == Decimal("87.50")


def test_kepmenpan25_uses_14_unsur_and_table_b():
    df = frame({f"U{i}": [3, 2] for i in range(1, 15)})  # IKM 2.5 -> 62.50 C under table B
    s = compute_ikm(df, "kepmenpan25_2004").total
    assert s.ikm_konversi == Decimal("62.50") and s.mutu == "C"


def test_groups_per_jenis_layanan():
    df = nine([4, 4, 2, 2])
    df["layanan"] = ["KTP", "KTP", "KK", None]
    r = compute_ikm(df, by="layanan")
    groups = r.kelompok["layanan"]
    assert list(groups) == [BLANK_GROUP, "KK", "KTP"]
    assert groups["KTP"].ikm_konversi == Decimal("100.00")
    assert groups["KK"].ikm_konversi == Decimal("50.00") and groups["KK"].mutu == "D"
    assert r.to_dict()["kelompok"]["layanan"]["KTP"]["n_responden"] == 2


def test_group_with_an_unanswered_unsur_has_no_ikm():
    df = nine([4, 3])
    df["layanan"] = ["A", "B"]
    df.loc[1, "U5"] = np.nan
    s = compute_ikm(df, by="layanan").kelompok["layanan"]["B"]
    assert s.unsur[4].nrr is None and s.ikm is None and s.mutu is None


def test_categorical_grouping_column_gives_same_groups():
    df = nine([4, 3, 2, 1, 4])
    df["layanan"] = ["b", "a", "b", None, "a"]
    plain = compute_ikm(df, by="layanan").to_dict()["kelompok"]
    df["layanan"] = df["layanan"].astype("category")
    assert compute_ikm(df, by="layanan").to_dict()["kelompok"] == plain


@pytest.mark.parametrize("bad", [0, 5, 3.5, -1])
def test_values_outside_1_to_4_are_errors(bad):
    df = nine([4, 3]).astype("float64")
    df.loc[1, "U3"] = bad
    with pytest.raises(ScoreError, match="U3"):
        compute_ikm(df)


def test_missing_unsur_column_is_an_error():
    with pytest.raises(ScoreError, match="U9"):
        compute_ikm(nine([4]).drop(columns="U9"))


def test_json_contract_keys():
    d = compute_ikm(nine([4, 3])).to_dict()
    assert list(d) == ["skema", "bobot", "n_responden", "unsur", "ikm", "ikm_konversi", "mutu", "kinerja"]
    assert list(d["unsur"][0]) == ["kode", "nama", "n", "jumlah_nilai", "nrr", "bobot", "nrr_tertimbang",
                                   "nilai_konversi", "mutu", "kinerja"]


# --- properties that must hold for all data ---------------------------------------------------

answers = st.lists(st.lists(st.integers(1, 4), min_size=9, max_size=9), min_size=1, max_size=60)


@settings(max_examples=60, deadline=None)
@given(answers)
def test_ikm_is_between_25_and_100(rows):
    s = compute_ikm(pd.DataFrame(rows, columns=CODES)).total
    assert Decimal(25) <= s.ikm_konversi <= Decimal(100)


@settings(max_examples=60, deadline=None)
@given(answers, st.randoms(use_true_random=False))
def test_ikm_is_invariant_to_row_order(rows, rnd):
    shuffled = list(rows)
    rnd.shuffle(shuffled)
    a = compute_ikm(pd.DataFrame(rows, columns=CODES)).total
    b = compute_ikm(pd.DataFrame(shuffled, columns=CODES)).total
    assert (a.ikm_exact, a.ikm_konversi) == (b.ikm_exact, b.ikm_konversi)


@settings(max_examples=60, deadline=None)
@given(answers)
def test_complete_answers_give_25_total_over_n_k(rows):
    s = compute_ikm(pd.DataFrame(rows, columns=CODES)).total
    total = sum(sum(r) for r in rows)
    assert s.ikm_exact * 25 == Fraction(25 * total, len(rows) * 9)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["A", "B", "C"]), st.lists(st.one_of(st.none(), st.integers(1, 4)), min_size=9,
                                                              max_size=9)),
        min_size=1,
        max_size=40,
    )
)
def test_a_groups_ikm_equals_the_ikm_of_its_subset(rows):
    df = pd.DataFrame([vals for _, vals in rows], columns=CODES, dtype="float64")
    df["layanan"] = [g for g, _ in rows]
    r = compute_ikm(df, by="layanan")
    for name, summary in r.kelompok["layanan"].items():
        subset = compute_ikm(df[df["layanan"] == name]).total
        assert summary.to_dict() == subset.to_dict()
        assert summary.n_tanpa_jawaban == subset.n_tanpa_jawaban
