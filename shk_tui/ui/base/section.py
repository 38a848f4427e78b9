"""The base of the six section screens: header, one read-only SectionTable, footer.

A section loads its rows in a thread worker (``fetch`` runs a query from ``shk_tui.services``)
and posts the plain rows back as a ``Loaded`` message. It reloads whenever it is shown again, so
switching sections always shows fresh data. Errors become a Swedish notification, not a
traceback."""

from __future__ import annotations

import logging
from datetime import date
from typing import Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header
from textual.worker import get_current_worker

from shk_tui.errors import ShkError
from shk_tui.services.browse import Table
from shk_tui.ui.widgets.footer import Footer
from shk_tui.ui.widgets.section_table import SectionTable

log = logging.getLogger("shk_tui")
APP_TITLE = "Samhällskontraktet"


class SectionScreen(Screen):
    """Subclasses set SECTION, NOUN (for the empty hint) and implement ``fetch``."""

    SECTION: ClassVar[str] = ""
    NOUN: ClassVar[str] = "rader"

    class Loaded(Message):
        """Rows for the section's table, ready to show."""

        def __init__(self, table: Table) -> None:
            super().__init__()
            self.table = table

    def __init__(self) -> None:
        super().__init__()
        self.title = f"{APP_TITLE} – {self.SECTION}"

    @property
    def empty_hint(self) -> str:
        return f"Inga {self.NOUN} ännu – tryck ctrl+p och välj Ladda exempeldata"

    def compose(self) -> ComposeResult:
        yield Header()
        yield SectionTable(self.SECTION, empty_hint=self.empty_hint, id="section")
        yield Footer()

    @property
    def section_table(self) -> SectionTable:
        return self.query_one(SectionTable)

    def fetch(self, db: Any, today: date) -> Table:
        """Run in a worker thread: return the section's rows."""
        raise NotImplementedError

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Load the rows again (in a worker)."""
        self._load(self.app.db, self.app.today)

    @work(thread=True, exclusive=True, group="section-load")
    def _load(self, db: Any, today: date) -> None:
        try:
            table = self.fetch(db, today)
        except ShkError as exc:
            self._failed(exc.message)
            return
        except Exception:
            log.exception("loading section %s failed", self.SECTION)
            self._failed(f"Kunde inte läsa {self.SECTION.lower()} från databasen (se loggfilen)")
            return
        if not get_current_worker().is_cancelled:  # a newer load replaced this one
            self.post_message(self.Loaded(table))

    def _failed(self, message: str) -> None:
        self.app.call_from_thread(self._show_error, message)

    def _show_error(self, message: str) -> None:
        self.notify(message, severity="error", title="Fel")
        self.section_table.show_error("Kunde inte laddas")

    def on_section_screen_loaded(self, message: Loaded) -> None:
        table = message.table
        self.section_table.show_rows(table.columns, table.rows, table.total)
