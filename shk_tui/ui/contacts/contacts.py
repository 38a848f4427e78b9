"""Kontakter: the contact database. A search box that filters as you type, filters (tag,
organisation kind, status), a paged table in Swedish order and a detail pane (events, contracts).

Rows come one page at a time from ``services.contact_list.search`` through ``self.load`` (a thread
worker; the newest load wins); the next page is fetched when the cursor nears the end, so 100 000
contacts never load at once. The columns are as wide as the table allows (``contact_columns``: at 120×40
name, organisation, e-mail and phone in view; the rest a scroll to the right and in the detail pane). The
changes of one contact, each undone by ctrl+z, are ``contact_changes``; writes go through ``self.write``,
failures become Swedish notices. Esc clears the search, then the filters (as Esc in the search)."""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import DataTable, Header, Input, Select, Static

from shk_tui.services.contacts import contact_list as lst
from shk_tui.services.contacts import contacts as svc
from shk_tui.services.contacts.contact_list import ContactFilter, Page
from shk_tui.services.contacts.contacts import ContactDetail
from shk_tui.ui import keys
from shk_tui.ui.base.titles import screen_title
from shk_tui.ui.contacts.contact_changes import READ_FAILED, ContactChanges
from shk_tui.ui.contacts.contact_columns import widths as column_widths
from shk_tui.ui.contacts.contact_form import ContactFormScreen, FormResult
from shk_tui.ui.contacts.email_list import EmailListScreen
from shk_tui.ui.widgets.contact_detail import ContactDetailPane
from shk_tui.ui.widgets.footer import Footer
from shk_tui.ui.widgets.search_box import SearchBox
from shk_tui.ui.widgets.section_table import SectionTable, count_text

STATUS_CHOICES = [
    ("Aktiva", lst.ARCHIVED_NO),
    ("Arkiverade", lst.ARCHIVED_ONLY),
    ("Alla", lst.ARCHIVED_ALL),
    ("Saknar rättslig grund", "utan-grund"),
]
EMPTY_DB_HINT = "Inga kontakter ännu – tryck ctrl+p och välj Ladda exempeldata"
NO_MATCH_HINT = "Inga kontakter matchar – ändra sökningen eller filtren (esc rensar)"
NOT_LISTED = "Kontakten finns inte längre bland de aktiva kontakterna (borttagen, arkiverad eller begränsad)"
MORE_AT = 30  # fetch the next page when the cursor is this close to the last loaded row


