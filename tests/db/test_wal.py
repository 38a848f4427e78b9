"""A large write's checkpoint (``db.wal``): its commit returns with the rows in the write-ahead log,
committed and visible to another process, without copying the log into the database file; that copy
is made on a background thread once the connection is back in the pool, and the connection's
auto-checkpoint is as before. ``Database.dispose`` waits for it. A contact import above
``MIN_ROWS`` uses it; a small one does not. PostgreSQL has nothing of it."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from shk_tui.db import wal
from shk_tui.services.contacts import contact_bulk_sqlite as bulk
from shk_tui.services.contacts import contact_import as imp

ROWS, BLOB = 3000, 4000  # ~12 MB: well above SQLite's 1 000-page auto-checkpoint


def _file(db) -> Path:
    return Path(db.config.sqlite_path)


def _pages_setting(db) -> set[int]:
    """``wal_autocheckpoint`` of every connection the pool hands out now (two at once: both kinds)."""
    with db.read_engine.connect() as a, db.read_engine.connect() as b:
        return {c.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar_one() for c in (a, b)}


def _held(db, monkeypatch) -> tuple[threading.Event, threading.Event]:
    """The background checkpoint waits for ``release``; ``started`` is set when it is asked for."""
    started, release = threading.Event(), threading.Event()
    real = db.checkpoints.run

    def run() -> None:
        started.set()
        release.wait(30)
        real()

    monkeypatch.setattr(db.checkpoints, "run", run)
    return started, release


def _count_elsewhere(path: Path) -> int:
    code = ("import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
            "print(c.execute('SELECT count(*) FROM wal_probe').fetchone()[0])")
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True)
    return int(out.stdout)


def test_a_large_writes_commit_leaves_the_copy_into_the_file_to_a_background_checkpoint(sqlite_db, monkeypatch):
    db = sqlite_db
    started, release = _held(db, monkeypatch)
    before = os.path.getsize(_file(db))
    with db.session() as s:
        conn = s.connection()
        wal.defer_checkpoint(conn)
        assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar_one() == 0
        conn.exec_driver_sql("CREATE TABLE wal_probe (b BLOB)")
        conn.exec_driver_sql("INSERT INTO wal_probe (b) VALUES (zeroblob(?))", [(BLOB,)] * ROWS)
    assert started.wait(10)  # asked for once the connection was back in the pool
    # committed: another process reads every row, from the log; the file itself is as before
    assert _count_elsewhere(_file(db)) == ROWS
    assert os.path.getsize(_file(db)) < before + 1_000_000
    assert os.path.getsize(f"{_file(db)}-wal") > ROWS * BLOB
    assert _pages_setting(db) == {wal.AUTO_PAGES}  # the connection's auto-checkpoint is back
    release.set()
    db.dispose()  # waits for the checkpoint
    assert os.path.getsize(_file(db)) > before + ROWS * BLOB
    assert _count_elsewhere(_file(db)) == ROWS


def test_a_rolled_back_large_write_also_gets_its_auto_checkpoint_back(sqlite_db):
    db = sqlite_db
    with pytest.raises(RuntimeError), db.session() as s:
        wal.defer_checkpoint(s.connection())
        raise RuntimeError("avbrutet")
    db.checkpoints.join()
    assert _pages_setting(db) == {wal.AUTO_PAGES}


def test_an_ordinary_write_checkpoints_as_sqlite_does(sqlite_db, monkeypatch):
    db = sqlite_db
    asked: list[bool] = []
    monkeypatch.setattr(db.checkpoints, "run", lambda: asked.append(True))
    with db.session() as s:
        s.connection().exec_driver_sql("CREATE TABLE wal_probe (b BLOB)")
    db.checkpoints.join()
    assert asked == []
    assert _pages_setting(db) == {wal.AUTO_PAGES}


def _csv(n: int) -> bytes:
    rows = "".join(f"Person{i};Efter{i};p{i}@example.se\r\n" for i in range(n))
    return ("Förnamn;Efternamn;E-post\r\n" + rows).encode("utf-8")


@pytest.mark.parametrize(("rows", "deferred"), [(12, True), (4, False)])
def test_a_large_contact_import_defers_its_checkpoint_and_a_small_one_does_not(sqlite_db, monkeypatch, rows,
                                                                             deferred):
    db = sqlite_db
    monkeypatch.setattr(bulk, "MIN_ROWS", 5)
    asked: list[bool] = []
    monkeypatch.setattr(db.checkpoints, "run", lambda: asked.append(True))
    assert imp.apply(db, imp.plan(db, _csv(rows), "k.csv")) == rows
    db.checkpoints.join()
    assert asked == ([True] if deferred else [])
    assert _pages_setting(db) == {wal.AUTO_PAGES}


def test_only_sqlite_has_a_checkpoint_to_defer(db):
    assert (db.checkpoints is not None) == (db.dialect == "sqlite")
    with db.session() as s:
        wal.defer_checkpoint(s.connection())  # on PostgreSQL: nothing to do, and nothing fails
    assert imp.apply(db, imp.plan(db, _csv(3), "k.csv")) == 3
