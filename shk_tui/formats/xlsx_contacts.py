"""Contacts as an Excel workbook (openpyxl): Swedish headers, bold frozen header row, filter, widths.
Pure: no database, no UI."""

from __future__ import annotations

import io

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from shk_tui.formats.csv_contacts import SV_HEADER, ContactRecord, FormatError, map_columns

_ILLEGAL = {i for i in range(32) if i not in (9, 10, 13)}


def _clean(value: str) -> str:
    """openpyxl refuses control characters; formulas must not be started by imported text."""
    text = "".join(ch for ch in value if ord(ch) not in _ILLEGAL)
    return "'" + text if text[:1] in ("=", "+", "-", "@") and not text[1:2].isdigit() else text


def _unclean(value: str) -> str:
    """Undo ``_clean``'s apostrophe (openpyxl stores it as part of the text)."""
    return value[1:] if value[:1] == "'" and value[1:2] in ("=", "+", "-", "@") and not value[2:3].isdigit() else value


def write_xlsx(records: list[ContactRecord], *, title: str = "Kontakter") -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    ws.append(list(SV_HEADER))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r in records:
        ws.append([_clean(v) for v in (r.first_name, r.last_name, r.title, r.organisation, r.email, r.phone,
                                       ", ".join(r.tags), r.legal_basis, r.consent_on, r.note)])
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    for column, width in zip("ABCDEFGHIJ", (16, 20, 24, 30, 32, 20, 24, 20, 14, 40), strict=True):
        ws.column_dimensions[column].width = width
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


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
            cell = "" if i >= len(row) or row[i] is None else _unclean(str(row[i]).strip())
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
