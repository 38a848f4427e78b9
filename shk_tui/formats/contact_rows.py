"""One contact read from a file, and the table readers' (CSV, XLSX) shared part: which column holds what,
and one row of cells → a ``ContactRecord``.

Columns are found by their header in Swedish, in Outlook's English or Swedish export (about 90 columns)
and in Google Contacts' old and new exports. Several phone columns are read, best first: mobile, then
work (and a plain "Telefon"), then home and other, then the switchboard; faxes and pagers only into the
note. Several e-mail columns likewise, in their order (E-mail, E-mail 2, E-mail 3). Google's multi-values
(``a ::: b``) give one candidate each. Which candidate is stored and which go to the note is the import
service's choice (it validates them). A row without a person's name but with an organisation is a
company card (``company``). Pure: no database, no UI."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from shk_tui.formats.spreadsheet import unguard

FIELDS = ("first_name", "last_name", "full_name", "title", "organisation", "email", "phone", "tags", "note",
          "legal_basis", "consent_on", "middle_name", "department")


@dataclass
class ContactRecord:
    """One contact read from (or written to) a file; ``line`` is where it starts (1 = first line).

    Read from a file, ``phones``/``emails`` hold every candidate (label, text as in the file), best
    first; ``more`` lines for the note (department, …); ``warnings`` what was repaired; ``error`` why
    the record cannot be imported; ``company`` a card for an organisation, not a person."""

    first_name: str = ""
    last_name: str = ""
    title: str = ""
    organisation: str = ""
    email: str = ""
    phone: str = ""
    tags: list[str] = field(default_factory=list)
    note: str = ""
    legal_basis: str = ""
    consent_on: str = ""
    line: int = 0
    phones: list[tuple[str, str]] = field(default_factory=list)
    emails: list[tuple[str, str]] = field(default_factory=list)
    more: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str = ""
    company: bool = False

    @property
    def name(self) -> str:
        if self.company:
            return self.organisation
        return f"{self.first_name} {self.last_name}".strip()


def norm(header: str) -> str:
    return re.sub(r"[^0-9a-zåäöéü]", "", header.casefold())


# Normalised header → field. Earlier entries win for a field.
_HEADERS: dict[str, str] = {}
for _field, _names in {
    "first_name": ["förnamn", "fornamn", "first name", "firstname", "given name", "tilltalsnamn"],
    "middle_name": ["mellannamn", "middle name", "additional name"],
    "last_name": ["efternamn", "last name", "lastname", "surname", "family name"],
    "full_name": ["namn", "name", "fullständigt namn", "display name", "full name"],
    "organisation": ["organisation", "organization", "företag", "foretag", "company", "organization 1 - name",
                     "organization name", "arbetsgivare"],
    "department": ["avdelning", "department", "organization department", "organization 1 - department"],
    "title": ["titel", "befattning", "roll", "job title", "organization 1 - title", "organization title",
              "yrkestitel"],
    "tags": ["taggar", "tagg", "kategorier", "tags", "categories", "labels", "group membership"],
    "note": ["anteckning", "anteckningar", "notes", "note", "kommentar"],
    "legal_basis": ["rättslig grund", "laglig grund", "legal basis"],
    "consent_on": ["datum för grund", "samtycke datum", "samtyckesdatum", "consent date"],
}.items():
    for _name in _names:
        _HEADERS.setdefault(norm(_name), _field)

MOBILE, WORK, OTHER, SWITCHBOARD, NOTE_ONLY = 0, 1, 2, 3, 9
#: Phone headers → rank (lower is preferred).
_PHONES: dict[str, int] = {}
for _rank, _names in {
    MOBILE: ["mobil", "mobiltelefon", "mobilnummer", "mobile phone", "mobile", "cell", "cell phone", "mobiltfn"],
    WORK: ["telefon", "telefonnummer", "tfn", "phone", "phone number", "primary phone", "primär telefon",
           "business phone", "business phone 2", "telefon arbete", "telefon arbete 2", "arbetstelefon",
           "direkt", "direktnummer", "telefon (arbete)"],
    OTHER: ["home phone", "home phone 2", "telefon hem", "telefon hem 2", "hemtelefon", "other phone",
            "annan telefon", "car phone", "biltelefon", "assistant's phone", "assistentens telefon", "callback",
            "återuppringning", "radio phone", "radiotelefon", "isdn"],
    SWITCHBOARD: ["company main phone", "huvudtelefon företag", "företagets huvudnummer", "växel",
                  "växelnummer", "switchboard"],
    NOTE_ONLY: ["business fax", "home fax", "other fax", "fax arbete", "fax hem", "annan fax", "fax", "pager",
                "personsökare", "telex", "tty/tdd phone", "texttelefon"],
}.items():
    for _name in _names:
        _PHONES.setdefault(norm(_name), _rank)
_EMAILS = {norm(h): i for i, h in enumerate(
    ["e-post", "epost", "e-postadress", "mejl", "mejladress", "email", "e-mail", "e-mail address", "email address",
     "primary email", "e-post 2", "e-postadress 2", "e-mail 2 address", "e-mail 2", "e-post 3", "e-postadress 3",
     "e-mail 3 address", "e-mail 3"])}
_GOOGLE = re.compile(r"^(phone|email)(\d+)value$")  # Phone 1 - Value, E-mail 2 - Value (old and new)


@dataclass
class Columns:
    fields: dict[int, str]  # column → field, for the single-valued fields
    phones: list[tuple[int, int, str, int | None]]  # (rank, column, label, column of its type) best first
    emails: list[tuple[int, str]]  # (column, label) in order
    used: dict[str, str]  # header in the file → field


def _phone_rank(kind: str) -> int:
    kind = kind.casefold()
    if "fax" in kind or "pager" in kind:
        return NOTE_ONLY
    if "mobil" in kind or "cell" in kind:
        return MOBILE
    if "work" in kind or "arbete" in kind or "main" in kind or not kind:
        return WORK
    return OTHER


def plan_columns(headers: list[str], overrides: dict[str, str] | None = None) -> Columns:
    """``overrides`` maps a header (as in the file) to a field or "" (ignore the column)."""
    overrides = {k.strip().casefold(): v for k, v in (overrides or {}).items()}
    keys = [norm(h) for h in headers]
    # Outlook's "Title" (Swedish: "Titel") is Mr./Ms. when a "Job Title"/"Befattning" column is there too.
    salutation = {"title", "titel"} if {"jobtitle", "befattning"} & set(keys) else set()
    fields: dict[int, str] = {}
    phones: list[tuple[int, int, str, int | None]] = []
    emails: list[tuple[int, int, str]] = []
    used: dict[str, str] = {}
    for i, (header, key) in enumerate(zip(headers, keys, strict=True)):
        label = header.strip()
        if label.casefold() in overrides:
            target = overrides[label.casefold()]
            if target == "phone":
                phones.append((WORK, i, label, None))
            elif target == "email":
                emails.append((len(emails), i, label))
            elif target in FIELDS and target not in fields.values():
                fields[i] = target
            if target in FIELDS:
                used[header] = target
            continue
        google = _GOOGLE.match(key)
        if google:
            n = int(google[2])
            kind = next((j for j, k in enumerate(keys) if k in (f"{google[1]}{n}type", f"{google[1]}{n}label")), None)
            if google[1] == "phone":
                phones.append((WORK, i, f"Telefon {n}", kind))
            else:
                emails.append((100 + n, i, f"E-post {n}"))
            used[header] = google[1]
        elif key in _PHONES:
            phones.append((_PHONES[key], i, label, None))
            used[header] = "note" if _PHONES[key] == NOTE_ONLY else "phone"
        elif key in _EMAILS:
            emails.append((_EMAILS[key], i, label))
            used[header] = "email"
        elif key in _HEADERS and key not in salutation:
            target = _HEADERS[key]
            if target not in fields.values():
                fields[i] = target
                used[header] = target
    phones.sort(key=lambda p: (p[0], p[1]))
    emails.sort()
    return Columns(fields, phones, [(i, label) for _, i, label in emails], used)


def has_name_column(columns: Columns) -> bool:
    return bool(set(columns.fields.values()) & {"first_name", "last_name", "full_name", "organisation"})


_IGNORED_TAGS = frozenset({"* myContacts", "myContacts", "* starred"})


def split_tags(value: str) -> list[str]:
    parts = re.split(r"\s*:::\s*|[;,]", value)  # Google joins labels with " ::: ", Outlook with ";"
    return [p.strip().lstrip("*").strip() for p in parts if p.strip() and p.strip() not in _IGNORED_TAGS]


def name_from_email(email: str) -> tuple[str, str]:
    """``anna.berg@x.se`` → (``Anna``, ``Berg``)."""
    parts = [p for p in re.split(r"[._\-+]+", email.partition("@")[0]) if p and not p.isdigit()]
    if not parts:
        return "", ""
    return parts[0].capitalize(), " ".join(p.capitalize() for p in parts[1:])


def _cell(cells: list[str], i: int) -> str:
    """A cell stripped, with the formula guard of our own exports undone (``'=x`` → ``=x``)."""
    value = cells[i].strip() if i < len(cells) else ""
    return unguard(value).strip() if value[:1] == "'" else value


def build(cells: list[str], columns: Columns, line: int) -> ContactRecord | None:
    """One row of cells → a record; None for an empty row. Kept cheap: 100 000 rows are read at once."""
    values: dict[str, str] = {}
    width = len(cells)
    for i, target in columns.fields.items():  # _cell, inlined: this loop runs for every cell read
        if i < width and (value := cells[i]):
            value = value.strip()
            if value[:1] == "'":
                value = unguard(value).strip()
            if value:
                values[target] = value
    phones: list[tuple[str, str]] = []
    faxes: list[str] = []
    if columns.phones:
        ranked: list[tuple[int, int, str, str]] = []
        for rank, i, label, kind in columns.phones:
            value = _cell(cells, i)
            if not value:
                continue
            if kind is not None and (kind_text := _cell(cells, kind)):
                rank, label = _phone_rank(kind_text), f"{label} ({kind_text.lstrip('* ')})"
            for part in value.split(" ::: ") if " ::: " in value else (value,):
                ranked.append((rank, len(ranked), label, part.strip()))
        if len(ranked) > 1:
            ranked.sort()
        for rank, _, label, value in ranked:
            if value and rank < NOTE_ONLY:
                phones.append((label, value))
            elif value:
                faxes.append(f"{label}: {value}")
    emails: list[tuple[str, str]] = []
    for i, label in columns.emails:
        value = _cell(cells, i)
        if value:
            emails += [(label, part.strip()) for part in value.split(" ::: ") if part.strip()] \
                if " ::: " in value else [(label, value)]
    if not values and not phones and not emails and not faxes:
        return None
    first, last = values.get("first_name", ""), values.get("last_name", "")
    if values.get("middle_name"):
        first = f"{first} {values['middle_name']}".strip()
    organisation, full = values.get("organisation", ""), values.get("full_name", "")
    if not (first or last) and full and full.casefold() != organisation.casefold():
        first, _, last = full.partition(" ")
    record = ContactRecord(
        first_name=first, last_name=last, title=values.get("title", ""), organisation=organisation,
        tags=split_tags(values["tags"]) if values.get("tags") else [],
        note=values["note"].replace("\r\n", "\n").replace("\r", "\n") if "note" in values else "",
        legal_basis=values.get("legal_basis", ""), consent_on=values.get("consent_on", ""), line=line,
        phones=phones, emails=emails, company=not (first or last) and bool(organisation),
        phone=phones[0][1] if phones else "", email=emails[0][1] if emails else "",
    )
    if "department" in values:
        record.more.append(f"Avdelning: {values['department']}")
    if faxes:
        record.more += faxes
    return record
