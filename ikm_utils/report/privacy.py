"""Masking personal data in respondents' free text before anything is published.

Respondents sometimes write their phone number, e-mail address or NIK into the *saran* field.
The analyst's input keeps them; every published output (report, tables, charts) shows them
masked: enough is left to recognise that a number was there, not enough to contact or identify
the person.

- Phone numbers: Indonesian mobile numbers ``08xx…`` and ``+62``/``62`` numbers, written
  together or with spaces, dashes or dots between digit groups, the first group possibly in
  brackets: ``0812-3456-5678`` -> ``0812****5678``; ``+62 812 3456 7890`` and
  ``62 812 3456 7890`` -> ``+62812****7890``; ``(0812) 5550-1234`` -> ``0812****1234``.
- E-mail addresses: ``andi@example.com`` -> ``a***@***``.
- NIK (16 digits, also written ``3201 2345 6789 0123`` or ``320123 456789 0123``):
  ``3201234567890134`` -> ``3201**********34``.

Ordinary numbers (``2024``, ``85,85``, ``08.00–12.00``, ``Rp 1.500.000``, an 18-digit NIP) are
left alone.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any

_SEP = r"[ .\-]"
# Between the digit groups of a phone number: one space, or a dot/dash with a space either side.
_PSEP = r"(?:[ ]?[.\-–/][ ]?|[ ])"

_EMAIL = re.compile(r"(?<![\w.+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]*@[A-Za-z0-9](?:[A-Za-z0-9\-]*\.)+[A-Za-z]{2,}\b")

# 16 digits (the first is a province code digit, never 0), or 4-4-4-4 / 6-6-4 groups with one
# separator between groups.
_NIK = re.compile(
    rf"(?<![\d*])[1-9](?:\d{{15}}|\d{{3}}(?:{_SEP}\d{{4}}){{3}}|\d{{5}}{_SEP}\d{{6}}{_SEP}\d{{4}})(?![\d*])"
)

# After 0 or 62 a mobile number (8xx...); after +62 any number. Digit groups after the first have
# 3-5 digits with at most one separator between groups, so times like 08.00-12.00 never match.
_GROUPS = rf"(?:{_PSEP}?\d{{3,5}}){{1,3}}"
_PHONE = re.compile(
    rf"(?<![\d+*])(?:\+62{_PSEP}?(?:\(0\){_PSEP}?)?(?P<intl>\(?[1-9]\d{{1,3}}\)?{_GROUPS})"
    rf"|(?P<open>\()?(?P<local_prefix>62{_PSEP}?|0)(?P<local>8\d{{1,3}}(?(open)\)){_GROUPS}))(?![\d*])"
)


def _mask_email(match: re.Match[str]) -> str:
    return match.group(0)[0] + "***@***"


def _mask_nik(match: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", match.group(0))
    return digits[:4] + "*" * 10 + digits[-2:]


def _mask_phone(match: re.Match[str]) -> str:
    intl = match.group("intl") is not None or match.group("local_prefix").startswith("62")
    prefix, extra = ("+62", 2) if intl else ("0", 1)
    body_text = (match.group("intl") or match.group("local")).replace("(", "").replace(")", "")
    # The pattern may run on into a following number ("0812 3456 7890 2024"): mask the longest
    # run of leading digit groups that has a telephone number's length, keep the rest as written.
    parts = re.split(f"({_PSEP})", body_text)
    best = None
    for k in range(0, len(parts), 2):
        digits = "".join(parts[: k + 1 : 2])
        if 10 <= len(digits) + extra <= 14:
            best = k
    if best is None:
        return match.group(0)
    body = "".join(parts[: best + 1 : 2])
    rest = "".join(parts[best + 1 :])
    masked = prefix + body[:3] + "*" * (len(body) - 7) + body[-4:]
    return masked + rest


def mask_personal_data(text: str | None) -> str:
    """Mask phone numbers, e-mail addresses and 16-digit NIK numbers in free text.

    Parameters
    ----------
    text
        A respondent's free text (``None`` and NaN give ``""``).

    Returns
    -------
    str
        The text with every phone number, e-mail address and NIK masked.

    Examples
    --------
    >>> mask_personal_data("Hubungi 0812-3456-5678 atau andi@example.com, NIK 3201234567890134.")
    'Hubungi 0812****5678 atau a***@***, NIK 3201**********34.'
    >>> mask_personal_data("WA (0812) 5550-1234 / 62 812 6660 4321 / +62 (812) 777-8888")
    'WA 0812****1234 / +62812****4321 / +62812***8888'
    >>> mask_personal_data("Nilai 85,85 pada 2024, jam 08.00-12.00")
    'Nilai 85,85 pada 2024, jam 08.00-12.00'
    """
    if text is None or (isinstance(text, float) and text != text):
        return ""
    out = _EMAIL.sub(_mask_email, str(text))
    out = _NIK.sub(_mask_nik, out)
    return _PHONE.sub(_mask_phone, out)


def mask_nested(value: Any, keep: Collection[str] = ()) -> Any:
    """Mask every string in a JSON-like structure, mapping keys included (``keep``: keys left as they are).

    Used on whatever is published as data (``ringkasan.json``): group names, exclusion reasons
    and categories come from respondents' cells.

    >>> mask_nested({"kelompok": {"Lainnya: hub 0812-9988-7766": {"n": 1}}, "sha256": "0812999988887777"},
    ...             keep={"sha256"})
    {'kelompok': {'Lainnya: hub 0812****7766': {'n': 1}}, 'sha256': '0812999988887777'}
    """
    if isinstance(value, str):
        return mask_personal_data(value)
    if isinstance(value, dict):
        return {(mask_personal_data(k) if isinstance(k, str) else k): (v if k in keep else mask_nested(v, keep))
                for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(mask_nested(v, keep) for v in value)
    return value
