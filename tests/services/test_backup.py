"""Backups: the online copy (consistent while others write), name, 0600 and rotation, the daily
automatic backup, refusing non-database or live targets, clearing orphaned temporary files, a full disk."""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from shk_tui.config import resolve
from shk_tui.db.models import Contact, Organisation
from shk_tui.errors import BadInput, ShkError
from shk_tui.services import backup, storage
from tests.helpers.backup_data import count_contacts, dump, mode, seed


def test_backup_restore_round_trip_keeps_every_row(sqlite_db, tmp_path):
    seed(sqlite_db)
    path = sqlite_db.config.sqlite_path
    before = dump(path)
    assert sum(len(rows) for rows in before.values()) >= 10
    assert {"contact", "organisation", "event", "participation", "initiative", "tag", "audit_entry"} <= {
        t for t, rows in before.items() if rows}

    copy = backup.backup(sqlite_db, tmp_path / "kopia.sqlite3")
    assert mode(copy) == 0o600
    assert not Path(f"{copy}-wal").exists() and not Path(f"{copy}-shm").exists()

    with sqlite_db.session() as s:  # modify after the backup: add, change, delete
        s.add(Organisation(name="Efter backupen"))
        s.get(Contact, 1).title = "Ändrad"
    with sqlite_db.engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM participation"))
    assert dump(path) != before
    sqlite_db.dispose()

    kept = backup.restore(sqlite_db.config, copy)
    assert dump(path) == before
    assert kept is not None and kept.parent == sqlite_db.config.backup_dir
    assert "Efter backupen" in repr(dump(kept)["organisation"])  # the replaced database was kept
    assert mode(path) == 0o600


def test_backup_is_consistent_while_another_connection_writes(sqlite_db, tmp_path):
    seed(sqlite_db)
    path = sqlite_db.config.sqlite_path
    committed = count_contacts(sqlite_db)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN")
    other.execute("INSERT INTO tag (name, created_at, updated_at) VALUES ('Ej committad', '2025-01-01', '2025-01-01')")
    try:
        # the seeded rows are committed but still in the WAL: the app's pooled connection is open
        assert Path(f"{path}-wal").stat().st_size > 0
        out = backup.backup(sqlite_db, tmp_path / "live.sqlite3")
    finally:
        other.execute("ROLLBACK")
        other.close()
    rows = dump(out)
    assert len(rows["contact"]) == committed
    assert "Ej committad" not in repr(rows["tag"])
    assert "Backupkommunen" in repr(rows["organisation"])
    check = sqlite3.connect(out)
    assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert check.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    check.close()


def test_default_backup_name_mode_and_rotation(sqlite_db):
    start = datetime(2025, 1, 1, 12, 0, 0)
    made = [backup.backup(sqlite_db, now=start + timedelta(hours=i)) for i in range(12)]
    safety = [backup.backup(sqlite_db, reason=backup.PRE_UPGRADE, now=start - timedelta(days=30 - i))
              for i in range(7)]
    before_restore = [backup.backup(sqlite_db, reason=backup.PRE_RESTORE, now=start - timedelta(days=60 - i))
                      for i in range(6)]
    bdir = sqlite_db.config.backup_dir
    assert made[0].name == "shk-20250101-120000.sqlite3"
    assert mode(bdir) == 0o700
    left = sorted(p.name for p in bdir.iterdir())
    # every kind rotates on its own: the 10 newest plain, the 5 newest of each safety kind
    assert left == sorted([p.name for p in made[2:]] + [p.name for p in safety[2:]]
                          + [p.name for p in before_restore[1:]])
    assert all(mode(bdir / n) == 0o600 for n in left)
    same_second = backup.backup(sqlite_db, now=start + timedelta(hours=11))
    assert same_second.name == "shk-20250101-230000-1.sqlite3"
    assert [b.path for b in backup.list_backups(bdir)][-1] == same_second


def test_latest_backup_age(sqlite_db):
    assert backup.latest_backup_age(sqlite_db) is None
    backup.backup(sqlite_db, now=datetime(2025, 1, 1, 8, 0))
    assert backup.latest_backup_age(sqlite_db, now=datetime(2025, 1, 2, 9, 0)) == timedelta(days=1, hours=1)


