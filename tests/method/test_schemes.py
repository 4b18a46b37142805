"""Schemes: the regulation's unsur, weights and grade tables as data."""

from fractions import Fraction

import pytest

from ikm_utils.errors import SchemeError
from ikm_utils.method.schemes import Unsur, custom_scheme, get_scheme, scheme_ids


def test_three_presets_default_first():
    assert scheme_ids() == ["permen14_2017", "permen16_2014", "kepmenpan25_2004"]


def test_permen14_has_nine_unsur_pengaduan_8th_sarana_9th():
    s = get_scheme("permen14_2017")
    assert s.codes == [f"U{i}" for i in range(1, 10)]
    assert s.unsur[7].nama.startswith("Penanganan Pengaduan")
    assert s.unsur[8].nama == "Sarana dan prasarana"
    assert s.unsur[3].label == ("Sangat mahal", "Cukup mahal", "Murah", "Gratis")


def test_permen16_has_maklumat_and_no_sarana():
    names = [u.nama for u in get_scheme("permen16_2014").unsur]
    assert "Maklumat Pelayanan" in names
    assert not any("Sarana" in n for n in names)


def test_kepmenpan25_has_14_unsur_and_table_b():
    s = get_scheme("kepmenpan25_2004")
    assert s.k == 14 and s.tabel_mutu.id == "B_2004"


def test_exact_weight_is_one_ninth_not_0_111():
    assert get_scheme().weights("exact") == (Fraction(1, 9),) * 9
    assert get_scheme().weights("legacy") == (Fraction("0.111"),) * 9


def test_legacy_weight_for_14_unsur_is_0_071():
    assert get_scheme("kepmenpan25_2004").weights("legacy")[0] == Fraction("0.071")


def test_unknown_scheme_and_weight_mode():
    with pytest.raises(SchemeError, match="tidak dikenal"):
        get_scheme("permen99")
    with pytest.raises(SchemeError, match="Mode bobot"):
        get_scheme().weights("rounded")


def test_custom_scheme_with_weights_summing_to_one():
    s = custom_scheme(["U1", "U2", "U3"], ["0.5", 0.3, "1/5"])
    assert s.weights() == (Fraction(1, 2), Fraction(3, 10), Fraction(1, 5))
    assert s.weights("legacy") == s.weights()


def test_custom_scheme_weights_must_sum_to_one():
    with pytest.raises(SchemeError, match="Jumlah bobot harus 1"):
        custom_scheme(["U1", "U2"], [0.5, 0.4])


def test_custom_scheme_with_a_new_unsur():
    extra = Unsur(kode="U10", nama="Kebersihan", label=("Kotor", "Kurang bersih", "Bersih", "Sangat bersih"))
    s = custom_scheme([*get_scheme().codes, extra])
    assert s.k == 10 and s.weights()[0] == Fraction(1, 10)


@pytest.mark.parametrize(
    ("unsur", "weights", "message"),
    [([], None, "paling sedikit 1"), (["U1", "U1"], None, "ganda"), (["U1"], [1, 0], "Jumlah bobot"),
     (["U1", "U2"], [1.5, -0.5], "lebih dari 0"), (["X"], None, "tidak ada"), (["U1"], ["abc"], "bukan angka")],
)
def test_custom_scheme_errors(unsur, weights, message):
    with pytest.raises(SchemeError, match=message):
        custom_scheme(unsur, weights)
