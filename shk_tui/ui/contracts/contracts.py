"""The Avtal section: every contract with period, notice deadline, amount, paid so far, status and
warnings (the procurement guard's in short: "LOU: över gräns", "LOU: ej dok.", "LOU: uppdelning?"); search
and filters (active, ending/notice within 30/60/90 days, without diarienummer, ended but not archived,
archived, Upphandlingsvarningar, by initiative, by counterparty). ``n`` new, ``e`` edit, ``enter``
opens the contract with its payment schedule, ``x`` exports contracts, payments and deadlines,
``ctrl+z`` undoes an archive made in a contract opened from here.

It opens with the table focused (also after the rows load); ``/`` goes to the search, Esc there
clears it, or, when it is already empty, resets the filters (SearchBox)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.events import Resize
from textual.widgets import DataTable, Header, Input, Select, Static

from shk_tui.fmt import format_date, format_kr
from shk_tui.services.contracts import contract_edit, contracts
from shk_tui.services.contracts.contracts import ContractList, ContractRow, Filter, Option
from shk_tui.ui import keys
from shk_tui.ui.base.confirm import ConfirmScreen
from shk_tui.ui.base.loading import ShownScreen
from shk_tui.ui.base.undo import Undoable
from shk_tui.ui.contracts.contract_detail import ContractDetailScreen
from shk_tui.ui.contracts.contract_export_dialog import ContractExportDialog, exported_notice
from shk_tui.ui.contracts.contract_form import ContractFormScreen
from shk_tui.ui.widgets.footer import Footer
from shk_tui.ui.widgets.search_box import SearchBox
from shk_tui.ui.widgets.section_table import SectionTable, count_text

#: (heading, width): what a user scans for first comes first; the rest scrolls in with → on a narrow terminal.
COLUMNS = [("Titel", 30), ("Status", 15), ("Varningar", 30), ("Motpart", 18), ("Diarienummer", 16),
           ("Period", 21), ("Säg upp senast", 14), ("Belopp", 13), ("Betalt", 20), ("Typ", 16)]
URGENT = ("förfallen", "förfallna", "≤30", "LOU: över")
#: The filters in the order ``f`` visits them: id → what a user is told it filters on.
FILTERS = {"contract-filter": "urval", "contract-initiative": "initiativ", "contract-counterparty": "motpart"}
PAGE = 200  # rows per page; moving past the last row loads the next page
TABLE = "#section .section-rows"
UNFILTERED = ("", Filter.ALLA, None, None)  # _criteria() with no search and no filter
EMPTY_HINT = "Inga avtal matchar – esc rensar sökning och filter, n nytt avtal"
#: Narrower than this, the filter bar takes two lines: the search, then the three filters.
WIDE_FILTERS = 110


def period(starts_on: date | None, ends_on: date | None) -> str:
    if not (starts_on or ends_on):
        return ""
    return f"{format_date(starts_on)}–{format_date(ends_on)}"


def paid_text(row: ContractRow) -> str:
    if not row.amount_ore:
        return format_kr(row.paid_ore) if row.paid_ore else ""
    # rounded down: 1 öre left is 99 %, never 100 %
    return f"{format_kr(row.paid_ore)} ({100 * row.paid_ore // row.amount_ore} %)"


def warnings_text(warnings: tuple[str, ...]) -> Text | str:
    """The warnings, red when one is urgent; none is a plain "" (a row of plain strings is measured by
    the table without Rich: FastTable)."""
    if not warnings:
        return ""
    text = ", ".join(warnings)
    urgent = any(word in text for word in URGENT)
    return Text(text, style="bold red" if urgent else "yellow")


def row_cells(row: ContractRow) -> tuple[Any, ...]:
    # a value wider than its column is drawn cut with "…" by the table (FastTable); the cell keeps it whole
    return (row.title, row.status.label, warnings_text(row.warnings), row.counterparty, row.diarienummer or "",
            period(row.starts_on, row.ends_on), format_date(row.notice_deadline), format_kr(row.amount_ore),
            paid_text(row), row.kind.label)


class ContractsScreen(Undoable, ShownScreen):
    SECTION = "Avtal"
    CSS_PATH = "contracts.tcss"
    LOAD_FAILED = "Kunde inte läsa avtal från databasen (se loggfilen)"
    BINDINGS = keys.of("contracts")
    #: What Textual focuses when nothing is (the screen's first showing): the table, never the search.
    AUTO_FOCUS = TABLE

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[int] = []
        self._options_stale = True  # the initiative/counterparty choices: read again with the next load
        self._last_criteria: tuple | None = None
        self._limit = PAGE
        self._total = 0
        self.loads = 0  # loads shown so far (tests and benchmarks wait on it)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="contract-filters"):
            yield SearchBox(placeholder="/ Sök titel, diarienummer, motpart, initiativ …", id="contract-search",
                            table=TABLE, compact=True)
            yield Select([(f.value, f.name) for f in Filter], value=Filter.ALLA.name, allow_blank=False,
                         id="contract-filter", compact=True)
            yield Select([], prompt="Alla initiativ", id="contract-initiative", compact=True)
            yield Select([], prompt="Alla motparter", id="contract-counterparty", compact=True)
        yield SectionTable(self.SECTION, empty_hint=EMPTY_HINT, id="section")
        yield Footer()

    @property
    def table(self) -> DataTable:
        return self.query_one(SectionTable).data_table

    def on_mount(self) -> None:
        self.table.focus()
        self._fit(self.app.size.width)

    def on_resize(self, event: Resize) -> None:
        self._fit(event.size.width)

    def _fit(self, width: int) -> None:
        self.query_one("#contract-filters").set_class(width < WIDE_FILTERS, "-narrow")

    def on_screen_resume(self) -> None:
        # Back from a contract or a form: a new counterparty or initiative may have been saved there
        # (ShownScreen's handler then loads).
        self._options_stale = True

    # --- loading -------------------------------------------------------------------------

    def _select_value(self, wid: str) -> Any:
        value = self.query_one(wid, Select).value
        return None if value is Select.NULL else value

    def _criteria(self) -> tuple[str, Filter, int | None, int | None]:
        return (self.query_one("#contract-search", Input).value,
                Filter[self._select_value("#contract-filter") or "ALLA"],
                self._select_value("#contract-initiative"), self._select_value("#contract-counterparty"))

    def reload(self) -> None:
        self._last_criteria = search, flt, initiative_id, counterparty_id = self._criteria()
        db, today, limit = self.db, self.today, self._limit
        self.load(lambda: contracts.list_contracts(db, today, flt=flt, search=search, initiative_id=initiative_id,
                                                   counterparty_id=counterparty_id, limit=limit),
                  self._show, on_error=self._load_failed)

    def _load_failed(self, exc: BaseException) -> None:
        self.report_error(exc, self.LOAD_FAILED)
        self.query_one(SectionTable).show_error("Kunde inte laddas")

    def _show(self, found: ContractList) -> None:
        self.loads += 1
        if self._options_stale:
            # the filters' choices (thousands of counterparties) in their own load, after the rows, which
            # need not wait for them
            self._options_stale = False
            db = self.db
            self.load(lambda: contracts.filter_options(db), self._options_loaded, group="options",
                      on_error=self._options_failed)
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
        if self.focused is None:  # never left without focus (nor to Textual's first focusable: the search)
            table.focus()

    def _options_failed(self, exc: BaseException) -> None:
        self._options_stale = True  # read again with the next load
        self.report_error(exc, self.LOAD_FAILED)

    def _options_loaded(self, options: tuple[list[Option], list[Option]]) -> None:
        self._set_options(*options)
        if self._criteria() != self._last_criteria:  # the chosen one has no contracts any more
            self.reload()

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

    @on(SearchBox.ClearFilters, "#contract-search")
    def _clear_filters(self) -> None:
        """Esc in the empty search: every filter back to all (the list's hint says esc does this)."""
        self._reset_filters(Filter.ALLA.name)

    # --- actions -------------------------------------------------------------------------

    @property
    def current_id(self) -> int | None:
        row = self.table.cursor_row
        return self.ids[row] if self.ids and 0 <= row < len(self.ids) else None

    def show_item(self, target_id: int | None) -> None:
        """Översikt protocol: open the contract ``target_id``."""
        if target_id is not None:
            self.app.push_screen(ContractDetailScreen(target_id))

    def reveal(self, item_id: int, kind: str = "contract", title: str = "") -> None:
        """The global search's Enter: the contract's detail (a payment's hit names its contract); a
        contract gone meanwhile is a notice (ContractDetailScreen)."""
        self.app.push_screen(ContractDetailScreen(item_id))

    def show_filter(self, name: str) -> None:
        """Översikt: list the contracts of one of its categories (a ``Filter`` member name), with the
        search and the other filters cleared (a contract left open is closed by ContractDetailScreen)."""
        self._reset_filters(name)
        self.table.move_cursor(row=0)

    def _reset_filters(self, name: str) -> None:
        self.query_one("#contract-search", Input).value = ""
        self.query_one("#contract-initiative", Select).clear()
        self.query_one("#contract-counterparty", Select).clear()
        self.query_one("#contract-filter", Select).value = name
        self.table.focus()

    def action_to_table(self) -> None:
        """Esc: from a filter to the table; on the table, clear the search and the filters (the empty
        list's hint says so)."""
        if self.focused is self.table and self._criteria() != UNFILTERED:
            self._reset_filters(Filter.ALLA.name)
            self.notify("Sökning och filter rensade", timeout=3)
            return
        self.table.focus()

    def action_search(self) -> None:
        self.query_one("#contract-search", Input).focus()

    def action_filter(self) -> None:
        """Focus the first filter, or the next one when a filter has focus, and say which it is (the
        compact choices look alike)."""
        names = list(FILTERS)
        focused = self.focused.id if self.focused is not None else None
        wid = names[(names.index(focused) + 1) % len(names)] if focused in FILTERS else names[0]
        self.query_one(f"#{wid}", Select).focus()
        self.notify(f"Filter: {FILTERS[wid]} – f igen för nästa filter", timeout=3)

    def action_open(self) -> None:
        if self.current_id is not None:
            self.app.push_screen(ContractDetailScreen(self.current_id))

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_open()

    @on(DataTable.RowHighlighted)
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The last row reached and more match: load the next page (the cursor stays)."""
        if event.cursor_row == len(self.ids) - 1 and self._total > len(self.ids) and not self.is_loading():
            self._limit += PAGE
            self.reload()

    def action_new(self) -> None:
        self.app.push_screen(ContractFormScreen(self.db), self._created)

    def _created(self, contract_id: int | None) -> None:
        if contract_id is not None:
            self.notify("Avtalet sparades")
            self.app.push_screen(ContractDetailScreen(contract_id))

    def action_edit(self) -> None:
        if self.current_id is None:
            return
        cid = self.current_id
        form = self.attempt(lambda: ContractFormScreen(self.db, cid), "Kunde inte läsa avtalet (se loggfilen)")
        if form is not None:
            self.app.push_screen(form, self._edited)

    def _edited(self, contract_id: int | None) -> None:
        if contract_id is not None:
            self.notify("Avtalet sparades")
            self._options_stale = True
            self.reload()

    def action_export(self) -> None:
        """Contracts and payments (xlsx) and their dates (ics), to the folder chosen in the dialog."""
        self.app.push_screen(ContractExportDialog(), self._exported)

    def _exported(self, paths: list[Path] | None) -> None:
        if paths:
            self.notify(exported_notice(paths), title="Exporterat", timeout=10)

    def action_delete(self) -> None:
        cid = self.current_id
        if cid is None:
            return
        title = str(self.table.get_row_at(self.table.cursor_row)[0])
        question = ConfirmScreen("Ta bort avtalet?", f"{title} tas bort med sin betalplan och sina anteckningar.")
        self.app.push_screen(question, lambda yes: self._delete(cid) if yes else None)

    def _delete(self, contract_id: int) -> None:
        self.write(lambda: contract_edit.delete_contract(self.db, contract_id), self._deleted,
                   failed="Avtalet kunde inte tas bort (se loggfilen)")

    def _deleted(self, _result: object) -> None:
        self.notify("Avtalet togs bort")
        self._options_stale = True
        self.reload()