def test_auto_backup_only_when_older_than_a_day(sqlite_db):
    seed(sqlite_db)
    cfg = sqlite_db.config
    sqlite_db.dispose()
    bdir = cfg.backup_dir
    storage.open_database(cfg, auto_backup=True).dispose()
    first = list(bdir.iterdir())
    assert len(first) == 1
    storage.open_database(cfg, auto_backup=True).dispose()
    assert list(bdir.iterdir()) == first  # fresh backup: none taken
    storage.open_database(cfg).dispose()
    assert list(bdir.iterdir()) == first  # CLI commands: no automatic backup
    old = first[0].with_name((datetime.now() - timedelta(days=2)).strftime("shk-%Y%m%d-%H%M%S.sqlite3"))
    first[0].rename(old)
    storage.open_database(cfg, auto_backup=True).dispose()
    assert len(list(bdir.iterdir())) == 2


def test_auto_backup_skips_an_empty_new_database(tmp_path):
    cfg = resolve(str(tmp_path / "ny.sqlite3"))
    storage.open_database(cfg, auto_backup=True).dispose()
    assert not cfg.backup_dir.exists()


def test_backup_refuses_to_overwrite_a_non_database_file(sqlite_db, tmp_path):
    victim = tmp_path / "rapport.txt"
    victim.write_text("viktigt")
    with pytest.raises(BadInput, match="ingen SQLite-databas"):
        backup.backup(sqlite_db, victim)
    assert victim.read_text() == "viktigt"
    with pytest.raises(BadInput, match="Katalogen finns inte"):
        backup.backup(sqlite_db, tmp_path / "saknas" / "x.sqlite3")
    assert not (tmp_path / "saknas").exists()


def test_postgres_backup_and_restore_point_to_pg_dump(tmp_path):
    cfg = resolve("postgresql+psycopg://shk@127.0.0.1:1/shk")
    with pytest.raises(BadInput, match="pg_dump"):
        backup.backup(cfg)
    with pytest.raises(BadInput, match="pg_dump"):
        backup.restore(cfg, tmp_path / "x.sqlite3")


# --- orphans, full disk, live targets --------------------------------------------------------------


def test_clean_orphans_removes_dead_or_old_temp_files_only(sqlite_db):
    cfg = sqlite_db.config
    bdir = cfg.backup_dir
    bdir.mkdir(parents=True)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True).stdout.strip()
    orphan = bdir / f".shk-kopia-0a1b2c3d.{dead}.tmp"
    orphan_journal = Path(f"{orphan}-journal")
    old_style = bdir / f".shk-20250101-120000.sqlite3.{dead}.tmp"  # left by earlier versions
    beside = cfg.sqlite_path.parent / f".shk-aterstallning-00ff00ff.{dead}.tmp"
    running = bdir / f".shk-kopia-11223344.{os.getpid()}.tmp"  # a backup still in progress
    stale = bdir / f".shk-kopia-55667788.{os.getpid()}.tmp"
    unrelated = bdir / ".shk-anteckningar.txt"
    for p in (orphan, orphan_journal, old_style, beside, running, stale, unrelated):
        p.write_bytes(b"x")
    old = (datetime.now() - backup.ORPHAN_AGE - timedelta(minutes=1)).timestamp()
    os.utime(stale, (old, old))
    removed = backup.clean_orphans(cfg)
    assert sorted(removed) == sorted([orphan, orphan_journal, old_style, beside, stale])
    assert running.exists() and unrelated.exists()
    backup.backup(sqlite_db)  # every backup cleans too
    assert running.exists() and not any(p.name.endswith(f".{dead}.tmp") for p in bdir.iterdir())


def test_a_full_disk_is_reported_as_a_full_disk(sqlite_db, tmp_path, monkeypatch):
    from shk_tui.db import sqlite_file

    seed(sqlite_db)
    good = backup.backup(sqlite_db, tmp_path / "kopia.sqlite3")

    def full(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(sqlite_file, "copy", full)
    with pytest.raises(ShkError, match="^Disken är full"):
        backup.backup(sqlite_db, tmp_path / "ny.sqlite3")
    assert not (tmp_path / "ny.sqlite3").exists() and not list(tmp_path.glob(".shk-*"))
    with pytest.raises(ShkError, match="^Disken är full"):
        backup.restore(sqlite_db.config, good)
    monkeypatch.undo()

    def enospc(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", enospc)
    with pytest.raises(ShkError, match="^Disken är full"):
        backup.backup(sqlite_db, tmp_path / "ny.sqlite3")
    monkeypatch.undo()
    monkeypatch.setattr(sqlite_file, "connect_ro", full)
    with pytest.raises(ShkError, match="^Disken är full"):
        backup.inspect_file(good)


def test_backup_refuses_to_replace_a_database_in_use(sqlite_db, tmp_path):
    other = tmp_path / "annan.sqlite3"
    conn = sqlite3.connect(other)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    try:
        before = other.read_bytes()
        with pytest.raises(BadInput, match="används"):
            backup.backup(sqlite_db, other)
        assert other.read_bytes() == before
    finally:
        conn.close()
