"""The import's rules for one record read from a file: what is stored, what goes to the note, what is
warned about, and when a record cannot be imported at all.

One odd field never drops a person:
- Phone: the candidates in the reader's order (mobile, work, other, switchboard); the first that is a
  phone number (``phones.normalise_phone``; a number a spreadsheet stored without its leading 0 gets
  it back) is stored, every other number goes to the note as "Etikett: nummer". Text that is not one
  number (``021-12 34 56 ankn 12``, Excel's ``7,01E+08``) goes to the note as it is, with a warning.
- E-mail: the first valid address is stored, other addresses go to the note; an invalid one goes to the
  note with a warning (the person is imported without it). An Exchange address (``/o=ExchangeLabs/…``,
  ``/O=…/OU=…/CN=…``) is no address: skipped for the next one, warned about when there is none.
- Legal basis and its date, a title or organisation longer than the register takes: kept in the note,
  with a warning.
- Name: first/last name, else the file's full name; without a person's name but with an organisation
  the record is a company card (an organisation); with neither but an e-mail address the name is taken
  from the address (``anna.berg@…`` → Anna Berg), with a warning. Only a record with nothing to
  identify anyone (no name, no organisation, no valid e-mail) is rejected, or one whose name is longer
  than 100 characters, or a vCard without END:VCARD."""

from __future__ import annotations

import re

from shk_tui.enums import LegalBasis
from shk_tui.fmt import parse_date
from shk_tui.formats.contact_rows import ContactRecord, name_from_email
from shk_tui.services.contacts.phones import normalise_phone, restore_leading_zero

_EXCHANGE = re.compile(r"^/o=[^/]*/|^/cn=|^/o=.*?/ou=", re.IGNORECASE)
_EXCEL_NUMBER = re.compile(r"^\d+([.,]\d+)?E\+\d+$", re.IGNORECASE)
_MAX = {"title": 200, "organisation": 200}


def check(r: ContactRecord, valid_email) -> tuple[list[str], list[str]]:
    """Settle ``r`` in place (phone, e-mail, note, legal basis); returns (errors, warnings)."""
    if r.error:
        return [r.error], list(r.warnings)
    warnings = r.warnings[:] if r.warnings else []
    notes: list[str] = []
    _email(r, valid_email, notes, warnings)
    _phone(r, notes, warnings)
    if r.legal_basis:
        try:
            r.legal_basis = LegalBasis.parse(r.legal_basis).value
        except ValueError:
            notes.append(f"Rättslig grund: {r.legal_basis}")
            warnings.append(f"okänd rättslig grund {r.legal_basis!r} sparades i anteckningen")
            r.legal_basis = ""
    if r.consent_on:
        try:
            r.consent_on = parse_date(r.consent_on).isoformat()
        except ValueError:
            notes.append(f"Datum för grund: {r.consent_on}")
            warnings.append(f"ogiltigt datum {r.consent_on!r} sparades i anteckningen")
            r.consent_on = ""
    for attr, limit in _MAX.items() if len(r.title) > 200 or len(r.organisation) > 200 else ():
        value = getattr(r, attr)
        if len(value) > limit:
            notes.append(f"{'Titel' if attr == 'title' else 'Organisation'}: {value}")
            warnings.append(f"för lång {'titel' if attr == 'title' else 'organisation'} (högst {limit} tecken) "
                            "sparades i anteckningen")
            setattr(r, attr, "")
            if attr == "organisation":
                r.company = False
    errors = _name(r, warnings)
    if r.company:  # an organisation has no phone or e-mail field: its note holds them
        own = [f"Telefon: {r.phone}" if r.phone else "", f"E-post: {r.email}" if r.email else "",
               f"Titel: {r.title}" if r.title else ""]
        notes[:0] = [line for line in own if line]
        r.phone = r.email = r.title = ""
        r.first_name = r.last_name = ""
        r.tags = []
    if r.more or notes:
        r.note = "\n".join(part for part in (r.note, *r.more, *notes) if part)
        r.more = []
    return errors, warnings


def _email(r: ContactRecord, valid_email, notes: list[str], warnings: list[str]) -> None:
    candidates = r.emails or ([("E-post", r.email)] if r.email else [])
    if len(candidates) == 1 and candidates[0][1][:1] not in ("/", "m") and valid_email(candidates[0][1]):
        r.email, r.emails = candidates[0][1], []  # the common case, cheaply
        return
    chosen, exchange = "", False
    for label, value in candidates:
        value = value.strip().removeprefix("mailto:").strip()
        if not value:
            continue
        if _EXCHANGE.match(value):
            exchange = True
        elif valid_email(value):
            if not chosen:
                chosen = value
            elif value.lower() != chosen.lower():
                notes.append(f"{label}: {value}")
        else:
            notes.append(f"{label}: {value}")
            warnings.append(f"ogiltig e-postadress {value!r} sparades i anteckningen")
    if exchange and not chosen:
        warnings.append("Exchange-adressen (/o=…) är ingen e-postadress och hoppades över")
    r.email, r.emails = chosen, []


def _phone(r: ContactRecord, notes: list[str], warnings: list[str]) -> None:
    candidates = r.phones or ([("Telefon", r.phone)] if r.phone else [])
    if len(candidates) == 1 and not candidates[0][1].isdigit():  # the common case, cheaply
        try:
            r.phone, r.phones = normalise_phone(candidates[0][1]), []
            return
        except ValueError:
            pass
    chosen = ""
    seen: set[str] = set()
    for label, value in candidates:
        value = value.strip()
        if not value:
            continue
        restored, guessed = restore_leading_zero(value)
        try:
            number = normalise_phone(restored)
        except ValueError:
            notes.append(f"{label}: {value}")
            why = ("Excel har gjort om numret till ett tal med exponent" if _EXCEL_NUMBER.match(value)
                   else "inget telefonnummer")
            warnings.append(f"telefon {value!r} ({why}) sparades i anteckningen")
            continue
        if guessed:
            warnings.append(f"telefon {value!r} saknade inledande 0 och lästes som {number}")
        if number in seen:
            continue
        seen.add(number)
        if not chosen:
            chosen = number
        else:
            notes.append(f"{label}: {number}")
    r.phone, r.phones = chosen, []


def _name(r: ContactRecord, warnings: list[str]) -> list[str]:
    if r.company:
        return []
    if not (r.first_name or r.last_name):
        if r.organisation:
            r.company = True
            return []
        if r.email:
            r.first_name, r.last_name = name_from_email(r.email)
            if r.first_name:
                warnings.append(f"namn saknas; namnet togs från e-postadressen ({r.name})")
                return []
        return ["namn saknas (och ingen organisation eller e-postadress att ta det från)"]
    if len(r.first_name) <= 100 and len(r.last_name) <= 100:
        return []
    return [f"för långt fält ({attr}, högst 100 tecken)" for attr in ("first_name", "last_name")
            if len(getattr(r, attr)) > 100]
