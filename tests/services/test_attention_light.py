"""Översikt's providers on the light read path (#17): each imports without SQLAlchemy, SQLModel,
Pydantic or the models, and gives the same items through a plain ``SqliteReader`` on the file as through
the Database (its engine) — on SQLite, and on PostgreSQL the same items as SQLite for the same data."""

from __future__ import annotations

import importlib
import shutil
import subprocess
import sys
from datetime import date

import pytest

from shk_tui.config import resolve
from shk_tui.db.engine import Database
from shk_tui.db.light import SqliteReader
from shk_tui.services import attention, summary
from shk_tui.services.demo import seed as demo
from tests.ui.conftest import TODAY

HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "shk_tui.db.models", "shk_tui.db.engine")
LIGHT = (*(f"shk_tui.services.{name}" for name in attention.PROVIDERS), "shk_tui.services.attention",
         "shk_tui.services.summary")
#: Days the example data (built as of TODAY) says different things on: overdue, upcoming, gallring due.
DAYS = (TODAY, date(2026, 1, 15), date(2027, 6, 30), date(2029, 12, 31))
OURS = ("events.event_attention", "portfolio.portfolio_attention", "budget.budget_attention",
        "contacts.contact_attention", "gallring_plan")


@pytest.mark.parametrize("module", LIGHT)
def test_module_imports_light(module):
    code = f"import sys, {module}; print([m for m in {HEAVY!r} if m in sys.modules])"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]", f"{module} imports {done.stdout.strip()}"


def _items(source, day: date) -> list[attention.AttentionItem]:
    items = []
    for name in OURS:
        items += importlib.import_module(f"shk_tui.services.{name}").attention_items(source, day)
    return sorted(items, key=attention.sort_key)


def _by_day(source) -> dict[date, tuple]:
    return {day: (_items(source, day), summary.overview(source, today=day)) for day in DAYS}


def test_a_plain_sqlite_reader_gives_the_same_items(sqlite_db):
    demo.load(sqlite_db, today=TODAY)
    expected = _by_day(sqlite_db)
    reader = SqliteReader(sqlite_db.config.sqlite_path)
    try:
        assert _by_day(reader) == expected
    finally:
        reader.close()
    sections = {i.section for items, _ in expected.values() for i in items}
    assert {"evenemang", "portfolj", "kontakter", "gallring"} <= sections


def test_each_backend_gives_the_same_items(db, _sqlite_template, tmp_path):
    """The same example data on this backend and on a SQLite file: the same items, read by the Database."""
    other = tmp_path / "other.sqlite3"
    shutil.copyfile(_sqlite_template, other)
    on_sqlite = Database(resolve(str(other)))
    try:
        demo.load(on_sqlite, today=TODAY)
        expected = _by_day(on_sqlite)
    finally:
        on_sqlite.dispose()
    demo.load(db, today=TODAY)
    assert _by_day(db) == expected
