"""``shk due`` on a ready SQLite file (#17) reads through db.light: no SQLAlchemy, SQLModel, Pydantic or models
imported, the same text as through the Database, and what an interrupted backup left is removed as the full
open removes it; a file at an older schema still takes the full open (and is upgraded)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import date

from shk_tui.commands.contracts import due_text
from shk_tui.services import attention
from shk_tui.services.demo import seed as demo

HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "shk_tui.db.models", "shk_tui.db.engine")
SCRIPT = """
import contextlib, io, json, sys
from shk_tui import cli
out = io.StringIO()
with contextlib.redirect_stdout(out):
    code = cli.main(["--db", {path!r}, "due", "--today", {today!r}])
print(json.dumps({{"code": code, "heavy": [m for m in {heavy!r} if m in sys.modules], "out": out.getvalue()}}))
"""


def _due(path, today: date) -> dict:  # noqa: ANN001
    proc = subprocess.run([sys.executable, "-c", SCRIPT.format(path=str(path), today=today.isoformat(), heavy=HEAVY)],
                          capture_output=True, text=True, timeout=120, env=dict(os.environ))
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_due_reads_light_and_prints_what_the_database_gives(sqlite_db):
    today = date(2026, 11, 25)
    demo.load(sqlite_db, today=today)
    expected = due_text(attention.collect(sqlite_db, today), today)
    path = sqlite_db.config.sqlite_path
    orphan = sqlite_db.config.backup_dir / ".shk-backup-0a1b2c3d.999999999.tmp"
    orphan.parent.mkdir(parents=True, exist_ok=True)
    orphan.write_bytes(b"half a backup")
    old = time.time() - 7 * 86400
    os.utime(orphan, (old, old))
    sqlite_db.dispose()
    got = _due(path, today)
    assert got["code"] == 0 and got["heavy"] == []
    assert got["out"] == expected
    assert not orphan.exists()


def test_due_on_an_older_schema_takes_the_full_open(sqlite_db):
    import sqlite3

    path = sqlite_db.config.sqlite_path
    sqlite_db.dispose()
    conn = sqlite3.connect(path)
    conn.execute("DROP INDEX ix_contact_listed")  # as 0009 left it
    conn.execute("UPDATE alembic_version SET version_num = '0009'")
    conn.commit()
    conn.close()
    got = _due(path, date(2026, 11, 25))
    assert got["code"] == 0 and "sqlalchemy" in got["heavy"]
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [("0010",)]
    conn.close()
