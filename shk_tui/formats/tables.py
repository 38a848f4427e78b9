"""Plain tables to CSV (Swedish Excel: UTF-8 with BOM, ``;``, CRLF) and XLSX (bold header and
total rows, amounts as numbers formatted ``1 272 000 kr``). Cells are str, int, date or ``Money``."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Money:
    """An amount in öre: a number in XLSX, whole kronor (``12500`` or ``12500,50``) in CSV."""

    ore: int | None

    def csv_text(self) -> str:
        if self.ore is None:
            return ""
        kronor, rest = divmod(abs(self.ore), 100)
        sign = "-" if self.ore < 0 else ""
        return f"{sign}{kronor},{rest:02d}" if rest else f"{sign}{kronor}"


@dataclass
class Sheet:
    title: str
    header: Sequence[str]
    rows: list[Sequence[object]] = field(default_factory=list)
    bold_rows: set[int] = field(default_factory=set)  # indexes into rows (subtotals, totals)
    widths: Sequence[int] = ()
    preamble: list[Sequence[object]] = field(default_factory=list)  # lines above the header


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Money):
        return value.csv_text()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def to_csv(sheet: Sheet) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    for line in sheet.preamble:
        writer.writerow([_csv_cell(v) for v in line])
    if sheet.preamble:
        writer.writerow([])
    writer.writerow(sheet.header)
    for row in sheet.rows:
        writer.writerow([_csv_cell(v) for v in row])
    return "\ufeff".encode() + buf.getvalue().encode("utf-8")


MONEY_FORMAT = '#,##0 "kr";-#,##0 "kr"'


def to_xlsx(sheets: Sequence[Sheet]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    for sheet in sheets:
        ws = wb.create_sheet(sheet.title[:31])
        for line in sheet.preamble:
            ws.append([_xlsx_value(v) for v in line])
            ws.cell(ws.max_row, 1).font = Font(bold=True)
        if sheet.preamble:
            ws.append([])
        ws.append(list(sheet.header))
        head = ws.max_row
        for c in range(1, len(sheet.header) + 1):
            ws.cell(head, c).font = Font(bold=True)
        for index, row in enumerate(sheet.rows):
            ws.append([_xlsx_value(v) for v in row])
            r = ws.max_row
            for c, value in enumerate(row, start=1):
                cell = ws.cell(r, c)
                if isinstance(value, Money):
                    cell.number_format = MONEY_FORMAT
                elif isinstance(value, str) and len(value) > 40:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
                if index in sheet.bold_rows:
                    cell.font = Font(bold=True)
        ws.freeze_panes = ws.cell(head + 1, 1)
        for i, width in enumerate(sheet.widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _xlsx_value(value: object) -> object:
    if isinstance(value, Money):
        if value.ore is None:
            return None
        return value.ore // 100 if value.ore % 100 == 0 else value.ore / 100
    return value
