"""ctrl+z undoes the last change of a screen: the :class:`Undoable` mixin.

Mix it into a ShkScreen subclass (before it: ``class ContractsScreen(Undoable, ShownScreen)``), add
``('ctrl+z', 'undo', 'Ångra')`` to the screen's block in ``ui/keys.py``, and after each successful change
remember how to take it back::

    def archived(_):
        self.remember_undo(f"Arkiverade avtalet {title}", lambda: svc.unarchive(db, contract_id))

The undo call is zero-argument and does the inverse through a service. ``ctrl+z`` runs the newest one
through ``self.write`` (the one save path: a refusal such as ``StaleEdit`` or a ``ShkError`` becomes
its Swedish notice and the entry is dropped, since it no longer applies), then says
"Ångrade: <label>" and calls ``self.reload()`` when the screen has one. Nothing to undo:
"Inget att ångra"."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, NamedTuple

from shk_tui.errors import ShkError

NOTHING = "Inget att ångra"
UNDONE = "Ångrade: {}"
HINT = " (ctrl+z ångrar)"


class Undo(NamedTuple):
    label: str
    call: Callable[[], Any]


class Undoable:
    """The undo stack of a screen (newest last, at most ``UNDO_LIMIT`` entries)."""

    UNDO_LIMIT: ClassVar[int] = 50

    @property
    def undo_stack(self) -> list[Undo]:
        stack: list[Undo] = self.__dict__.setdefault("_shk_undo_stack", [])
        return stack

    def remember_undo(self, label: str, undo_call: Callable[[], Any]) -> None:
        """After a successful change: ``undo_call`` takes it back on ctrl+z."""
        stack = self.undo_stack
        stack.append(Undo(label, undo_call))
        del stack[:-self.UNDO_LIMIT]

    def action_undo(self) -> None:
        screen: Any = self
        stack = self.undo_stack
        if not stack:
            screen.notify(NOTHING, severity="warning")
            return
        entry = stack.pop()

        def undone(_: Any) -> None:
            screen.notify(UNDONE.format(entry.label))
            reload = getattr(screen, "reload", None)
            if callable(reload):
                reload()

        def refused(exc: ShkError) -> None:
            screen.notify(exc.message, severity="error")
            reload = getattr(screen, "reload", None)
            if callable(reload):
                reload()

        screen.write(entry.call, undone, on_error=refused)
