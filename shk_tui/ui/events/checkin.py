"""Check-in at the door: one input; type a few letters of a name and press enter to mark the one
match *deltog* with the time. Several matches show a short list (↓ to choose, enter to check in).
The list is matched in memory, so every keystroke is instant even with hundreds of people;
``ctrl+z`` undoes the last check-in. ``escape`` steps back: from the match list to the input, then
clears the typed name, then (empty) back to the participant list. The seats (``services/events/
seats``) are counted as everywhere else; checking someone in without a seat at a full event asks
first."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from shk_tui.enums import ParticipationStatus as PS
from shk_tui.errors import ShkError
from shk_tui.services.contacts.picker import Hit
from shk_tui.services.events import attendance
from shk_tui.services.events import events as events_svc
from shk_tui.services.events import participants as svc
from shk_tui.services.events.checkin import CheckinIndex, best
from shk_tui.services.events.seats import EventFull, full_question
from shk_tui.ui import keys
from shk_tui.ui.base.confirm import ConfirmScreen
from shk_tui.ui.events.participant_actions import OneEvent
from shk_tui.ui.events.quick_contact import new_contact
from shk_tui.ui.widgets.contact_picker import ContactPicker
from shk_tui.ui.widgets.footer import Footer

MAX_MATCHES = 8


class CheckinScreen(OneEvent):
    CSS_PATH = "events.tcss"
    BINDINGS = keys.of("checkin")

    def __init__(self, event_id: int) -> None:
        super().__init__(event_id)
        self.index = CheckinIndex([])
        self.matches: list[svc.ParticipantRow] = []
        self.shown_query = ""  # the text the match list was last built for
        self.undo_stack: list[svc.Change] = []
        self.capacity: int | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="body"):
            yield Static("Incheckning", id="title")
            yield Static("", id="counts")
            yield Input(placeholder="Skriv några bokstäver av namnet och tryck enter", id="input")
            yield Static("", id="result")
            yield OptionList(id="matches")
            yield ContactPicker(event_id=self.event_id, id="picker",
                                title="Ny på plats – sök i kontakterna, enter checkar in, esc stänger")
        yield Footer()

    @property
    def input(self) -> Input:
        return self.query_one("#input", Input)

    def on_mount(self) -> None:
        self.input.focus()
        self.load_list(self._loaded)

    def _loaded(self, loaded: tuple[events_svc.EventDetail, list[svc.ParticipantRow]]) -> None:
        event, rows = loaded
        self.title = f"Incheckning – {event.title}"
        self.query_one("#title", Static).update(f"Incheckning: {event.title} {event.starts_at:%Y-%m-%d %H:%M}")
        self.capacity = event.capacity
        self.index = CheckinIndex(rows)
        self._update_counts()
        self.show_matches(self.input.value)

    def _update_counts(self) -> None:
        checked, expected = self.index.counts()
        seats = self.index.seats(self.capacity)
        self.query_one("#counts", Static).update(f"Incheckade {checked} av {expected} väntade · {seats.summary}")

    def _result(self, text: str) -> None:
        self.query_one("#result", Static).update(text)

    @on(Input.Changed, "#input")
    def _typed(self, event: Input.Changed) -> None:
        self.show_matches(event.value)

    def show_matches(self, text: str) -> None:
        found = self.index.match(text, MAX_MATCHES)
        more = len(found) > MAX_MATCHES
        self.matches = found[:MAX_MATCHES]
        options = self.query_one("#matches", OptionList)
        items = [Option(self._label(r), id=str(r.id)) for r in self.matches]
        if more:
            items.append(Option("… fler träffar, skriv fler bokstäver", id="more", disabled=True))
        options.set_options(items)
        self.shown_query = text

    @staticmethod
    def _label(r: svc.ParticipantRow) -> str:
        text = r.name + (f" – {r.organisation}" if r.organisation else "")
        if r.status == PS.DELTOG and r.checked_in_at:
            return f"{text}  (incheckad {r.checked_in_at:%H:%M})"
        return f"{text}  ({r.status.label.lower()})"

    @on(Input.Submitted, "#input")
    def _enter(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            return
        if not self.matches:
            self._result(f"Ingen träff på ”{text}” – ctrl+n lägger till någon som inte står på listan")
            return
        one = best(self.matches, text)
        if one is not None:
            self.check_in(one.id)
            return
        self._result(f"{len(self.matches)} träffar – välj med ↓ och enter, eller skriv fler bokstäver")
        self.action_to_matches()

    def action_back(self) -> None:
        """Esc steps back: from the match list to the typed name; a typed name is cleared; an empty
        input leaves check-in."""
        if self.focused is self.query_one("#matches", OptionList):
            self.input.focus()
        elif self.input.value:
            self.input.value = ""
            self._result("")
            self.input.focus()
        else:
            self.app.pop_screen()

    def action_to_matches(self) -> None:
        options = self.query_one("#matches", OptionList)
        if options.option_count:
            options.highlighted = 0
            options.focus()

    @on(OptionList.OptionSelected, "#matches")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option_id and event.option_id.isdigit():
            self.check_in(int(event.option_id))

    def check_in(self, participation_id: int, *, beyond_capacity: bool = False) -> None:
        """Check one person on the list in. Someone without a seat at a full event: ask first
        (``EventFull``), then check in beyond the capacity."""
        row = self.index.get(participation_id)
        if row is None:
            return
        if row.status == PS.DELTOG:
            when = f" kl. {row.checked_in_at:%H:%M}" if row.checked_in_at else ""
            self._result(f"{row.name} är redan incheckad{when}")
            self._next()
            return
        db, now = self.db, datetime.now().replace(microsecond=0)

        def checked_in(change: svc.Change) -> None:
            self.undo_stack.append(change)
            self._set(row, PS.DELTOG, now)
            note = " (var på reservlistan)" if row.status == PS.RESERV else ""
            self._result(f"✓ {row.name} incheckad {now:%H:%M}{note}{self._over()}")
            self._next()

        def refused(exc: ShkError) -> None:
            self._ask_full(exc, lambda: self.check_in(participation_id, beyond_capacity=True))

        self.write(lambda: attendance.check_in(db, participation_id, now, beyond_capacity=beyond_capacity),
                   checked_in, on_error=refused)

    def _over(self) -> str:
        over = self.index.seats(self.capacity).over
        return f" – {over} över kapaciteten" if over else ""

    def _ask_full(self, exc: ShkError, again: Callable[[], None]) -> None:
        """A refusal: the question when the event is full (yes: ``again``), else its notice."""
        if not isinstance(exc, EventFull):
            self.notify(exc.message, severity="error")
            return

        def answer(yes: bool | None) -> None:
            if yes:
                again()
            else:
                self._result(f"{exc.name} är inte incheckad: fullt ({exc.seats.text})")
                self.input.focus()

        self.app.push_screen(ConfirmScreen("Fullt – checka in ändå?", full_question(exc.name, exc.seats),
                                           yes="Checka in", no="Avbryt"), answer)

    def _next(self) -> None:
        """Ready for the next name."""
        self.input.value = ""
        self.input.focus()

    def _set(self, row: svc.ParticipantRow, status: PS, checked_in_at: datetime | None) -> None:
        self.index.update(replace(row, status=status, checked_in_at=checked_in_at))
        self._update_counts()

    def action_undo(self) -> None:
        if not self.undo_stack:
            self._result("Inget att ångra")
            return
        change, db = self.undo_stack[-1], self.db

        def undone(_: int) -> None:
            self.undo_stack.remove(change)
            before = change.before[0]
            row = self.index.get(before.id)
            if row is not None:
                self._set(row, before.status, before.checked_in_at)
                self._result(f"Ångrade incheckningen av {row.name}")
            self.show_matches(self.input.value)

        self.write(lambda: svc.undo(db, change), undone)

    # --- people at the door who are not on the list --------------------------------------

    def action_walk_in(self) -> None:
        self.open_picker(self.input.value)

    @on(ContactPicker.Closed, "#picker")
    def _walk_in_closed(self) -> None:
        self.close_picker()
        self.input.focus()

    @on(ContactPicker.Picked, "#picker")
    def _picked(self, message: ContactPicker.Picked) -> None:
        self._walk_in(message.hit)

    def _walk_in(self, hit: Hit, *, beyond_capacity: bool = False) -> None:
        """Someone at the door: put on the list and checked in in one step (at a full event after a
        question; a "no" leaves the list as it was). Only someone who was on the reserve list before
        is said to have been on it."""
        db, event_id, now = self.db, self.event_id, datetime.now().replace(microsecond=0)

        def walk_in() -> tuple[svc.Added, svc.Change, list[svc.ParticipantRow]]:
            added, change = attendance.walk_in(db, event_id, hit.id, now, beyond_capacity=beyond_capacity)
            return added, change, svc.list_participants(db, event_id)

        def done(result: tuple[svc.Added, svc.Change, list[svc.ParticipantRow]]) -> None:
            added, change, rows = result
            self.index = CheckinIndex(rows)
            self._update_counts()
            self.undo_stack.append(change)
            self._walk_in_closed()
            note = " (var på reservlistan)" if added.already and added.status == PS.RESERV else ""
            self._result(f"✓ {added.name} incheckad {now:%H:%M}{note}{self._over()}")
            self._next()

        def refused(exc: ShkError) -> None:
            self._walk_in_closed()
            self._ask_full(exc, lambda: self._walk_in(hit, beyond_capacity=True))

        self.write(walk_in, done, on_error=refused)

    @on(ContactPicker.CreateRequested, "#picker")
    def _walk_in_new(self, message: ContactPicker.CreateRequested) -> None:
        def created(hit: Hit | None) -> None:
            if hit is not None:
                self._walk_in(hit)

        new_contact(self, self.event_id, message.text, created)
