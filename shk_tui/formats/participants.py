"""Participant lists for Swedish Excel: CSV (UTF-8 with BOM, ``;`` separator, CRLF) and XLSX written
by ``formats.spreadsheet`` (formula guard included), and e-mail lists."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from shk_tui.formats import spreadsheet

HEADER = ("Namn", "Organisation", "Status", "Roll", "Kost", "Anmäld", "Incheckad")
#: The first line of a list naming people with their dietary needs: they can reveal health or religion
#: (special categories, GDPR art. 9).
SENSITIVE_NOTE = "Känsliga personuppgifter (specialkost) – hantera enligt GDPR art. 9, radera efter evenemanget"


def participants_csv(rows: Iterable[Sequence[object]], *, sensitive: bool = False) -> bytes:
    """Rows in HEADER order; ``None`` becomes an empty cell. Opens directly in Excel with Swedish locale.
    ``sensitive`` (someone's dietary needs are listed): ``SENSITIVE_NOTE`` is the first line."""
    note = [[SENSITIVE_NOTE]] if sensitive else []
    return spreadsheet.to_csv([*note, HEADER, *rows])


def email_list(emails: Iterable[str | None]) -> str:
    """Unique, non-empty addresses separated by ``;`` (Outlook's recipient separator), in first-seen order."""
    seen: dict[str, None] = {}
    for e in emails:
        if e and e.strip() and e.strip().lower() not in {k.lower() for k in seen}:
            seen[e.strip()] = None
    return "; ".join(seen)


def participants_xlsx(
    header: Sequence[tuple[str, str]], rows: Iterable[Sequence[object]], *, signature: bool = True,
    sensitive: bool = False,
) -> bytes:
    """An attendance sheet: a header block (``(label, value)`` pairs such as event, date, place),
    one empty row, then the participant table in HEADER order with a *Signatur* column to sign in
    on the printed sheet. Frozen header row, column widths set, printable in landscape.
    ``sensitive`` (someone's dietary needs are listed): the first row is ``SENSITIVE_NOTE`` in bold red."""
    from openpyxl.styles import Border, Font, Side

    wb, out = spreadsheet.new_workbook("Deltagarlista")
    ws = out.ws
    if sensitive:
        ws.cell(out.append([SENSITIVE_NOTE]), 1).font = Font(bold=True, color="C00000")
    for label, value in header:
        r = out.append([label, value])
        ws.cell(r, 1).font = Font(bold=True)
    out.append()
    columns = [*HEADER, "Signatur"] if signature else list(HEADER)
    head_row = out.append(columns, bold=True)
    thin = Side(style="thin")
    for row in rows:
        r = out.append([*row, None] if signature else row)
        if signature:
            ws.cell(r, len(columns)).border = Border(bottom=thin)
    ws.freeze_panes = ws.cell(head_row + 1, 1)
    widths = [28, 28, 10, 12, 18, 17, 17, 30]
    for i, width in enumerate(widths[: len(columns)]):
        ws.column_dimensions[chr(ord("A") + i)].width = width
    ws.page_setup.orientation = "landscape"
    ws.print_title_rows = f"{head_row}:{head_row}"
    return spreadsheet.workbook_bytes(wb)


def catering_csv(header: Sequence[tuple[str, str]], expected: int, dietary: Iterable[tuple[str, int]]) -> bytes:
    """Catering list for Swedish Excel: header block, number of people and counts per dietary need,
    never names."""
    return spreadsheet.to_csv([*header, [], ["Antal personer", expected], ["Kost", "Antal"], *dietary])
