"""Contacts as an Excel workbook (openpyxl): Swedish headers, bold frozen header row, filter, widths.
Pure: no database, no UI."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import load_workbook

from shk_tui.formats import spreadsheet
from shk_tui.formats.csv_contacts import SV_HEADER, ContactRecord, FormatError, map_columns


def write_xlsx(records: list[ContactRecord], *, title: str = "Kontakter") -> bytes:
    """Text cells throughout (formula-like text is never run), control characters removed; the
    date of the legal basis a date cell (yyyy-mm-dd). Files written before the shared writer held
    ``'=Eva`` for ``=Eva``: ``read_xlsx`` gives the text back."""
    wb, out = spreadsheet.new_workbook(title)
    ws = out.ws
    out.append(SV_HEADER, bold=True)
    for r in records:
        out.append([r.first_name, r.last_name, r.title, r.organisation, r.email, r.phone, ", ".join(r.tags),
                    r.legal_basis, _day(r.consent_on), r.note])
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    for column, width in zip("ABCDEFGHIJ", (16, 20, 24, 30, 32, 20, 24, 20, 14, 40), strict=True):
        ws.column_dimensions[column].width = width
    return spreadsheet.workbook_bytes(wb)


def _day(text: str) -> date | str:
    """An ISO date as a date cell (``yyyy-mm-dd``); anything else as the text it is."""
    try:
        return date.fromisoformat(text) if len(text) == 10 else text
    except ValueError:
        return text


def read_xlsx(data: bytes) -> list[ContactRecord]:
    """The first sheet, with a header row in any of the CSV reader's known column names."""
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several types for a broken file
        raise FormatError(f"Filen är ingen läsbar Excel-fil ({type(exc).__name__})") from None
    rows = wb.active.iter_rows(values_only=True)
    headers = [str(h or "") for h in next(rows, [])]
    mapping = map_columns(headers)
    records = []
    for line, row in enumerate(rows, start=2):
        values: dict[str, str] = {}
        for i, target in mapping.items():
            cell = "" if i >= len(row) or row[i] is None else spreadsheet.unguard(str(row[i]).strip()).strip()
            if cell and not values.get(target):
                values[target] = cell
        if not values:
            continue
        first, last = values.get("first_name", ""), values.get("last_name", "")
        if not (first or last) and values.get("full_name"):
            first, _, last = values["full_name"].partition(" ")
        records.append(ContactRecord(
            first_name=first, last_name=last, title=values.get("title", ""),
            organisation=values.get("organisation", ""), email=values.get("email", ""), phone=values.get("phone", ""),
            tags=[t.strip() for t in values.get("tags", "").split(",") if t.strip()], note=values.get("note", ""),
            legal_basis=values.get("legal_basis", ""), consent_on=values.get("consent_on", ""), line=line,
        ))
    wb.close()
    return records
