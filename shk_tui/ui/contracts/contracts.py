"""The Avtal section: every contract with period, notice deadline, amount, paid so far, status and
warnings; search and filters (active, ending/notice within 30/60/90 days, without diarienummer,
ended but not archived, archived, by initiative, by counterparty). ``n`` new, ``e`` edit, ``enter``
opens the contract with its payment schedule, ``x`` exports contracts, payments and deadlines."""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Select, Static
from textual.worker import get_current_worker

from shk_tui.errors import ShkError
from shk_tui.fmt import format_date, format_kr
from shk_tui.services.contracts import contract_edit, contract_export, contracts
from shk_tui.services.contracts.contracts import ContractList, ContractRow, Filter, Option
from shk_tui.ui.base.confirm import ConfirmScreen
from shk_tui.ui.base.titles import APP_TITLE
from shk_tui.ui.contracts.contract_detail import ContractDetailScreen
from shk_tui.ui.contracts.contract_form import ContractFormScreen
from shk_tui.ui.widgets.footer import Footer
from shk_tui.ui.widgets.section_table import SectionTable, count_text

log = logging.getLogger("shk_tui")
#: (heading, width): what a user scans for first comes first; the rest scrolls in with → on a narrow terminal.
COLUMNS = [("Titel", 30), ("Status", 15), ("Varningar", 30), ("Motpart", 18), ("Diarienummer", 16),
           ("Period", 21), ("Säg upp senast", 14), ("Belopp", 13), ("Betalt", 20), ("Typ", 16)]
URGENT = ("förfallen", "förfallna", "≤30")
PAGE = 200  # rows per page; moving past the last row loads the next page


def period(starts_on: date | None, ends_on: date | None) -> str:
    if not (starts_on or ends_on):
        return ""
    return f"{format_date(starts_on)}–{format_date(ends_on)}"


def paid_text(row: ContractRow) -> str:
    if not row.amount_ore:
        return format_kr(row.paid_ore) if row.paid_ore else ""
    # rounded down: 1 öre left is 99 %, never 100 %
    return f"{format_kr(row.paid_ore)} ({100 * row.paid_ore // row.amount_ore} %)"


def warnings_text(warnings: tuple[str, ...]) -> Text:
    text = ", ".join(warnings)
    urgent = any(word in text for word in URGENT)
    return Text(text, style="bold red" if urgent else "yellow")


def row_cells(row: ContractRow) -> tuple[Any, ...]:
    # a value wider than its column is drawn cut with "…" by the table (FastTable); the cell keeps it whole
    return (row.title, row.status.label, warnings_text(row.warnings), row.counterparty, row.diarienummer or "",
            period(row.starts_on, row.ends_on), format_date(row.notice_deadline), format_kr(row.amount_ore),
            paid_text(row), row.kind.label)


