"""Two writers at once on one SQLite file: writes begin IMMEDIATE and wait for each other (the busy
timeout) instead of failing with "database is locked"; a write that cannot get the lock in time is
a Swedish message; the TUI shows that it waits and keeps the form open."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from shk_tui import cli
from shk_tui.config import resolve
from shk_tui.db import engine as engine_mod
from shk_tui.db.engine import Database
from shk_tui.errors import DatabaseBusy, WouldWait
from shk_tui.services.contacts import contact_list, contacts
from shk_tui.ui.base import saving
from tests.helpers.proc import record_notifications, run_shk, start_shk

HOLD = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
conn.execute("COMMIT")
"""


def _csv(path: Path, prefix: str, n: int) -> Path:
    lines = ["Förnamn;Efternamn;E-post"]
    lines += [f"{prefix}{i};Person;{prefix.lower()}{i}@example.se" for i in range(n)]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


@pytest.fixture
def dbfile(tmp_path: Path) -> Path:
    path = tmp_path / "shk.sqlite3"
    assert cli.main(["--db", str(path), "db", "upgrade"]) == 0
    return path


def _hold_lock(path: Path, seconds: float) -> subprocess.Popen[str]:
    """Another process that holds the write lock for ``seconds``."""
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(path), str(seconds)], stdout=subprocess.PIPE,
                            text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
    return proc


