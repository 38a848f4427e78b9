"""Deltagarlista: everyone on one event's list with status, role, dietary needs and times; counts
per status against the capacity in the header line.

``a`` registers people through the type-ahead picker (beyond capacity they go on the reserve),
``b`` invites; ``space`` marks rows, ``s``/``r`` set status/role of the marked rows (or the cursor
row), ``ctrl+z`` undoes the last change; a cancellation offers the first reserve the seat; ``i``
check-in mode; ``m`` marks everyone still registered as no-show after the event; ``u`` follow-up;
``x`` exports."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from shk_tui.enums import ParticipationRole as PR
from shk_tui.enums import ParticipationStatus as PS
from shk_tui.errors import ShkError
from shk_tui.fmt import format_date
from shk_tui.services.contacts import picker
from shk_tui.services.events import events as events_svc
from shk_tui.services.events import participants as svc
from shk_tui.ui.base.choice import ChoiceScreen
from shk_tui.ui.base.confirm import ConfirmScreen
from shk_tui.ui.events.participant_actions import ParticipantActions, header_counts
from shk_tui.ui.events.quick_contact import QuickContactScreen
from shk_tui.ui.widgets.contact_picker import ContactPicker
from shk_tui.ui.widgets.fast_table import FastTable
from shk_tui.ui.widgets.footer import Footer

log = logging.getLogger("shk_tui")
#: (heading, width): at 120 columns every column is in view; longer names, organisations (shown
#: by their short name when they have one) and dietary needs are drawn cut with "…" (FastTable);
#: ``k`` shows the whole dietary text.
COLUMNS = (
    ("✓", 1), ("Namn", 18), ("Organisation", 18), ("Status", 9), ("Roll", 11), ("Kost", 11),
    ("Anmäld", 16), ("Incheckad", 16),
)


SORTS = [("namn", "name"), ("status", "status"), ("organisation", "organisation"), ("anmäld", "registered")]


class ParticipantsScreen(ParticipantActions, Screen):
    CSS_PATH = "events.tcss"
    BINDINGS = [
        Binding("escape", "back", "Tillbaka", show=False, id="participants.back"),
        Binding("a", "add('register')", "Anmäl", id="participants.register"),
        Binding("b", "add('invite')", "Bjud in", id="participants.invite"),
        Binding("space", "mark", "Markera", key_display="␣", id="participants.mark"),
        Binding("asterisk", "mark_all", "Markera alla", key_display="*", show=False, id="participants.mark_all"),
        Binding("s", "status", "Status", id="participants.status"),
        Binding("r", "role", "Roll", show=False, id="participants.role"),
        Binding("k", "dietary", "Kost", show=False, id="participants.dietary"),
        Binding("e", "edit_event", "Ändra evenemanget", show=False, id="participants.edit_event"),
        Binding("o", "sort", "Sortera (namn, status, organisation, anmäld)", show=False, id="participants.sort"),
        Binding("delete", "remove", "Ta bort från listan", show=False, id="participants.remove"),
        Binding("ctrl+z", "undo", "Ångra", id="participants.undo"),
        Binding("i", "checkin", "Checka in", id="participants.checkin"),
        Binding("m", "no_shows", "Uteblivna", id="participants.no_shows"),
        Binding("u", "followup", "Uppföljning", id="participants.followup"),
        Binding("x", "export", "Export", id="participants.export"),
    ]

    class Loaded(Message):
        def __init__(self, event: events_svc.EventDetail, rows: list[svc.ParticipantRow], seq: int) -> None:
            super().__init__()
            self.seq = seq
            self.event = event
            self.rows = rows

    def __init__(self, event_id: int) -> None:
        super().__init__()
        self.event_id = event_id
        self.event: events_svc.EventDetail | None = None
        self.rows: list[svc.ParticipantRow] = []
        self.marked: set[int] = set()
        self.reserve_place: dict[int, int] = {}  # participation id → place on the reserve list
        self.sort_index = 0
        self._seq = 0
        self.undo_stack: list[svc.Change] = []
        self.add_mode = "register"

    def compose(self) -> ComposeResult:
        self.reload()  # the query runs in a thread while the widgets are built
        yield Header()
        with Vertical(id="pl-body"):
            yield Static("Laddar …", id="pl-title")
            yield Static("", id="pl-counts")
            table = FastTable(cursor_type="row", zebra_stripes=True, id="pl-table")
            for heading, width in COLUMNS:
                table.add_column(heading, width=width)
            yield table
            yield ContactPicker(self.app.db, event_id=self.event_id, id="pl-picker")
        yield Footer()

    @property
    def table(self) -> DataTable:
        return self.query_one("#pl-table", DataTable)

    @property
    def picker(self) -> ContactPicker:
        return self.query_one("#pl-picker", ContactPicker)

    def on_mount(self) -> None:
        self.table.focus()

    def on_screen_resume(self) -> None:
        if self.event is not None:
            self.reload()

    def now(self) -> datetime:
        return datetime.now().replace(second=0, microsecond=0)

    # --- loading -------------------------------------------------------------------------

    def reload(self) -> None:
        self._seq += 1
        self._load(self.app.db, self._seq)

    @work(thread=True, group="participants-load")
    def _load(self, db: Any, seq: int) -> None:
        """Not exclusive: a newer load does not cancel this one, its result is just dropped."""
        try:
            event = events_svc.get_event(db, self.event_id)
            rows = svc.list_participants(db, self.event_id)
        except ShkError as exc:
            self.app.call_from_thread(self.notify, exc.message, severity="error", title="Fel")
            return
        except Exception:
            log.exception("loading participants failed")
            self.app.call_from_thread(self.notify, "Kunde inte läsa deltagarlistan (se loggfilen)", severity="error")
            return
        self.post_message(self.Loaded(event, rows, seq))

    def on_participants_screen_loaded(self, message: Loaded) -> None:
        if message.seq != self._seq:
            return  # a newer load is on its way
        self.event = message.event
        self.rows = svc.sort_rows(message.rows, SORTS[self.sort_index][1])
        self._show()

    def _show(self) -> None:
        reserves = sorted((r for r in self.rows if r.status == PS.RESERV),
                          key=lambda r: (r.registered_at or datetime.max, r.id))
        self.reserve_place = {r.id: i for i, r in enumerate(reserves, start=1)}
        ids = {r.id for r in self.rows}
        self.marked &= ids
        e = self.event
        self.title = f"Deltagarlista – {e.title}"
        self.query_one("#pl-title", Static).update(
            f"{e.title} · {format_date(e.starts_at)} (v. {e.starts_at.isocalendar().week})"
            + (f" · {e.place}" if e.place else "")
            + f" · {e.status.label}"
            + (f"\nBokning: {e.booking_note}" if e.booking_note else "")
        )
        table = self.table
        current = self.cursor_id()
        with self.app.batch_update():
            table.clear()
            for r in self.rows:
                table.add_row(*self._cells(r), key=str(r.id))
            if current is not None and str(current) in table.rows:
                table.move_cursor(row=table.get_row_index(str(current)))
        self._update_counts()

    def action_sort(self) -> None:
        self.sort_index = (self.sort_index + 1) % len(SORTS)
        self.notify(f"Sorterat på {SORTS[self.sort_index][0]}")
        if self.event is not None:
            self.rows = svc.sort_rows(self.rows, SORTS[self.sort_index][1])
            self._show()

    def _cells(self, r: svc.ParticipantRow) -> tuple[str, ...]:
        return (
            "✓" if r.id in self.marked else "",
            r.name,
            r.organisation_short or r.organisation,
            f"{r.status.label} {self.reserve_place[r.id]}" if r.id in self.reserve_place else r.status.label,
            r.role.label,
            r.dietary or "",
            format_date(r.registered_at),
            format_date(r.checked_in_at),
        )

    def _update_counts(self) -> None:
        capacity = self.event.capacity if self.event else None
        text = header_counts(svc.counts_of(self.rows), capacity, len(self.marked))
        self.query_one("#pl-counts", Static).update(text)

    def cursor_id(self) -> int | None:
        table = self.table
        if not table.row_count:
            return None
        return int(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def targets(self) -> list[int]:
        """The marked rows in list order, or the cursor row."""
        if self.marked:
            return [r.id for r in self.rows if r.id in self.marked]
        current = self.cursor_id()
        return [current] if current is not None else []

    def name_of(self, participation_id: int) -> str:
        return next((r.name for r in self.rows if r.id == participation_id), "")

    # --- picker ----------------------------------------------------------------------------

    def action_add(self, mode: str) -> None:
        self.add_mode = mode
        verb = "Anmäl" if mode == "register" else "Bjud in"
        self.picker.set_title(f"{verb} – skriv namn, enter lägger till, esc stänger")
        self.picker.add_class("-open")
        self.picker.focus_input()

    @on(ContactPicker.Closed, "#pl-picker")
    def _picker_closed(self) -> None:
        self.picker.reset()
        self.picker.remove_class("-open")
        self.table.focus()

    @on(ContactPicker.Picked, "#pl-picker")
    def _picked(self, message: ContactPicker.Picked) -> None:
        self._add_contact(message.hit.id)

    def _add_contact(self, contact_id: int) -> None:
        try:
            added = svc.add(self.app.db, self.event_id, contact_id, self.now(), invite=self.add_mode == "invite")
        except ShkError as exc:
            self.notify(exc.message, severity="error")
            return
        if added.already:
            self.notify(f"{added.name} finns redan på listan ({added.status.label})", severity="warning")
        elif added.status == PS.RESERV:
            self.notify(f"Fullt: {added.name} står på reservlistan (plats {added.reserve_place})", severity="warning")
        else:
            self.notify(f"{added.name}: {added.status.label}")
        self.reload()

    @on(ContactPicker.CreateRequested, "#pl-picker")
    def _create(self, message: ContactPicker.CreateRequested) -> None:
        db = self.app.db
        first, last = picker.split_name(message.text)
        source = picker.event_source(db, self.event_id)

        def create(**fields: Any) -> picker.Hit:
            return picker.create_contact(db, source=source, **fields)

        def created(hit: picker.Hit | None) -> None:
            if hit is not None:
                self.picker.reset()
                self._add_contact(hit.id)
            self.picker.focus_input()

        self.app.push_screen(QuickContactScreen(first, last, picker.organisation_choices(db), create), created)

    # --- marking, status, role, undo -------------------------------------------------------

    def _refresh_mark(self, participation_id: int) -> None:
        self.table.update_cell(str(participation_id), self.table.ordered_columns[0].key,
                               "✓" if participation_id in self.marked else "")

    def action_mark(self) -> None:
        current = self.cursor_id()
        if current is None:
            return
        self.marked ^= {current}
        self._refresh_mark(current)
        if self.table.cursor_row < self.table.row_count - 1:
            self.table.move_cursor(row=self.table.cursor_row + 1)
        self._update_counts()

    def action_mark_all(self) -> None:
        self.marked = set() if self.marked else {r.id for r in self.rows}
        for r in self.rows:
            self._refresh_mark(r.id)
        self._update_counts()

    def action_status(self) -> None:
        ids = self.targets()
        if not ids:
            self.notify("Ingen deltagare vald", severity="warning")
            return
        choices = [(f"{s.label} ({i + 1})", s.value) for i, s in enumerate(PS)]
        self.app.push_screen(ChoiceScreen(f"Ny status för {len(ids)} deltagare", choices),
                             lambda value: value and self.apply_status(ids, PS(value)))

    def apply_status(self, ids: list[int], status: PS) -> None:
        try:
            change = svc.set_status(self.app.db, ids, status, self.now())
        except ShkError as exc:
            self.notify(exc.message, severity="error")
            return
        self._changed(change)
        if change.promote_candidate is not None:
            name = self.name_of(change.promote_candidate) or "Första reserven"
            self.app.push_screen(
                ConfirmScreen("Flytta upp från reserv?", f"En plats blev ledig. {name} står först på reservlistan: "
                              "flytta upp till anmäld?"),
                lambda yes: yes and self._promote(change.promote_candidate),
            )

    def _promote(self, participation_id: int) -> None:
        try:
            change = svc.promote(self.app.db, participation_id)
        except ShkError as exc:
            self.notify(exc.message, severity="error")
            return
        self._changed(change)

    def action_role(self) -> None:
        ids = self.targets()
        if not ids:
            self.notify("Ingen deltagare vald", severity="warning")
            return

        def apply(value: str | None) -> None:
            if value:
                try:
                    self._changed(svc.set_role(self.app.db, ids, PR(value)))
                except ShkError as exc:
                    self.notify(exc.message, severity="error")

        self.app.push_screen(ChoiceScreen(f"Ny roll för {len(ids)} deltagare", PR.choices()), apply)

    def _changed(self, change: svc.Change) -> None:
        if change.count:
            self.undo_stack.append(change)
        self.marked.clear()
        self.notify(f"{change.description} (ctrl+z ångrar)")
        self.reload()

    def action_undo(self) -> None:
        if not self.undo_stack:
            self.notify("Inget att ångra", severity="warning")
            return
        change = self.undo_stack.pop()
        try:
            svc.undo(self.app.db, change)
        except ShkError as exc:
            self.notify(exc.message, severity="error")
            return
        self.notify(f"Ångrade: {change.description}")
        self.reload()

    # --- after the event -------------------------------------------------------------------

    def action_no_shows(self) -> None:
        try:
            self.event = events_svc.get_event(self.app.db, self.event_id)
        except ShkError as exc:
            self.notify(exc.message, severity="error")
            return
        if self.event.starts_at.date() > self.app.today:
            self.notify("Evenemanget har inte ägt rum än", severity="warning")
            return
        n = sum(1 for r in self.rows if r.status == PS.ANMALD)
        if not n:
            self.notify("Ingen är kvar som anmäld", severity="warning")
            return
        self.app.push_screen(
            ConfirmScreen("Markera uteblivna?", f"{n} som fortfarande är anmälda markeras som uteblev."),
            lambda yes: yes and self._mark_no_shows(),
        )

    def _mark_no_shows(self) -> None:
        try:
            change = svc.no_shows(self.app.db, self.event_id)
        except ShkError as exc:  # the event was deleted meanwhile
            self.notify(exc.message, severity="error")
            return
        self._changed(change)

    def action_checkin(self) -> None:
        from shk_tui.ui.events.checkin import CheckinScreen

        self.app.push_screen(CheckinScreen(self.event_id))

    def action_followup(self) -> None:
        from shk_tui.ui.events.followup import FollowupScreen

        self.app.push_screen(FollowupScreen(event_id=self.event_id))

    def action_back(self) -> None:
        self.app.pop_screen()
