"""storage.open_database: the backup before an upgrade, none for a new database, removing a file it
created when the migration fails, refusing newer or foreign schemas."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa

from shk_tui.config import resolve
from shk_tui.db import migrate, schema_head
from shk_tui.errors import BadInput, ShkError
from shk_tui.services import backup, storage
from tests.helpers.backup_data import dump, seed


def test_backup_is_taken_before_an_upgrade(sqlite_db, monkeypatch):
    seed(sqlite_db)
    cfg = sqlite_db.config
    sqlite_db.dispose()
    seen = []

    def fake_upgrade(db):
        seen.append([p.name for p in cfg.backup_dir.iterdir()])
        return True

    monkeypatch.setattr(schema_head, "stored", lambda db: "0000_gammal")  # as if made by an older version
    monkeypatch.setattr(migrate, "needs_upgrade", lambda db: not seen)
    monkeypatch.setattr(migrate, "upgrade", fake_upgrade)
    db = storage.open_database(cfg)
    db.dispose()
    assert len(seen) == 1 and len(seen[0]) == 1 and seen[0][0].endswith(f"-{backup.PRE_UPGRADE}.sqlite3")
    assert dump(cfg.backup_dir / seen[0][0])["contact"] == dump(cfg.sqlite_path)["contact"]


def test_no_backup_when_upgrading_a_new_database(tmp_path):
    cfg = resolve(str(tmp_path / "ny.sqlite3"))
    db, result = storage.open_with_result(cfg)
    db.dispose()
    assert result.before is None and result.after == migrate.head() and result.backup is None
    assert not cfg.backup_dir.exists()


def test_failed_migration_removes_the_file_it_created(tmp_path, monkeypatch):
    def boom(db):
        raise RuntimeError("migration failed")

    monkeypatch.setattr(migrate, "upgrade", boom)
    target = tmp_path / "a" / "b" / "ny.sqlite3"
    with pytest.raises(RuntimeError):
        storage.open_database(resolve(str(target)))
    assert not (tmp_path / "a").exists()


def test_open_refuses_a_newer_schema_without_touching_the_file(sqlite_db):
    path = sqlite_db.config.sqlite_path
    with sqlite_db.engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999_framtid'"))
    sqlite_db.dispose()
    before = path.read_bytes()
    with pytest.raises(ShkError, match="nyare än den här versionen") as info:
        storage.open_database(sqlite_db.config)
    assert info.value.exit_code == 2
    assert path.read_bytes() == before
    assert not Path(f"{path}-wal").exists() and not Path(f"{path}-shm").exists()


def test_open_refuses_a_foreign_sqlite_database_without_changing_it(tmp_path):
    foreign = tmp_path / "annat.sqlite3"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE recept (namn TEXT)")
    conn.commit()
    conn.close()
    before = foreign.read_bytes()
    with pytest.raises(BadInput, match="skapades inte av shk-tui"):
        storage.open_database(resolve(str(foreign)))
    assert foreign.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("annat")] == ["annat.sqlite3"]  # no -wal/-shm


@pytest.mark.postgres
def test_open_refuses_a_newer_schema_on_postgres(pg_server):
    admin = sa.create_engine(pg_server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql("CREATE DATABASE t_too_new TEMPLATE shk_template")
    cfg = resolve(pg_server.rsplit("/", 1)[0] + "/t_too_new")
    try:
        db = storage.open_database(cfg)
        with db.engine.begin() as conn:
            conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999_framtid'"))
        db.dispose()
        with pytest.raises(ShkError, match="nyare") as info:
            storage.open_database(cfg)
        assert info.value.exit_code == 2
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql("DROP DATABASE IF EXISTS t_too_new WITH (FORCE)")
        admin.dispose()


def test_a_created_file_stays_when_someone_else_opened_it(tmp_path):
    from shk_tui.db.engine import _prepare_sqlite_file, remove_created

    path = tmp_path / "ny" / "shk.sqlite3"
    created = _prepare_sqlite_file(path)
    other = sqlite3.connect(path)  # another process opened it meanwhile (its -wal is beside the file)
    other.execute("PRAGMA journal_mode=WAL")
    other.execute("CREATE TABLE t (x)")
    other.commit()
    try:
        remove_created(created)
        assert path.exists() and Path(f"{path}-wal").exists()
    finally:
        other.close()
    remove_created(created)  # SQLite removed its -wal on the last close: now it goes
    assert not (tmp_path / "ny").exists()
