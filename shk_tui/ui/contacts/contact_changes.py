"""Kontakter's changes of one contact — archive or restore, delete (only without history), tags — each
with its ctrl+z (ui/base/undo.py): a delete is undone by putting the same row back with the same id
(``contacts.undelete``), an archive by its opposite, a tag change by the tags as they were.

The base of ``ContactsScreen`` (ui/contacts/contacts.py), which has the list these act on."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from shk_tui.services.contacts import contacts as svc
from shk_tui.ui.base.confirm import ConfirmScreen
from shk_tui.ui.base.undo import HINT as UNDO_HINT
from shk_tui.ui.base.undo import Undoable
from shk_tui.ui.base.work import ShkScreen
from shk_tui.ui.contacts.tags import TagsScreen

READ_FAILED = "Kunde inte läsa kontakten (se loggfilen)"
WRITE_FAILED = "Ändringen kunde inte sparas (se loggfilen)"
Inverse = tuple[str, Callable[[Any], Any]]  # (label, the inverse given the write's result)


class ContactChanges(Undoable, ShkScreen):
    """The writes of Kontakter; the screen gives the current contact and the reloads."""

    def current_id(self) -> int | None:
        raise NotImplementedError

    def reload(self, select_id: int | None = None) -> None:
        raise NotImplementedError

    def _after_tags(self) -> None:
        raise NotImplementedError

    def _need_current(self) -> int | None:
        contact_id = self.current_id()
        if contact_id is None:
            self.notify("Ingen kontakt vald", severity="warning")
        return contact_id

    def _change(self, call: Callable[[], Any], done: str, undo: Inverse | None = None) -> None:
        """A write of the current contact (ui/base/work.py's ``write``); then ``done`` and a reload.
        ``undo``: (label, inverse) — the inverse gets the write's result; ctrl+z runs it."""
        self.write(call, lambda result: self._changed(done, result, undo), failed=WRITE_FAILED)

    def _changed(self, done: str, result: Any = None, undo: Inverse | None = None) -> None:
        if undo is not None:
            label, inverse = undo
            self.remember_undo(label, partial(inverse, result))
            done += UNDO_HINT
        self.notify(done)
        self.reload()

    def action_archive(self) -> None:
        if (contact_id := self._need_current()) is None:
            return
        detail = self.attempt(lambda: svc.get(self.db, contact_id), READ_FAILED)
        if detail is not None:
            self._archive(contact_id, detail.name, not detail.archived)

    def _archive(self, contact_id: int, name: str, archived: bool) -> None:
        db = self.db
        self._change(partial(svc.set_archived, db, contact_id, archived),
                     f"{'Arkiverad' if archived else 'Återställd'}: {name}",
                     (f"{'Arkiverade' if archived else 'Återställde'} {name}",
                      lambda _: svc.set_archived(db, contact_id, not archived)))

    def action_delete(self) -> None:
        if (contact_id := self._need_current()) is None:
            return
        found = self.attempt(lambda: (svc.get(self.db, contact_id), svc.history_counts(self.db, contact_id)),
                             READ_FAILED)
        if found is None:
            return
        detail, history = found
        if history:
            question = ConfirmScreen("Kan inte tas bort", f"{detail.name} har historik ({svc.history_text(history)}) "
                                     "som ska finnas kvar. Arkivera i stället?", yes="Arkivera")
            self.app.push_screen(
                question, lambda yes: self._archive(contact_id, detail.name, True) if yes else None)
        else:
            question = ConfirmScreen("Ta bort kontakten?", f"{detail.name} tas bort (ctrl+z ångrar).")
            db = self.db
            self.app.push_screen(question, lambda yes: self._change(
                partial(svc.delete, db, contact_id), f"Borttagen: {detail.name}",
                (f"Tog bort {detail.name}", partial(svc.undelete, db))) if yes else None)

    def action_tags(self) -> None:
        if (contact_id := self._need_current()) is not None:
            dialog = TagsScreen(contact_id)
            self.app.push_screen(dialog, lambda saved: self._tags_saved(dialog) if saved else None)

    def _tags_saved(self, dialog: TagsScreen) -> None:
        db, contact_id, before = self.db, dialog.contact_id, list(dialog.before)
        self.remember_undo(f"Ändrade taggarna för {dialog.person}", lambda: svc.set_tags(db, contact_id, before))
        self.notify(f"Taggar sparade: {dialog.person}{UNDO_HINT}")
        self._after_tags()
