"""Organisationer (from Kontakter with ``o``): organisations with their number of contacts. ``enter``
shows the organisation's people in Kontakter; ``n`` new, ``e`` edit, ``delete`` removes an unused one."""

from __future__ import annotations

from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.widgets import DataTable, Header, Input, Static

from shk_tui.fmt import count
from shk_tui.services.contacts import organisations as svc
from shk_tui.ui import keys
from shk_tui.ui.base.confirm import ConfirmScreen
from shk_tui.ui.base.titles import screen_title
from shk_tui.ui.base.work import ShkScreen
from shk_tui.ui.contacts.organisation_form import OrganisationFormScreen
from shk_tui.ui.widgets.footer import Footer
from shk_tui.ui.widgets.search_box import SearchBox
from shk_tui.ui.widgets.section_table import SectionTable

NONE_YET = "Inga organisationer"
NO_MATCH = "Inga organisationer matchar sökningen (esc rensar)"


class OrganisationsScreen(ShkScreen):
    """Dismisses with the chosen organisation's ``(id, name)``, or None."""

    CSS_PATH = "contacts.tcss"
    SECTION = "Organisationer"
    BINDINGS = keys.of("organisations")

    def __init__(self) -> None:
        super().__init__()
        self.title = screen_title(self.SECTION)
        self.rows: list[svc.OrganisationRow] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield SearchBox(placeholder="Sök namn, kortnamn, ort … (/)", id="organisations-search",
                        table="#section DataTable", compact=True)
        yield SectionTable("Organisationer – enter visar personerna", empty_hint=NONE_YET, id="section")
        yield Footer()

    @property
    def table(self) -> DataTable:
        return self.query_one("#section DataTable", DataTable)

    def on_mount(self) -> None:
        self.reload()
        self.table.focus()

    def reload(self, select_id: int | None = None) -> None:
        db, text = self.db, self.query_one("#organisations-search", Input).value
        self.load(lambda: svc.list_organisations(db, text), partial(self._show, select_id=select_id),
                  failed="Kunde inte läsa organisationerna (se loggfilen)")

    def _show(self, found: tuple[list[svc.OrganisationRow], int], select_id: int | None) -> None:
        current = select_id if select_id is not None else self.current_id()
        self.rows, total = found
        searched = bool(self.query_one("#organisations-search", Input).value.strip())
        self.query_one("#section .section-empty", Static).update(NO_MATCH if searched else NONE_YET)
        self.query_one(SectionTable).show_rows(svc.COLUMNS, [row.cells() for row in self.rows], total, svc.WIDTHS)
        ids = [r.id for r in self.rows]
        if current in ids:
            self.table.move_cursor(row=ids.index(current))

    def current(self) -> svc.OrganisationRow | None:
        row = self.table.cursor_row
        return self.rows[row] if self.rows and 0 <= row < len(self.rows) else None

    def current_id(self) -> int | None:
        current = self.current()
        return current.id if current else None

    @on(Input.Changed, "#organisations-search")
    def _search(self) -> None:
        self.reload()

    def action_focus_search(self) -> None:
        self.query_one("#organisations-search", SearchBox).focus()

    @on(DataTable.RowSelected)
    def _open(self) -> None:
        if (org := self.current()) is not None:
            self.dismiss((org.id, org.name))

    def action_back(self) -> None:
        self.dismiss(None)

    def action_new(self) -> None:
        self.app.push_screen(OrganisationFormScreen(None), self._saved)

    def action_edit(self) -> None:
        if (org_id := self.current_id()) is not None:
            self.app.push_screen(OrganisationFormScreen(org_id), self._saved)

    def _saved(self, org_id: int | None) -> None:
        if org_id is not None:
            self.notify("Organisationen sparad")
            self.reload(select_id=org_id)

    def action_delete(self) -> None:
        if (org := self.current()) is None:
            return
        if org.contacts:
            self.notify(f"{org.name} har {count(org.contacts, 'kontakt', 'kontakter')} och kan inte tas bort",
                        severity="warning")
            return
        self.app.push_screen(ConfirmScreen("Ta bort organisationen?", f"{org.name} tas bort."),
                             lambda yes: self._delete(org.id, org.name) if yes else None)

    def _delete(self, org_id: int, name: str) -> None:
        self.write(lambda: svc.delete(self.db, org_id), lambda _: self._deleted(name))

    def _deleted(self, name: str) -> None:
        self.notify(f"Borttagen: {name}")
        self.reload()
