"""The derived search columns of ``Contact`` (pure functions, shared by the service's ORM hook and
the migration that fills them): ``search_text`` is casefolded text matched with ``LIKE`` (folded in
Python so Å/Ä/Ö fold correctly on every backend), ``sort_key`` is a binary-comparable Swedish sort
key, so ``ORDER BY sort_key`` can use an index instead of a per-row collation."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from shk_tui.fmt import sv_key

SORT_KEY_LENGTH = 250


def fold(text: str | None) -> str:
    """Casefold and drop accents other than the Swedish å, ä, ö (é → e, ü → u), collapse spaces."""
    if not text:
        return ""
    out: list[str] = []
    for ch in text.casefold():
        if ch in "åäö" or ch.isascii():
            out.append(ch)
            continue
        base = unicodedata.normalize("NFD", ch)
        if base[:1] in ("a", "o") and "\u0308" in base:
            out.append("ä" if base[0] == "a" else "ö")
        elif base[:1] == "a" and "\u030a" in base:
            out.append("å")
        else:
            out.append(base[:1] or ch)
    return re.sub(r"\s+", " ", "".join(out)).strip()


def digits(text: str | None) -> str:
    return re.sub(r"\D", "", text or "")


def search_text(
    first_name: str | None,
    last_name: str | None,
    title: str | None,
    email: str | None,
    phone: str | None,
    organisation: Iterable[str | None] = (),
    tags: Iterable[str] = (),
) -> str:
    """Everything the Kontakter search box matches, folded, ``|``-separated."""
    phone_digits = digits(phone)
    parts = [
        f"{first_name or ''} {last_name or ''}",
        title,
        email,
        phone,
        phone_digits,
        # 0701234567 as typed in Sweden, when stored as +46 70 …
        "0" + phone_digits[2:] if phone_digits.startswith("46") else "",
        *organisation,
        *tags,
    ]
    return "|".join(fold(p) for p in parts if p)


def sort_key(last_name: str | None, first_name: str | None) -> str:
    """Swedish order by last name, then first name, as plain text (compare it binary / COLLATE "C")."""
    key = f"{sv_key((last_name or '').strip())} {sv_key((first_name or '').strip())}".strip()
    return key[:SORT_KEY_LENGTH]
