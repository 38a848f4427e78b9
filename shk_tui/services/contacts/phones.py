"""Phone numbers: one normaliser for the contact form, the import and everything else.

Stored format: international with spaces, as ``phonenumbers`` (Google's libphonenumber, region SE)
formats it: ``+46 70 123 45 67``, ``+46 8 123 456 78``, ``+46 10 123 45 67``, ``+46 20 12 34 56``,
``+46 900 12 34 567``; foreign numbers in their own international format (``+47 22 33 44 55``,
``+358 40 1234567``). A label before the number (``tel:``, ``Växel:``, ``Mobil``) is dropped. Text that
is not one number (an extension ``ankn 12``, Excel's ``7,01E+08``, two numbers) raises ValueError
with a Swedish message: the caller keeps it elsewhere (the import: in the note, with a warning).

Cheap first: a Swedish mobile number (07x + 7 digits), the bulk of any contact list, is formatted
without the library; everything else is parsed once per distinct number (cached)."""

from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers

_LABEL = re.compile(r"^\s*(?:[^\W\d_][\w .]{0,24}?\s*:|(?:tel|tfn|telefon|mobil|mob|växel|vx|phone|mobile|cell)\b\.?)\s*",
                    re.IGNORECASE)
_SPACES = str.maketrans({"\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ", "\t": " ",
                         "\u2013": "-", "\u2011": "-", "\u2010": "-", "\u2212": "-"})
_ALLOWED = re.compile(r"^\+?[\d\s().\-/]+$")
_MOBILE = re.compile(r"7[02369]\d{7}$")


_NON_DIGIT = re.compile(r"\D")
_PLAIN = frozenset("0123456789+(")


def normalise_phone(text: str) -> str:
    """``070-123 45 67`` → ``+46 70 123 45 67``; "" for empty text. Raises ValueError (Swedish)."""
    raw = (text or "").strip()
    if not raw:
        return ""
    body = raw if raw.isascii() else raw.translate(_SPACES)
    if body[0] not in _PLAIN:
        body = _LABEL.sub("", body, count=1).strip()
    if not body or not _ALLOWED.match(body) or body.count("+") > 1:
        raise ValueError(f"Ogiltigt telefonnummer: {raw!r}")
    digits = _NON_DIGIT.sub("", body)
    if body[0] == "+":
        international = digits
    elif digits.startswith("00"):
        international = digits[2:]
    elif digits.startswith("0"):
        if len(digits) == 10 and _MOBILE.match(digits, 1):  # the bulk of any list: 07x-xxx xx xx
            return f"+46 {digits[1:3]} {digits[3:6]} {digits[6:8]} {digits[8:]}"
        international = "46" + digits[1:]
    else:
        raise ValueError(f"Ogiltigt telefonnummer: {raw!r} (börja med 0 eller +landsnummer)")
    if international.startswith("46"):
        national = international[2:]
        if national.startswith("0"):  # +46 (0)70 …
            national = national[1:]
        if _MOBILE.match(national):
            return f"+46 {national[:2]} {national[2:5]} {national[5:7]} {national[7:]}"
        international = "46" + national
    formatted = _format("+" + international)
    if formatted is None:
        raise ValueError(f"Ogiltigt telefonnummer: {raw!r}")
    return formatted


@lru_cache(maxsize=65536)
def _format(e164ish: str) -> str | None:
    try:
        number = phonenumbers.parse(e164ish, None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def restore_leading_zero(text: str) -> tuple[str, bool]:
    """A number a spreadsheet stored as a number lost its leading ``0`` (or ``+``): ``701234567`` →
    ``0701234567``; ``46701234567`` → ``+46701234567``. Only digit-only text of a plausible length is
    changed: 9 digits starting with 7 (a Swedish mobile, certain), other 7–9 digit numbers (a Swedish
    area number, a guess: the second value is True so the caller can warn), 11 digits starting with 46
    (the ``+`` lost). Anything else is returned as it is."""
    if not text.isdigit() or text.startswith("0"):
        return text, False
    if len(text) == 9 and text.startswith("7"):
        return "0" + text, False
    if 7 <= len(text) <= 9:
        return "0" + text, True
    if len(text) == 11 and text.startswith("46"):
        return "+" + text, False
    return text, False
