"""Contact CSV as real tools write it, and as Swedish Excel opens it.

Reading detects the encoding (``text_decode``: UTF-8 with or without BOM, UTF-16, cp1252, a file mixing
UTF-8 and cp1252 lines, text garbled earlier), Excel's own first line ``sep=;``, the delimiter (``;``,
``,``, tab) and the columns (``contact_rows``: Swedish headers, Outlook's English and Swedish export,
Google Contacts' old and new export). Each may be overridden. Writing gives UTF-8 with BOM, ``;`` and
CRLF, which Excel in Swedish locale opens correctly. Pure: no database, no UI; validation is the import
service's job."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from shk_tui.formats import contact_rows, spreadsheet, text_decode
from shk_tui.formats.contact_rows import FIELDS, ContactRecord  # noqa: F401  (imported from here by others)

SV_HEADER = ("Förnamn", "Efternamn", "Titel", "Organisation", "E-post", "Telefon", "Taggar", "Rättslig grund",
             "Datum för grund", "Anteckning")


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
    """(text, encoding used); see ``text_decode.decode`` (which also names the lines it repaired)."""
    decoded = decode_text(data, encoding)
    return decoded.text, decoded.encoding


def decode_text(data: bytes, encoding: str | None = None) -> text_decode.Decoded:
    try:
        return text_decode.decode(data, encoding)
    except text_decode.DecodeError as exc:
        raise FormatError(str(exc)) from None


_SEP_LINE = re.compile(r'^\ufeff?"?sep=(.)"?[;,\t]*\r?$', re.IGNORECASE)


def excel_separator(text: str) -> str | None:
    """Excel's own first line ``sep=;`` (or ``sep=,``): the delimiter it names."""
    first = text[:20].partition("\n")[0]
    m = _SEP_LINE.match(first)
    return m[1] if m else None


def detect_delimiter(text: str) -> str:
    """The delimiter of the header line: the most frequent of ``;``, ``,`` and tab outside quotes."""
    first = next((line for line in text.splitlines() if line.strip() and not _SEP_LINE.match(line)), "")
    unquoted = re.sub(r'"[^"]*"', "", first)
    counts = {d: unquoted.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


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
    decoded = decode_text(data, encoding)
    text = decoded.text
    sep = excel_separator(text)
    delim = delimiter or sep or detect_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    try:
        if sep:
            next(reader)
        headers = next(reader)
    except StopIteration:
        raise FormatError("Filen är tom") from None
    except csv.Error as exc:
        raise FormatError(f"Filen är ingen läsbar CSV: {_csv_reason(exc)}") from None
    if len(headers) > MAX_COLUMNS:
        raise FormatError(f"Rubrikraden har {len(headers)} kolumner (högst {MAX_COLUMNS}): {_some(headers)}")
    headers = [h.strip().lstrip("\ufeff") for h in headers]
    cols = contact_rows.plan_columns(headers, columns)
    if not contact_rows.has_name_column(cols):
        raise FormatError("Hittar ingen namnkolumn (t.ex. Förnamn/Efternamn, Namn, First Name). Kolumner: "
                          + _some(headers))
    records: list[ContactRecord] = []
    notes = decoded.notes
    try:
        start = reader.line_num + 1
        for row in reader:
            line = reader.line_num
            record = contact_rows.build(row, cols, line)
            if record is not None:
                if notes:
                    record.warnings += [f"rad {n}: {notes[n]}" for n in range(start, line + 1) if n in notes]
                records.append(record)
            start = line + 1
    except csv.Error as exc:
        raise FormatError(f"Rad {reader.line_num}: felaktig CSV ({_csv_reason(exc)})") from None
    return ParsedFile(records, decoded.encoding, delim, cols.used, [h for h in headers if h not in cols.used])


def write_csv(records: list[ContactRecord]) -> bytes:
    """UTF-8 with BOM, ``;``, CRLF, Swedish headers: opens directly in Excel with Swedish locale.
    Written by ``formats.spreadsheet``: formula-like text gets a leading apostrophe."""
    rows = ([r.first_name, r.last_name, r.title, r.organisation, r.email, r.phone, ", ".join(r.tags),
             r.legal_basis, r.consent_on, r.note] for r in records)
    return spreadsheet.to_csv([SV_HEADER, *rows])
