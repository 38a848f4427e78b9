"""The one load / write / fail path (``ui.base.work``): the newest load wins, a failed load or write
is a Swedish notice and the app stays open."""

from __future__ import annotations

import threading

from sqlalchemy.exc import OperationalError
from textual.app import App, ComposeResult
from textual.widgets import Static

from shk_tui.errors import ShkError
from shk_tui.ui.base.work import ShkScreen
from tests.ui.conftest import notices, record_notices


class Probe(ShkScreen):
    def __init__(self) -> None:
        super().__init__()
        self.shown: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static(id="out")

    def show_value(self, value: str) -> None:
        self.shown.append(value)
        self.query_one("#out", Static).update(value)


class ProbeApp(App):
    def __init__(self) -> None:
        super().__init__()
        self.db = object()
        self.today = None

    def on_mount(self) -> None:
        self.push_screen(Probe())


def broken() -> str:
    raise OperationalError("SELECT 1", {}, Exception("database is locked"))


async def test_a_load_shows_its_value_and_only_the_newest_load_wins():
    app = record_notices(ProbeApp())
    async with app.run_test() as pilot:
        screen = app.screen
        gate = threading.Event()

        def slow() -> str:
            gate.wait(5)
            return "old"

        screen.load(slow, screen.show_value)
        screen.load(lambda: "new", screen.show_value)
        gate.set()
        await pilot.pause(0.2)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.shown == ["new"]
        assert str(screen.query_one("#out", Static).render()) == "new"


async def test_an_unexpected_database_error_in_a_load_is_a_notice_and_the_app_stays_open():
    app = record_notices(ProbeApp())
    async with app.run_test() as pilot:
        app.screen.load(broken, app.screen.show_value)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert notices(app, "error") == ["Kunde inte läsa data (se loggfilen)"]
        assert app.is_running and isinstance(app.screen, Probe)


async def test_a_write_that_fails_is_a_notice_with_its_own_swedish_message():
    app = record_notices(ProbeApp())
    async with app.run_test() as pilot:
        saved: list[int] = []

        def refused() -> int:
            raise ShkError("Kontakten finns inte längre")

        app.screen.write(refused, saved.append)
        app.screen.write(broken, saved.append)
        app.screen.write(lambda: 7, saved.append)
        await pilot.pause()
        assert saved == [7]
        assert notices(app, "error") == ["Kontakten finns inte längre", "Kunde inte spara (se loggfilen); inget sparades"]


async def test_a_load_superseded_before_it_started_does_not_run_its_query():
    """Typing fast starts a load per key: only the newest must query (each query also holds a
    connection with its page cache; ten of them at once cost 50 MB at 100 000 contacts)."""
    app = record_notices(ProbeApp())
    async with app.run_test() as pilot:
        screen = app.screen
        ran: list[str] = []

        def fetch(word: str):
            def run() -> str:
                ran.append(word)
                return word
            return run

        for word in ("a", "an", "and", "ande"):
            screen.load(fetch(word), screen.show_value)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert ran == ["ande"] and screen.shown == ["ande"]


async def test_an_unexpected_failure_of_a_write_reaches_on_error_with_the_swedish_line():
    """One mechanism for every refusal: a form given ``on_error`` shows the unexpected failure where
    it shows its other errors (no per-dialog try/except)."""
    app = record_notices(ProbeApp())
    async with app.run_test() as pilot:
        seen: list[str] = []
        app.screen.write(broken, lambda _: None, on_error=lambda exc: seen.append(exc.message),
                         failed="Kunde inte spara avtalet")
        await pilot.pause()
        assert seen == ["Kunde inte spara avtalet"] and notices(app) == []
