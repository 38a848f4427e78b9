"""Contact CSV as real tools write it, and as Swedish Excel opens it.

Reading detects the encoding (UTF-8 with or without BOM, else cp1252), the delimiter (``;``, ``,``,
tab) and the columns: Swedish headers (Förnamn, Efternamn, E-post, Telefon, Organisation, Titel,
Taggar), Outlook's export (First Name, E-mail Address, Company, Job Title, Categories), Google
Contacts (Given Name/First Name, E-mail 1 - Value, Organization 1 - Name, Labels). Each may be
overridden. Writing gives UTF-8 with BOM, ``;`` and CRLF, which Excel in Swedish locale opens
correctly. Pure: no database, no UI; validation is the import service's job."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from shk_tui.formats import spreadsheet

FIELDS = ("first_name", "last_name", "full_name", "title", "organisation", "email", "phone", "tags", "note",
          "legal_basis", "consent_on")

# Normalised header (casefolded, only letters and digits) → field. Earlier entries win for a field.
_HEADERS: dict[str, str] = {}
for _field, _names in {
    "first_name": ["förnamn", "fornamn", "first name", "firstname", "given name", "tilltalsnamn"],
    "last_name": ["efternamn", "last name", "lastname", "surname", "family name"],
    "full_name": ["namn", "name", "fullständigt namn", "display name", "full name"],
    "email": ["e-post", "epost", "e-postadress", "mejl", "email", "e-mail", "e-mail address", "email address",
              "e-mail 1 - value", "e-mail 1 – value", "primary email"],
    "phone": ["telefon", "mobil", "mobiltelefon", "telefonnummer", "mobile phone", "business phone",
              "primary phone", "phone", "phone 1 - value", "home phone", "company main phone"],
    "organisation": ["organisation", "organization", "företag", "foretag", "company", "organization 1 - name",
                     "organization name", "arbetsgivare"],
    "title": ["titel", "befattning", "roll", "job title", "organization 1 - title", "organization title"],
    "tags": ["taggar", "tagg", "kategorier", "tags", "categories", "labels", "group membership"],
    "note": ["anteckning", "anteckningar", "notes", "note", "kommentar"],
    "legal_basis": ["rättslig grund", "laglig grund", "legal basis"],
    "consent_on": ["datum för grund", "samtycke datum", "samtyckesdatum", "consent date"],
}.items():
    for _name in _names:
        _HEADERS.setdefault(re.sub(r"[^0-9a-zåäöéü]", "", _name.casefold()), _field)

SV_HEADER = ("Förnamn", "Efternamn", "Titel", "Organisation", "E-post", "Telefon", "Taggar", "Rättslig grund",
             "Datum för grund", "Anteckning")


@dataclass
class ContactRecord:
    """One contact read from (or written to) a file; ``line`` is where it starts (1 = first line)."""

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

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass
class ParsedFile:
    records: list[ContactRecord]
    encoding: str
    delimiter: str
    columns: dict[str, str]  # header in the file → field
    unknown: list[str]  # headers not used


class FormatError(ValueError):
    """The file cannot be read as contacts (Swedish message)."""


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """(text, encoding used). Detects UTF-8 with BOM, UTF-8, else cp1252; or uses ``encoding``."""
    if encoding:
        try:
            return data.decode(encoding), encoding
        except LookupError:  # also a codec that is not a text encoding (zlib, rot13)
            raise FormatError(f"Okänd teckenkodning: {encoding[:40]!r} (t.ex. utf-8 eller cp1252)") from None
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            raise FormatError(f"Filen kan inte läsas som {encoding[:40]}: ogiltiga tecken på rad {line}") from None
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def detect_delimiter(text: str) -> str:
    """The delimiter of the header line: the most frequent of ``;``, ``,`` and tab outside quotes."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    unquoted = re.sub(r'"[^"]*"', "", first)
    counts = {d: unquoted.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def header_field(header: str) -> str | None:
    return _HEADERS.get(re.sub(r"[^0-9a-zåäöéü]", "", header.casefold()))


def map_columns(headers: list[str], overrides: dict[str, str] | None = None) -> dict[int, str]:
    """Column index → field. ``overrides`` maps a header (as in the file) to a field or "" (ignore)."""
    overrides = {k.strip().casefold(): v for k, v in (overrides or {}).items()}
    mapping: dict[int, str] = {}
    taken: set[str] = set()
    has_job_title = any(header_field(h) == "title" and h.strip().casefold() != "title" for h in headers)
    for i, header in enumerate(headers):
        key = header.strip().casefold()
        if key in overrides:
            target = overrides[key]
        elif key == "title" and has_job_title:  # Outlook's "Title" is Mr./Ms.; "Job Title" is the title
            continue
        else:
            target = header_field(header) or ""
        if target and target in FIELDS and (target not in taken or target == "phone"):
            mapping[i] = target
            taken.add(target)
    return mapping


def _split_tags(value: str) -> list[str]:
    parts = re.split(r"\s*:::\s*|[;,]", value)  # Google joins labels with " ::: ", Outlook with ";"
    return [p.strip().lstrip("*").strip() for p in parts if p.strip() and p.strip() not in ("* myContacts", "myContacts")]


#: More columns than any contact export has; a header beyond it is not a contact list.
MAX_COLUMNS = 1000


def _some(headers: list[str], shown: int = 5) -> str:
    """The first few headers, each cut short, for an error message (a header may be a megabyte long)."""
    names = [h if len(h) <= 30 else h[:29] + "…" for h in headers[:shown]]
    rest = len(headers) - len(names)
    return ", ".join(names) + (f" … och {rest} till" if rest > 0 else "")


def _csv_reason(exc: csv.Error) -> str:
    """The csv module's English reason in Swedish."""
    text = str(exc)
    if "field larger than field limit" in text:
        return f"ett fält är längre än {csv.field_size_limit():,} tecken".replace(",", " ")
    if "new-line character seen in unquoted field" in text:
        return "radbrytning i ett fält utan citattecken"
    if "NUL" in text:
        return "filen innehåller NUL-tecken"
    if "expected" in text and "after" in text:
        return "fel vid citattecken"
    return "okänt formatfel"


def read_csv(data: bytes, *, delimiter: str | None = None, encoding: str | None = None,
             columns: dict[str, str] | None = None) -> ParsedFile:
    text, used = decode(data, encoding)
    delim = delimiter or detect_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    try:
        headers = next(reader)
    except StopIteration:
        raise FormatError("Filen är tom") from None
    except csv.Error as exc:
        raise FormatError(f"Filen är ingen läsbar CSV: {_csv_reason(exc)}") from None
    if len(headers) > MAX_COLUMNS:
        raise FormatError(f"Rubrikraden har {len(headers)} kolumner (högst {MAX_COLUMNS}): {_some(headers)}")
    mapping = map_columns(headers, columns)
    fields = set(mapping.values())
    if not fields & {"first_name", "last_name", "full_name"}:
        raise FormatError("Hittar ingen namnkolumn (t.ex. Förnamn/Efternamn, Namn, First Name). Kolumner: "
                          + _some(headers))
    records: list[ContactRecord] = []
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            values: dict[str, str] = {}
            for i, target in mapping.items():
                cell = spreadsheet.unguard(row[i].strip()).strip() if i < len(row) else ""  # '=x → =x
                if cell and not values.get(target):
                    values[target] = cell
            first, last = values.get("first_name", ""), values.get("last_name", "")
            if not (first or last) and values.get("full_name"):
                first, _, last = values["full_name"].partition(" ")
            records.append(ContactRecord(
                first_name=first, last_name=last, title=values.get("title", ""),
                organisation=values.get("organisation", ""), email=values.get("email", ""),
                phone=values.get("phone", ""), tags=_split_tags(values["tags"]) if values.get("tags") else [], note=values.get("note", ""),
                legal_basis=values.get("legal_basis", ""), consent_on=values.get("consent_on", ""), line=line,
            ))
    except csv.Error as exc:
        raise FormatError(f"Rad {reader.line_num}: felaktig CSV ({_csv_reason(exc)})") from None
    used_headers = {headers[i]: f for i, f in mapping.items()}
    return ParsedFile(records, used, delim, used_headers, [h for h in headers if h not in used_headers])


def write_csv(records: list[ContactRecord]) -> bytes:
    """UTF-8 with BOM, ``;``, CRLF, Swedish headers: opens directly in Excel with Swedish locale.
    Written by ``formats.spreadsheet``: formula-like text gets a leading apostrophe."""
    rows = ([r.first_name, r.last_name, r.title, r.organisation, r.email, r.phone, ", ".join(r.tags),
             r.legal_basis, r.consent_on, r.note] for r in records)
    return spreadsheet.to_csv([SV_HEADER, *rows])