def _count(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM contact").fetchone()[0]
    finally:
        conn.close()


def test_two_imports_at_once_both_succeed(dbfile: Path, tmp_path: Path) -> None:
    a = _csv(tmp_path / "a.csv", "Anna", 3000)
    b = _csv(tmp_path / "b.csv", "Bertil", 3000)
    data = tmp_path / "data"
    procs = [start_shk(["--db", str(dbfile), "import", "contacts", str(f)], data_dir=data) for f in (a, b)]
    results = [p.communicate(timeout=120) for p in procs]
    for proc, (_out, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, err
        assert "locked" not in err and "Traceback" not in err
    assert _count(dbfile) == 6000


def test_a_write_waits_for_another_process_instead_of_failing(dbfile: Path, tmp_path: Path) -> None:
    holder = _hold_lock(dbfile, 1.5)
    try:
        started = time.monotonic()
        done = run_shk(["--db", str(dbfile), "import", "contacts", str(_csv(tmp_path / "c.csv", "C", 5))],
                       data_dir=tmp_path / "data")
        waited = time.monotonic() - started
    finally:
        holder.wait(timeout=30)
    assert done.returncode == 0, done.stderr
    assert waited >= 1.0  # it waited for the other process rather than failing at once
    assert _count(dbfile) == 5


def test_gdpr_erase_during_an_import_waits_and_succeeds(dbfile: Path, tmp_path: Path) -> None:
    db = Database(resolve(str(dbfile)))
    try:
        cid = contacts.save(db, contacts.ContactInput(first_name="Åsa", last_name="Öberg",
                                                     email="asa@example.se"), None)
    finally:
        db.dispose()
    data = tmp_path / "data"
    imp = start_shk(["--db", str(dbfile), "import", "contacts", str(_csv(tmp_path / "d.csv", "D", 20000))],
                    data_dir=data)
    time.sleep(0.3)
    erase = run_shk(["--db", str(dbfile), "gdpr", "erase", str(cid), "--reason", "begäran", "--yes"],
                    data_dir=data)
    _out, err = imp.communicate(timeout=120)
    assert imp.returncode == 0, err
    assert erase.returncode == 0, erase.stderr
    assert _count(dbfile) == 20001


def test_a_lock_held_too_long_is_a_swedish_message(dbfile: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine_mod, "BUSY_TIMEOUT_MS", 600)
    db = Database(resolve(str(dbfile)))
    holder = _hold_lock(dbfile, 3)
    try:
        with pytest.raises(DatabaseBusy) as caught:
            contacts.save(db, contacts.ContactInput(first_name="Per", last_name="Ek"), None)
        assert "upptagen" in caught.value.message
        with pytest.raises(WouldWait), db.no_wait():
            contacts.save(db, contacts.ContactInput(first_name="Per", last_name="Ek"), None)
        # reads never wait for a writer
        assert contact_list.search(db, contact_list.ContactFilter()).rows == []
    finally:
        holder.wait(timeout=30)
        db.dispose()
    assert _count(dbfile) == 0


class _Form(Screen):
    def __init__(self) -> None:
        super().__init__()
        self.saved: list[int] = []
        self.errors: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static("Formulär", id="form")

    def do_save(self) -> None:
        saving.save(self, lambda: contacts.save(self.app.db, contacts.ContactInput(first_name="Åsa",
                                                                                   last_name="Öberg"), None),
                    self.saved.append, on_error=lambda exc: self.errors.append(exc.message))


class _App(App):
    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.notes: list[str] = []

    def on_mount(self) -> None:
        self.push_screen(_Form())

    def notify(self, message, **kwargs):  # noqa: ANN001, ANN003 - record what the user is told
        self.notes.append(str(message))
        return super().notify(message, **kwargs)


async def _wait_until(pilot, cond, seconds: float = 20) -> None:  # noqa: ANN001
    deadline = time.monotonic() + seconds
    while not cond():
        assert time.monotonic() < deadline, "timed out"
        await pilot.pause(0.05)


async def test_tui_save_shows_waiting_and_saves_when_the_lock_is_released(dbfile: Path) -> None:
    db = Database(resolve(str(dbfile)))
    app = _App(db)
    try:
        async with app.run_test() as pilot:
            form = app.screen
            assert isinstance(form, _Form)
            holder = await asyncio_to_thread(_hold_lock, dbfile, 1.5)
            form.do_save()
            assert any("Väntar på databasen" in n for n in app.notes)
            assert saving.is_waiting(form)
            await _wait_until(pilot, lambda: form.saved)
            assert app.screen is form and not form.errors
            holder.wait(timeout=30)
    finally:
        db.dispose()
    assert _count(dbfile) == 1


async def test_tui_save_that_cannot_get_the_lock_keeps_the_form(dbfile: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine_mod, "BUSY_TIMEOUT_MS", 500)
    db = Database(resolve(str(dbfile)))
    app = _App(db)
    try:
        async with app.run_test() as pilot:
            form = app.screen
            holder = await asyncio_to_thread(_hold_lock, dbfile, 3)
            form.do_save()
            await _wait_until(pilot, lambda: form.errors)
            assert "upptagen" in form.errors[0]
            assert app.screen is form and not form.saved and not saving.is_waiting(form)
            holder.wait(timeout=30)
    finally:
        db.dispose()
    assert _count(dbfile) == 0


async def asyncio_to_thread(func, *args):  # noqa: ANN001, ANN002
    import asyncio

    return await asyncio.to_thread(func, *args)


def test_on_wait_is_called_from_the_waiting_thread(dbfile: Path) -> None:
    db = Database(resolve(str(dbfile)))
    calls: list[str] = []
    db.on_wait = lambda: calls.append(threading.current_thread().name)
    holder = _hold_lock(dbfile, 1.0)
    try:
        contacts.save(db, contacts.ContactInput(first_name="Per", last_name="Ek"), None)
    finally:
        holder.wait(timeout=30)
        db.dispose()
    assert calls == [threading.current_thread().name]


class _Raises(Screen):
    BINDINGS = [("x", "explode", "Spara")]

    def compose(self) -> ComposeResult:
        yield Static("Skärm", id="raises")

    def action_explode(self) -> None:
        raise DatabaseBusy()


async def test_an_action_refused_by_the_database_is_a_notice_and_the_app_stays_open(dbfile: Path) -> None:
    from shk_tui.app import ShkApp

    db = Database(resolve(str(dbfile)))
    app = ShkApp(db)
    notes = record_notifications(app)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            app.push_screen(_Raises())
            await pilot.pause()
            await pilot.press("x")
            await pilot.pause()
            assert app.is_running and isinstance(app.screen, _Raises)
            assert any("upptagen" in t for t in notes), notes
            await pilot.press("x")  # the app's message loop is still alive
            await pilot.pause()
            assert app.is_running
    finally:
        db.dispose()