class ContractsScreen(Screen):
    SECTION = "Avtal"
    CSS_PATH = "contracts.tcss"
    BINDINGS = [
        Binding("n", "new", "Nytt avtal", id="contracts.new"),
        Binding("e", "edit", "Ändra", id="contracts.edit"),
        Binding("enter", "open", "Öppna", id="contracts.open", show=True),
        Binding("slash", "search", "Sök", key_display="/", id="contracts.search"),
        Binding("f", "filter", "Filter", id="contracts.filter"),
        Binding("d", "delete", "Ta bort", id="contracts.delete"),
        Binding("x", "export", "Exportera", id="contracts.export"),
        Binding("escape", "to_table", "Till listan", show=False, id="contracts.to_table"),
    ]

    class Loaded(Message):
        def __init__(self, found: ContractList, options: tuple[list[Option], list[Option]] | None,
                     generation: int = 0) -> None:
            super().__init__()
            self.found = found
            self.options = options
            self.generation = generation

    def __init__(self) -> None:
        super().__init__()
        self.title = f"{APP_TITLE} – {self.SECTION}"
        self.ids: list[int] = []
        self._options_stale = True  # the initiative/counterparty choices: read again with the next load
        self._last_criteria: tuple | None = None
        self._loading = False
        self.generation = 0  # number of the latest load: an older one arriving late is dropped
        self._limit = PAGE
        self._total = 0
        self.loads = 0  # loads shown so far (tests and benchmarks wait on it)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="contract-filters"):
            yield Input(placeholder="/ Sök titel, diarienummer, motpart, initiativ …", id="contract-search",
                        compact=True)
            yield Select([(f.value, f.name) for f in Filter], value=Filter.ALLA.name, allow_blank=False,
                         id="contract-filter", compact=True)
            yield Select([], prompt="Alla initiativ", id="contract-initiative", compact=True)
            yield Select([], prompt="Alla motparter", id="contract-counterparty", compact=True)
        yield SectionTable(self.SECTION, empty_hint="Inga avtal matchar – tryck n för nytt avtal", id="section")
        yield Footer()

    @property
    def table(self) -> DataTable:
        return self.query_one("#section DataTable", DataTable)

    def on_mount(self) -> None:
        self.table.focus()

    def on_screen_resume(self) -> None:
        # Back from a contract or a form: a new counterparty or initiative may have been saved there.
        self._options_stale = True
        # A mode's first showing resumes the screen twice; one load in flight is enough.
        if not self._loading:
            self.reload()

    # --- loading -------------------------------------------------------------------------

    def _select_value(self, wid: str) -> Any:
        value = self.query_one(wid, Select).value
        return None if value is Select.NULL else value

    def _criteria(self) -> tuple[str, Filter, int | None, int | None]:
        return (self.query_one("#contract-search", Input).value,
                Filter[self._select_value("#contract-filter") or "ALLA"],
                self._select_value("#contract-initiative"), self._select_value("#contract-counterparty"))

    def reload(self) -> None:
        self._last_criteria = self._criteria()
        self._loading = True
        self.generation += 1
        self._load(self.app.db, self.app.today, *self._last_criteria, self._options_stale, self.generation)

    @work(thread=True, exclusive=True, group="contracts-load")
    def _load(self, db: Any, today: date, search: str, flt: Filter, initiative_id: int | None,
              counterparty_id: int | None, with_options: bool, generation: int) -> None:
        try:
            found = contracts.list_contracts(db, today, flt=flt, search=search, initiative_id=initiative_id,
                                             counterparty_id=counterparty_id, limit=self._limit)
            options = contracts.filter_options(db) if with_options else None
        except ShkError as exc:
            self.app.call_from_thread(self._show_error, exc.message)
            return
        except Exception:
            log.exception("loading contracts failed")
            self.app.call_from_thread(self._show_error, "Kunde inte läsa avtal från databasen (se loggfilen)")
            return
        if not get_current_worker().is_cancelled:
            self.post_message(self.Loaded(found, options, generation))

    def _show_error(self, message: str) -> None:
        self._loading = False
        self.notify(message, severity="error", title="Fel")
        self.query_one(SectionTable).show_error("Kunde inte laddas")

    def on_contracts_screen_loaded(self, message: Loaded) -> None:
        if message.generation != self.generation:  # criteria changed meanwhile: a newer load is coming
            return
        self._loading = False
        self.loads += 1
        if message.options is not None:
            self._options_stale = False
            self._set_options(*message.options)
            if self._criteria() != self._last_criteria:  # the chosen one has no contracts any more
                self.reload()
                return
        found = message.found
        self._total = found.total
        self.ids = [row.id for row in found.rows]
        section = self.query_one(SectionTable)
        table = self.table
        cursor = table.cursor_row
        with self.app.batch_update():
            table.clear(columns=True)
            for heading, width in COLUMNS:
                table.add_column(heading, width=width)
            table.add_rows([row_cells(r) for r in found.rows])
            if found.rows:
                table.move_cursor(row=min(cursor, len(found.rows) - 1))
            counted = count_text(len(found.rows), found.total)
            if found.total != found.all_count:
                counted += f" (av {found.all_count} avtal)"
            if found.total > len(found.rows):
                counted += " – ↓ sist i listan visar fler"
            section.query_one(".section-count", Static).update(counted)
            section.set_class(not found.rows, "-empty")

    def _set_options(self, initiatives: list[Option], orgs: list[Option]) -> None:
        """New choices, keeping the chosen one when it is still there (set_options clears it)."""
        with self.prevent(Select.Changed):
            for wid, options in (("#contract-initiative", initiatives), ("#contract-counterparty", orgs)):
                select = self.query_one(wid, Select)
                chosen = select.value
                select.set_options([(o.label, o.id) for o in options])
                if any(o.id == chosen for o in options):
                    select.value = chosen

    @on(Input.Changed, "#contract-search")
    @on(Select.Changed)
    def _criteria_changed(self) -> None:
        # Widgets also report their initial values when mounted: only a real change loads again
        # (each load is a thread; needless ones would compete for the GIL on 10 000 contracts).
        if self._criteria() != self._last_criteria:
            self._limit = PAGE
            self.reload()

    @on(Input.Submitted, "#contract-search")
    def _search_done(self) -> None:
        self.table.focus()

    # --- actions -------------------------------------------------------------------------

    @property
    def current_id(self) -> int | None:
        row = self.table.cursor_row
        return self.ids[row] if self.ids and 0 <= row < len(self.ids) else None

    def show_item(self, target_id: int | None) -> None:
        """Översikt protocol: open the contract ``target_id``."""
        if target_id is not None:
            self.app.push_screen(ContractDetailScreen(target_id))

    def show_filter(self, name: str) -> None:
        """Översikt: list the contracts of one of its categories (a ``Filter`` member name)."""
        self.query_one("#contract-search", Input).value = ""
        self.query_one("#contract-initiative", Select).clear()
        self.query_one("#contract-counterparty", Select).clear()
        self.query_one("#contract-filter", Select).value = name
        self.table.focus()

    def action_to_table(self) -> None:
        self.table.focus()

    def action_search(self) -> None:
        self.query_one("#contract-search", Input).focus()

    def action_filter(self) -> None:
        self.query_one("#contract-filter", Select).focus()

    def action_open(self) -> None:
        if self.current_id is not None:
            self.app.push_screen(ContractDetailScreen(self.current_id))

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_open()

    @on(DataTable.RowHighlighted)
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The last row reached and more match: load the next page (the cursor stays)."""
        if event.cursor_row == len(self.ids) - 1 and self._total > len(self.ids) and not self._loading:
            self._limit += PAGE
            self.reload()

    def action_new(self) -> None:
        self.app.push_screen(ContractFormScreen(self.app.db), self._created)

    def _created(self, contract_id: int | None) -> None:
        if contract_id is not None:
            self.notify("Avtalet sparades")
            self.app.push_screen(ContractDetailScreen(contract_id))

    def action_edit(self) -> None:
        if self.current_id is None:
            return
        try:
            form = ContractFormScreen(self.app.db, self.current_id)
        except ShkError as exc:
            self.notify(exc.message, severity="error")
            return
        self.app.push_screen(form, self._edited)

    def _edited(self, contract_id: int | None) -> None:
        if contract_id is not None:
            self.notify("Avtalet sparades")
            self._options_stale = True
            self.reload()

    def action_export(self) -> None:
        self.notify("Exporterar avtal, utbetalningar och datum …")
        self._export(self.app.db, self.app.today)

    @work(thread=True, exclusive=True, group="contracts-export")
    def _export(self, db: Any, today: date) -> None:
        try:
            paths = contract_export.write_files(db, today)
        except ShkError as exc:
            self.app.call_from_thread(self.notify, exc.message, severity="error", title="Fel")
            return
        except Exception:
            log.exception("exporting contracts failed")
            self.app.call_from_thread(self.notify, "Exporten misslyckades (se loggfilen)", severity="error")
            return
        names = ", ".join(p.name for p in paths)
        self.app.call_from_thread(self.notify, f"Sparade {names} i {paths[0].parent}", title="Exporterat",
                                  timeout=10)

    def action_delete(self) -> None:
        cid = self.current_id
        if cid is None:
            return
        title = str(self.table.get_row_at(self.table.cursor_row)[0])
        question = ConfirmScreen("Ta bort avtalet?", f"{title} tas bort med sin betalplan och sina anteckningar.")
        self.app.push_screen(question, lambda yes: self._delete(cid) if yes else None)

    def _delete(self, contract_id: int) -> None:
        try:
            contract_edit.delete_contract(self.app.db, contract_id)
        except ShkError as exc:
            self.notify(exc.message, severity="error")
            return
        except Exception:
            log.exception("deleting contract %s failed", contract_id)
            self.notify("Avtalet kunde inte tas bort (se loggfilen)", severity="error")
            return
        self.notify("Avtalet togs bort")
        self._options_stale = True
        self.reload()
