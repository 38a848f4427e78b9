"""Evenemang: every event with ISO week, kind, place, function, focus area, status and
registered/capacity; upcoming first. Filters (period, kind, focus area, function, initiative) and
search; ``n`` new, ``e`` edit, ``y`` duplicate (optionally with the invitation list), ``enter``
opens the participant list, ``u`` follow-up of the period shown, ``x`` calendar file."""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Select, Static

from shk_tui.enums import EventKind, FocusArea, Function
from shk_tui.errors import ShkError
from shk_tui.fmt import format_date
from shk_tui.services.events import event_export
from shk_tui.services.events import events as svc
from shk_tui.ui.base.confirm import ConfirmScreen
from shk_tui.ui.base.titles import APP_TITLE
from shk_tui.ui.events.event_form import EventFormScreen
from shk_tui.ui.widgets.fast_table import FastTable
from shk_tui.ui.widgets.footer import Footer
from shk_tui.ui.widgets.section_table import count_text

log = logging.getLogger("shk_tui")
#: (heading, width): every column in view at 120 columns; longer values are drawn cut with "…"
#: (FastTable), the time of day is in the participant list's heading and the form.
COLUMNS = (
    ("Datum", 10), ("v.", 2), ("Titel", 26), ("Typ", 12), ("Anmälda", 13), ("Status", 9),
    ("Plats", 12), ("Funktion", 8), ("Fokus", 7),
)
#: Functions and focus areas (by their full names) shortened for the table; the form and the
#: filters show the full names.
SHORT_FUNCTION = {
    Function.SAMHALLSFORUM.label: "Forum", Function.SAMHALLSLABBET.label: "Labbet",
    Function.SAMHALLSAKADEMIN.label: "Akademin", Function.OVERGRIPANDE.label: "Övergr.",
}
SHORT_FOCUS = {FocusArea.BARN.label: "Barn", FocusArea.ALDRE.label: "Äldre", FocusArea.OVERGRIPANDE.label: "Övergr."}


