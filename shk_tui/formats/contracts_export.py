"""Tables for Swedish Excel: CSV (UTF-8 with BOM, ``;`` separator, CRLF) and XLSX with real numbers
and dates, a bold frozen header row and sensible column widths, both written by
``formats.spreadsheet`` (formula guard included). No UI, no database."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from shk_tui.formats import spreadsheet


def to_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """``None`` becomes an empty cell; dates ISO; kronor (floats) with a decimal comma."""
    return spreadsheet.to_csv([header, *rows])


def to_xlsx(sheet: str, header: Sequence[str], rows: Iterable[Sequence[object]],
            *, money_columns: Sequence[int] = ()) -> bytes:
    """One sheet with a filter on the header row. ``money_columns`` (0-based) hold kronor: written as
    numbers shown ``1 100 000 kr`` (``12 500,50 kr`` with öre) in Swedish Excel and LibreOffice."""
    from openpyxl.utils import get_column_letter

    wb, out = spreadsheet.new_workbook(sheet)
    ws = out.ws
    out.append(header, bold=True)
    widths = [len(h) + 2 for h in header]
    for row in rows:
        cells = [spreadsheet.Money.kronor(v) if i in money_columns and isinstance(v, int | float) else v
                 for i, v in enumerate(row)]
        out.append(cells)
        for i, value in enumerate(row):
            widths[i] = min(max(widths[i], len(str(value or "")) + 2), 60)
    for i, width in enumerate(widths):
        ws.column_dimensions[get_column_letter(i + 1)].width = max(width, 10)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(out.row, 1)}"
    return spreadsheet.workbook_bytes(wb)
