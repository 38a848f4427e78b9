"""Reading vCards as phones and address books write them: 2.1 (Android, older phones), 3.0 (Apple, Google,
Outlook) and 4.0 (RFC 6350). Pure: no database, no UI; ``vcard.read_vcards`` is the entry point.

- The file's text: ``text_decode`` (UTF-8, UTF-16 from Outlook with or without BOM, cp1252, a mix).
- Lines folded with a space or tab are joined; 2.1's quoted-printable values (``ENCODING=QUOTED-PRINTABLE``
  or a bare ``QUOTED-PRINTABLE``) are joined over their soft line breaks (``=`` at the end of a line) and
  decoded with their ``CHARSET`` (UTF-8, ISO-8859-1, …; UTF-8 when none is named, else cp1252).
- Parameters bare (``TEL;CELL;PREF``) or named (``TYPE=cell,voice``, ``type=pref``, ``PREF=1``), values as
  ``tel:`` URIs; Apple's groups (``item1.TEL`` + ``item1.X-ABLabel:Växel``) label their property.
- Every TEL and EMAIL is read, best first (mobile, work, other, switchboard; PREF first among equals;
  fax and pager only to the note); the import service stores one and puts the rest in the note.
- ``ORG:Region Västmanland;HR`` → organisation and "Avdelning: HR" for the note.
- A company card (Apple's ``X-ABShowAs:COMPANY``, or no name but an ORG, or FN equal to ORG) is an
  organisation, not a person.
- PHOTO, LOGO, SOUND, KEY are skipped without being joined (linear time, also 2.1's unindented base64).
- A card without ``END:VCARD`` (at the end of the file, or before the next ``BEGIN:VCARD``) is returned
  with an ``error``: reported, never silently dropped nor half-imported.
- ADR, BDAY, URL and other properties are not read."""

from __future__ import annotations

import quopri
import re

from shk_tui.formats.contact_rows import MOBILE, NOTE_ONLY, OTHER, SWITCHBOARD, WORK, ContactRecord
from shk_tui.formats.csv_contacts import FormatError, decode_text
from shk_tui.formats.vcard import CONSENT_ON, LEGAL_BASIS

_BINARY = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})
_NAME = re.compile(r"^[A-Za-z0-9.\-_]+[;:]")


def _unescape(value: str) -> str:
    return re.sub(r"\\([\\,;nN])", lambda m: "\n" if m[1] in "nN" else m[1], value)


def _split(value: str, sep: str) -> list[str]:
    """Split on ``sep`` not preceded by a backslash, then unescape each part."""
    return [_unescape(p) for p in re.split(rf"(?<!\\){re.escape(sep)}", value)]


def _property(line: str) -> str:
    """``item1.EMAIL;TYPE=work:…`` → ``EMAIL``."""
    end = len(line)
    for sep in (":", ";"):
        at = line.find(sep, 0, end)
        if at >= 0:
            end = at
    return line[:end].rsplit(".", 1)[-1].strip().upper()


def _is_qp(line: str) -> bool:
    head = line.partition(":")[0].upper()
    return "QUOTED-PRINTABLE" in head


def _unfold(text: str) -> list[tuple[int, str]]:
    """Logical lines with the physical line number each starts on, in time linear in the text: the
    pieces of a folded line are collected in a list and joined once; a binary property is dropped."""
    lines: list[tuple[int, str]] = []
    parts: list[str] = []
    start, skipping, qp = 0, False, False
    for number, raw in enumerate(re.split(r"\r\n|\r|\n", text), start=1):
        if qp and parts and parts[-1].endswith("="):  # quoted-printable soft line break
            parts[-1] = parts[-1][:-1]
            parts.append(raw)
            continue
        if raw[:1] in (" ", "\t") and (parts or skipping):
            if not skipping:
                parts.append(raw[1:])
            continue
        if skipping and raw.strip() and not _NAME.match(raw):  # 2.1: base64 lines without indent
            continue
        if parts:
            lines.append((start, "".join(parts)))
        parts, skipping, qp = [], False, False
        if raw.strip():
            if _property(raw) in _BINARY:
                skipping = True
            else:
                start, parts, qp = number, [raw], _is_qp(raw)
    if parts:
        lines.append((start, "".join(parts)))
    return lines


def _params(params: list[str]) -> tuple[set[str], dict[str, str]]:
    """(types in lower case, other named parameters) of ``TYPE=cell,voice;PREF=1;CELL;CHARSET=UTF-8``."""
    types: set[str] = set()
    named: dict[str, str] = {}
    for p in params:
        key, sep, value = p.partition("=")
        key, value = key.strip().upper(), value.strip().strip('"')
        if not sep:
            if key in ("QUOTED-PRINTABLE", "BASE64", "8BIT", "7BIT"):
                named["ENCODING"] = key
            else:
                types.add(key.lower())
        elif key == "TYPE":
            types.update(t.strip().lower() for t in value.split(",") if t.strip())
        elif key == "PREF":
            types.add("pref")
        else:
            named[key] = value
    return types, named


