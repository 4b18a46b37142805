"""``periksa(no, jawaban)``: "Benar", or the classic mistake named and explained, never the answer."""

from __future__ import annotations

from decimal import Decimal

import pytest
from lesson_classes import BUNDLED, class_14_unsur, class_15

from ikm_utils.method.compute import compute_ikm
from ikm_utils.report.lesson import prepare_lesson, variants
from ikm_utils.report.lesson_check import Latihan, answer_values, parse_number


@pytest.fixture(scope="module")
def latihan():
    return Latihan(prepare_lesson(BUNDLED))


def test_exercise_2_asks_for_respondents_whose_ikm_is_not_on_the_page(latihan):
    les = latihan.lesson
    assert latihan.window == (1, 9)  # the nine respondents holding the blank
    expected = compute_ikm(les.answers.loc[1:9], les.scheme).total.ikm_konversi
    assert latihan.answer(2) == expected == Decimal("88.00")
    assert expected != les.konversi


def test_a_right_answer_is_accepted_with_a_comma_or_a_point(latihan):
    assert latihan.periksa(2, "88,00").startswith("**Benar.**")
    assert latihan.periksa(2, 88.001).startswith("**Benar.**")
    assert latihan.periksa(1, 3.125).startswith("**Benar.**")
    assert latihan.periksa(4, "b, d").startswith("**Benar.**")
    assert latihan.periksa(5, 40).startswith("**Benar.**")


@pytest.mark.parametrize(("key", "words"), [
    ("bobot3", "Anda memakai bobot tercetak 0,111"),
    ("bobot2", "Anda memakai bobot 0,11"),
    ("nrr2", "Anda membulatkan terlalu awal"),
    ("kosong0", "Jawaban kosong dihitung 0"),
])
def test_each_classic_mistake_on_exercise_2_is_named(latihan, key, words):
    les = latihan.lesson
    wrong = variants(les.answers.loc[1:9], les.scheme)[key].konversi
    feedback = latihan.periksa(2, wrong)
    assert feedback.startswith("**Belum tepat.**") and words in feedback
    assert "88,00" not in feedback  # the answer is not given away


def test_early_rounding_of_the_ikm_is_named_when_it_moves_the_answer(tmp_path):
    lat = Latihan(prepare_lesson(class_15(tmp_path)))
    a, b = lat.window
    v = variants(lat.lesson.answers.loc[a:b], lat.lesson.scheme)
    assert v["ikm2"].konversi != v["tepat"].konversi
    assert "IKM skala 1–4 dibulatkan 2 desimal" in lat.periksa(2, v["ikm2"].konversi)


def test_other_mistakes_blank_as_zero_times_25_ceiling_and_truncation(latihan):
    assert "Anda membagi dengan 9 lembar" in latihan.periksa(1, "2,778")
    assert "Anda sudah mengalikan 25" in latihan.periksa(1, 78.125)
    assert "IKM skala 1–4" in latihan.periksa(2, 3.52)
    assert "membulatkan ke atas" in latihan.periksa(3, 371)
    assert "memotong desimal" in latihan.periksa(4, "C D")
    assert "bukan 1/n" in latihan.periksa(5, 20)
    assert latihan.periksa(2, 50).startswith("**Belum tepat.**")
    assert "periksa(2, 88.5)" in latihan.periksa(2, "delapan puluh")


def test_without_an_answer_the_checker_only_says_how_to_answer(latihan):
    text = latihan.periksa(2)
    assert "periksa(2, ...)" in text and "88" not in text


def test_a_student_variant_gets_other_numbers(latihan):
    other = Latihan(prepare_lesson(BUNDLED, varian=21))
    assert [other.answer(i) for i in (1, 2, 3, 4)] != [latihan.answer(i) for i in (1, 2, 3, 4)]
    assert Latihan(prepare_lesson(BUNDLED, varian=21)).answer(2) == other.answer(2)


def test_under_kepmenpan_the_exercises_use_table_b_and_one_fourteenth(tmp_path):
    lat = Latihan(prepare_lesson(class_14_unsur(tmp_path), "kepmenpan25_2004"))
    assert "KepMenPAN" in lat.soal(4)
    assert lat.answer(4)[0] == "B" and lat.answer(4)[1] == "D"  # just below 62,51 rounds up to B; below 43,76 stays D
    key = "\n".join(" ".join(steps) for _, _, steps in lat.kunci())
    assert "× 1/14" in key and "1/9" not in key
    wrong = variants(lat.subset, lat.lesson.scheme)["bobot3"].konversi
    assert "bobot tercetak 0,071" in lat.periksa(2, wrong)


def test_numbers_are_read_the_indonesian_way():
    assert parse_number("1.234,5") == Decimal("1234.5") and parse_number(" 88,28 ") == Decimal("88.28")
    assert parse_number(True) is None and parse_number("x") is None


def test_answer_values_are_the_printed_forms(latihan):
    assert answer_values(latihan)[:2] == ["3,125", "88,00"]
