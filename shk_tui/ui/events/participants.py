"""Deltagarlista: everyone on one event's list with status, role, dietary needs and times; counts
per status against the capacity in the header line.

``a`` registers people through the type-ahead picker (beyond capacity they go on the reserve),
``b`` invites; ``space`` marks rows, ``s``/``r`` set status/role of the marked rows (or the cursor
row), ``ctrl+z`` undoes the last change; a cancellation offers the first reserve the seat; ``i``
check-in mode; ``m`` marks everyone still registered as no-show after the event; ``u`` follow-up;
``x`` exports."""

from __future__ import annotations

from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Header, Static

from shk_tui.enums import ParticipationRole as PR
from shk_tui.enums import ParticipationStatus as PS
from shk_tui.fmt import count, format_date
from shk_tui.services.contacts import picker
from shk_tui.services.events import attendance
from shk_tui.services.events import events as events_svc
from shk_tui.services.events import participants as svc
from shk_tui.ui import keys
from shk_tui.ui.base.choice import ChoiceScreen
from shk_tui.ui.base.confirm import ConfirmScreen
from shk_tui.ui.events.participant_actions import ParticipantActions, header_counts
from shk_tui.ui.events.quick_contact import new_contact
from shk_tui.ui.widgets.contact_picker import ContactPicker
from shk_tui.ui.widgets.fast_table import FastTable
from shk_tui.ui.widgets.footer import Footer

#: (heading, width): at 120 columns every column is in view; longer names, organisations (shown
#: by their short name when they have one) and dietary needs are drawn cut with "…" (FastTable);
#: ``k`` shows the whole dietary text.
COLUMNS = (
    ("✓", 1), ("Namn", 18), ("Organisation", 18), ("Status", 9), ("Roll", 11), ("Kost", 11),
    ("Anmäld", 16), ("Incheckad", 16),
)
#: Below 100 columns: a narrower organisation and role, so name to dietary needs are in view at 80
#: (the times a scroll to the right away).
NARROW = (1, 18, 14, 9, 10, 11, 16, 16)


SORTS = [("namn", "name"), ("status", "status"), ("organisation", "organisation"), ("anmäld", "registered")]
WHO_NAMES = 2  # names shown when a change is for several participants


