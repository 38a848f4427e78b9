"""Contacts as a CSV that Outlook's import wizard ("Importera från ett annat program eller en annan
fil" → "Kommaavgränsade värden") maps without help: Outlook's own English column names, comma as the
separator whatever the locale, UTF-8 with BOM (current Outlook reads it; names like Łukasz or Şule
survive, which cp1252 would lose), CRLF. Written by ``formats.spreadsheet`` (formula guard included).

Phones: a Swedish mobile number (070, 072, 073, 076, 079: the mobile series of PTS's numbering plan)
goes to *Mobile Phone*, any other number to *Business Phone*. Numbers are written in the national
form (``070-123 45 67``) or with ``00`` for other countries, so no cell starts with ``+`` (which the
formula guard would otherwise have to mark with an apostrophe that Outlook would keep). Pure: no
database, no UI."""

from __future__ import annotations

import re

from shk_tui.formats import spreadsheet
from shk_tui.formats.csv_contacts import ContactRecord

HEADER = ("First Name", "Last Name", "E-mail Address", "Company", "Job Title", "Business Phone", "Mobile Phone",
          "Categories", "Notes")
#: Swedish mobile series (after the trunk 0): 070, 072, 073, 076, 079. 071 is machine-to-machine,
#: 074/075/077/078 are paging, personal and shared-cost numbers (0771-… is a company's switchboard).
_MOBILE = ("70", "72", "73", "76", "79")


def national_digits(phone: str) -> str | None:
    """The digits of a Swedish number after the trunk 0 (``+46 70 123 45 67`` → ``701234567``), or
    None for a number of another country or no number."""
    raw = (phone or "").strip()
    digits = re.sub(r"\D", "", raw)
    if raw.startswith("+") or digits.startswith("00"):
        international = digits if raw.startswith("+") else digits[2:]
        return international[2:].removeprefix("0") if international.startswith("46") else None
    return digits[1:] if digits.startswith("0") else None


def is_swedish_mobile(phone: str) -> bool:
    national = national_digits(phone)
    return national is not None and national[:2] in _MOBILE


def national_form(phone: str) -> str:
    """``+46 70 123 45 67`` → ``070-123 45 67``, ``+46 8 123 456 78`` → ``08-123 456 78``, ``+44 20 7946
    0958`` → ``0044 20 7946 0958``; a number already without ``+`` is left as written."""
    raw = (phone or "").strip()
    if not raw.startswith("+"):
        return raw
    groups = re.findall(r"\d+", raw)
    if not groups:
        return raw
    if groups[0] == "46" and len(groups) > 2 and groups[1] == "0":  # +46 (0)70 …
        del groups[1]
    if groups[0] == "46" and len(groups) >= 2:
        area = groups[1].removeprefix("0")
        return f"0{area}-{' '.join(groups[2:])}".rstrip("-") if len(groups) > 2 else f"0{area}"
    if len(groups) == 1 and groups[0].startswith("46"):  # +46701234567
        return "0" + groups[0][2:].removeprefix("0")
    return "00" + " ".join(groups)


def phone_columns(phone: str) -> tuple[str, str]:
    """(Business Phone, Mobile Phone) for one stored number."""
    if not phone:
        return "", ""
    shown = national_form(phone)
    return ("", shown) if is_swedish_mobile(phone) else (shown, "")


def write_outlook_csv(records: list[ContactRecord]) -> bytes:
    """Outlook's columns; tags as Outlook's ``;``-separated categories. The legal basis and its date
    have no Outlook field and are left out (the Swedish CSV, XLSX and vCard keep them)."""
    rows = []
    for r in records:
        business, mobile = phone_columns(r.phone)
        categories = ";".join(t.replace(";", ",") for t in r.tags)
        rows.append([r.first_name, r.last_name, r.email, r.organisation, r.title, business, mobile, categories,
                     r.note])
    return spreadsheet.to_csv([HEADER, *rows], delimiter=",")