class EventsScreen(Screen):
    SECTION = "Evenemang"
    PAGE = svc.DEFAULT_LIMIT  # rows per page; the next page loads when the cursor nears the end
    CSS_PATH = "events.tcss"
    BINDINGS = [
        Binding("n", "new", "Nytt", id="events.new"),
        Binding("e", "edit", "Ändra", id="events.edit"),
        Binding("y", "duplicate", "Duplicera", id="events.duplicate"),
        Binding("u", "followup", "Uppföljning", id="events.followup"),
        Binding("delete", "delete", "Ta bort", show=False, id="events.delete"),
        Binding("x", "export", "Kalenderfil", id="events.export"),
        Binding("X", "export_list", "Kalender för listan", show=False, key_display="shift+x", id="events.export_list"),
        Binding("slash", "search", "Sök", key_display="/", id="events.search"),
        Binding("escape", "to_table", "Till listan", show=False, id="events.to_table"),
    ]

    class MoreLoaded(Message):
        def __init__(self, result: svc.EventList, flt: svc.EventFilter, offset: int) -> None:
            super().__init__()
            self.result = result
            self.flt = flt
            self.offset = offset

    class Loaded(Message):
        def __init__(self, result: svc.EventList, initiatives: list[tuple[str, int]] | None, seq: int) -> None:
            super().__init__()
            self.seq = seq
            self.result = result
            self.initiatives = initiatives

    def __init__(self) -> None:
        super().__init__()
        self.title = f"{APP_TITLE} – {self.SECTION}"
        self.rows: list[svc.EventRow] = []
        self._initiatives: list[tuple[str, int]] | None = None
        self._select_after_load: int | None = None
        self._pending: svc.EventFilter | None = None  # filter of the load in flight
        self._seq = 0  # number of the latest load; older results are dropped
        self._loading_more = False
        self.total = 0

    def compose(self) -> ComposeResult:
        # Start the query at once: it runs in a thread while the widgets are built and mounted.
        self._start_load(svc.EventFilter())
        yield Header()
        with Vertical(id="section", classes="section-table"):
            with Horizontal(classes="section-title-line"):
                yield Static(self.SECTION, classes="section-title")
                yield Static("Laddar …", classes="section-count", id="ev-count")
            with Horizontal(id="ev-filters"):
                yield Input(placeholder="Sök titel, plats, ort (/)", id="ev-search", compact=True)
                yield Select(
                    [(label, key) for key, label in svc.PERIODS.items()],
                    value="alla", allow_blank=False, id="ev-period", compact=True,
                )
                yield Select(EventKind.choices(), prompt="Alla typer", id="ev-kind", compact=True)
                yield Select(FocusArea.choices(), prompt="Alla fokusområden", id="ev-focus", compact=True)
                yield Select(Function.choices(), prompt="Alla funktioner", id="ev-function", compact=True)
                yield Select([], prompt="Alla initiativ", id="ev-initiative", compact=True)
            table = FastTable(cursor_type="row", zebra_stripes=True, id="ev-table")
            for heading, width in COLUMNS:
                table.add_column(heading, width=width)
            yield table
            yield Static(
                "Inga evenemang – tryck n för ett nytt (eller ctrl+p, Ladda exempeldata)", classes="section-empty"
            )
        yield Footer()

    @property
    def table(self) -> DataTable:
        return self.query_one("#ev-table", DataTable)

    def on_mount(self) -> None:
        self.table.focus()

    def on_screen_resume(self) -> None:
        self.reload()

    # --- loading -------------------------------------------------------------------------

    def current_filter(self) -> svc.EventFilter:
        def value(wid: str) -> Any:
            v = self.query_one(wid, Select).value
            return None if v is Select.NULL else v

        return svc.EventFilter(
            period=value("#ev-period") or "alla",
            kind=value("#ev-kind"),
            focus_area=value("#ev-focus"),
            function=value("#ev-function"),
            initiative_id=value("#ev-initiative"),
            search=self.query_one("#ev-search", Input).value,
        )

    def reload(self) -> None:
        flt = self.current_filter()
        if flt != self._pending:  # the same load already running brings fresh rows
            self._start_load(flt)

    def _start_load(self, flt: svc.EventFilter) -> None:
        self._pending = flt
        self._seq += 1
        self._load(self.app.db, self.app.today, flt, self._initiatives is None, self._seq)

    @work(thread=True, group="events-load")
    def _load(self, db: Any, today: date, flt: svc.EventFilter, with_initiatives: bool, seq: int) -> None:
        """Not exclusive: a newer load does not cancel this one, its result is just dropped."""
        try:
            result = svc.list_events(db, today, flt, limit=self.PAGE)
            initiatives = svc.initiative_choices(db) if with_initiatives else None
        except ShkError as exc:
            self.app.call_from_thread(self._load_failed, exc.message)
            return
        except Exception:
            log.exception("loading events failed")
            self.app.call_from_thread(self._load_failed, "Kunde inte läsa evenemang från databasen (se loggfilen)")
            return
        self.post_message(self.Loaded(result, initiatives, seq))

    @on(DataTable.RowHighlighted, "#ev-table")
    def _near_end(self, event: DataTable.RowHighlighted) -> None:
        """Load the next page when the cursor comes near the last row shown."""
        if (event.cursor_row >= len(self.rows) - 5 and len(self.rows) < self.total
                and self._pending is None and not self._loading_more):
            self._loading_more = True
            self._load_more(self.app.db, self.app.today, self.current_filter(), len(self.rows))

    @work(thread=True, group="events-more")
    def _load_more(self, db: Any, today: date, flt: svc.EventFilter, offset: int) -> None:
        try:
            result = svc.list_events(db, today, flt, limit=self.PAGE, offset=offset)
        except Exception:
            log.exception("loading more events failed")
            self.app.call_from_thread(self._load_failed, "Kunde inte läsa fler evenemang (se loggfilen)")
            return
        self.post_message(self.MoreLoaded(result, flt, offset))

    def on_events_screen_more_loaded(self, message: MoreLoaded) -> None:
        self._loading_more = False
        if message.offset != len(self.rows) or self._pending is not None or message.flt != self.current_filter():
            return  # the list was reloaded meanwhile
        self.rows = self.rows + message.result.rows
        self.total = message.result.total
        table = self.table
        for r in message.result.rows:
            table.add_row(*self._cells(r), key=str(r.id))
        self.query_one("#ev-count", Static).update(count_text(len(self.rows), self.total))

    def _load_failed(self, message: str) -> None:
        self._loading_more = False
        self._pending = None
        self.notify(message, severity="error", title="Fel")
        self.query_one("#ev-count", Static).update("Kunde inte laddas")

    def on_events_screen_loaded(self, message: Loaded) -> None:
        if message.seq != self._seq:
            return  # a newer load is on its way
        self._pending = None
        if message.initiatives is not None:
            self._initiatives = message.initiatives
            self.query_one("#ev-initiative", Select).set_options(message.initiatives)
        self.show(message.result)

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
            self.query_one("#ev-count", Static).update(count_text(len(result.rows), result.total))
            self.query_one("#section").set_class(not result.rows, "-empty")

    @staticmethod
    def _cells(r: svc.EventRow) -> tuple[str, ...]:
        return (
            r.starts_at.date().isoformat(), str(r.week), r.title, r.kind, r.fill, r.status,
            r.place, SHORT_FUNCTION.get(r.function, r.function), SHORT_FOCUS.get(r.focus_area, r.focus_area),
        )

    def selected_id(self) -> int | None:
        table = self.table
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return int(key.value)

    @on(Input.Changed, "#ev-search")
    @on(Select.Changed)
    def _filter_changed(self) -> None:
        if self.is_mounted and self._initiatives is not None:
            self.reload()

    @on(Input.Submitted, "#ev-search")
    def _search_done(self) -> None:
        self.table.focus()

    def action_search(self) -> None:
        self.query_one("#ev-search", Input).focus()

    def action_to_table(self) -> None:
        self.table.focus()

    # --- actions ---------------------------------------------------------------------------

    @on(DataTable.RowSelected, "#ev-table")
    def _open(self, event: DataTable.RowSelected) -> None:
        self.open_participants(int(event.row_key.value))

    def open_participants(self, event_id: int) -> None:
        from shk_tui.ui.events.participants import ParticipantsScreen

        self.app.push_screen(ParticipantsScreen(event_id))

    def show_item(self, target_id: int | None) -> None:
        """Called from Översikt: open that event's participant list."""
        if target_id is not None:
            self.open_participants(target_id)

    def _initiative_list(self) -> list[tuple[str, int]]:
        return self._initiatives or []

    def _saved(self, event_id: int | None, verb: str = "sparat") -> None:
        if event_id is not None:
            self.notify(f"Evenemanget är {verb}")
            self._select_after_load = event_id
            self.reload()

    def action_new(self) -> None:
        values = {"starts_at": f"{self.app.today.isoformat()} 09:00", "kind": EventKind.MOTE.value}
        form = EventFormScreen(
            "Nytt evenemang", values, self._initiative_list(), lambda v: svc.save_event(self.app.db, v)
        )
        self.app.push_screen(form, self._saved)

    def action_edit(self) -> None:
        event_id = self.selected_id()
        if event_id is None:
            self.notify("Inget evenemang valt", severity="warning")
            return
        try:
            detail = svc.get_event(self.app.db, event_id)
        except ShkError as exc:
            self.notify(exc.message, severity="error")
            return
        opened = {"version": detail.version}  # the version the form shows; a reload moves it on

        def reload() -> dict[str, str]:
            current = svc.get_event(self.app.db, event_id)
            opened["version"] = current.version
            return current.form_values()

        form = EventFormScreen(
            f"Ändra: {detail.title}",
            detail.form_values(),
            self._initiative_list(),
            lambda v: svc.save_event(self.app.db, v, event_id, expected_version=opened["version"]),
            reload=reload,
        )
        self.app.push_screen(form, self._saved)

    def action_duplicate(self) -> None:
        source = self.selected_id()
        if source is None:
            self.notify("Inget evenemang valt", severity="warning")
            return
        try:
            detail = svc.get_event(self.app.db, source)
        except ShkError as exc:
            self.notify(exc.message, severity="error")
            return

        def save(values: dict[str, str]) -> int:
            return svc.duplicate_event(
                self.app.db, source, values, with_invitations=bool(values.get("copy_list"))
            )

        form = EventFormScreen(
            f"Kopia av: {detail.title}",
            svc.duplicate_values(detail, self.app.today),
            self._initiative_list(),
            save,
            offer_copy_list=True,
        )
        self.app.push_screen(form, lambda eid: self._saved(eid, "kopierat"))

    def action_delete(self) -> None:
        event_id = self.selected_id()
        if event_id is None:
            return
        try:
            detail = svc.get_event(self.app.db, event_id)
            n = svc.participant_count(self.app.db, event_id)
        except ShkError as exc:
            self.notify(exc.message, severity="error")
            return
        text = f"{detail.title} {format_date(detail.starts_at)} tas bort"
        text += f" med sin deltagarlista ({n} personer)." if n else "."
        text += " Ett evenemang som inte blir av kan i stället få status Inställd (e)."

        def answer(yes: bool | None) -> None:
            if yes:
                try:
                    svc.delete_event(self.app.db, event_id)
                except ShkError as exc:
                    self.notify(exc.message, severity="error")
                    return
                self.notify(f"{detail.title} är borttaget")
                self.reload()

        self.app.push_screen(ConfirmScreen("Ta bort evenemanget?", text), answer)

    def action_followup(self) -> None:
        from shk_tui.ui.events.followup import FollowupScreen

        flt = self.current_filter()
        start, end = svc.period_dates(flt.period, self.app.today, [r.starts_at for r in self.rows])
        self.app.push_screen(FollowupScreen(start=start, end=end, flt=flt))

    def action_export(self) -> None:
        event_id = self.selected_id()
        if event_id is None:
            self.notify("Inget evenemang valt", severity="warning")
            return
        try:
            data = event_export.ics_for_event(self.app.db, event_id)
            path = event_export.write(data, event_export.file_stem(self.app.db, event_id) + ".ics")
        except ShkError as exc:
            self.notify(exc.message, severity="error")
            return
        self.notify(f"Kalenderfil sparad: {path}", title="Exporterad", timeout=8)

    def action_export_list(self) -> None:
        """Every event shown (the filtered list) as one calendar file."""
        try:
            data = event_export.ics_for_events(self.app.db, [r.id for r in self.rows])
            path = event_export.write(data, f"evenemang-{self.app.today.isoformat()}.ics")
        except ShkError as exc:
            self.notify(exc.message, severity="error")
            return
        self.notify(f"Kalenderfil med {len(self.rows)} evenemang sparad: {path}", title="Exporterad", timeout=8)
