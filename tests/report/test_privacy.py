"""Personal data in respondents' free text is masked before anything is published."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from ikm_utils.report.privacy import mask_personal_data

# Text around the personal data: words and punctuation, never digits, "+", "@" or "*", so the
# inserted item is the only number-like thing next to its separators.
filler = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ,.!?:()", max_size=30)
sep = st.sampled_from(["", " ", "-", "."])


@st.composite
def phone_numbers(draw) -> tuple[str, str]:
    """An Indonesian mobile number as people write it, and its digits after the country/zero prefix."""
    body = "8" + draw(st.text(alphabet="0123456789", min_size=9, max_size=11))
    groups = [body[:3], body[3:7], body[7:]]
    s = draw(sep)
    prefix = draw(st.sampled_from(["0", "+62", "+62 ", "62"]))
    return prefix + s.join(g for g in groups if g), body


@st.composite
def niks(draw) -> str:
    digits = draw(st.sampled_from("123456789")) + draw(st.text(alphabet="0123456789", min_size=15, max_size=15))
    style = draw(st.sampled_from(["plain", "4444", "664"]))
    s = draw(st.sampled_from([" ", "-", "."]))
    if style == "4444":
        return s.join(digits[i:i + 4] for i in range(0, 16, 4))
    if style == "664":
        return s.join((digits[:6], digits[6:12], digits[12:]))
    return digits


emails = st.from_regex(r"[a-z][a-z0-9._]{0,10}@[a-z]{2,8}\.(com|id|co\.id|go\.id)", fullmatch=True)


@settings(max_examples=300)
@given(before=filler, after=filler, phone=phone_numbers())
def test_any_inserted_phone_number_is_masked(before, after, phone):
    written, body = phone
    out = mask_personal_data(f"{before} {written} {after}")
    assert written not in out
    assert body not in re.sub(r"\D", "", out)  # the filler has no digits: only the masked number's remain
    assert "*" * (len(body) - 7) + body[-4:] in out  # the middle is starred, the last four digits kept


@settings(max_examples=300)
@given(before=filler, after=filler, nik=niks())
def test_any_inserted_nik_is_masked(before, after, nik):
    digits = re.sub(r"\D", "", nik)
    out = mask_personal_data(f"{before} {nik} {after}")
    assert nik not in out
    assert f"{digits[:4]}{'*' * 10}{digits[-2:]}" in out


@settings(max_examples=200)
@given(before=filler, after=filler, email=emails)
def test_any_inserted_email_is_masked(before, after, email):
    out = mask_personal_data(f"{before} {email} {after}")
    assert "@" in out and email not in out
    assert f"{email[0]}***@***" in out


@settings(max_examples=300)
@given(
    number=st.one_of(
        st.integers(min_value=0, max_value=999_999).map(str),
        st.integers(min_value=2000, max_value=2100).map(str),
        st.decimals(min_value=0, max_value=100, places=2).map(lambda d: str(d).replace(".", ",")),
        st.integers(min_value=1, max_value=99_000_000).map(lambda n: f"Rp {n:,}".replace(",", ".")),
        st.dates().map(lambda d: d.isoformat()),
        st.tuples(st.integers(0, 23), st.integers(0, 59)).map(lambda t: f"{t[0]:02d}.{t[1]:02d}–12.00"),
    ),
    before=filler,
)
def test_ordinary_numbers_are_left_alone(number, before):
    text = f"{before} {number} selesai"
    assert mask_personal_data(text) == text


def test_examples_from_the_brief():
    assert mask_personal_data("0812-3456-5678") == "0812****5678"
    assert mask_personal_data("andi@example.com") == "a***@***"
    assert mask_personal_data("3201234567890134") == "3201**********34"


def test_a_phone_number_followed_by_a_year_keeps_the_year():
    assert mask_personal_data("WA 0812 3456 7890 2024") == "WA 0812****7890 2024"


def test_an_eighteen_digit_nip_and_a_survey_time_are_not_personal_data():
    text = "NIP 197203151998032004, jam 08.00-12.00 dan 13.00-17.00, nilai 85,85."
    assert mask_personal_data(text) == text


def test_blank_input_gives_empty_text():
    assert mask_personal_data(None) == "" and mask_personal_data(float("nan")) == ""
