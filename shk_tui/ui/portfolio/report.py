"""The beslutsunderlag in the TUI (modal): the table per focus area with TOTALT and its split;
``f`` switches focus area, ``m``/``x`` save it as Markdown/XLSX in the export folder."""

from __future__ import annotations

from rich.markup import escape
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from shk_tui.enums import FocusArea
from shk_tui.services.portfolio import portfolio_export, reports
from shk_tui.ui import keys
from shk_tui.ui.base.work import ShkDialog
from shk_tui.ui.widgets.footer import Footer
from shk_tui.ui.widgets.table import Table

FOCUS = (FocusArea.BARN, FocusArea.ALDRE, FocusArea.OVERGRIPANDE)
#: Column widths in the table; the highlighted row is shown in full below it.
WIDTHS = (28, 22, 14, 14, 22)


def _short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


class ReportScreen(ShkDialog[None]):
    CSS_PATH = "dialogs.tcss"
    BINDINGS = keys.of("report")

    def __init__(self, focus_area: FocusArea) -> None:
        super().__init__()
        self.focus_area = focus_area
        self.report: reports.Beslutsunderlag | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("", id="report-title")
            yield Table(id="report-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="report-row")
            yield Static("", id="report-totals")
            yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(*reports.COLUMNS)
        self.reload()

    def reload(self) -> None:
        db, focus_area = self.db, self.focus_area
        self.load(lambda: reports.beslutsunderlag(db, focus_area), self._show,
                  failed="Kunde inte läsa från databasen (se loggfilen)")

    def _show(self, report: reports.Beslutsunderlag) -> None:
        self.report = report
        table = self.query_one(DataTable)
        table.clear()
        for row in report.rows:
            table.add_row(*(_short(c, w) for c, w in zip(row.cells(), WIDTHS, strict=True)))
        phases = ", ".join(p.label for p in report.phases)
        self.query_one("#report-title", Static).update(
            f"{report.title} ({len(report.rows)} initiativ i fas {phases.lower()})")
        self.query_one("#report-totals", Static).update(
            "\n".join(f"[b]{label}:[/b] {value}" for label, value in report.totals()))
        table.focus()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self.report is None or not 0 <= event.cursor_row < len(self.report.rows):
            return
        cells = self.report.rows[event.cursor_row].cells()
        self.query_one("#report-row", Static).update(
            "\n".join(f"[b]{label}:[/b] {escape(value)}" for label, value in zip(reports.COLUMNS, cells, strict=True)))

    def action_next_focus(self) -> None:
        self.focus_area = FOCUS[(FOCUS.index(self.focus_area) + 1) % len(FOCUS)]
        self.reload()

    def action_save(self, fmt: str) -> None:
        report = self.report
        if report is None:
            return
        path = self.attempt(lambda: portfolio_export.save_report(report, fmt, self.today),
                            "Exporten misslyckades (se loggfilen)")
        if path is not None:
            self.notify(f"Sparad: {path}", title="Beslutsunderlag")

    def action_close(self) -> None:
        self.dismiss(None)
