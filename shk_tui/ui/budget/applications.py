"""External funding applications (``a`` in Budget): progress towards board goal 5 (at least 10 Mkr of
external funding: ``services.budget.goal`` counts granted money from external funders, our share of a
consortium application; the parties' own money is shown beside it, not counted) and the list; ``n`` new,
enter edits."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, Header, ProgressBar, Static

from shk_tui.fmt import count, format_kr
from shk_tui.services.budget import applications as svc
from shk_tui.services.budget import goal
from shk_tui.ui import keys
from shk_tui.ui.base.export_target import saved_notice
from shk_tui.ui.base.titles import screen_title
from shk_tui.ui.base.work import ShkScreen
from shk_tui.ui.widgets.fast_table import FastTable
from shk_tui.ui.widgets.flow import Flow, Part
from shk_tui.ui.widgets.footer import Footer

#: (heading, widest shown: longer texts are cut with "…"; None: as wide as they are). The status and the
#: amount come right after the title, so they are in view at 80 columns.
COLUMNS: tuple[tuple[str, int | None], ...] = (
    ("Titel", 36), ("Status", None), ("Belopp", None), ("Slag", None), ("Vår andel", None), ("Inskickad", None),
    ("Beslut", None), ("Finansiär", 28), ("Initiativ", None))

NOT_FOUND = "Ansökan finns inte längre"


def progress_parts(p: goal.GoalProgress) -> list[Part]:
    """The progress towards the goal, one part per figure (a line breaks between them): external money
    (our share), then the parties' own beside it."""
    own = p.own
    parts: list[Part] = [
        f"Beviljat {format_kr(p.granted_ore)} ({round(p.share * 100)} % av målet)",
        f"inskickat, väntar på besked {format_kr(p.external.pending_ore)}",
        f"under arbete {format_kr(p.external.in_progress_ore)}",
        ("; ", f"parternas egna medel (räknas inte): beviljat {format_kr(own.granted_ore)}")]
    if own.pending_ore or own.in_progress_ore:
        parts.append((", ", f"inskickat/under arbete {format_kr(own.pending_ore + own.in_progress_ore)}"))
    return parts


class ApplicationsScreen(ShkScreen):
    CSS_PATH = "dialogs.tcss"
    BINDINGS = keys.of("applications")

    def __init__(self) -> None:
        super().__init__()
        self.title = screen_title("Finansieringsansökningar")
        self.rows: list[svc.ApplicationRow] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"[b]Mål 5: minst {format_kr(svc.GOAL_ORE)} i extern finansiering[/b]", id="applications-goal")
        yield Flow(id="applications-progress")
        yield ProgressBar(total=100, show_eta=False, id="applications-bar")
        yield FastTable(id="applications-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        """Read the applications and the progress (in a worker); the cursor on ``select_id`` if given."""
        db = self.db
        self.load(lambda: (svc.list_all(db), goal.progress(db)), lambda found: self._show(*found, select_id),
                  failed="Kunde inte läsa från databasen (se loggfilen)")

    def _show(self, rows: list[svc.ApplicationRow], progress: goal.GoalProgress, select_id: int | None) -> None:
        self.rows = rows
        self.query_one("#applications-progress", Flow).show(progress_parts(progress))
        self.query_one(ProgressBar).update(progress=min(100.0, progress.share * 100))
        table = self.query_one(DataTable)
        row = table.cursor_row
        cells = [[a.title, a.status.label, Text(format_kr(a.amount_ore), justify="right"), goal.kind_label(a.funder_kind),
                  Text(format_kr(a.sk_share_ore), justify="right"),
                  a.submitted_on.isoformat() if a.submitted_on else "", a.decided_on.isoformat() if a.decided_on else "",
                  a.funder, a.initiative] for a in rows]
        with self.app.batch_update():
            table.clear(columns=True)
            for index, (heading, widest) in enumerate(COLUMNS):
                longest = max([cell_len(heading), *(cell_len(str(r[index])) for r in cells)])
                table.add_column(heading, width=longest if widest is None else min(widest, longest))
            for r in cells:
                table.add_row(*r)
        if select_id is not None:
            row = next((i for i, a in enumerate(self.rows) if a.id == select_id), row)
        if self.rows:
            table.move_cursor(row=min(row, len(self.rows) - 1))
        table.focus()

    def reveal(self, application_id: int) -> None:
        """The global search's Enter: the cursor on the application (a notice when it is gone)."""
        self.reload(application_id)
        db = self.db
        self.load(lambda: any(a.id == application_id for a in svc.list_all(db)),
                  lambda listed: None if listed else self.notify(NOT_FOUND, severity="warning"), group="reveal")

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
        """x: the list with the progress towards the goal as a spreadsheet, saved where the user says."""
        from shk_tui.services.portfolio import portfolio_export
        from shk_tui.ui.budget.export import SheetExportScreen

        def saved(path: str | None) -> None:
            if path is not None:
                self.notify(saved_notice(count(len(self.rows), "ansökan", "ansökningar"), path), title="Ansökningar")

        self.app.push_screen(SheetExportScreen("Exportera ansökningar", f"ansokningar-{self.today.isoformat()}.xlsx",
                                               portfolio_export.applications_sheet), saved)

    def action_back(self) -> None:
        self.dismiss(None)
