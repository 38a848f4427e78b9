"""vCard 3.0 and 4.0 (RFC 2426 / RFC 6350): several cards per file, folded lines, escapes,
parameters (``TYPE=…``, ``CHARSET=…``), ``tel:`` URIs. Pure: no database, no UI."""

from __future__ import annotations

import re

from shk_tui.formats.csv_contacts import ContactRecord, FormatError, decode

# Our own properties (RFC 6350 6.10 "X-" extensions; other programs ignore them): the GDPR legal basis
# survives an export to .vcf and back.
LEGAL_BASIS, CONSENT_ON = "X-SHK-LEGAL-BASIS", "X-SHK-CONSENT-ON"


def _unescape(value: str) -> str:
    return re.sub(r"\\([\\,;nN])", lambda m: "\n" if m[1] in "nN" else m[1], value)


def _split(value: str, sep: str) -> list[str]:
    """Split on ``sep`` not preceded by a backslash, then unescape each part."""
    parts = re.split(rf"(?<!\\){re.escape(sep)}", value)
    return [_unescape(p) for p in parts]


def _escape(value: str) -> str:
    """A text value with ``\\``, ``,``, ``;`` and line breaks (CRLF, CR or LF) escaped."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


#: Properties whose (often megabytes of base64) value is never read: their folded lines are skipped
#: without being joined.
_BINARY = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})


def _property(line: str) -> str:
    """``item1.EMAIL;TYPE=work:…`` → ``EMAIL``."""
    end = len(line)
    for sep in (":", ";"):
        at = line.find(sep, 0, end)
        if at >= 0:
            end = at
    return line[:end].rsplit(".", 1)[-1].strip().upper()


def _unfold(text: str) -> list[tuple[int, str]]:
    """Logical lines with the physical line number each starts on, in time linear in the text: the
    pieces of a folded line are collected in a list and joined once; a binary property is dropped."""
    lines: list[tuple[int, str]] = []
    start, parts, skipping = 0, [], False

    def close() -> None:
        if parts:
            lines.append((start, "".join(parts)))

    for number, raw in enumerate(text.splitlines(), start=1):
        if raw[:1] in (" ", "\t") and (parts or skipping):
            if not skipping:
                parts.append(raw[1:])
            continue
        close()
        parts = []
        skipping = False
        if raw.strip():
            if _property(raw) in _BINARY:
                skipping = True
            else:
                start, parts = number, [raw]
    close()
    return lines


def read_vcards(data: bytes, *, encoding: str | None = None) -> list[ContactRecord]:
    text, _ = decode(data, encoding)
    records: list[ContactRecord] = []
    card: ContactRecord | None = None
    full_name = ""
    for number, line in _unfold(text):
        name_part, sep, value = line.partition(":")
        if not sep:
            continue
        prop, *params = name_part.split(";")
        prop = prop.split(".")[-1].upper()  # item1.EMAIL → EMAIL
        if prop == "BEGIN" and value.strip().upper() == "VCARD":
            card, full_name = ContactRecord(line=number), ""
            continue
        if card is None:
            continue
        if prop == "END":
            if not (card.first_name or card.last_name) and full_name:
                card.first_name, _, card.last_name = full_name.partition(" ")
            records.append(card)
            card = None
        elif prop == "N":
            parts = _split(value, ";") + [""] * 5
            card.last_name, card.first_name = parts[0].strip(), " ".join(p for p in parts[1:3] if p).strip()
        elif prop == "FN":
            full_name = _unescape(value).strip()
        elif prop == "ORG":
            card.organisation = card.organisation or _split(value, ";")[0].strip()
        elif prop == "TITLE":
            card.title = card.title or _unescape(value).strip()
        elif prop == "EMAIL":
            email = _unescape(value).strip().removeprefix("mailto:")
            if email and (not card.email or any("PREF" in p.upper() for p in params)):
                card.email = email
        elif prop == "TEL":
            tel = _unescape(value).strip().removeprefix("tel:")
            if tel and not card.phone:
                card.phone = tel
        elif prop == "NOTE":
            card.note = _unescape(value).strip()
        elif prop == "CATEGORIES":
            card.tags = [t.strip() for t in _split(value, ",") if t.strip()]
        elif prop == LEGAL_BASIS:
            card.legal_basis = _unescape(value).strip()
        elif prop == CONSENT_ON:
            card.consent_on = _unescape(value).strip()
    if card is not None:
        raise FormatError(f"Rad {card.line}: vCard utan END:VCARD")
    if not records and "BEGIN:VCARD" not in text.upper():
        raise FormatError("Filen innehåller inga vCard (BEGIN:VCARD saknas)")
    return records


def _fold(line: str) -> str:
    """Fold at 75 octets (RFC 6350 3.2) without splitting a UTF-8 character."""
    out, current = [], ""
    for ch in line:
        if len((current + ch).encode()) > (75 if not out else 74):
            out.append(current)
            current = ""
        current += ch
    out.append(current)
    return "\r\n ".join(out)


def _tel(phone: str, version: str) -> str:
    """A Swedish mobile (070, 072, …) as a cell phone, any other number as a work phone; 3.0 as
    text (``TEL;TYPE=CELL:+46 70 …``), 4.0 as a ``tel:`` URI (RFC 3966: ``tel:+46-70-…``)."""
    from shk_tui.formats.outlook_csv import is_swedish_mobile

    mobile = is_swedish_mobile(phone)
    if version == "3.0":
        return f"TEL;TYPE={'CELL' if mobile else 'WORK,VOICE'}:{_escape(phone)}"
    uri = re.sub(r"[^0-9+]+", "-", phone.strip()).strip("-")
    return f"TEL;TYPE={'cell' if mobile else 'work,voice'};VALUE=uri:tel:{uri}"


def write_vcards(records: list[ContactRecord], *, version: str = "4.0") -> bytes:
    """UTF-8 vCards (3.0 for older phones and address books, 4.0 otherwise), CRLF line ends, lines
    folded at 75 octets, one card per record."""
    if version not in ("3.0", "4.0"):
        raise ValueError(version)
    lines: list[str] = []
    for r in records:
        lines += ["BEGIN:VCARD", f"VERSION:{version}", f"N:{_escape(r.last_name)};{_escape(r.first_name)};;;",
                  f"FN:{_escape(r.name)}"]
        if r.organisation:
            lines.append(f"ORG:{_escape(r.organisation)}")
        if r.title:
            lines.append(f"TITLE:{_escape(r.title)}")
        if r.email:
            lines.append(f"EMAIL;TYPE={'INTERNET' if version == '3.0' else 'work'}:{_escape(r.email)}")
        if r.phone:
            lines.append(_tel(r.phone, version))
        if r.tags:
            lines.append("CATEGORIES:" + ",".join(_escape(t) for t in r.tags))
        if r.note:
            lines.append(f"NOTE:{_escape(r.note)}")
        if r.legal_basis:
            lines.append(f"{LEGAL_BASIS}:{_escape(r.legal_basis)}")
        if r.consent_on:
            lines.append(f"{CONSENT_ON}:{r.consent_on}")
        lines.append("END:VCARD")
    return ("".join(_fold(line) + "\r\n" for line in lines)).encode("utf-8")
