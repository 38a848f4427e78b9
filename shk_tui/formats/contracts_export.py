"""Tables for Swedish Excel: CSV (UTF-8 with BOM, ``;`` separator, CRLF) and XLSX with real numbers
and dates, a bold frozen header row and sensible column widths. No UI, no database."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date


def _formula_like(text: str) -> bool:
    """Text a spreadsheet would run as a formula (``=HYPERLINK(…)``, ``+…``, ``@…``); ``-5`` stays a number."""
    return text[:1] in ("=", "+", "-", "@") and not text[1:2].isdigit()


def _cell(value: object) -> str:
    """Swedish Excel reads ``1272000,50`` as a number: decimal comma, no thousands separator.
    Text that Excel would run as a formula gets a leading apostrophe (shown as plain text)."""
    if value is None:
        return ""
    if isinstance(value, str) and _formula_like(value):
        return "'" + value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.2f}".replace(".", ",")
    return str(value)


def to_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """``None`` becomes an empty cell; dates ISO; kronor (floats) with a decimal comma."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return "\ufeff".encode() + buf.getvalue().encode("utf-8")


def to_xlsx(sheet: str, header: Sequence[str], rows: Iterable[Sequence[object]],
            *, money_columns: Sequence[int] = ()) -> bytes:
    """One sheet. ``money_columns`` (0-based) hold kronor as numbers, shown as ``# ##0,00``."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = sheet[:31]
    ws.append(list(header))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    widths = [len(h) + 2 for h in header]
    for row in rows:
        ws.append(list(row))
        r = ws.max_row
        for i, value in enumerate(row):
            cell = ws.cell(r, i + 1)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # openpyxl would store "=…" as a formula: keep it text
            if isinstance(value, date):
                cell.number_format = "yyyy-mm-dd"
            elif i in money_columns and value is not None:
                cell.number_format = "# ##0.00"
            widths[i] = min(max(widths[i], len(str(value or "")) + 2), 60)
    for i, width in enumerate(widths):
        ws.column_dimensions[get_column_letter(i + 1)].width = max(width, 10)
    ws.freeze_panes = "A2"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
