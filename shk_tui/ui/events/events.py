"""Evenemang: every event with ISO week, kind, place, function, focus area, status and
registered/capacity; upcoming first. Filters (period, kind, focus area, function, initiative) and
search; ``n`` new, ``e`` edit, ``y`` duplicate (optionally with the invitation list), ``enter``
opens the participant list, ``u`` follow-up of the period shown, ``x`` calendar file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Header, Input, Select, Static

from shk_tui.enums import EventKind, FocusArea, Function
from shk_tui.fmt import count, format_date
from shk_tui.services.events import event_export
from shk_tui.services.events import events as svc
from shk_tui.ui import keys
from shk_tui.ui.base.confirm import ConfirmScreen
from shk_tui.ui.base.export_target import saved_notice
from shk_tui.ui.base.titles import APP_TITLE
from shk_tui.ui.base.work import ShkScreen
from shk_tui.ui.events.event_columns import COLUMNS, SHORT_FOCUS, SHORT_FUNCTION
from shk_tui.ui.events.event_columns import widths as column_widths
from shk_tui.ui.events.event_form import EventFormScreen
from shk_tui.ui.events.export_dialog import SaveExportScreen
from shk_tui.ui.events.participant_actions import EXPORT_FAILED
from shk_tui.ui.widgets.fast_table import FastTable
from shk_tui.ui.widgets.footer import Footer
from shk_tui.ui.widgets.search_box import SearchBox
from shk_tui.ui.widgets.section_table import count_text

NO_EVENTS = "Inga evenemang – tryck n för ett nytt (eller ctrl+p, Ladda exempeldata)"
NO_MATCH = "Inga evenemang med den sökningen och de filtren (esc rensar)"


class EventsScreen(ShkScreen):
    SECTION = "Evenemang"
    PAGE = svc.DEFAULT_LIMIT  # rows per page; the next page loads when the cursor nears the end
    LOAD_FAILED = "Kunde inte läsa evenemang från databasen (se loggfilen)"
    CSS_PATH = "events.tcss"
    BINDINGS = keys.of("events")
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    def __init__(self) -> None:
        super().__init__()
        self.title = f"{APP_TITLE} – {self.SECTION}"
        self.rows: list[svc.EventRow] = []
        self._initiatives: list[tuple[str, int]] | None = None
        self._select_after_load: int | None = None
        self._pending: svc.EventFilter | None = None  # filter of the load in flight
        self._last_filter: svc.EventFilter | None = None  # filter of the last load started
        self._hidden = False
        self._drawn = False  # the first frame has been drawn (after_first_frame)
        self.widths: tuple[int, ...] = ()  # of the table's columns (event_columns.widths)
        self.total = 0

    def compose(self) -> ComposeResult:
        # Start the query at once: it runs in a thread while the widgets are built and mounted.
        self._start_load(svc.EventFilter())
        yield Header()
        with Vertical(id="section", classes="section-table"):
            with Horizontal(classes="section-title-line"):
                yield Static(self.SECTION, classes="section-title")
                yield Static("Laddar …", classes="section-count", id="count")
            with Horizontal(id="filters"):
                yield SearchBox(placeholder="Sök titel, plats, ort (/)", id="search", table="#table", compact=True)
                yield Select(
                    [(label, key) for key, label in svc.PERIODS.items()],
                    value="alla", allow_blank=False, id="period", compact=True,
                )
                yield Select(EventKind.choices(), prompt="Alla typer", id="kind", compact=True)
                yield Select(FocusArea.choices(), prompt="Alla fokusområden", id="focus", compact=True)
                yield Select(Function.choices(), prompt="Alla funktioner", id="function", compact=True)
                yield Select([], prompt="Alla initiativ", id="initiative", compact=True)
            table = FastTable(cursor_type="row", zebra_stripes=True, id="table")
            for heading, width in COLUMNS:  # widths for the real width once laid out (on_resize)
                table.add_column(heading, width=width)
            yield table
            yield Static(NO_EVENTS, classes="section-empty", id="empty")
        yield Footer()

    @property
    def table(self) -> DataTable:
        return self.query_one("#table", DataTable)

    def on_mount(self) -> None:
        self.table.focus()

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit_columns)

    def _fit_columns(self) -> None:
        """The title as wide as the table's width allows beside the columns that fit whole."""
        wanted = column_widths(self.table.scrollable_content_region.width)
        if wanted == self.widths:
            return
        self.widths = wanted
        table, current = self.table, self.selected_id()
        with self.app.batch_update():
            table.clear(columns=True)
            for (heading, _), width in zip(COLUMNS, wanted, strict=True):
                table.add_column(heading, width=width)
            for r in self.rows:
                table.add_row(*self._cells(r), key=str(r.id))
            if current is not None and str(current) in table.rows:
                table.move_cursor(row=table.get_row_index(str(current)))

    def on_screen_suspend(self) -> None:
        self._hidden = True

    def on_screen_resume(self) -> None:
        # Shown again after another screen: reload. Not at the first showing (which may resume more
        # than once): the load started in compose covers it, so a failure says so once.
        if self._hidden:
            self._hidden = False
            self.reload()

    # --- loading -------------------------------------------------------------------------

    def current_filter(self) -> svc.EventFilter:
        def value(wid: str) -> Any:
            v = self.query_one(wid, Select).value
            return None if v is Select.NULL else v

        return svc.EventFilter(
            period=value("#period") or "alla",
            kind=value("#kind"),
            focus_area=value("#focus"),
            function=value("#function"),
            initiative_id=value("#initiative"),
            search=self.query_one("#search", SearchBox).value,
        )

    def reload(self) -> None:
        flt = self.current_filter()
        if flt != self._pending:  # the same load already running brings fresh rows
            self._start_load(flt)

    def _start_load(self, flt: svc.EventFilter) -> None:
        self._pending = self._last_filter = flt
        db, today = self.db, self.today
        self.load(lambda: svc.list_events(db, today, flt, limit=self.PAGE), self._loaded, group="list",
                  on_error=self._load_failed)

    def after_first_frame(self) -> None:
        # the initiative filter's choices once the first rows are drawn (that frame shows only its prompt): read
        # beside the rows, 5 000 initiatives sorted in Swedish order held up the rows and the mounting
        self._drawn = True
        self._load_initiatives()

    def _load_initiatives(self) -> None:
        """The initiative filter's choices, once (a failed read is tried again with the next rows)."""
        if self._drawn and self._initiatives is None and not self.is_loading("initiatives"):
            db = self.db
            self.load(lambda: svc.initiative_choices(db), self._initiatives_loaded, group="initiatives")

    def _loaded(self, result: svc.EventList) -> None:
        self._pending = None
        self.show(result)
        self._load_initiatives()

    def _initiatives_loaded(self, initiatives: list[tuple[str, int]]) -> None:
        self._initiatives = initiatives
        self.query_one("#initiative", Select).set_options(initiatives)

    def _load_failed(self, exc: BaseException, failed: str = LOAD_FAILED) -> None:
        self._pending = None
        self.report_error(exc, failed)
        self.query_one("#count", Static).update("Kunde inte laddas")

    @on(DataTable.RowHighlighted, "#table")
    def _near_end(self, event: DataTable.RowHighlighted) -> None:
        """Load the next page when the cursor comes near the last row shown."""
        if (event.cursor_row >= len(self.rows) - 5 and len(self.rows) < self.total
                and self._pending is None and not self.is_loading("more")):
            db, today, flt, offset = self.db, self.today, self.current_filter(), len(self.rows)
            self.load(lambda: svc.list_events(db, today, flt, limit=self.PAGE, offset=offset),
                      lambda result: self._more_loaded(result, flt, offset), group="more",
                      on_error=lambda exc: self._load_failed(exc, "Kunde inte läsa fler evenemang (se loggfilen)"))

    def _more_loaded(self, result: svc.EventList, flt: svc.EventFilter, offset: int) -> None:
        if offset != len(self.rows) or self._pending is not None or flt != self.current_filter():
            return  # the list was reloaded meanwhile
        self.rows = self.rows + result.rows
        self.total = result.total
        table = self.table
        for r in result.rows:
            table.add_row(*self._cells(r), key=str(r.id))
        self.query_one("#count", Static).update(count_text(len(self.rows), self.total))

    def show(self, result: svc.EventList) -> None:
        table = self.table
        selected = self._select_after_load or self.selected_id()
        self._select_after_load = None
        self.rows = result.rows
        self.total = result.total
        with self.app.batch_update():
            table.clear()
            for r in result.rows:
                table.add_row(*self._cells(r), key=str(r.id))
            if selected is not None and str(selected) in table.rows:
                table.move_cursor(row=table.get_row_index(str(selected)))
            self.query_one("#count", Static).update(count_text(len(result.rows), result.total))
            self.query_one("#empty", Static).update(NO_MATCH if self.filtered() else NO_EVENTS)
            self.query_one("#section").set_class(not result.rows, "-empty")

    @staticmethod
    def _cells(r: svc.EventRow) -> tuple[str, ...]:
        return (
            r.starts_at.date().isoformat(), str(r.week), r.title, r.kind, r.fill, r.status,
            r.place, SHORT_FUNCTION.get(r.function, r.function), SHORT_FOCUS.get(r.focus_area, r.focus_area),
        )

    def selected_id(self) -> int | None:
        return self.query_one("#table", FastTable).cursor_id()

    @on(Input.Changed, "#search")
    @on(Select.Changed)
    def _filter_changed(self) -> None:
        # only a filter other than the last one loaded: the initiatives' choices arriving (set_options) or a
        # select's own first value changes nothing
        if self.is_mounted and self.current_filter() != self._last_filter:
            self.reload()

    def filtered(self) -> bool:
        """A search or a filter narrows the list."""
        return self.current_filter() != svc.EventFilter()

    @on(SearchBox.ClearFilters, "#search")
    def clear_filters(self) -> None:
        """Esc in the empty search (or in the list): every filter back to its default; the list reloads."""
        self.query_one("#search", SearchBox).value = ""
        self.query_one("#period", Select).value = "alla"
        for wid in ("#kind", "#focus", "#function", "#initiative"):
            self.query_one(wid, Select).clear()
        self.reload()

    def action_search(self) -> None:
        self.query_one("#search", SearchBox).focus()

    def action_to_table(self) -> None:
        """Esc: to the list; in the list, clear the search and filters (what the empty list's hint says)."""
        if self.focused is self.table and self.filtered():
            self.clear_filters()
        self.table.focus()

    # --- actions ---------------------------------------------------------------------------

    @on(DataTable.RowSelected, "#table")
    def _open(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.open_participants(int(event.row_key.value))

    def open_participants(self, event_id: int) -> None:
        from shk_tui.ui.events.participants import ParticipantsScreen

        self.app.push_screen(ParticipantsScreen(event_id))

    def show_item(self, target_id: int | None) -> None:
        """Called from Översikt: open that event's participant list."""
        if target_id is not None:
            self.open_participants(target_id)

    def reveal(self, item_id: int, kind: str = "event", title: str = "") -> None:
        """The global search's Enter: the event's participant list (a notice when it is gone)."""
        db = self.db
        self.load(lambda: svc.get_event(db, item_id), lambda _event: self.open_participants(item_id),
                  group="reveal")

    def _initiative_list(self) -> list[tuple[str, int]]:
        return self._initiatives or []

    def _saved(self, event_id: int | None, verb: str = "sparat") -> None:
        if event_id is not None:
            self.notify(f"Evenemanget är {verb}")
            self._select_after_load = event_id
            self.reload()

    def _selected_event(self) -> tuple[int, svc.EventDetail] | None:
        """The event under the cursor, read now; None (after a notice) when there is none or it cannot
        be read."""
        event_id = self.selected_id()
        if event_id is None:
            self.notify("Inget evenemang valt", severity="warning")
            return None
        detail = self.attempt(lambda: svc.get_event(self.db, event_id), self.LOAD_FAILED)
        return None if detail is None else (event_id, detail)

    def action_new(self) -> None:
        db = self.db
        values = {"starts_at": f"{self.today.isoformat()} 09:00", "kind": EventKind.MOTE.value}
        form = EventFormScreen("Nytt evenemang", values, self._initiative_list(), lambda v: svc.save_event(db, v))
        self.app.push_screen(form, self._saved)

    def action_edit(self) -> None:
        selected = self._selected_event()
        if selected is None:
            return
        (event_id, detail), db = selected, self.db
        opened = {"version": detail.version}  # the version the form shows; a reload moves it on

        def reload() -> dict[str, str]:
            current = svc.get_event(db, event_id)
            opened["version"] = current.version
            return current.form_values()

        form = EventFormScreen(
            f"Ändra: {detail.title}",
            detail.form_values(),
            self._initiative_list(),
            lambda v: svc.save_event(db, v, event_id, expected_version=opened["version"]),
            reload=reload,
        )
        self.app.push_screen(form, self._saved)

    def action_duplicate(self) -> None:
        selected = self._selected_event()
        if selected is None:
            return
        (source, detail), db = selected, self.db

        def save(values: dict[str, str]) -> int:
            return svc.duplicate_event(db, source, values, with_invitations=bool(values.get("copy_list")))

        form = EventFormScreen(
            f"Kopia av: {detail.title}",
            svc.duplicate_values(detail, self.today),
            self._initiative_list(),
            save,
            offer_copy_list=True,
        )
        self.app.push_screen(form, lambda eid: self._saved(eid, "kopierat"))

    def action_delete(self) -> None:
        selected = self._selected_event() if self.selected_id() is not None else None
        if selected is None:
            return
        (event_id, detail), db = selected, self.db
        n = self.attempt(lambda: svc.participant_count(db, event_id), self.LOAD_FAILED)
        if n is None:
            return
        text = f"{detail.title} {format_date(detail.starts_at)} tas bort"
        text += f" med sin deltagarlista ({count(n, 'person', 'personer')})." if n else "."
        text += " Ett evenemang som inte blir av kan i stället få status Inställd (e)."

        def deleted(_: object) -> None:
            self.notify(f"{detail.title} är borttaget")
            self.reload()

        def answer(yes: bool | None) -> None:
            if yes:
                self.write(lambda: svc.delete_event(db, event_id), deleted)

        self.app.push_screen(ConfirmScreen("Ta bort evenemanget?", text), answer)

    def action_followup(self) -> None:
        from shk_tui.ui.events.followup import FollowupScreen

        flt = self.current_filter()
        start, end = svc.period_dates(flt.period, self.today, [r.starts_at for r in self.rows])
        self.app.push_screen(FollowupScreen(start=start, end=end, flt=flt))

    def action_export(self) -> None:
        """The event under the cursor as a calendar file, saved where the user says."""
        event_id = self.selected_id()
        if event_id is None:
            self.notify("Inget evenemang valt", severity="warning")
            return
        stem = self.attempt(lambda: event_export.file_stem(self.db, event_id), EXPORT_FAILED)
        if stem is None:
            return

        def saved(path: Path | None) -> None:
            if path is not None:
                self.notify(saved_notice("kalenderfilen", path), title="Exporterad", timeout=8)

        self.app.push_screen(SaveExportScreen("Kalenderfil (.ics)", f"{stem}.ics",
                                              lambda db: event_export.ics_for_event(db, event_id)), saved)

    def action_export_list(self) -> None:
        """Every event shown (the filtered list) as one calendar file, saved where the user says."""
        ids = [r.id for r in self.rows]
        if not ids:
            self.notify("Inga evenemang att exportera", severity="warning")
            return
        what = f"kalenderfilen med {count(len(ids), 'evenemang', 'evenemang')}"

        def saved(path: Path | None) -> None:
            if path is not None:
                self.notify(saved_notice(what, path), title="Exporterad", timeout=8)

        self.app.push_screen(SaveExportScreen(f"Kalenderfil med {count(len(ids), 'evenemang', 'evenemang')}",
                                              f"evenemang-{self.today.isoformat()}.ics",
                                              lambda db: event_export.ics_for_events(db, ids)), saved)
