"""Dubbletter (from Kontakter with ``d``): duplicate candidates with score and reason, best first;
``enter`` opens the merge screen for the pair. Dismisses with True when something was merged."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import DataTable, Header

from shk_tui.services.contacts import duplicates as svc
from shk_tui.ui import keys
from shk_tui.ui.base.titles import screen_title
from shk_tui.ui.base.work import ShkScreen
from shk_tui.ui.contacts.merge import MergeScreen
from shk_tui.ui.widgets.footer import Footer
from shk_tui.ui.widgets.section_table import SectionTable


class DuplicatesScreen(ShkScreen):
    """Dismisses with True when a pair was merged."""

    CSS_PATH = "contacts.tcss"
    BINDINGS = keys.of("duplicates")

    def __init__(self) -> None:
        super().__init__()
        self.title = screen_title("Dubbletter")
        self.found: list[svc.Candidate] = []
        self.changed = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield SectionTable("Möjliga dubbletter – enter jämför och slår ihop", empty_hint="Inga möjliga dubbletter",
                           id="section")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(SectionTable).data_table.focus()
        self.action_reload()

    def action_reload(self) -> None:
        db = self.db
        self.load(lambda: svc.candidates(db), self._show, failed="Kunde inte söka dubbletter (se loggfilen)")

    def _show(self, found: list[svc.Candidate]) -> None:
        self.found = found
        self.query_one(SectionTable).show_rows(svc.COLUMNS, [c.cells() for c in found], len(found), svc.WIDTHS)

    @on(DataTable.RowSelected)
    def _open(self, event: DataTable.RowSelected) -> None:
        if 0 <= event.cursor_row < len(self.found):
            c = self.found[event.cursor_row]
            self.app.push_screen(MergeScreen(c.a_id, c.b_id), self._merged)

    def _merged(self, merged: bool | None) -> None:
        if merged:
            self.changed = True
            self.action_reload()

    def action_back(self) -> None:
        self.dismiss(self.changed)
