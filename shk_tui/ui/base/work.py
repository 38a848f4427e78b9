"""The one way a screen or dialog loads, saves and fails.

Every section screen and every dialog mixes in :class:`Work` (through :class:`ShkScreen` or
:class:`ShkDialog`):

- ``self.load(fetch, show, group=…)`` runs ``fetch()`` (a service read) in a thread worker. The value
  it returns goes to ``show(value)`` on the UI thread, unless a newer load of the same group started
  meanwhile (loads are numbered per group, never cancelled, so a Pilot wait never meets a cancelled
  worker and an old result never paints over a new one).
- ``self.write(call, saved, on_error=…)`` runs a service write through :func:`saving.save`: it never
  waits on the UI thread, a lock held by another process shows "Väntar på databasen …", a stale row
  or a validation error reaches ``on_error`` (default: the form's ``show_errors`` and a notice).
- Every failure, of a load, a write or a handler, ends in ``self.report_error(exc, fallback)``: a
  ``ShkError`` shows its own Swedish message, anything else is logged with its traceback and shows
  ``fallback``. The app never closes because of a database error.

``self.db`` and ``self.today`` are the app's database and today, typed."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual import events
from textual.app import App
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.worker import Worker

from shk_tui.errors import ShkError
from shk_tui.ui import keys
from shk_tui.ui.base import saving

if TYPE_CHECKING:
    from shk_tui.db.engine import Database

log = logging.getLogger("shk_tui")

T = TypeVar("T")

LOAD_FAILED = "Kunde inte läsa data (se loggfilen)"
ACTION_FAILED = "Det gick inte (se loggfilen)"


def error_message(exc: BaseException, fallback: str) -> str:
    """The Swedish line for an error: a ShkError's own message; anything else (a lost connection, a
    full disk, a bug) is logged with its traceback and gets ``fallback``."""
    if isinstance(exc, ShkError):
        return exc.message
    log.error("unexpected error: %s", fallback, exc_info=exc)
    return fallback


def report_error(node: Widget | App[Any], exc: BaseException, fallback: str = ACTION_FAILED) -> None:
    """Show the error as a notice (on the UI thread)."""
    node.notify(error_message(exc, fallback), severity="error", title="Fel")


def load(node: Widget | App[Any], fetch: Callable[[], T], show: Callable[[T], Any], *, group: str = "load",
         failed: str = LOAD_FAILED, on_error: Callable[[BaseException], Any] | None = None) -> None:
    """``Work.load`` for any node (the app itself, too): ``fetch`` in a thread worker, its value to
    ``show`` on the UI thread unless a newer load of ``group`` started on ``node``; a failure to
    ``on_error`` or a notice."""
    numbers: dict[str, int] = node.__dict__.setdefault("_load_numbers", {})
    numbers[group] = number = numbers.get(group, 0) + 1
    target: Any = node

    def deliver(value: T) -> None:
        if numbers.get(group) == number and target.is_attached:
            show(value)

    def fail(exc: BaseException) -> None:
        if numbers.get(group) != number:
            return
        if on_error is not None:
            on_error(exc)
        else:
            report_error(node, exc, failed)

    def run() -> None:
        if numbers.get(group) != number:
            return  # a newer load of the group started while this one waited for a thread: skip the query
        try:
            value = fetch()
        except Exception as exc:  # every failure ends in one place
            _from_thread(node, fail, exc)
            return
        _from_thread(node, deliver, value)

    node.run_worker(run, thread=True, group=f"load-{group}", exit_on_error=False)


def _from_thread(node: Widget | App[Any], callback: Callable[..., Any], *args: Any) -> None:
    try:
        node.app.call_from_thread(callback, *args)
    except RuntimeError:  # the app has closed meanwhile: nothing to show
        log.debug("dropped a result after the app closed")


class Work:
    """Load, write and fail for a screen (mixed into a Textual ``Screen``)."""

    #: The notice when a load fails unexpectedly.
    LOAD_FAILED: ClassVar[str] = LOAD_FAILED

    # -- typed access to what the app holds ---------------------------------------------------
    @property
    def db(self) -> Database:
        return self.app.db  # type: ignore[attr-defined, no-any-return]

    @property
    def today(self) -> date:
        return self.app.today  # type: ignore[attr-defined, no-any-return]

    def _from_thread(self, callback: Callable[..., Any], *args: Any) -> None:
        """Call ``callback`` on the UI thread from a worker (dropped once the app has closed)."""
        _from_thread(self, callback, *args)  # type: ignore[arg-type]

    # -- loading -----------------------------------------------------------------------------------
    def load(self, fetch: Callable[[], T], show: Callable[[T], Any], *, group: str = "load",
             failed: str | None = None, on_error: Callable[[BaseException], Any] | None = None) -> None:
        """Run ``fetch`` in a thread worker and hand its value to ``show`` on the UI thread; the
        newest load of ``group`` wins. A failure goes to ``on_error`` or becomes a notice."""
        load(self, fetch, show, group=group, failed=failed or self.LOAD_FAILED,  # type: ignore[arg-type]
             on_error=on_error)

    def is_loading(self, group: str = "load") -> bool:
        """A load of ``group`` is in flight (for tests and for "Läser …" hints)."""
        screen: Any = self
        # ``self.workers`` is the app's worker manager: count only this screen's own loads.
        return any(w.node is screen and w.group == f"load-{group}" and not w.is_finished
                   for w in screen.workers)

    # -- writing -----------------------------------------------------------------------------------
    def write(self, call: Callable[[], T], saved: Callable[[T], Any], *,
              on_error: Callable[[ShkError], Any] | None = None, failed: str = saving.FAILED) -> None:
        """A service write for this screen, through the one save path (never raises)."""
        saving.save(self, call, saved, on_error=on_error, failed=failed)  # type: ignore[arg-type]

    def attempt(self, call: Callable[[], T], fallback: str = ACTION_FAILED) -> T | None:
        """Run a quick call on the UI thread (a read for a dialog, an in-memory step): its value,
        or ``None`` after a notice when it fails."""
        try:
            return call()
        except Exception as exc:
            self.report_error(exc, fallback)
            return None

    # -- failing -------------------------------------------------------------------------------------
    def report_error(self, exc: BaseException, fallback: str = ACTION_FAILED) -> None:
        report_error(self, exc, fallback)  # type: ignore[arg-type]


class HeldFrames:
    """Mixed into the app (``ShkApp``): a frame its screens did not render while updates were held
    (``ShkScreen._compositor_refresh``) is drawn when the last hold ends."""

    _frame_held = False

    def _end_batch(self) -> None:
        super()._end_batch()  # type: ignore[misc]
        app: Any = self
        if self._frame_held and not app._batch_count:
            self._frame_held = False
            app.screen.refresh()


class ShkScreen(Work, Screen):
    """The base of the section screens (and full screens opened from them).

    The first showing is drawn with its data: while the screen's first loads are in flight the app draws
    nothing new (up to ``FIRST_FRAME_HOLD`` seconds, then the screen's "Laddar …" state shows), so the
    first frame has the rows instead of an empty screen drawn only to be drawn again a moment later
    (at 120×40, tens of milliseconds that would also hold up the rows)."""

    FIRST_FRAME_HOLD: ClassVar[float] = 0.25
    _first_shown = False
    _holding = False
    _suspended = False  # left for another screen at least once
    _first_drawn = False  # the first showing's first frame is drawn (``after_first_frame`` called)

    def _compositor_refresh(self) -> None:
        # While the app holds its updates (its own start, a first frame waiting for its rows, a batch_update),
        # Textual still renders the frame that follows a layout, and then drops it (``App._display``): at
        # 120×40 tens of milliseconds for nothing, in front of the frame that is shown. That frame is not
        # rendered; the app draws the screen when the hold ends (``HeldFrames``).
        app: Any = self.app
        if app._batch_count and isinstance(self.app, HeldFrames) and self is app.screen and not app.is_inline:
            app._frame_held = True
            return
        super()._compositor_refresh()
        if self._first_shown and not self._first_drawn and self is app.screen:
            self._first_drawn = True
            self.call_next(self.after_first_frame)

    def on_compose(self) -> None:
        # The breakpoint classes (HORIZONTAL_/VERTICAL_BREAKPOINTS) from the app's size before the widgets are
        # composed, as the screen's first resize would set them: set by that resize, once the widgets are
        # mounted and styled, they restyle every widget again (milliseconds per opening). Textual's handler
        # composes after this one (the class's handler comes first).
        app = self.app
        classes: dict[str, bool] = {}
        for dimension, own, default in ((app.size.width, self.HORIZONTAL_BREAKPOINTS, app.HORIZONTAL_BREAKPOINTS),
                                        (app.size.height, self.VERTICAL_BREAKPOINTS, app.VERTICAL_BREAKPOINTS)):
            breakpoints = (default if own is None else own) or []
            classes.update((name, False) for _, name in breakpoints)
            classes.update((name, True) for name in self._get_breakpoint_classes(dimension, breakpoints))
        if classes:
            self.update_classes(classes, animate=False)

    def post_message(self, message: Message) -> bool:
        if isinstance(message, events.ScreenResume) and not self._suspended:
            # Textual restyles the whole screen on every resume; until the screen is first left its widgets
            # have the styles they were mounted with (a mode's first showing resumes it twice): milliseconds
            # per opening
            message.refresh_styles = False
        return super().post_message(message)

    def on_screen_resume(self) -> None:
        # the subclasses' own handlers (Textual calls those first) have started the loads by now
        if self._first_shown:
            return
        self._first_shown = True
        if self._loads_running():
            self._holding = True
            self.app._begin_batch()  # Textual's batch_update without a with-block (pinned Textual 8.2)
            self.app.set_timer(self.FIRST_FRAME_HOLD, self._release_hold)

    def after_first_frame(self) -> None:
        """Called once, when the first showing's first frame (with its first loads' rows, unless they took
        longer than ``FIRST_FRAME_HOLD``) has been drawn: the place to load what that frame does not need,
        so it does not share the interpreter with the mounting and the first rows (a filter's choices).
        Subclasses override it."""

    def _loads_running(self) -> bool:
        return any(w.node is self and w.group.startswith("load-") and not w.is_finished for w in self.workers)

    def _release_hold(self) -> None:
        if self._holding:
            self._holding = False
            self.app._end_batch()
            if not self.app._batch_count:
                self.app.screen.refresh()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # the loads of the first showing and those they start (Kontakter's first row's detail): one frame
        if self._holding and not self._loads_running():
            self._release_hold()

    def on_screen_suspend(self) -> None:
        self._suspended = True
        self._release_hold()

    def on_unmount(self) -> None:
        self._release_hold()


class ShkDialog(Work, ModalScreen[T]):
    """The base of every modal dialog: F1 lists the dialog's own keys (the app's help does not reach
    into a modal screen)."""

    BINDINGS = keys.of("dialog")
    #: The help's title for this dialog's keys.
    KEYS_TITLE: ClassVar[str] = "Tangenter i dialogen"

    def action_keys(self) -> None:
        from shk_tui.ui.base.help import show_keys

        show_keys(self, self.KEYS_TITLE)
