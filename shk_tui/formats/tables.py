"""Plain tables to CSV (Swedish Excel: UTF-8 with BOM, ``;``, CRLF) and XLSX (bold frozen header
with a filter, bold total rows, amounts as numbers formatted ``1 272 000 kr``, dates as date cells). Cells are str, int, date or ``Money``;
both go through ``formats.spreadsheet`` (its formula guard included)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from shk_tui.formats import spreadsheet
from shk_tui.formats.spreadsheet import MONEY_FORMAT, Money

__all__ = ["MONEY_FORMAT", "Money", "Sheet", "to_csv", "to_xlsx"]


@dataclass
class Sheet:
    title: str
    header: Sequence[str]
    rows: list[Sequence[object]] = field(default_factory=list)
    bold_rows: set[int] = field(default_factory=set)  # indexes into rows (subtotals, totals)
    widths: Sequence[int] = ()
    preamble: list[Sequence[object]] = field(default_factory=list)  # lines above the header


def to_csv(sheet: Sheet) -> bytes:
    lines: list[Sequence[object]] = [*sheet.preamble, []] if sheet.preamble else []
    return spreadsheet.to_csv([*lines, sheet.header, *sheet.rows])


def to_xlsx(sheets: Sequence[Sheet]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    for sheet in sheets:
        out = spreadsheet.add_sheet(wb, sheet.title)
        ws = out.ws
        for line in sheet.preamble:
            r = out.append(line)
            ws.cell(r, 1).font = Font(bold=True)
        if sheet.preamble:
            out.append()
        head = out.append(sheet.header, bold=True)
        for index, row in enumerate(sheet.rows):
            r = out.append(row, bold=index in sheet.bold_rows)
            for c, value in enumerate(row, start=1):
                if isinstance(value, str) and len(value) > 40:
                    ws.cell(r, c).alignment = Alignment(wrap_text=True, vertical="top")
        ws.freeze_panes = ws.cell(head + 1, 1)
        ws.auto_filter.ref = f"A{head}:{get_column_letter(max(len(sheet.header), 1))}{out.row}"
        for i, width in enumerate(sheet.widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
    return spreadsheet.workbook_bytes(wb)