class ContactsScreen(ContactChanges):
    SECTION = "Kontakter"
    CSS_PATH = "contacts.tcss"
    BINDINGS = keys.of("contacts")
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    def __init__(self) -> None:
        super().__init__()
        self.title = screen_title(self.SECTION)
        self.filter = ContactFilter()
        self.organisation_name = ""
        self.ids: list[int] = []
        self.rows: list[lst.ContactRow] = []  # the rows loaded so far, in table order
        self.widths: tuple[int, ...] = ()  # of the table's columns (contact_columns.widths)
        self.total = 0
        self.cursor: tuple[str, int] | None = None
        self._loading_more = False
        self._select_after_load: int | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="contacts-filters"):
            yield SearchBox(placeholder="Sök namn, organisation, e-post, telefon, tagg … (/)", id="contacts-search",
                            table="#section DataTable", compact=True)
            yield Select([], prompt="Alla taggar", id="filter-tag", compact=True)
            yield Select(lst.organisation_kinds(), prompt="Alla org.typer", id="filter-kind", compact=True)
            yield Select(STATUS_CHOICES, value=lst.ARCHIVED_NO, allow_blank=False, id="filter-status", compact=True)
        yield Static("", id="filter-organisation")
        with Horizontal(id="contacts-body"):
            yield SectionTable(self.SECTION, empty_hint=EMPTY_DB_HINT, id="section")
            yield ContactDetailPane(id="contact-detail")
        yield Footer()

    @property
    def table(self) -> DataTable:
        return self.query_one("#section DataTable", DataTable)

    def on_mount(self) -> None:
        self.table.focus()

    def on_screen_resume(self) -> None:
        self.reload()
        self._load_tags()

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit_columns)

    def _wanted_widths(self) -> tuple[int, ...]:
        return column_widths(self.table.scrollable_content_region.width)

    def _fit_columns(self) -> None:
        """After a resize: the columns again as wide as the new width allows, with the rows loaded."""
        if self.widths and self._wanted_widths() != self.widths:
            current = self.current_id()
            with self.app.batch_update():
                self._set_columns()
                self._add_rows(self.rows)
                if current in self.ids:
                    self.table.move_cursor(row=self.ids.index(current))

    def _set_columns(self) -> None:
        table = self.table
        table.clear(columns=True)
        self.widths = self._wanted_widths()
        for heading, width in zip(lst.COLUMNS, self.widths, strict=True):
            table.add_column(heading, width=width)
        self.ids = []

    def _add_rows(self, rows: list[lst.ContactRow]) -> None:
        table = self.table
        for row in rows:
            table.add_row(*row.cells(), key=str(row.id))
            self.ids.append(row.id)

    # --- loading (ui/base/work.py: the newest load of each group wins) ------------------------

    def reload(self, select_id: int | None = None) -> None:
        self.cursor = None
        self._loading_more = False
        self._select_after_load = select_id if select_id is not None else self.current_id()
        self._load_page(None)

    def _load_page(self, after: tuple[str, int] | None) -> None:
        db, flt = self.db, self.filter
        self.load(lambda: lst.search(db, flt, after=after, with_total=after is None),
                  partial(self._show_page, append=after is not None), group="page",
                  on_error=self._page_failed)

    def _page_failed(self, exc: BaseException) -> None:
        self._loading_more = False
        self.report_error(exc, "Kunde inte läsa kontakter från databasen (se loggfilen)")

    def _show_page(self, page: Page, append: bool) -> None:
        table = self.table
        section = self.query_one(SectionTable)
        with self.app.batch_update():
            if not append:
                if self._wanted_widths() != self.widths:
                    self._set_columns()
                else:
                    table.clear()
                    self.ids = []
                self.rows = []
                self.total = page.total
            self.rows += page.rows
            self._add_rows(page.rows)
            self.cursor = page.cursor
            self._loading_more = False
            section.query_one(".section-count", Static).update(count_text(len(self.ids), self.total))
            unfiltered = self.filter == ContactFilter()
            section.query_one(".section-empty", Static).update(EMPTY_DB_HINT if unfiltered else NO_MATCH_HINT)
            section.set_class(not self.ids, "-empty")
            wanted = self._select_after_load
            if not append and self.ids:
                position = self.ids.index(wanted) if wanted in self.ids else 0
                table.move_cursor(row=position)
                self._select_after_load = None
        if not self.ids:
            self.query_one(ContactDetailPane).show(None)
        else:
            self._load_detail(self.current_id())

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is None:
            return
        self._load_detail(int(event.row_key.value))
        if self.cursor is not None and not self._loading_more and event.cursor_row >= len(self.ids) - MORE_AT:
            self._loading_more = True
            self._load_page(self.cursor)

    def _load_detail(self, contact_id: int | None) -> None:
        if contact_id is None:
            return
        db = self.db
        self.load(lambda: svc.get(db, contact_id), self._show_detail, group="detail", failed=READ_FAILED)

    def _show_detail(self, detail: ContactDetail) -> None:
        if detail.id == self.current_id():
            self.query_one(ContactDetailPane).show(detail)

    def _load_tags(self) -> None:
        db = self.db
        self.load(lambda: lst.tag_names(db), self._set_tags, group="tags",
                  failed="Kunde inte läsa taggarna (se loggfilen)")

    def _set_tags(self, tags: list[str]) -> None:
        select = self.query_one("#filter-tag", Select)
        current = select.value
        with self.prevent(Select.Changed):
            select.set_options([(t, t) for t in tags])
            if current in tags:
                select.value = current

    def current_id(self) -> int | None:
        table = self.table
        if not self.ids or table.cursor_row < 0 or table.cursor_row >= len(self.ids):
            return None
        return self.ids[table.cursor_row]

    # --- filters -------------------------------------------------------------------------

    def set_filter(self, **changes: Any) -> None:
        new = replace(self.filter, **changes)
        if new != self.filter:
            self.filter = new
            self.reload()

    @on(Input.Changed, "#contacts-search")
    def _search(self, event: Input.Changed) -> None:
        self.set_filter(text=event.value)

    @on(Select.Changed, "#filter-tag")
    def _tag(self, event: Select.Changed) -> None:
        self.set_filter(tag=None if event.value is Select.NULL else str(event.value))

    @on(Select.Changed, "#filter-kind")
    def _kind(self, event: Select.Changed) -> None:
        self.set_filter(organisation_kind=None if event.value is Select.NULL else str(event.value))

    @on(Select.Changed, "#filter-status")
    def _status(self, event: Select.Changed) -> None:
        if event.value == "utan-grund":
            self.set_filter(archived=lst.ARCHIVED_NO, no_legal_basis=True)
        else:
            self.set_filter(archived=str(event.value), no_legal_basis=False)

    def show_organisation(self, organisation_id: int | None, name: str = "") -> None:
        """Show only the people of one organisation (None: all)."""
        self.organisation_name = name
        label = self.query_one("#filter-organisation", Static)
        label.update(f"Organisation: {name}  (esc visar alla)" if organisation_id else "")
        label.set_class(organisation_id is not None, "-shown")
        self.set_filter(organisation_id=organisation_id)

    def show_item(self, target_id: int | None) -> None:
        """From Översikt: the contacts without a legal basis (or one contact)."""
        self.query_one("#filter-status", Select).value = "utan-grund"
        if target_id is not None:
            self._select_after_load = target_id

    def reveal(self, item_id: int, kind: str = "contact", title: str = "") -> None:
        """The global search's Enter: the search and the filters cleared, the contact selected with its
        detail (the list starts at it when it is further down); an organisation: its people."""
        self.filter = replace(self.filter, text="")  # the box is emptied without a load of its own
        with self.prevent(Input.Changed):
            self.query_one("#contacts-search", SearchBox).value = ""
        self.clear_filters()
        if kind == "organisation":
            self.show_organisation(item_id, title)
            self.reload()
            return
        from shk_tui.services.contacts import contact_position

        self.filter = ContactFilter()
        self.cursor, self._loading_more, self._select_after_load = None, False, item_id
        db, flt = self.db, self.filter
        self.load(lambda: contact_position.page_with(db, flt, item_id), partial(self._revealed, item_id),
                  group="page", on_error=self._page_failed)
        self.table.focus()

    def _revealed(self, contact_id: int, page: Page) -> None:
        self._show_page(page, append=False)
        if contact_id not in self.ids:
            self.notify(NOT_LISTED, severity="warning")

    def action_focus_search(self) -> None:
        self.query_one("#contacts-search", SearchBox).focus()

    def action_clear(self) -> None:
        """Esc in the table: the search's text goes first, then the filters (as Esc in the search)."""
        search = self.query_one("#contacts-search", SearchBox)
        if search.value:
            search.value = ""
        else:
            self.clear_filters()
        self.table.focus()

    @on(SearchBox.ClearFilters, "#contacts-search")
    def clear_filters(self) -> None:
        """Every filter back to its default (all tags and kinds, the active contacts, every organisation)."""
        with self.prevent(Select.Changed):
            self.query_one("#filter-tag", Select).clear()
            self.query_one("#filter-kind", Select).clear()
            self.query_one("#filter-status", Select).value = lst.ARCHIVED_NO
        self.organisation_name = ""
        label = self.query_one("#filter-organisation", Static)
        label.update("")
        label.remove_class("-shown")
        self.set_filter(tag=None, organisation_kind=None, organisation_id=None, archived=lst.ARCHIVED_NO,
                        no_legal_basis=False)

    # --- actions -------------------------------------------------------------------------

    def action_new(self) -> None:
        self.app.push_screen(ContactFormScreen(None), self._after_form)

    def action_edit(self) -> None:
        if (contact_id := self._need_current()) is not None:
            self.app.push_screen(ContactFormScreen(contact_id), self._after_form)

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit()

    def _after_form(self, result: FormResult | None) -> None:
        if result is None:
            return
        if result.open_id is not None:  # the user asked to open the contact with the same e-mail
            self.app.push_screen(ContactFormScreen(result.open_id), self._after_form)
            return
        self.notify(f"Sparad: {result.name}")
        self.reload(select_id=result.saved_id)
        self._load_tags()

    def _after_tags(self) -> None:
        self.reload()
        self._load_tags()

    def action_copy_emails(self) -> None:
        self.app.push_screen(EmailListScreen(self.filter))

    def action_organisations(self) -> None:
        from shk_tui.ui.contacts.organisations import OrganisationsScreen

        self.app.push_screen(OrganisationsScreen(), self._after_organisations)

    def _after_organisations(self, chosen: tuple[int, str] | None) -> None:
        if chosen is not None:
            self.show_organisation(*chosen)

    def action_duplicates(self) -> None:
        from shk_tui.ui.contacts.duplicates import DuplicatesScreen

        self.app.push_screen(DuplicatesScreen(), lambda changed: self.reload() if changed else None)

    def action_import(self) -> None:
        from shk_tui.ui.contacts.import_contacts import ImportScreen

        self.app.push_screen(ImportScreen(), lambda imported: self._after_tags() if imported else None)

    def action_export(self) -> None:
        from shk_tui.ui.contacts.export_contacts import ExportScreen

        self.app.push_screen(ExportScreen(self.filter, self.total))

    def action_gdpr(self) -> None:
        if (contact_id := self._need_current()) is not None:
            from shk_tui.ui.contacts.gdpr import GdprScreen

            self.app.push_screen(GdprScreen(contact_id), lambda changed: self.reload() if changed else None)
