"""The beslutsunderlag in the TUI (modal): the table per focus area with TOTALT and its split;
``f`` switches focus area, ``m``/``x`` save it as Markdown/XLSX (asking where, ui/portfolio/export.py).

The table's columns are fitted to the dialog's width: the name and the budget always show, the
budget's amount is never cut (only what follows it, "+ del av …", with "…"); the other columns
(Förslag på start, Kontext, Resurser parterna) show as far as there is room, and the highlighted
row is shown in full below the table."""

from __future__ import annotations

from rich.markup import escape
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import DataTable, Static

from shk_tui.enums import FocusArea
from shk_tui.fmt import count, format_kr
from shk_tui.services.portfolio import portfolio_export, reports
from shk_tui.ui import keys
from shk_tui.ui.base.work import ShkDialog
from shk_tui.ui.widgets.footer import Footer
from shk_tui.ui.widgets.section_table import clip
from shk_tui.ui.widgets.table import Table

FOCUS = (FocusArea.BARN, FocusArea.ALDRE, FocusArea.OVERGRIPANDE)
PAD = 2  # a DataTable cell's padding (one cell each side)
NAME, BUDGET = 0, 4  # indexes in reports.COLUMNS
#: The columns after the name shown as room allows, most wanted first (each at least MIN_WIDTH).
OPTIONAL = (1, 2, 3)
MIN_WIDTH = 14


def column_widths(width: int, rows: list[reports.ReportRow]) -> dict[int, int]:
    """Column index → width for a table ``width`` cells wide: the name and the budget first (the
    budget wide enough for every amount), then as many of the other columns as fit."""
    longest = lambda index: max((len(r.cells()[index]) for r in rows), default=0)  # noqa: E731
    amounts = max((len(format_kr(r.budget_ore)) for r in rows if r.budget_ore), default=0)
    name = max(16, min(longest(NAME), width // 4))
    budget = max(amounts, min(longest(BUDGET), max(14, width // 5)), len("Budget"))
    left = width - (name + PAD) - (budget + PAD)
    shown = [i for n, i in enumerate(OPTIONAL, start=1) if left >= n * (MIN_WIDTH + PAD)]
    while shown and left < len(shown) * (MIN_WIDTH + PAD):
        shown.pop()
    each = left // len(shown) - PAD if shown else 0
    widths = {NAME: name + (0 if shown else max(0, left)), BUDGET: budget}
    widths.update({i: each for i in shown})
    return dict(sorted(widths.items()))


def budget_cell(row: reports.ReportRow, width: int) -> str:
    """The budget cell within ``width``: the amount whole, what follows it cut with "…"."""
    if row.budget_ore:
        amount = format_kr(row.budget_ore)
        return amount if not row.budget_note else clip(f"{amount} {row.budget_note}", max(width, len(amount)))
    return clip(row.budget_text, width)


def _one_line(text: str) -> str:
    return " ".join(text.split())


class ReportScreen(ShkDialog[None]):
    CSS_PATH = "dialogs.tcss"
    BINDINGS = keys.of("report")

    def __init__(self, focus_area: FocusArea) -> None:
        super().__init__()
        self.focus_area = focus_area
        self.report: reports.Beslutsunderlag | None = None
        self._width = 0  # the table width the columns were fitted to

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("", id="report-title")
            yield Table(id="report-table", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="report-row", can_focus=True):
                yield Static("", id="report-row-text")
            yield Static("", id="report-totals")
            yield Footer()

    @property
    def table(self) -> DataTable:
        return self.query_one("#report-table", DataTable)

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        db, focus_area = self.db, self.focus_area
        self.load(lambda: reports.beslutsunderlag(db, focus_area), self._show,
                  failed="Kunde inte läsa från databasen (se loggfilen)")

    def _show(self, report: reports.Beslutsunderlag) -> None:
        self.report = report
        self._fill()
        phases = ", ".join(p.label for p in report.phases)
        self.query_one("#report-title", Static).update(
            f"{report.title} ({count(len(report.rows), 'initiativ', 'initiativ')} i fas {phases.lower()})")
        self.query_one("#report-totals", Static).update(
            " · ".join(f"[b]{label}:[/b] {value}" for label, value in report.totals()))
        self.table.focus()

    def _fill(self) -> None:
        """The rows, in columns fitted to the table's width (again after a resize)."""
        report = self.report
        if report is None:
            return
        table = self.table
        self._width = table.scrollable_content_region.width or table.size.width
        widths = column_widths(self._width - 1, report.rows)  # a cell for the vertical scrollbar's edge
        row_index = table.cursor_row
        table.clear(columns=True)
        for index, width in widths.items():
            label = reports.COLUMNS[index] if len(reports.COLUMNS[index]) <= width else "Budget" \
                if index == BUDGET else clip(reports.COLUMNS[index], width)
            table.add_column(label, width=width)
        for row in report.rows:
            cells = row.cells()
            table.add_row(*(budget_cell(row, width) if index == BUDGET else clip(_one_line(cells[index]), width)
                            for index, width in widths.items()))
        if report.rows:
            table.move_cursor(row=min(max(row_index, 0), len(report.rows) - 1))
        self._show_row(table.cursor_row)

    def on_resize(self) -> None:
        if self.report is not None and self.table.size.width != self._width:
            self.call_after_refresh(self._fill)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_row(event.cursor_row)

    def _show_row(self, index: int) -> None:
        if self.report is None or not 0 <= index < len(self.report.rows):
            self.query_one("#report-row-text", Static).update("")
            return
        cells = self.report.rows[index].cells()
        self.query_one("#report-row-text", Static).update(
            "\n".join(f"[b]{label}:[/b] {escape(value)}" for label, value in zip(reports.COLUMNS, cells, strict=True)))

    def action_next_focus(self) -> None:
        self.focus_area = FOCUS[(FOCUS.index(self.focus_area) + 1) % len(FOCUS)]
        self.reload()

    def action_save(self, fmt: str) -> None:
        from shk_tui.ui.portfolio.export import REPORT_FORMATS, ExportScreen

        report, today = self.report, self.today
        if report is None:
            return

        def render(chosen: str) -> tuple[bytes, str]:
            return (portfolio_export.render_report(report, chosen, today),
                    f"beslutsunderlaget ({count(len(report.rows), 'initiativ', 'initiativ')})")

        filename = f"beslutsunderlag-{report.focus_area.value}-{today.isoformat()}.{fmt}"
        self.app.push_screen(ExportScreen("Spara beslutsunderlaget", filename, REPORT_FORMATS, render))

    def action_close(self) -> None:
        self.dismiss(None)
