"""Contacts as an Excel workbook (openpyxl): Swedish headers, bold frozen header row, filter, widths.
Pure: no database, no UI."""

from __future__ import annotations

from datetime import date

from shk_tui.formats import spreadsheet
from shk_tui.formats.csv_contacts import SV_HEADER, ContactRecord


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


def read_xlsx(data: bytes, *, columns: dict[str, str] | None = None) -> list[ContactRecord]:
    """The first sheet as contacts: ``formats.xlsx_read`` (date and number cells as Excel and
    LibreOffice save them)."""
    from shk_tui.formats.xlsx_read import read_xlsx as read

    return read(data, columns=columns)
