"""Masking personal data in respondents' free text before anything is published.

Respondents sometimes write their phone number, e-mail address or NIK into the *saran* field.
The analyst's input keeps them; every published output (report, tables, charts) shows them
masked: enough is left to recognise that a number was there, not enough to contact or identify
the person.

- Phone numbers: Indonesian mobile numbers ``08xx…`` and ``+62``/``62`` numbers, written
  together or with spaces, dashes or dots between digit groups: ``0812-3456-5678`` ->
  ``0812****5678``; ``+62 812 3456 7890`` -> ``+62812****7890``.
- E-mail addresses: ``andi@example.com`` -> ``a***@***``.
- NIK (16 digits, also written ``3201 2345 6789 0123`` or ``320123 456789 0123``):
  ``3201234567890134`` -> ``3201**********34``.

Ordinary numbers (``2024``, ``85,85``, ``08.00–12.00``, ``Rp 1.500.000``, an 18-digit NIP) are
left alone.
"""

from __future__ import annotations

import re

_SEP = r"[ .\-]"

_EMAIL = re.compile(r"(?<![\w.+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]*@[A-Za-z0-9](?:[A-Za-z0-9\-]*\.)+[A-Za-z]{2,}\b")

# 16 digits (the first is a province code digit, never 0), or 4-4-4-4 / 6-6-4 groups with one
# separator between groups.
_NIK = re.compile(
    rf"(?<![\d*])[1-9](?:\d{{15}}|\d{{3}}(?:{_SEP}\d{{4}}){{3}}|\d{{5}}{_SEP}\d{{6}}{_SEP}\d{{4}})(?![\d*])"
)

# After 0 or 62 a mobile number (8xx...); after +62 any number. Digit groups after the first have
# 3-5 digits with at most one separator between groups, so times like 08.00-12.00 never match.
_GROUPS = rf"(?:{_SEP}?\d{{3,5}}){{1,3}}"
_PHONE = re.compile(
    rf"(?<![\d+*])(?:\+62{_SEP}?(?:\(0\){_SEP}?)?(?P<intl>[1-9]\d{{1,3}}{_GROUPS})"
    rf"|(?P<local_prefix>62|0)(?P<local>8\d{{1,3}}{_GROUPS}))(?![\d*])"
)


def _mask_email(match: re.Match[str]) -> str:
    return match.group(0)[0] + "***@***"


def _mask_nik(match: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", match.group(0))
    return digits[:4] + "*" * 10 + digits[-2:]


def _mask_phone(match: re.Match[str]) -> str:
    intl = match.group("intl") is not None or match.group("local_prefix") == "62"
    prefix, extra = ("+62", 2) if intl else ("0", 1)
    body_text = match.group("intl") or match.group("local")
    # The pattern may run on into a following number ("0812 3456 7890 2024"): mask the longest
    # run of leading digit groups that has a telephone number's length, keep the rest as written.
    parts = re.split(f"({_SEP})", body_text)
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
    >>> mask_personal_data("Nilai 85,85 pada 2024, jam 08.00-12.00")
    'Nilai 85,85 pada 2024, jam 08.00-12.00'
    """
    if text is None or (isinstance(text, float) and text != text):
        return ""
    out = _EMAIL.sub(_mask_email, str(text))
    out = _NIK.sub(_mask_nik, out)
    return _PHONE.sub(_mask_phone, out)
