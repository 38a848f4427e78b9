"""Bytes of an import file → text, as the real tools write them, and what had to be repaired.

Detected without being told: UTF-8 (with or without BOM), UTF-16 LE/BE (with a BOM, or without one:
Outlook's "Unicode" export), cp1252 (Excel "CSV (semikolonavgränsad)", Outlook in Swedish Windows).
A file in which some lines are UTF-8 and others cp1252 (rows pasted together from two programs) is
decoded line by line: each line as UTF-8, else as cp1252, and every cp1252 line is named
("rad N: teckenkodningen var cp1252"). Text that is already garbled, UTF-8 read as cp1252 somewhere
earlier (``MÃ¤rta``), is repaired and named too. Pure: no database, no UI."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

#: UTF-8 of Latin-1 letters read as cp1252: ``Ã¤`` (ä), ``Ã¶`` (ö), ``Ã¥`` (å), ``Ã…`` (Å), ``Ã–`` (Ö),
#: ``Ã„`` (Ä), ``Ã©`` (é), ``Â `` (no-break space) …
_MOJIBAKE = re.compile("[\u00c2\u00c3][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6"
                       "\u02dc\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a"
                       "\u20ac\u2122]")


class DecodeError(ValueError):
    """An encoding the user named is unknown or does not fit the bytes (Swedish message)."""


@dataclass
class Decoded:
    text: str
    encoding: str  # what was detected (or given): utf-8, utf-8-sig, utf-16, cp1252, "utf-8 + cp1252"
    notes: dict[int, str] = field(default_factory=dict)  # physical line (1 = first) → what was repaired


def _utf16_without_bom(data: bytes) -> str | None:
    head = data[:200]
    if len(head) >= 4 and head[1::2].count(0) > len(head) * 0.4:
        return "utf-16-le"
    if len(head) >= 4 and head[0::2].count(0) > len(head) * 0.4:
        return "utf-16-be"
    return None


def repair_mojibake(text: str) -> str:
    """``MÃ¤rta`` → ``Märta``: each pair that is a UTF-8 sequence read as cp1252 is put back."""
    def fix(m: re.Match) -> str:
        try:
            return m[0].encode("cp1252").decode("utf-8")
        except UnicodeError:
            return m[0]
    return _MOJIBAKE.sub(fix, text)


def _repair_lines(text: str, notes: dict[int, str]) -> str:
    if "\u00c3" not in text and "\u00c2" not in text:
        return text
    lines = io.StringIO(text, newline="").readlines()  # \n, \r\n or \r: as the csv reader counts
    for i, line in enumerate(lines):
        if _MOJIBAKE.search(line):
            fixed = repair_mojibake(line)
            if fixed != line:
                lines[i] = fixed
                notes[i + 1] = "felkodad text (UTF-8 läst som cp1252, t.ex. Ã¤ för ä) rättades"
    return "".join(lines)


def decode(data: bytes, encoding: str | None = None) -> Decoded:
    """Raises DecodeError only for an ``encoding`` given by the user that is unknown or does not fit."""
    if encoding:
        try:
            return Decoded(data.decode(encoding), encoding)
        except LookupError:  # also a codec that is not a text encoding (zlib, rot13)
            raise DecodeError(f"Okänd teckenkodning: {encoding[:40]!r} (t.ex. utf-8 eller cp1252)") from None
        except (UnicodeDecodeError, TypeError) as exc:
            line = data.count(b"\n", 0, getattr(exc, "start", 0)) + 1
            raise DecodeError(f"Filen kan inte läsas som {encoding[:40]}: ogiltiga tecken på rad {line}") from None
    notes: dict[int, str] = {}
    if data.startswith(b"\xef\xbb\xbf"):
        return _utf8(data[3:], "utf-8-sig", notes)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Decoded(_repair_lines(data.decode("utf-16", errors="replace"), notes), "utf-16", notes)
    wide = _utf16_without_bom(data)
    if wide:
        return Decoded(_repair_lines(data.decode(wide, errors="replace"), notes), wide, notes)
    return _utf8(data, "utf-8", notes)


def _utf8(data: bytes, name: str, notes: dict[int, str]) -> Decoded:
    try:
        return Decoded(_repair_lines(data.decode("utf-8"), notes), name, notes)
    except UnicodeDecodeError:
        pass
    lines = data.splitlines(keepends=True)
    utf8_seen = False
    decoded: list[str] = []
    cp1252_lines: list[int] = []
    for number, raw in enumerate(lines, start=1):
        try:
            text = raw.decode("utf-8")
            utf8_seen = utf8_seen or not raw.isascii()
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
            cp1252_lines.append(number)
        decoded.append(text)
    text = _repair_lines("".join(decoded), notes)
    if not utf8_seen:  # the whole file is cp1252: nothing to warn about
        return Decoded(text, "cp1252", notes)
    for number in cp1252_lines:
        notes[number] = "teckenkodningen var cp1252"
    return Decoded(text, "utf-8 + cp1252", notes)
