"""Argument types shared by every command module, and the one-line limit for what the CLI prints.

Every number or date the user types is checked here, at parse time, against a range the program can
hold (an id fits a 64-bit signed integer, a date lies between 1900 and 2100, ``--days`` within ten
years), so nothing out of range ever reaches a service or a database driver. A type function raises
``argparse.ArgumentTypeError`` with a Swedish message; argparse turns it into
``shk: fel: ARGUMENT: meddelande`` (exit status 2) through ``cli._Parser``."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date

from shk_tui.fmt import parse_date

#: The largest id a row can have (SQLite INTEGER PRIMARY KEY and PostgreSQL BIGINT are 64-bit signed).
MAX_ID = 2**63 - 1
#: Dates the program reasons about (example data, due lists, exports); outside them date arithmetic
#: and ``date`` itself overflow.
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2100, 12, 31)
MAX_DAYS = 3650
#: Longest line the CLI prints for an error (longer ones are cut with "…").
MAX_LINE = 200
#: How much of a typed value an error message repeats.
_SHOWN = 40


def _shown(text: str) -> str:
    """``text`` as an error message quotes it: at most ``_SHOWN`` characters, control characters escaped."""
    short = text if len(text) <= _SHOWN else text[:_SHOWN] + "…"
    return repr(short)


def bounded_int(low: int, high: int, out_of_range: str | None = None) -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` to ``high`` inclusive (``out_of_range``: the
    message for a number outside them)."""
    too_big = out_of_range or f"måste vara mellan {low} och {high}"

    def parse(text: str) -> int:
        raw = text.strip()
        digits = raw[1:] if raw[:1] in "+-" else raw
        if not (digits.isascii() and digits.isdigit()):
            raise argparse.ArgumentTypeError(f"ogiltigt heltal: {_shown(text)}")
        if len(digits.lstrip("0")) > 30:  # int() of 100 000 digits is slow (and over 3.11's limit)
            raise argparse.ArgumentTypeError(too_big)
        value = int(raw)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(too_big)
        return value

    parse.__name__ = "heltal"
    return parse


#: A row id (1 … 2⁶³−1): an id no table can hold is an error, never a lookup that overflows the driver.
row_id = bounded_int(1, MAX_ID, f"ogiltigt id (ett positivt heltal, högst {MAX_ID})")
#: ``--days N``: 0 to ten years.
days = bounded_int(0, MAX_DAYS)


def day(text: str) -> date:
    """An argparse type: an ISO date (``ÅÅÅÅ-MM-DD`` or ``ÅÅÅÅMMDD``) from 1900 to 2100."""
    try:
        value = parse_date(text[:_SHOWN + 1])
    except ValueError:
        raise argparse.ArgumentTypeError(f"Ogiltigt datum: {_shown(text.strip())} (skriv ÅÅÅÅ-MM-DD)") from None
    if not FIRST_DAY <= value <= LAST_DAY:
        raise argparse.ArgumentTypeError(f"Datumet {value.isoformat()} ligger utanför {FIRST_DAY.year}–{LAST_DAY.year}")
    return value


def one_char(text: str) -> str:
    """An argparse type: exactly one character (a CSV delimiter); ``\\t`` and ``tab`` mean tab."""
    value = "\t" if text in ("\\t", "tab", "TAB") else text
    if len(value) != 1:
        raise argparse.ArgumentTypeError(f"ska vara exakt ett tecken, t.ex. ; eller , (fick {_shown(text)})")
    if value in ('"', "\r", "\n") or (not value.isprintable() and value != "\t"):
        raise argparse.ArgumentTypeError(f"kan inte vara {_shown(value)}")
    return value


def one_line(text: str, limit: int = MAX_LINE) -> str:
    """``text`` as one line of at most ``limit`` characters: line breaks and other control characters
    become spaces, runs of spaces collapse, and a longer text is cut with "…"."""
    head = text[: limit * 4]  # enough to fill the line after collapsing; never scans a huge message
    flat = " ".join("".join(ch if ch.isprintable() else " " for ch in head).split())
    if len(flat) > limit or len(text) > len(head):
        return flat[: limit - 1].rstrip() + "…"
    return flat
