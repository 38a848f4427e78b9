"""Less frequent actions of the participant list (dietary needs, removing a mistake, editing the
event, exports), kept apart so the list screen stays small. Mixed into ``ParticipantsScreen``."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from textual import work

from shk_tui.enums import ParticipationStatus as PS
from shk_tui.errors import ShkError
from shk_tui.services.events import events as events_svc
from shk_tui.services.events import participants as svc
from shk_tui.ui.base.choice import ChoiceScreen
from shk_tui.ui.base.confirm import ConfirmScreen
from shk_tui.ui.base.text_input import TextInputScreen
from shk_tui.ui.events.participant_export import EXPORTS, is_sensitive, write_export

log = logging.getLogger("shk_tui")


def header_counts(counts: dict[PS, int], capacity: int | None, marked: int) -> str:
    """The participant list's count line: seats against the capacity, then every status."""
    seated = counts[PS.ANMALD] + counts[PS.DELTOG]
    cap = f"{seated}/{capacity} platser" if capacity is not None else f"{seated} platser (ingen gräns)"
    parts = [cap] + [f"{s.label.lower()} {counts[s]}" for s in PS]
    if marked:
        parts.append(f"markerade {marked}")
    return " · ".join(parts)


class ParticipantActions:
    """Expects the screen's ``app``, ``event_id``, ``rows``, ``marked``, ``targets()``, ``name_of()``,
    ``_changed()``, ``reload()`` and ``notify()``."""

    app: Any
    event_id: int
    rows: list[svc.ParticipantRow]
    marked: set[int]

    def action_dietary(self) -> None:
        ids = self.targets()
        if not ids:
            self.notify("Ingen deltagare vald", severity="warning")
            return
        current = next((r.dietary or "" for r in self.rows if r.id == ids[0]), "") if len(ids) == 1 else ""

        def apply(value: str | None) -> None:
            if value is not None:
                try:
                    self._changed(svc.set_dietary(self.app.db, ids, value))
                except ShkError as exc:
                    self.notify(exc.message, severity="error")

        title = f"Kost för {self.name_of(ids[0])}" if len(ids) == 1 else f"Kost för {len(ids)} deltagare"
        self.app.push_screen(
            TextInputScreen(title, current, placeholder="t.ex. vegetarisk, glutenfri", hint="tomt = inga önskemål"),
            apply,
        )

    def action_remove(self) -> None:
        ids = self.targets()
        if not ids:
            return
        who = self.name_of(ids[0]) if len(ids) == 1 else f"{len(ids)} deltagare"

        def remove(yes: bool | None) -> None:
            if yes:
                try:
                    n = svc.remove(self.app.db, ids)
                except ShkError as exc:
                    self.notify(exc.message, severity="error")
                    return
                self.marked.clear()
                self.notify(f"{n} borttagna från listan")
                self.reload()

        self.app.push_screen(
            ConfirmScreen("Ta bort från listan?", f"{who} tas bort helt från deltagarlistan. "
                          "Den som lämnar återbud markeras i stället som avbokad (s)."),
            remove,
        )

    def action_edit_event(self) -> None:
        from shk_tui.ui.events.event_form import EventFormScreen

        db = self.app.db
        try:
            detail = events_svc.get_event(db, self.event_id)
            initiatives = events_svc.initiative_choices(db)
        except ShkError as exc:
            self.notify(exc.message, severity="error")
            return

        def saved(event_id: int | None) -> None:
            if event_id is not None:
                self.notify("Evenemanget är sparat")
                self.reload()

        self.app.push_screen(
            EventFormScreen(f"Ändra: {detail.title}", detail.form_values(), initiatives,
                            lambda values: events_svc.save_event(db, values, self.event_id)),
            saved,
        )

    # --- exports ---------------------------------------------------------------------------

    def action_export(self) -> None:
        self.app.push_screen(ChoiceScreen("Exportera", EXPORTS), lambda v: v and self.export(v))

    @work(thread=True, group="participants-export")
    def export(self, kind: str) -> None:
        """Write the export in a thread (an XLSX of 2 000 rows takes a moment)."""
        try:
            path, copied = write_export(self.app.db, self.event_id, kind)
        except ShkError as exc:
            self.app.call_from_thread(self.notify, exc.message, severity="error")
            return
        except Exception:
            log.exception("export failed")
            self.app.call_from_thread(self.notify, "Exporten misslyckades (se loggfilen)", severity="error")
            return
        self.app.call_from_thread(self._exported, path, copied)

    def _exported(self, path: Path, copied: str | None) -> None:
        if copied is not None:
            self.app.copy_to_clipboard(copied)
            self.notify(f"Sparad och kopierad (klistra in i Outlook): {path}", title="Exporterad", timeout=8)
            return
        if is_sensitive(path):
            self.notify(f"Sparad: {path}\nInnehåller specialkost (känsliga personuppgifter): dela bara med dem "
                        "som behöver den och radera filen efter evenemanget.", title="Exporterad", severity="warning",
                        timeout=12)
            return
        self.notify(f"Sparad: {path}", title="Exporterad", timeout=8)
