"""Reading contacts from an Excel workbook (.xlsx, also as LibreOffice saves it): the first sheet, a
header row in any of the CSV reader's column names (``contact_rows``). Date cells become ISO dates and
number cells text without Excel's float tail; a phone number stored as a number has lost its leading 0,
which the import service puts back. Pure: no database, no UI."""

from __future__ import annotations

import io
from datetime import date, datetime, time

from openpyxl import load_workbook

from shk_tui.formats import contact_rows, spreadsheet
from shk_tui.formats.csv_contacts import ContactRecord, FormatError


def _text(value) -> str:
    """A cell as the text a user typed: a date cell as an ISO date (with the time only when it has one),
    a number without Excel's float tail (``701234567.0`` → ``701234567``), text with the formula guard
    undone."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, int):
        return str(value)
    return spreadsheet.unguard(str(value).strip()).strip()


def read_xlsx(data: bytes, *, columns: dict[str, str] | None = None) -> list[ContactRecord]:
    """The first sheet, with a header row in any of the CSV reader's known column names. Excel and
    LibreOffice store dates as date cells and a phone number typed without quotes as a number (its
    leading 0 gone: the import service puts it back)."""
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several types for a broken file
        raise FormatError(f"Filen är ingen läsbar Excel-fil ({type(exc).__name__})") from None
    try:
        rows = wb.active.iter_rows(values_only=True)
        headers = [_text(h) for h in next(rows, [])]
        cols = contact_rows.plan_columns(headers, columns)
        if not contact_rows.has_name_column(cols):
            raise FormatError("Hittar ingen namnkolumn i första bladet (t.ex. Förnamn/Efternamn, Namn, First Name)")
        records = []
        for line, row in enumerate(rows, start=2):
            record = contact_rows.build([_text(v) for v in row], cols, line)
            if record is not None:
                records.append(record)
        return records
    except FormatError:
        raise
    except Exception as exc:  # a damaged sheet inside a readable zip
        raise FormatError(f"Excel-filen kunde inte läsas till slut ({type(exc).__name__})") from None
    finally:
        wb.close()
