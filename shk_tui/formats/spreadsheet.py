"""The one writer behind every CSV and XLSX export, with the one formula guard.

Text a spreadsheet would run as a formula (it starts with ``=``, ``+``, ``-`` or ``@``, also after
leading whitespace, or with a tab or CR) is written as text: in CSV with a leading apostrophe, which
Excel shows as plain text; in XLSX as a text cell (never a formula) carrying Excel's quote prefix, so
it stays text when someone edits it. Real numbers (``int``, ``float``, ``Money``) and dates are
written as numbers and dates and never guarded.

CSV is for Swedish Excel: UTF-8 with BOM, ``;`` separator, CRLF, decimal comma. ``to_csv(…,
delimiter=",")`` is the dialect for importers that want commas whatever the locale (Outlook's contact
import): the same cells, quoted where a cell holds the comma. Money in XLSX is a number with the format
``#,##0 "kr"`` (``#,##0.00 "kr"`` with öre): Excel and LibreOffice in Swedish locale show
``1 100 000 kr``, the thousands separator being the locale's. Pure: no database, no UI."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

#: First characters that start a formula (with their full-width forms, which some locales accept).
TRIGGERS = frozenset("=+-@\uff1d\uff0b\uff0d\uff20")
MONEY_FORMAT = '#,##0 "kr";-#,##0 "kr"'
MONEY_ORE_FORMAT = '#,##0.00 "kr";-#,##0.00 "kr"'
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
XLSX_MAX_TEXT = 32767  # Excel's limit for one cell; longer text makes Excel "repair" the file
_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # what openpyxl refuses


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

    def number(self) -> int | float | None:
        if self.ore is None:
            return None
        return self.ore // 100 if self.ore % 100 == 0 else self.ore / 100

    @classmethod
    def kronor(cls, value: float | int | None) -> Money:
        """An amount given in kronor (``12500.5``), rounded to whole öre."""
        return cls(None if value is None else round(value * 100))

    @property
    def number_format(self) -> str:
        """Whole kronor without decimals, an amount with öre with two."""
        return MONEY_ORE_FORMAT if self.ore and self.ore % 100 else MONEY_FORMAT


def formula_like(text: str) -> bool:
    """True for text a spreadsheet could evaluate: ``=…``, ``+…``, ``-…``, ``@…`` (also after
    leading whitespace, which Excel and LibreOffice skip), or text starting with a tab or CR."""
    return text[:1] in ("\t", "\r") or text.lstrip()[:1] in TRIGGERS


def unguard(text: str) -> str:
    """Undo the guard when a file of ours is read back: ``'=x`` → ``=x``; other text unchanged."""
    return text[1:] if text[:1] == "'" and formula_like(text[1:]) else text


# --- CSV -----------------------------------------------------------------------------------------------

def csv_cell(value: object) -> str:
    """One cell's text. ``None`` is empty, ``bool`` is ja/nej, dates ISO (minutes for times), floats
    with two decimals and a decimal comma, ``Money`` in kronor; formula-like text gets an apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, Money):
        return value.csv_text()
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.2f}".replace(".", ",")
    if isinstance(value, int):
        return str(value)
    text = str(value)
    return "'" + text if formula_like(text) else text


def to_csv(rows: Iterable[Sequence[object]], *, delimiter: str = ";") -> bytes:
    """Rows (an empty row is an empty line) as CSV for Swedish Excel: UTF-8 with BOM, ``;``, CRLF.
    ``delimiter=","`` for importers that want commas (Outlook); cells holding it are quoted."""
    if delimiter not in (";", ","):
        raise ValueError(delimiter)
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
    return "\ufeff".encode() + buf.getvalue().encode("utf-8")


# --- XLSX ----------------------------------------------------------------------------------------------

def xlsx_text(text: str) -> str:
    """Text an XLSX cell can hold: no control characters openpyxl refuses, CR (alone or before LF)
    as LF (Excel's line break in a cell), at most Excel's 32 767 characters."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _XLSX_ILLEGAL.sub("", text)[:XLSX_MAX_TEXT]


class SheetWriter:
    """Rows written one after another into a worksheet, every cell through ``set_cell``. It keeps
    the row number itself: openpyxl's ``max_row`` scans every cell (quadratic over a big export)."""

    def __init__(self, ws: Worksheet) -> None:
        from openpyxl.styles import Font

        self.ws = ws
        self.row = 0  # the last row written
        self._bold = Font(bold=True)

    def append(self, values: Sequence[object] = (), *, bold: bool = False) -> int:
        """Write ``values`` as the next row (none: an empty row); returns its number (1-based)."""
        self.row += 1
        for column, value in enumerate(values, start=1):
            if value is None and not bold:
                continue
            cell = self.ws.cell(self.row, column)
            set_cell(cell, value)
            if bold:
                cell.font = self._bold
        return self.row


def new_workbook(title: str) -> tuple[Workbook, SheetWriter]:
    """A workbook with one sheet named ``title`` (cleaned, at most 31 characters, as Excel wants)."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = sheet_title(title)
    return wb, SheetWriter(ws)


def add_sheet(wb: Workbook, title: str) -> SheetWriter:
    return SheetWriter(wb.create_sheet(sheet_title(title)))


def sheet_title(title: str) -> str:
    cleaned = re.sub(r"[\\/*?:\[\]]", "-", xlsx_text(title)).strip("'") or "Blad"
    return cleaned[:31]


def set_cell(cell: Cell, value: object) -> None:
    """Store ``value`` in ``cell``: text as a text cell (quote prefix when formula-like), ``Money``
    as a number formatted in kronor, dates as dates, numbers as numbers, ``bool`` as ja/nej."""
    if isinstance(value, str):
        text = xlsx_text(value)
        cell.value = text
        cell.data_type = "s"  # openpyxl would store any "=…" as a formula
        if formula_like(text):
            cell.quotePrefix = True
    elif value is None:
        cell.value = None
    elif isinstance(value, bool):
        cell.value = "ja" if value else "nej"
    elif isinstance(value, Money):
        cell.value = value.number()
        cell.number_format = value.number_format
    elif isinstance(value, datetime):
        cell.value = value.replace(tzinfo=None)  # Excel has no time zones (openpyxl refuses them)
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    elif isinstance(value, int | float):
        cell.value = value
    else:  # an enum or another object: its text
        set_cell(cell, str(value))


def workbook_bytes(wb: Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
