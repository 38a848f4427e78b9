"""Fixtures for Pilot tests of the TUI (``app.run_test(size=SIZE)``).

- ``TODAY``: the fixed "today" every screen test runs with (pass ``today=TODAY`` to ``ShkApp``).
- ``app_db``: an empty, migrated SQLite database (the ``sqlite_db`` fixture of tests/conftest.py).
  On it the app offers to load the example data at start.
- ``demo_db``: the same, loaded with the example data (``demo.load(db, today=TODAY)``). Tests must
  not change the example data in place for others: each test gets its own copy.
- ``make_app(db)``: builds ``ShkApp(db, today=TODAY)``.
- ``settle(pilot)``: waits until workers are done and messages are handled.
- ``notices(app)``: every notice the app has shown so far, as ``Notice(text, severity)`` (recorded by
  ``make_app`` through the public ``App.notify``; never read Textual's private attributes).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, NamedTuple

import pytest

from shk_tui.app import ShkApp

TODAY = date(2026, 11, 25)
SIZE = (120, 40)


@pytest.fixture
def app_db(sqlite_db):
    """An empty, migrated SQLite database."""
    return sqlite_db


@pytest.fixture
def demo_db(sqlite_db):
    """A SQLite database holding the example data, built as of TODAY."""
    from shk_tui.services.demo import seed as demo

    demo.load(sqlite_db, today=TODAY)
    return sqlite_db


class Notice(NamedTuple):
    text: str
    severity: str


def record_notices(app: ShkApp) -> ShkApp:
    """Record every notice ``app`` shows (see ``notices``)."""
    seen: list[Notice] = []
    show = app.notify

    def notify(message: str, **kwargs: Any) -> None:
        seen.append(Notice(str(message), kwargs.get("severity", "information")))
        show(message, **kwargs)

    app.notify = notify  # type: ignore[method-assign]
    app.seen_notices = seen  # type: ignore[attr-defined]
    return app


def notices(app: ShkApp, severity: str | None = None) -> list[str]:
    """The texts of the notices shown so far (of one severity, if given)."""
    return [n.text for n in app.seen_notices if severity is None or n.severity == severity]  # type: ignore[attr-defined]


@pytest.fixture
def make_app() -> Callable[..., ShkApp]:
    def make(db) -> ShkApp:
        return record_notices(ShkApp(db, today=TODAY))

    return make


async def settle(pilot, rounds: int = 3) -> None:
    """Let workers finish and their messages be handled (workers may start more workers)."""
    for _ in range(rounds):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def open_section(pilot, key: str, screen_type: type):
    """Press a section's key (1–6) and return its screen once it has loaded."""
    await settle(pilot)
    await pilot.press(key)
    await settle(pilot)
    assert isinstance(pilot.app.screen, screen_type), pilot.app.screen
    return pilot.app.screen
