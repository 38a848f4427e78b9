"""``shk``'s light start (#17), as a real process: on a ready SQLite file Översikt's first rows are painted
before SQLAlchemy, SQLModel, Pydantic or the models are imported (``db.light``); the real database is opened
in a worker right after, before the user needs it; an empty database still gets the example-data offer; a
day with a due auto-renewal rolls it first (through the real database) and says so; PostgreSQL, a new file
and an older schema take the full open as before."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from shk_tui.config import resolve
from shk_tui.db.engine import Database
from shk_tui.db.light import at_head

HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "shk_tui.db.models", "shk_tui.db.engine")

SCRIPT = """
import asyncio, json, sys
from shk_tui import cli, config
HEAVY = {heavy!r}
db = cli._light(config.resolve({path!r}))
out = {{"light": db is not None}}
from shk_tui.app import ShkApp
from shk_tui.ui.overview.overview import OverviewScreen
shown = OverviewScreen._show_items

def show(self, items):
    out.setdefault("heavy_at_first_rows", [m for m in HEAVY if m in sys.modules])
    out.setdefault("first", [(i.category, i.text) for i in items.items])
    shown(self, items)

OverviewScreen._show_items = show

async def main():
    app = ShkApp(db)
    seen = []
    app.notify = lambda message, **kw: seen.append(str(message))
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(200):
            await pilot.pause(0.05)
            if getattr(db, "opened", True) and all(w.is_finished for w in app.workers) and getattr(app.screen, "loads", 1):
                break
        await pilot.pause(0.2)
        out["opened"] = getattr(db, "opened", True)
        out["screen"] = type(app.screen).__name__
        out["rows"] = app.screen.query_one("#attention").row_count if hasattr(app.screen, "row_items") else 0
        out["notices"] = seen
    db.dispose()

asyncio.run(main())
print(json.dumps(out))
"""


def _start(path: Path) -> dict:
    env = {**os.environ}
    proc = subprocess.run([sys.executable, "-c", SCRIPT.format(heavy=HEAVY, path=str(path))], capture_output=True,
                          text=True, timeout=120, env=env)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _demo(path: Path, today: date) -> None:
    from shk_tui.services.demo import seed as demo

    db = Database(resolve(str(path)))
    try:
        demo.load(db, today=today)
    finally:
        db.dispose()


def _expected(path: Path, today: date) -> list[tuple[str, str]]:
    from shk_tui.services import attention

    db = Database(resolve(str(path)))
    try:
        return [(i.category, i.text) for i in attention.collect(db, today)]
    finally:
        db.dispose()


def test_the_first_rows_come_before_sqlalchemy_and_the_database_opens_after(sqlite_db):
    path = sqlite_db.config.sqlite_path
    _demo(path, date.today())
    from shk_tui.services.contracts import contract_edit

    contract_edit.roll_renewals(sqlite_db, date.today())  # a later start of the day: nothing left to roll
    sqlite_db.dispose()
    out = _start(path)
    assert out["light"] is True
    assert out["heavy_at_first_rows"] == []
    assert [tuple(x) for x in out["first"]] == _expected(path, date.today())  # the same rows as the full read
    assert out["screen"] == "OverviewScreen" and out["rows"] > 0
    assert out["opened"] is True  # opened in a worker after the first rows
    assert out["notices"] == []


def test_a_due_renewal_is_rolled_before_the_rows_and_reported(sqlite_db):
    path = sqlite_db.config.sqlite_path
    _demo(path, date(2025, 1, 15))  # built long ago: auto-renewals are due today
    sqlite_db.dispose()
    out = _start(path)
    assert out["light"] is True
    assert any("förlängt automatiskt" in n for n in out["notices"]), out["notices"]
    assert [tuple(x) for x in out["first"]] == _expected(path, date.today())


def test_an_empty_database_still_gets_the_example_data_offer(sqlite_db):
    path = sqlite_db.config.sqlite_path
    sqlite_db.dispose()
    out = _start(path)
    assert out["light"] is True and out["heavy_at_first_rows"] == []
    assert out["screen"] == "ConfirmScreen"  # "Ladda exempeldata?"
    assert out["opened"] is True


@pytest.mark.parametrize("kind", ["new", "older"])
def test_a_file_that_is_not_ready_takes_the_full_open(sqlite_db, tmp_path, kind):
    if kind == "new":
        path = tmp_path / "ny.sqlite3"
    else:
        import sqlite3

        path = sqlite_db.config.sqlite_path
        sqlite_db.dispose()
        conn = sqlite3.connect(path)
        conn.execute("UPDATE alembic_version SET version_num = '0008'")
        conn.commit()
        conn.close()
    assert not at_head(path)
    from shk_tui import cli

    assert cli._light(resolve(str(path))) is None


async def test_after_the_light_start_oversikt_reads_afresh_when_shown_again(sqlite_db):
    """The start's rows serve the first showing only: back from another section, Översikt reads again."""
    from shk_tui import cli
    from shk_tui.app import ShkApp
    from shk_tui.services.contracts import contract_edit
    from shk_tui.ui.overview.overview import OverviewScreen, start_rows
    from tests.ui.conftest import settle

    today = date.today()
    _demo(sqlite_db.config.sqlite_path, today)
    contract_edit.roll_renewals(sqlite_db, today)
    sqlite_db.dispose()
    lazy = cli._light(sqlite_db.config)
    assert lazy is not None
    app = ShkApp(lazy, today=today)
    app.start_rows = start_rows(lazy, today)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, OverviewScreen) and screen.loads == 1 and app.start_rows is None
            await pilot.press("3")
            await settle(pilot)
            await pilot.press("1")
            await settle(pilot)
            assert app.screen is screen and screen.loads == 2
    finally:
        lazy.dispose()
