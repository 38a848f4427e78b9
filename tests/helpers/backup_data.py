"""Test data for the backup, restore and open_database tests: rows in several tables, and reading a
SQLite file straight (every row, the file mode, the contact count)."""

from __future__ import annotations

import importlib.util
import os
import sqlite3
import stat
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa

from shk_tui.db.engine import Database
from shk_tui.db.models import Contact, Event, Initiative, Organisation, Participation, Tag


def seed(db: Database) -> None:
    """Rows in several tables: the demo data when that service exists, plus our own."""
    if importlib.util.find_spec("shk_tui.services.demo.seed") is not None:
        from shk_tui.services.demo import seed as demo

        demo.load(db)
    with db.session() as s:
        org = Organisation(name="Backupkommunen", city="Västerås")
        s.add(org)
        s.flush()
        c = Contact(first_name="Åsa", last_name="Öberg", organisation_id=org.id, email="asa@example.se")
        c.tags.append(Tag(name="Backup-tagg"))
        s.add(c)
        ini = Initiative(name="Backupinitiativ", budget_ore=1_272_000_00)
        s.add(ini)
        s.flush()
        ev = Event(title="Backupträff", starts_at=datetime(2025, 3, 4, 9, 0), initiative_id=ini.id, capacity=10)
        s.add(ev)
        s.flush()
        s.add(Participation(event_id=ev.id, contact_id=c.id))


def dump(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, sorted, read straight from the file."""
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                             "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
    finally:
        conn.close()


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def count_contacts(db: Database) -> int:
    with db.engine.connect() as conn:
        return conn.execute(sa.text("SELECT count(*) FROM contact")).scalar_one()

