"""Dubbletter (from Kontakter with ``d``): duplicate candidates with score and reason, best first;
``enter`` opens the merge screen for the pair. Dismisses with True when something was merged."""

from __future__ import annotations

import logging

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from shk_tui.errors import ShkError
from shk_tui.services.contacts import duplicates as svc
from shk_tui.ui.base.titles import APP_TITLE
from shk_tui.ui.contacts.merge import MergeScreen
from shk_tui.ui.widgets.footer import Footer
from shk_tui.ui.widgets.section_table import SectionTable, count_text

log = logging.getLogger("shk_tui")


class DuplicatesScreen(Screen[bool]):
    CSS_PATH = "contacts.tcss"
    BINDINGS = [
        Binding("escape", "back", "Tillbaka", id="duplicates.back"),
        Binding("r", "reload", "Uppdatera", id="duplicates.reload"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.title = f"{APP_TITLE} – Dubbletter"
        self.found: list[svc.Candidate] = []
        self.changed = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield SectionTable("Möjliga dubbletter – enter jämför och slår ihop", empty_hint="Inga möjliga dubbletter",
                           id="section")
        yield Footer()

    @property
    def table(self) -> DataTable:
        return self.query_one("#section DataTable", DataTable)

    def on_mount(self) -> None:
        self.table.focus()
        self.action_reload()

    def action_reload(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="duplicates")
    def _load(self) -> None:
        try:
            found = svc.candidates(self.app.db)
        except ShkError as exc:
            self.app.call_from_thread(self.notify, exc.message, severity="error")
            return
        except Exception:
            log.exception("duplicate search failed")
            self.app.call_from_thread(self.notify, "Kunde inte söka dubbletter (se loggfilen)", severity="error")
            return
        self.app.call_from_thread(self._show, found)

    def _show(self, found: list[svc.Candidate]) -> None:
        self.found = found
        table = self.table
        with self.app.batch_update():
            table.clear(columns=not table.columns)
            if not table.columns:
                table.add_columns(*svc.COLUMNS)
            for c in found:
                table.add_row(*c.cells(), key=f"{c.a_id}-{c.b_id}")
            section = self.query_one(SectionTable)
            section.query_one(".section-count", Static).update(count_text(len(found), len(found)))
            section.set_class(not found, "-empty")

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