def _qp_decode(value: str, charset: str) -> str:
    raw = quopri.decodestring(value.encode("utf-8"))
    for encoding in ([charset] if charset else []) + ["utf-8", "cp1252"]:
        try:
            return raw.decode("cp1252" if encoding.lower() in ("iso-8859-1", "latin1", "latin-1") else encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return raw.decode("cp1252", errors="replace")


def _label(raw: str) -> str:
    """Apple's ``_$!<Mobile>!$_`` → ``Mobile``."""
    return raw.removeprefix("_$!<").removesuffix(">!$_").strip()


def _rank(kinds: str) -> int:
    kinds = kinds.casefold()
    if "fax" in kinds or "pager" in kinds or "personsök" in kinds:
        return NOTE_ONLY
    if "cell" in kinds or "mobil" in kinds or "iphone" in kinds:
        return MOBILE
    if "växel" in kinds or "switchboard" in kinds:
        return SWITCHBOARD
    if "home" in kinds or "hem" in kinds or "other" in kinds:
        return OTHER
    return WORK


class _Card:
    def __init__(self, line: int) -> None:
        self.record = ContactRecord(line=line)
        self.full_name = ""
        self.show_as_company = False
        self.tels: list[tuple[str, set[str], str]] = []  # (group, types, value)
        self.mails: list[tuple[str, set[str], str]] = []
        self.labels: dict[str, str] = {}  # group → X-ABLabel

    def finish(self, last_line: int, notes: dict[int, str]) -> ContactRecord:
        r = self.record
        if not (r.first_name or r.last_name):
            name = self.full_name
            if not r.organisation and self.show_as_company and name:
                r.organisation = name
            if r.organisation and (self.show_as_company or not name or name.casefold() == r.organisation.casefold()):
                r.company = True
            elif name:
                r.first_name, _, r.last_name = name.partition(" ")
        tels = []
        for order, (group, types, value) in enumerate(self.tels):
            label = self.labels.get(group, "")
            kinds = " ".join(sorted(types - {"pref", "voice"})) + " " + label
            shown = label or ", ".join(sorted(types - {"pref", "voice"})) or "voice"
            tels.append((_rank(kinds), "pref" not in types, order, f"Telefon ({shown})", value))
        tels.sort()
        r.phones = [(label, value) for rank, *_, label, value in tels if rank < NOTE_ONLY]
        r.more += [f"{label}: {value}" for rank, *_, label, value in tels if rank >= NOTE_ONLY]
        mails = []
        for order, (group, types, value) in enumerate(self.mails):
            label = self.labels.get(group, "") or ", ".join(sorted(types - {"pref", "internet"}))
            mails.append(("pref" not in types, order, f"E-post ({label})" if label else "E-post", value))
        r.emails = [(label, value) for *_, label, value in sorted(mails)]
        r.phone = r.phones[0][1] if r.phones else ""  # the first candidates, for a reader of the file alone
        r.email = r.emails[0][1] if r.emails else ""
        if notes:
            r.warnings += [f"rad {n}: {notes[n]}" for n in sorted(notes) if r.line <= n <= last_line]
        return r


def read_cards(data: bytes, *, encoding: str | None = None) -> list[ContactRecord]:
    decoded = decode_text(data, encoding)
    records: list[ContactRecord] = []
    card: _Card | None = None
    last = 0
    for number, line in _unfold(decoded.text):
        name_part, sep, value = line.partition(":")
        if not sep:
            continue
        prop, *params = name_part.split(";")
        group, _, prop = prop.strip().rpartition(".")  # item1.EMAIL → group item1, EMAIL
        prop = prop.upper()
        if prop == "BEGIN" and value.strip().upper() == "VCARD":
            if card is not None:
                records.append(_unterminated(card, last, decoded.notes))
            card = _Card(number)
            continue
        if card is None:
            continue
        last = number
        types, named = _params(params)
        if named.get("ENCODING") == "QUOTED-PRINTABLE":
            value = _qp_decode(value, named.get("CHARSET", ""))
        r = card.record
        if prop == "END":
            records.append(card.finish(number, decoded.notes))
            card = None
        elif prop == "N":
            parts = _split(value, ";") + [""] * 5
            r.last_name, r.first_name = parts[0].strip(), " ".join(p.strip() for p in parts[1:3] if p.strip())
        elif prop == "FN":
            card.full_name = _unescape(value).strip()
        elif prop == "ORG":
            org = [p.strip() for p in _split(value, ";")]
            r.organisation = r.organisation or org[0]
            if any(org[1:]):
                r.more.append("Avdelning: " + ", ".join(p for p in org[1:] if p))
        elif prop == "TITLE":
            r.title = r.title or _unescape(value).strip()
        elif prop == "EMAIL":
            email = _unescape(value).strip().removeprefix("mailto:")
            if email:
                card.mails.append((group, types, email))
        elif prop == "TEL":
            tel = _unescape(value).strip()
            if tel:
                card.tels.append((group, types, tel))
        elif prop == "X-ABLABEL" and group:
            card.labels[group] = _label(_unescape(value))
        elif prop == "X-ABSHOWAS":
            card.show_as_company = value.strip().upper() == "COMPANY"
        elif prop == "NOTE":
            r.note = _unescape(value).strip()
        elif prop == "CATEGORIES":
            r.tags = [t.strip() for t in _split(value, ",") if t.strip()]
        elif prop == LEGAL_BASIS:
            r.legal_basis = _unescape(value).strip()
        elif prop == CONSENT_ON:
            r.consent_on = _unescape(value).strip()
    if card is not None:
        records.append(_unterminated(card, last, decoded.notes))
    if not records and "BEGIN:VCARD" not in decoded.text.upper():
        raise FormatError("Filen innehåller inga vCard (BEGIN:VCARD saknas)")
    return records


def _unterminated(card: _Card, last: int, notes: dict[int, str]) -> ContactRecord:
    record = card.finish(last, notes)
    record.error = "vCard utan END:VCARD (filen kan vara avklippt) – kortet importeras inte"
    return record

