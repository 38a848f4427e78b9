"""External funding applications (``a`` in Budget): progress towards board goal 5 (at least 10 Mkr)
as granted and pending sums, and the list; ``n`` new, enter edits."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import DataTable, Header, ProgressBar, Static

from shk_tui.fmt import format_kr
from shk_tui.services.budget import applications as svc
from shk_tui.ui import keys
from shk_tui.ui.base.titles import screen_title
from shk_tui.ui.base.work import ShkScreen
from shk_tui.ui.widgets.footer import Footer
from shk_tui.ui.widgets.table import Table

COLUMNS = ("Titel", "Finansiär", "Belopp", "Status", "Inskickad", "Beslut", "Initiativ")


def progress_text(p: svc.Progress) -> str:
    return (f"[b]Mål 5: minst {format_kr(p.goal_ore)} i extern finansiering[/b]\n"
            f"Beviljat {format_kr(p.granted_ore)} ({round(p.granted_share * 100)} % av målet) · "
            f"inskickat, väntar på besked {format_kr(p.pending_ore)} · under arbete {format_kr(p.in_progress_ore)}")


class ApplicationsScreen(ShkScreen):
    CSS_PATH = "dialogs.tcss"
    BINDINGS = keys.of("applications")

    def __init__(self) -> None:
        super().__init__()
        self.title = screen_title("Finansieringsansökningar")
        self.rows: list[svc.ApplicationRow] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="applications-progress")
        yield ProgressBar(total=100, show_eta=False, id="applications-bar")
        yield Table(id="applications-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(*COLUMNS)
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        """Read the applications and the progress (in a worker); the cursor on ``select_id`` if given."""
        db = self.db
        self.load(lambda: (svc.list_all(db), svc.progress(db)), lambda found: self._show(*found, select_id),
                  failed="Kunde inte läsa från databasen (se loggfilen)")

    def _show(self, rows: list[svc.ApplicationRow], progress: svc.Progress, select_id: int | None) -> None:
        self.rows = rows
        self.query_one("#applications-progress", Static).update(progress_text(progress))
        self.query_one(ProgressBar).update(progress=min(100.0, progress.granted_share * 100))
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for a in self.rows:
            table.add_row(a.title, a.funder, format_kr(a.amount_ore), a.status.label,
                          a.submitted_on.isoformat() if a.submitted_on else "",
                          a.decided_on.isoformat() if a.decided_on else "", a.initiative)
        if select_id is not None:
            row = next((i for i, a in enumerate(self.rows) if a.id == select_id), row)
        if self.rows:
            table.move_cursor(row=min(row, len(self.rows) - 1))
        table.focus()

    def on_data_table_row_selected(self, _event) -> None:
        self.action_edit()

    def _open(self, application_id: int | None) -> None:
        from shk_tui.ui.budget.application_form import ApplicationFormScreen

        self.app.push_screen(ApplicationFormScreen(application_id),
                             lambda saved: self.reload(saved) if saved is not None else None)

    def action_new(self) -> None:
        self._open(None)

    def action_edit(self) -> None:
        row = self.query_one(DataTable).cursor_row
        if self.rows and 0 <= row < len(self.rows):
            self._open(self.rows[row].id)

    def action_export(self) -> None:
        from shk_tui.services.portfolio import portfolio_export

        path = self.attempt(lambda: portfolio_export.save_sheet(portfolio_export.applications_sheet(self.db),
                                                                "ansokningar", self.today),
                            "Exporten misslyckades (se loggfilen)")
        if path is not None:
            self.notify(f"Sparad: {path}", title="Ansökningar")

    def action_back(self) -> None:
        self.dismiss(None)
