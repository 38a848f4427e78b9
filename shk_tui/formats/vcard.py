"""vCard 3.0 and 4.0 (RFC 2426 / RFC 6350): several cards per file, folded lines, escapes,
parameters (``TYPE=…``, ``CHARSET=…``), ``tel:`` URIs. Pure: no database, no UI."""

from __future__ import annotations

import re

from shk_tui.formats.csv_contacts import ContactRecord

# Our own properties (RFC 6350 6.10 "X-" extensions; other programs ignore them): the GDPR legal basis
# survives an export to .vcf and back.
LEGAL_BASIS, CONSENT_ON = "X-SHK-LEGAL-BASIS", "X-SHK-CONSENT-ON"


def _escape(value: str) -> str:
    """A text value with ``\\``, ``,``, ``;`` and line breaks (CRLF, CR or LF) escaped."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def read_vcards(data: bytes, *, encoding: str | None = None) -> list[ContactRecord]:
    """vCards 2.1, 3.0 and 4.0 as phones and address books write them: ``formats.vcard_read``."""
    from shk_tui.formats.vcard_read import read_cards

    return read_cards(data, encoding=encoding)


def _fold(line: str) -> str:
    """Fold at 75 octets (RFC 6350 3.2) without splitting a UTF-8 character."""
    out: list[str] = []
    current = ""
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
        email = f"EMAIL;TYPE={'INTERNET' if version == '3.0' else 'work'}:{_escape(r.email)}"
        tags = "CATEGORIES:" + ",".join(_escape(t) for t in r.tags)
        lines += [line for value, line in (
            (r.organisation, f"ORG:{_escape(r.organisation)}"),
            (r.title, f"TITLE:{_escape(r.title)}"),
            (r.email, email),
            (r.phone, _tel(r.phone, version) if r.phone else ""),
            (r.tags, tags),
            (r.note, f"NOTE:{_escape(r.note)}"),
            (r.legal_basis, f"{LEGAL_BASIS}:{_escape(r.legal_basis)}"),
            (r.consent_on, f"{CONSENT_ON}:{r.consent_on}"),
        ) if value]  # the fields a record has, in this order
        lines.append("END:VCARD")
    return ("".join(_fold(line) + "\r\n" for line in lines)).encode("utf-8")