class ParticipantsScreen(ParticipantActions):
    CSS_PATH = "events.tcss"
    BINDINGS = keys.of("participants")

    def __init__(self, event_id: int) -> None:
        super().__init__(event_id)
        self.event: events_svc.EventDetail | None = None
        self.rows: list[svc.ParticipantRow] = []
        self.marked: set[int] = set()
        self.reserve_place: dict[int, int] = {}  # participation id → place on the reserve list
        self.sort_index = 0
        self.undo_stack: list[svc.Change] = []
        self.add_mode = "register"
        self._quiet_resume = False
        self.widths: tuple[int, ...] = tuple(w for _, w in COLUMNS)

    def compose(self) -> ComposeResult:
        self.reload()  # the query runs in a thread while the widgets are built
        yield Header()
        with Vertical(id="body"):
            yield Static("Laddar …", id="title")
            yield Static("", id="counts")
            table = FastTable(cursor_type="row", zebra_stripes=True, id="table")
            for heading, width in COLUMNS:
                table.add_column(heading, width=width)
            yield table
            yield ContactPicker(event_id=self.event_id, id="picker")
        yield Footer()

    @property
    def table(self) -> FastTable:
        return self.query_one("#table", FastTable)

    def on_mount(self) -> None:
        self.table.focus()

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit_columns)

    def _fit_columns(self) -> None:
        wanted = NARROW if self.size.width < 100 else tuple(w for _, w in COLUMNS)
        if wanted == self.widths:
            return
        self.widths = wanted
        table = self.table
        table.clear(columns=True)
        for (heading, _), width in zip(COLUMNS, wanted, strict=True):
            table.add_column(heading, width=width)
        if self.event is not None:
            self._show(self.event)

    def on_screen_resume(self) -> None:
        if self._quiet_resume:  # back from a question that changed nothing (its answer may open check-in)
            self._quiet_resume = False
            return
        if self.event is not None:
            self.reload()

    def now(self) -> datetime:
        return datetime.now().replace(second=0, microsecond=0)

    # --- loading -------------------------------------------------------------------------

    def reload(self) -> None:
        self.load_list(self._loaded)

    def _loaded(self, loaded: tuple[events_svc.EventDetail, list[svc.ParticipantRow]]) -> None:
        self.event, rows = loaded
        self.rows = svc.sort_rows(rows, SORTS[self.sort_index][1])
        self._show(self.event)

    def _show(self, e: events_svc.EventDetail) -> None:
        reserves = sorted((r for r in self.rows if r.status == PS.RESERV),
                          key=lambda r: (r.registered_at or datetime.max, r.id))
        self.reserve_place = {r.id: i for i, r in enumerate(reserves, start=1)}
        ids = {r.id for r in self.rows}
        self.marked &= ids
        self.title = f"Deltagarlista – {e.title}"
        self.query_one("#title", Static).update(
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
            self._show(self.event)

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
        self.query_one("#counts", Static).update(text)

    # --- picker ----------------------------------------------------------------------------

    def action_add(self, mode: str) -> None:
        self.add_mode = mode
        verb = "Anmäl" if mode == "register" else "Bjud in"
        self.picker.set_title(f"{verb} – skriv namn, enter lägger till, esc stänger")
        self.open_picker()

    @on(ContactPicker.Closed, "#picker")
    def _picker_closed(self) -> None:
        self.close_picker()
        self.table.focus()

    @on(ContactPicker.Picked, "#picker")
    def _picked(self, message: ContactPicker.Picked) -> None:
        self._add_contact(message.hit.id)

    def _add_contact(self, contact_id: int) -> None:
        db, event_id, now, invite = self.db, self.event_id, self.now(), self.add_mode == "invite"
        self.write(lambda: svc.add(db, event_id, contact_id, now, invite=invite), self._added)

    def _added(self, added: svc.Added) -> None:
        if added.already:
            self.notify(f"{added.name} finns redan på listan ({added.status.label})", severity="warning")
        elif added.status == PS.RESERV:
            self.notify(f"Fullt: {added.name} står på reservlistan (plats {added.reserve_place})", severity="warning")
        else:
            self.notify(f"{added.name}: {added.status.label}")
        self.reload()

    @on(ContactPicker.CreateRequested, "#picker")
    def _create(self, message: ContactPicker.CreateRequested) -> None:
        def created(hit: picker.Hit | None) -> None:
            if hit is not None:
                self.picker.reset()
                self._add_contact(hit.id)
            self.picker.focus_input()

        new_contact(self, self.event_id, message.text, created)

    # --- marking, status, role -------------------------------------------------------------

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

    def who(self, ids: list[int]) -> str:
        """Whom a change is for: ``Åsa Öberg``, or ``3 deltagare: Åsa Öberg, Bengt Lind, …`` (list order)."""
        chosen = set(ids)
        names = [r.name for r in self.rows if r.id in chosen]
        if len(ids) == 1 and names:
            return names[0]
        return f"{len(ids)} deltagare: " + ", ".join(names[:WHO_NAMES]) + (", …" if len(names) > WHO_NAMES else "")

    def action_status(self) -> None:
        ids = self.chosen()
        if not ids:
            return

        def chosen(value: str | None) -> None:
            if value:
                self.apply_status(ids, PS(value))

        choices = [(f"{s.label} ({i + 1})", s.value) for i, s in enumerate(PS)]
        self.app.push_screen(ChoiceScreen(f"Ny status för {self.who(ids)}", choices), chosen)

    def apply_status(self, ids: list[int], status: PS) -> None:
        db, now, shown = self.db, self.now(), self.shown_statuses(ids)
        self.change(lambda: svc.set_status(db, ids, status, now, shown=shown), self._offer_promotion)

    def _offer_promotion(self, change: svc.Change) -> None:
        candidate = change.promote_candidate
        if candidate is None:
            return
        name = self.name_of(candidate) or "Första reserven"
        db = self.db

        def answer(yes: bool | None) -> None:
            if yes:
                self.change(lambda: svc.promote(db, candidate))

        self.app.push_screen(
            ConfirmScreen("Flytta upp från reserv?", f"En plats blev ledig. {name} står först på reservlistan: "
                          "flytta upp till anmäld?"),
            answer,
        )

    def action_role(self) -> None:
        ids, db = self.chosen(), self.db
        if not ids:
            return

        shown = {r.id: r.role for r in self.rows if r.id in ids}  # a role changed elsewhere meanwhile: refused

        def apply(value: str | None) -> None:
            if value:
                self.change(lambda: svc.set_role(db, ids, PR(value), shown=shown))

        self.app.push_screen(ChoiceScreen(f"Ny roll för {self.who(ids)}", PR.choices()), apply)

    # --- after the event -------------------------------------------------------------------

    def action_no_shows(self) -> None:
        db, event_id = self.db, self.event_id
        event = self.attempt(lambda: events_svc.get_event(db, event_id), self.LOAD_FAILED)
        if event is None:
            return
        self.event = event
        n = sum(1 for r in self.rows if r.status == PS.ANMALD)
        if not n:
            self.notify("Ingen är kvar som anmäld", severity="warning")
            return

        def answer(yes: bool | None) -> None:
            if yes:  # the event may have been deleted meanwhile: the save path shows why
                self.change(lambda: attendance.no_shows(db, event_id))

        if attendance.door_open(event.starts_at, self.today):
            text = f"{count(n, 'som fortfarande är anmäld markeras', 'som fortfarande är anmälda markeras')} som uteblev."
            self.app.push_screen(ConfirmScreen("Markera uteblivna?", text), answer)
        else:  # the same rule as check-in: the event's day, earlier only after a question
            self.app.push_screen(ConfirmScreen("Har inte ägt rum än", attendance.early_no_shows(
                event.starts_at, self.today, n), yes="Markera ändå", no="Avbryt"), answer)

    def action_checkin(self) -> None:
        """Check-in opens on the event's day; earlier only after a question."""
        from shk_tui.ui.events.checkin import CheckinScreen

        event = self.event
        if event is None or attendance.door_open(event.starts_at, self.today):
            self.app.push_screen(CheckinScreen(self.event_id))
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.app.push_screen(CheckinScreen(self.event_id))

        self._quiet_resume = True
        self.app.push_screen(ConfirmScreen("Incheckningen är inte öppen än", attendance.early_checkin(
            event.starts_at, self.today), yes="Öppna ändå", no="Avbryt"), answer)

    def action_followup(self) -> None:
        from shk_tui.ui.events.followup import FollowupScreen

        self.app.push_screen(FollowupScreen(event_id=self.event_id))
