"""Check-in at the door: one input; type a few letters of a name and press enter to mark the one
match *deltog* with the time. Several matches show a short list (↓ to choose, enter to check in).
The list is matched in memory, so every keystroke is instant even with hundreds of people;
``ctrl+z`` undoes the last check-in, ``escape`` goes back to the participant list."""

from __future__ import annotations

from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from shk_tui.enums import ParticipationStatus as PS
from shk_tui.errors import ShkError
from shk_tui.services.events import events as events_svc
from shk_tui.services.events import participants as svc
from shk_tui.services.events.checkin import CheckinIndex, best
from shk_tui.ui.widgets.contact_picker import ContactPicker
from shk_tui.ui.widgets.footer import Footer

MAX_MATCHES = 8


class CheckinScreen(Screen):
    CSS_PATH = "events.tcss"
    BINDINGS = [
        Binding("escape", "back", "Tillbaka", id="checkin.back"),
        Binding("ctrl+z", "undo", "Ångra senaste", id="checkin.undo"),
        Binding("down", "to_matches", "Välj i listan", show=False, id="checkin.down"),
        Binding("ctrl+n", "walk_in", "Ny på plats", id="checkin.walk_in"),
    ]

    def __init__(self, event_id: int) -> None:
        super().__init__()
        self.event_id = event_id
        self.index = CheckinIndex([])
        self.matches: list[svc.ParticipantRow] = []
        self.shown_query = ""  # the text the match list was last built for
        self.undo_stack: list[svc.Change] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="ci-body"):
            yield Static("Incheckning", id="ci-title")
            yield Static("", id="ci-counts")
            yield Input(placeholder="Skriv några bokstäver av namnet och tryck enter", id="ci-input")
            yield Static("", id="ci-result")
            yield OptionList(id="ci-matches")
            yield ContactPicker(self.app.db, event_id=self.event_id, id="ci-picker",
                                title="Ny på plats – sök i kontakterna, enter checkar in, esc stänger")
        yield Footer()

    def on_mount(self) -> None:
        try:
            event = events_svc.get_event(self.app.db, self.event_id)
            rows = svc.list_participants(self.app.db, self.event_id)
        except ShkError as exc:
            self.notify(exc.message, severity="error")
            return
        self.title = f"Incheckning – {event.title}"
        self.query_one("#ci-title", Static).update(f"Incheckning: {event.title} {event.starts_at:%Y-%m-%d %H:%M}")
        self.index = CheckinIndex(rows)
        self._update_counts()
        self.query_one("#ci-input", Input).focus()

    def _update_counts(self) -> None:
        checked, expected = self.index.counts()
        self.query_one("#ci-counts", Static).update(f"Incheckade {checked} av {expected} väntade")

    def _result(self, text: str) -> None:
        self.query_one("#ci-result", Static).update(text)

    @on(Input.Changed, "#ci-input")
    def _typed(self, event: Input.Changed) -> None:
        self.show_matches(event.value)

    def show_matches(self, text: str) -> None:
        found = self.index.match(text, MAX_MATCHES)
        more = len(found) > MAX_MATCHES
        self.matches = found[:MAX_MATCHES]
        options = self.query_one("#ci-matches", OptionList)
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

    @on(Input.Submitted, "#ci-input")
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

    def action_to_matches(self) -> None:
        options = self.query_one("#ci-matches", OptionList)
        if options.option_count:
            options.highlighted = 0
            options.focus()

    @on(OptionList.OptionSelected, "#ci-matches")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option_id and event.option_id.isdigit():
            self.check_in(int(event.option_id))

    def check_in(self, participation_id: int) -> None:
        row = self.index.get(participation_id)
        if row is None:
            return
        inp = self.query_one("#ci-input", Input)
        if row.status == PS.DELTOG:
            when = f" kl. {row.checked_in_at:%H:%M}" if row.checked_in_at else ""
            self._result(f"{row.name} är redan incheckad{when}")
        else:
            now = datetime.now().replace(microsecond=0)
            try:
                change = svc.check_in(self.app.db, participation_id, now)
            except ShkError as exc:
                self.notify(exc.message, severity="error")
                return
            self.undo_stack.append(change)
            self._set(row, PS.DELTOG, now)
            note = " (var på reservlistan)" if row.status == PS.RESERV else ""
            self._result(f"✓ {row.name} incheckad {now:%H:%M}{note}")
        inp.value = ""
        inp.focus()

    def _set(self, row: svc.ParticipantRow, status: PS, checked_in_at: datetime | None) -> None:
        from dataclasses import replace

        self.index.update(replace(row, status=status, checked_in_at=checked_in_at))
        self._update_counts()

    def action_undo(self) -> None:
        if not self.undo_stack:
            self._result("Inget att ångra")
            return
        change = self.undo_stack.pop()
        try:
            svc.undo(self.app.db, change)
        except ShkError as exc:
            self.notify(exc.message, severity="error")
            return
        before = change.before[0]
        row = self.index.get(before.id)
        if row is not None:
            self._set(row, before.status, before.checked_in_at)
            self._result(f"Ångrade incheckningen av {row.name}")
        self.show_matches(self.query_one("#ci-input", Input).value)

    # --- people at the door who are not on the list --------------------------------------

    def action_walk_in(self) -> None:
        picker = self.query_one("#ci-picker", ContactPicker)
        picker.add_class("-open")
        picker.input.value = self.query_one("#ci-input", Input).value
        picker.focus_input()

    @on(ContactPicker.Closed, "#ci-picker")
    def _walk_in_closed(self) -> None:
        picker = self.query_one("#ci-picker", ContactPicker)
        picker.reset()
        picker.remove_class("-open")
        self.query_one("#ci-input", Input).focus()

    @on(ContactPicker.Picked, "#ci-picker")
    def _walk_in(self, message: ContactPicker.Picked) -> None:
        try:
            added = svc.add(self.app.db, self.event_id, message.hit.id, datetime.now().replace(microsecond=0))
            self.index = CheckinIndex(svc.list_participants(self.app.db, self.event_id))
        except ShkError as exc:
            self.notify(exc.message, severity="error")
            return
        self._walk_in_closed()
        self.check_in(added.participation_id)

    @on(ContactPicker.CreateRequested, "#ci-picker")
    def _walk_in_new(self, message: ContactPicker.CreateRequested) -> None:
        from shk_tui.services.contacts import picker
        from shk_tui.ui.events.quick_contact import QuickContactScreen

        db = self.app.db
        first, last = picker.split_name(message.text)
        source = picker.event_source(db, self.event_id)

        def created(hit: picker.Hit | None) -> None:
            if hit is not None:
                self._walk_in(ContactPicker.Picked(message.picker, hit))

        self.app.push_screen(
            QuickContactScreen(first, last, picker.organisation_choices(db),
                               lambda **fields: picker.create_contact(db, source=source, **fields)),
            created,
        )

    def action_back(self) -> None:
        self.app.pop_screen()
