"""Swedish formatting and parsing: sort keys, amounts in öre, dates. Pure Python, every layer
may import it."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from functools import lru_cache

# Swedish alphabet: a–z, then å ä ö. Letters with other diacritics sort as their base letter
# (é as e, ü as y per Swedish practice), æ as ä and ø as ö.
_SPECIAL = {"å": "{", "ä": "|", "ö": "}", "æ": "|", "ø": "}", "ü": "y"}


_SPECIAL_TABLE = str.maketrans(_SPECIAL)


def sv_key(text: str | None) -> str:
    """A key that sorts strings in Swedish order (… X Y Z Å Ä Ö), case-insensitively."""
    if not text:
        return ""
    key = text.casefold().translate(_SPECIAL_TABLE)
    if key.isascii():
        return key
    return "".join(ch if ch.isascii() else _sv_char(ch) for ch in key)


def _sv_char(ch: str) -> str:
    base = unicodedata.normalize("NFD", ch)[0]
    return _SPECIAL.get(base, base)


def sv_compare(a: str | None, b: str | None) -> int:
    """Collation function for SQLite: Swedish order, case-insensitive, ties broken by the raw text."""
    ka, kb = sv_key(a), sv_key(b)
    if ka != kb:
        return -1 if ka < kb else 1
    a, b = a or "", b or ""
    return 0 if a == b else (-1 if a < b else 1)


def sv_sorted(items, key=lambda x: x):
    return sorted(items, key=lambda item: (sv_key(key(item)), key(item) or ""))


# --- typed text ----------------------------------------------------------------------------

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def without_controls(text: str) -> str:
    """``text`` with every control character (NUL, escape, line breaks, C1 codes) replaced by a space:
    a search must not send NUL to a database (SQLite's LIKE ends the pattern there and matches
    everything; PostgreSQL refuses the query) nor match on invisible characters."""
    return text if text.isprintable() else _CONTROL.sub(" ", text)


def fold(text: str | None) -> str:
    """The one fold every search and type-ahead compares with: Unicode casefold, accents dropped
    except on the Swedish å, ä, ö (é → e, ü → u), ø → ö and æ → ä, control characters (NUL among
    them) as spaces, spaces collapsed. SQL applies the same fold with ``shk_tui.db.search``."""
    if not text:
        return ""
    folded = without_controls(text.casefold())
    if not folded.isascii():
        folded = _FOREIGN.sub(_fold_match, folded)
    return " ".join(folded.split())


_FOREIGN = re.compile("[^\x00-\x7fåäö]")
#: Letters Swedish reads as its own å, ä, ö although they are not written with their accents.
_AS_SWEDISH = {"ø": "ö", "æ": "ä"}


def _fold_match(match: re.Match[str]) -> str:
    return fold_char(match.group())


@lru_cache(maxsize=4096)
def completion(name: str, typed: str) -> str | None:
    """What a type-ahead adds to ``typed`` to complete it to ``name``: the rest of ``name`` after its
    prefix that folds to what ``typed`` folds to (``"Göteborgs "`` + ``"stad"``; ``"jose"`` completes
    ``"José Ruiz"`` with ``" Ruiz"``), or None when ``name`` does not start so."""
    target = fold(typed)
    if not target or not fold(name).startswith(target):
        return None
    ends_with_space = typed[-1:].isspace()
    found = [k for k in range(len(name) + 1) if fold(name[:k]) == target]
    if not found:
        return None
    return name[max(found) if ends_with_space else min(found):]


def fold_char(ch: str) -> str:
    """One casefolded character, folded (``fold`` without the spaces; tables for SQL are built from it)."""
    if ch in "åäö":
        return ch
    base = unicodedata.normalize("NFD", ch)
    if base[:1] in ("a", "o") and "\u0308" in base:
        return "ä" if base[0] == "a" else "ö"
    if base[:1] == "a" and "\u030a" in base:
        return "å"
    return _AS_SWEDISH.get(base[:1], base[:1]) or ch


# --- counts --------------------------------------------------------------------------------


def count(n: int, one: str, many: str) -> str:
    """A count in words with the noun in the right number: ``count(1, "deltagande", "deltaganden")``
    → ``1 deltagande``, ``count(2, …)`` → ``2 deltaganden`` (and ``0 deltaganden``)."""
    return f"{n} {one if n == 1 else many}"


# --- money ---------------------------------------------------------------------------------

NBSP = "\u00a0"


def format_kr(ore: int | None, *, decimals: bool | None = None, blank: str = "") -> str:
    """``127200000`` → ``1 272 000 kr``. Decimals are shown only when there are öre
    (or always with ``decimals=True``)."""
    if ore is None:
        return blank
    sign = "−" if ore < 0 else ""
    kronor, rest = divmod(abs(ore), 100)
    text = f"{kronor:,}".replace(",", " ")
    if decimals or (decimals is None and rest):
        text += f",{rest:02d}"
    return f"{sign}{text} kr"


_AMOUNT_RE = re.compile(r"^(?P<sign>[-−]?)(?P<int>\d+)(?:[,.](?P<dec>\d{1,2}))?$")
#: The largest amount accepted, in öre (10 000 000 000 000 kr): thousands of them still sum inside a
#: 64-bit column.
MAX_ORE = 10**15


def parse_kr(text: str) -> int:
    """Parse Swedish typing into öre: ``1 272 000``, ``1272000 kr``, ``12 500,50``, ``12500.5``.

    Raises ValueError with a Swedish message on anything else."""
    raw = (text or "").strip()
    cleaned = raw.lower().replace(NBSP, " ").replace("\u202f", " ")
    for suffix in ("kronor", "kr", "sek", ":-"):
        if cleaned.endswith(suffix):
            cleaned = cleaned[: -len(suffix)]
            break
    cleaned = cleaned.replace(" ", "").replace("'", "")
    if cleaned.endswith(",-"):
        cleaned = cleaned[:-2]
    m = _AMOUNT_RE.match(cleaned)
    if not m:
        raise ValueError(f"Ogiltigt belopp: {raw!r} (skriv t.ex. 1 272 000 eller 12 500,50)")
    ore = int(m["int"]) * 100 + (int((m["dec"] or "0").ljust(2, "0")) if m["dec"] else 0)
    if ore > MAX_ORE:
        raise ValueError(f"Ogiltigt belopp: {raw!r} (för stort)")
    return -ore if m["sign"] else ore


# --- dates ---------------------------------------------------------------------------------


def format_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def parse_date(text: str) -> date:
    """ISO 8601 date (``2024-03-01``); also accepts ``20240301``. Swedish message on error."""
    raw = (text or "").strip()
    for candidate in (raw, f"{raw[:4]}-{raw[4:6]}-{raw[6:]}" if len(raw) == 8 and raw.isdigit() else ""):
        try:
            return date.fromisoformat(candidate)
        except ValueError:
            continue
    raise ValueError(f"Ogiltigt datum: {raw!r} (skriv ÅÅÅÅ-MM-DD)")


def iso_week(value: date | datetime) -> int:
    return value.isocalendar().week
