"""The base of the screens of one event's list (``OneEvent``: the participant list, check-in), and
the participant list's base: which rows an action applies to, the one path every change of the
list takes (``change``: through ``self.write``, onto the undo stack, then a reload), undo, and the
less frequent actions (dietary needs, removing a mistake, editing the event, exports), kept apart
so the list screen stays small. ``ParticipantsScreen`` builds on it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from shk_tui.enums import ParticipationStatus as PS
from shk_tui.errors import ShkError, StaleEdit
from shk_tui.fmt import count
from shk_tui.services.events import events as events_svc
from shk_tui.services.events import participants as svc
from shk_tui.services.events import seats as seat_rules
from shk_tui.ui.base.choice import ChoiceScreen
from shk_tui.ui.base.confirm import ConfirmScreen
from shk_tui.ui.base.export_target import saved_notice
from shk_tui.ui.base.text_input import TextInputScreen
from shk_tui.ui.base.work import ShkScreen
from shk_tui.ui.events.export_dialog import SaveExportScreen
from shk_tui.ui.events.participant_export import EXPORTS, SENSITIVE, Built, build_export
from shk_tui.ui.widgets.contact_picker import ContactPicker
from shk_tui.ui.widgets.fast_table import FastTable

#: The notice when an export fails unexpectedly.
EXPORT_FAILED = "Exporten misslyckades (se loggfilen)"


def header_counts(counts: dict[PS, int], capacity: int | None, marked: int) -> str:
    """The participant list's count line: seats against the capacity (``seats``, the one definition),
    then every status."""
    parts = [seat_rules.from_counts(counts, capacity).text] + [f"{s.label.lower()} {counts[s]}" for s in PS]
    if marked:
        parts.append(f"markerade {marked}")
    return " · ".join(parts)


class OneEvent(ShkScreen):
    """A screen of one event's list (the participant list, check-in): its load and its contact
    picker (``#picker``), opened with ``open_picker`` and closed with ``close_picker``."""

    LOAD_FAILED = "Kunde inte läsa deltagarlistan (se loggfilen)"

    def __init__(self, event_id: int) -> None:
        super().__init__()
        self.event_id = event_id

    def load_list(self, show: Callable[[tuple[events_svc.EventDetail, list[svc.ParticipantRow]]], object]) -> None:
        """Read the event and everyone on its list (in a worker); ``show`` gets both."""
        db, event_id = self.db, self.event_id
        self.load(lambda: (events_svc.get_event(db, event_id), svc.list_participants(db, event_id)), show)

    @property
    def picker(self) -> ContactPicker:
        return self.query_one("#picker", ContactPicker)

    def open_picker(self, text: str = "") -> None:
        self.picker.add_class("-open")
        self.picker.input.value = text
        self.picker.focus_input()

    def close_picker(self) -> None:
        self.picker.reset()
        self.picker.remove_class("-open")

    def action_back(self) -> None:
        self.app.pop_screen()


class ParticipantActions(OneEvent):
    """The subclass fills ``rows`` and implements ``reload``; the list is the ``#table`` FastTable."""

    rows: list[svc.ParticipantRow]
    marked: set[int]
    undo_stack: list[svc.Change]

    if TYPE_CHECKING:
        def reload(self) -> None: ...
        def who(self, ids: list[int]) -> str: ...

    # --- which rows ------------------------------------------------------------------------

    def cursor_id(self) -> int | None:
        return self.query_one("#table", FastTable).cursor_id()

    def targets(self) -> list[int]:
        """The marked rows in list order, or the cursor row."""
        if self.marked:
            return [r.id for r in self.rows if r.id in self.marked]
        current = self.cursor_id()
        return [current] if current is not None else []

    def chosen(self) -> list[int]:
        """``targets()``, with a warning when there are none."""
        ids = self.targets()
        if not ids:
            self.notify("Ingen deltagare vald", severity="warning")
        return ids

    def name_of(self, participation_id: int) -> str:
        return next((r.name for r in self.rows if r.id == participation_id), "")

    # --- the one change path, and undo -----------------------------------------------------

    def change(self, call: Callable[[], svc.Change], then: Callable[[svc.Change], object] | None = None) -> None:
        """Run a change of the list through the save path (never waits on the UI thread; a database
        error is a notice); once saved it can be undone and the list reloads, then ``then`` runs.
        A change refused because someone else changed the list meanwhile reloads it."""

        def saved(change: svc.Change) -> None:
            self._changed(change)
            if then is not None:
                then(change)

        self.write(call, saved, on_error=self._refused)

    def _refused(self, exc: ShkError) -> None:
        self.notify(exc.message, severity="error")
        if isinstance(exc, StaleEdit):
            self.reload()

    def shown_statuses(self, ids: list[int]) -> dict[int, PS]:
        """The statuses the list shows for ``ids`` (what a change expects to find stored)."""
        return {r.id: r.status for r in self.rows if r.id in ids}

    def named(self, change: svc.Change) -> svc.Change:
        """The service's "2 → Anmäld" naming whom it changed, as the questions do: "Sofia Berglund →
        Anmäld", "2 deltagare: Sofia Berglund, Nils Eklund → Anmäld" (the notice and its undo)."""
        prefix = f"{change.count} → "
        ids = [b.id for b in change.before]
        if not change.description.startswith(prefix) or not any(self.name_of(i) for i in ids):
            return change
        rest = change.description[len(prefix):]
        return replace(change, description=f"{self.who(ids)} → {rest}")

    def _changed(self, change: svc.Change) -> None:
        change = self.named(change)
        if change.count:
            self.undo_stack.append(change)
        self.marked.clear()
        self.notify(f"{change.description} (ctrl+z ångrar)")
        self.reload()

    def action_undo(self) -> None:
        if not self.undo_stack:
            self.notify("Inget att ångra", severity="warning")
            return
        change, db = self.undo_stack[-1], self.db

        def undone(_: int) -> None:
            self.undo_stack.remove(change)
            self.notify(f"Ångrade: {change.description}")
            self.reload()

        self.write(lambda: svc.undo(db, change), undone)

    # --- dietary needs, removal, the event ---------------------------------------------------

    def action_dietary(self) -> None:
        ids, db = self.chosen(), self.db
        if not ids:
            return
        current = next((r.dietary or "" for r in self.rows if r.id == ids[0]), "") if len(ids) == 1 else ""
        shown = {r.id: r.dietary for r in self.rows if r.id in ids}  # changed elsewhere meanwhile: refused

        def apply(value: str | None) -> None:
            if value is not None:
                self.change(lambda: svc.set_dietary(db, ids, value, shown=shown))

        title = f"Kost för {self.name_of(ids[0])}" if len(ids) == 1 else f"Kost för {len(ids)} deltagare"
        self.app.push_screen(
            TextInputScreen(title, current, placeholder="t.ex. vegetarisk, glutenfri", hint="tomt = inga önskemål"),
            apply,
        )

    def action_remove(self) -> None:
        ids, db = self.targets(), self.db
        if not ids:
            return
        who = self.name_of(ids[0]) if len(ids) == 1 else f"{len(ids)} deltagare"

        def removed(n: int) -> None:
            self.marked.clear()
            self.notify(f"{count(n, 'borttagen', 'borttagna')} från listan")
            self.reload()

        def remove(yes: bool | None) -> None:
            if yes:
                self.write(lambda: svc.remove(db, ids), removed)

        self.app.push_screen(
            ConfirmScreen("Ta bort från listan?", f"{who} tas bort helt från deltagarlistan. "
                          "Den som lämnar återbud markeras i stället som avbokad (s)."),
            remove,
        )

    def action_edit_event(self) -> None:
        from shk_tui.ui.events.event_form import EventFormScreen

        db, event_id = self.db, self.event_id
        read = self.attempt(lambda: (events_svc.get_event(db, event_id), events_svc.initiative_choices(db)),
                            self.LOAD_FAILED)
        if read is None:
            return
        detail, initiatives = read

        def saved(saved_id: int | None) -> None:
            if saved_id is not None:
                self.notify("Evenemanget är sparat")
                self.reload()

        self.app.push_screen(
            EventFormScreen(f"Ändra: {detail.title}", detail.form_values(), initiatives,
                            lambda values: events_svc.save_event(db, values, event_id)),
            saved,
        )

    # --- exports ---------------------------------------------------------------------------

    def action_export(self) -> None:
        def chosen(kind: str | None) -> None:
            if kind:
                self.export(kind)

        self.app.push_screen(ChoiceScreen("Exportera", EXPORTS), chosen)

    def export(self, kind: str) -> None:
        """Build the export in a thread (an XLSX of 2 000 rows takes a moment), then ask where to save it."""
        db, event_id = self.db, self.event_id
        self.load(lambda: build_export(db, event_id, kind), self._built, group=f"export-{kind}",
                  failed=EXPORT_FAILED)

    def _built(self, built: Built) -> None:
        if built.copied:
            self.app.copy_to_clipboard(built.copied)

        def saved(path: Path | None) -> None:
            if path is None:
                return
            notice = saved_notice(built.what, path)
            if built.sensitive:
                self.notify(f"{notice}\n{SENSITIVE}", title="Exporterad", severity="warning", timeout=12)
            else:
                self.notify(notice, title="Exporterad", timeout=8)

        self.app.push_screen(SaveExportScreen(built.label, built.filename, built.data, intro=built.intro), saved)
