"""Participant lists for Swedish Excel: CSV (UTF-8 with BOM, ``;`` separator, CRLF) and e-mail lists."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

HEADER = ("Namn", "Organisation", "Status", "Roll", "Kost", "Anmäld", "Incheckad")


def participants_csv(rows: Iterable[Sequence[object]]) -> bytes:
    """Rows in HEADER order; ``None`` becomes an empty cell. Opens directly in Excel with Swedish locale."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(HEADER)
    for row in rows:
        writer.writerow(["" if v is None else str(v) for v in row])
    return "\ufeff".encode() + buf.getvalue().encode("utf-8")


def email_list(emails: Iterable[str | None]) -> str:
    """Unique, non-empty addresses separated by ``;`` (Outlook's recipient separator), in first-seen order."""
    seen: dict[str, None] = {}
    for e in emails:
        if e and e.strip() and e.strip().lower() not in {k.lower() for k in seen}:
            seen[e.strip()] = None
    return "; ".join(seen)


def participants_xlsx(
    header: Sequence[tuple[str, str]], rows: Iterable[Sequence[object]], *, signature: bool = True
) -> bytes:
    """An attendance sheet: a header block (``(label, value)`` pairs such as event, date, place),
    one empty row, then the participant table in HEADER order with a *Signatur* column to sign in
    on the printed sheet. Frozen header row, column widths set, printable in landscape."""
    from openpyxl import Workbook
    from openpyxl.styles import Border, Font, Side

    wb = Workbook()
    ws = wb.active
    ws.title = "Deltagarlista"
    for label, value in header:
        ws.append([label, value])
        ws.cell(ws.max_row, 1).font = Font(bold=True)
    ws.append([])
    columns = [*HEADER, "Signatur"] if signature else list(HEADER)
    ws.append(columns)
    head_row = ws.max_row
    for c in range(1, len(columns) + 1):
        ws.cell(head_row, c).font = Font(bold=True)
    thin = Side(style="thin")
    for row in rows:
        values = ["" if v is None else str(v) for v in row]
        ws.append([*values, ""] if signature else values)
        if signature:
            ws.cell(ws.max_row, len(columns)).border = Border(bottom=thin)
    ws.freeze_panes = ws.cell(head_row + 1, 1)
    widths = [28, 28, 10, 12, 18, 17, 17, 30]
    for i, width in enumerate(widths[: len(columns)]):
        ws.column_dimensions[chr(ord("A") + i)].width = width
    ws.page_setup.orientation = "landscape"
    ws.print_title_rows = f"{head_row}:{head_row}"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def catering_csv(header: Sequence[tuple[str, str]], expected: int, dietary: Iterable[tuple[str, int]]) -> bytes:
    """Catering list for Swedish Excel: header block, number of people and counts per dietary need,
    never names."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    for label, value in header:
        writer.writerow([label, value])
    writer.writerow([])
    writer.writerow(["Antal personer", expected])
    writer.writerow(["Kost", "Antal"])
    for diet, n in dietary:
        writer.writerow([diet, n])
    return "\ufeff".encode() + buf.getvalue().encode("utf-8")
