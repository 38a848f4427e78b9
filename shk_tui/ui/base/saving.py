"""The one way a screen saves: :func:`save`.

A save runs on the UI thread first, told not to wait for the database (``db.no_wait()``): the usual
write takes milliseconds and the form closes at once. When another process holds SQLite's write
lock (an import, a restore in another terminal) the write raises ``WouldWait`` before anything is
written; the screen then shows "Väntar på databasen …" and runs the same call again in a thread
worker, which waits for the lock (the busy timeout). A write that still cannot get the lock, a
stale save, a validation error or any other ``ShkError`` reaches ``on_error`` (default: a Swedish
notification) and the form stays open with what the user typed. An unexpected exception is logged
with its traceback and reaches ``on_error`` the same way, as a ``ShkError`` with the ``failed`` line;
the app stays open."""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import nullcontext
from typing import Any, TypeVar

from textual.screen import Screen

from shk_tui.errors import ShkError, ValidationError, WouldWait

log = logging.getLogger("shk_tui")

T = TypeVar("T")

WAITING = "Väntar på databasen … (en annan process skriver)"
SAVING_ALREADY = "Sparar redan – väntar på databasen …"
FAILED = "Kunde inte spara (se loggfilen); inget sparades"
_BUSY_FLAG = "_shk_save_waiting"


def is_waiting(screen: Screen) -> bool:
    """A save of this screen is waiting for the database in a worker."""
    return bool(getattr(screen, _BUSY_FLAG, False))


def save(screen: Screen, call: Callable[[], T], on_saved: Callable[[T], Any], *,
         on_error: Callable[[ShkError], Any] | None = None, failed: str = FAILED) -> None:
    """Run ``call`` (a service write) for ``screen`` and hand its result to ``on_saved`` on the UI
    thread; errors go to ``on_error`` (or a notification). Never raises."""
    if is_waiting(screen):
        screen.notify(SAVING_ALREADY, severity="warning")
        return
    db = getattr(screen.app, "db", None)
    quick = getattr(db, "no_wait", None)
    try:
        with quick() if quick is not None else nullcontext():
            result = call()
    except WouldWait:
        setattr(screen, _BUSY_FLAG, True)
        screen.notify(WAITING, timeout=5)
        screen.run_worker(lambda: _retry(screen, call, on_saved, on_error, failed), thread=True,
                          group="save", exit_on_error=False)
        return
    except ShkError as exc:
        _fail(screen, exc, on_error)
        return
    except Exception as exc:
        log.error("save failed in %s", type(screen).__name__, exc_info=exc)
        _fail(screen, ShkError(failed), on_error)
        return
    on_saved(result)


def _retry(screen: Screen, call: Callable[[], T], on_saved: Callable[[T], Any],
           on_error: Callable[[ShkError], Any] | None, failed: str) -> None:
    """In a thread worker: the same call, now allowed to wait for the lock."""
    app = screen.app
    try:
        result = call()
    except ShkError as exc:
        app.call_from_thread(_done_failed, screen, exc, on_error)
        return
    except Exception as exc:
        log.error("save failed in %s", type(screen).__name__, exc_info=exc)
        app.call_from_thread(_done_failed, screen, ShkError(failed), on_error)
        return
    app.call_from_thread(_done_saved, screen, on_saved, result)


def _done_saved(screen: Screen, on_saved: Callable[[Any], Any], result: Any) -> None:
    setattr(screen, _BUSY_FLAG, False)
    on_saved(result)


def _done_failed(screen: Screen, exc: ShkError, on_error: Callable[[ShkError], Any] | None) -> None:
    setattr(screen, _BUSY_FLAG, False)
    _fail(screen, exc, on_error)


def _fail(screen: Screen, exc: ShkError, on_error: Callable[[ShkError], Any] | None) -> None:
    if on_error is not None:
        on_error(exc)
        return
    show = getattr(screen, "show_errors", None)
    if isinstance(exc, ValidationError) and show is not None:
        show(exc.errors)
    screen.notify(exc.message, severity="error")
