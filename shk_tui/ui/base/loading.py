"""The base of the section screens that load their data in thread workers when shown (Portfölj,
Budget): one load in flight per showing, and a failed load becomes a Swedish notification (the
traceback goes to the log file), never a traceback on screen. ``report_error`` does the same for
an action that fails in a handler (a save, a move, an export): the app carries on."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import ClassVar

from textual.dom import DOMNode
from textual.message import Message
from textual.screen import Screen

from shk_tui.errors import ShkError

log = logging.getLogger("shk_tui")


class Loaded(Message):
    """A load's result, posted from a worker; ``LoadingScreen.fetch`` stamps it with the load's kind
    and number."""

    kind = ""
    number = 0


class LoadingScreen(Screen):
    """Subclasses implement ``reload`` (start the workers). Each load gets a number per kind
    (``new_load``, on the main thread) and its worker calls ``fetch``; the handler of the loaded
    message drops it unless ``is_latest`` (a newer load of the same kind is on its way: loads are
    numbered, not cancelled, as CONTRIBUTING asks) and calls ``load_arrived``."""

    #: The notification when a load fails unexpectedly.
    LOAD_FAILED: ClassVar[str] = "Kunde inte läsa data (se loggfilen)"

    _resume_load = False  # a load started by showing the screen has not arrived yet

    def __init__(self) -> None:
        super().__init__()
        self._loads: dict[str, int] = {}

    def on_screen_resume(self) -> None:
        # A mode's first showing resumes the screen twice; one load in flight is enough.
        if not self._resume_load:
            self._resume_load = True
            self.reload()

    def reload(self) -> None:
        raise NotImplementedError

    def new_load(self, kind: str) -> int:
        """The number of a new load of ``kind`` (call on the main thread, pass it to the worker)."""
        self._loads[kind] = number = self._loads.get(kind, 0) + 1
        return number

    def is_latest(self, message: Loaded) -> bool:
        return self._loads.get(message.kind) == message.number

    def load_arrived(self) -> None:
        self._resume_load = False

    def fetch(self, load: Callable[[], Loaded], kind: str, number: int) -> None:
        """Run in a thread worker: post the message ``load()`` builds, stamped as load ``number`` of
        ``kind``."""
        try:
            result = load()
        except ShkError as exc:
            self._load_failed(exc.message)
            return
        except Exception:
            log.exception("loading %s failed", type(self).__name__)
            self._load_failed(self.LOAD_FAILED)
            return
        result.kind, result.number = kind, number
        self.post_message(result)

    def _load_failed(self, message: str) -> None:
        self._resume_load = False
        self.app.call_from_thread(self.notify, message, severity="error", title="Fel")


def error_message(exc: Exception, fallback: str) -> str:
    """The Swedish line for an error in a handler: a ShkError's own message; anything else (a lost
    connection, a full disk, a bug) is logged with its traceback and gets ``fallback``, so the app
    carries on instead of closing."""
    if isinstance(exc, ShkError):
        return exc.message
    log.error("unexpected error: %s", fallback, exc_info=exc)
    return fallback


def report_error(node: DOMNode, exc: Exception, fallback: str) -> None:
    node.notify(error_message(exc, fallback), severity="error")
