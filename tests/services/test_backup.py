"""Backups (online API, rotation, 0600), restore with validation, and open_database's upgrade path."""

from __future__ import annotations

import errno
import importlib.util
import os
import sqlite3
import stat
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from shk_tui.config import resolve
from shk_tui.db import migrate, schema_head
from shk_tui.db.engine import Database
from shk_tui.db.models import Contact, Event, Initiative, Organisation, Participation, Tag
from shk_tui.errors import BadInput, ShkError
from shk_tui.services import backup, storage


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


# --- backup ------------------------------------------------------------------------------------


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


# --- restore validation -------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["text", "foreign_sqlite", "too_new", "missing_tables", "missing"])
def test_restore_rejects_bad_sources_and_leaves_the_database_alone(sqlite_db, tmp_path, kind):
    seed(sqlite_db)
    path = sqlite_db.config.sqlite_path
    sqlite_db.dispose()
    before = path.read_bytes()
    bad = tmp_path / "bad.sqlite3"
    if kind == "text":
        bad.write_text("namn;e-post\nAnna;anna@example.se\n")
    elif kind == "foreign_sqlite":
        conn = sqlite3.connect(bad)
        conn.execute("CREATE TABLE recept (namn TEXT)")
        conn.commit()
        conn.close()
    elif kind == "too_new":
        backup.backup(sqlite_db, bad)
        conn = sqlite3.connect(bad)
        conn.execute("UPDATE alembic_version SET version_num = '9999_framtid'")
        conn.commit()
        conn.close()
    elif kind == "missing_tables":
        backup.backup(sqlite_db, bad)
        conn = sqlite3.connect(bad)
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("DROP TABLE participation")
        conn.commit()
        conn.close()
    with pytest.raises(BadInput):
        backup.restore(sqlite_db.config, bad)
    assert path.read_bytes() == before
    assert not sqlite_db.config.backup_dir.exists()  # nothing kept, because nothing was touched


def test_restore_into_a_missing_database_creates_it(sqlite_db, tmp_path):
    seed(sqlite_db)
    copy = backup.backup(sqlite_db, tmp_path / "kopia.sqlite3")
    cfg = resolve(str(tmp_path / "ny" / "shk.sqlite3"))
    assert backup.restore(cfg, copy) is None
    assert dump(cfg.sqlite_path) == dump(copy)
    assert mode(cfg.sqlite_path) == 0o600


def test_restore_refuses_to_overwrite_a_foreign_database(sqlite_db, tmp_path):
    copy = backup.backup(sqlite_db, tmp_path / "kopia.sqlite3")
    foreign = tmp_path / "annat.sqlite3"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE recept (namn TEXT)")
    conn.commit()
    conn.close()
    before = foreign.read_bytes()
    with pytest.raises(BadInput, match="ingen shk-databas"):
        backup.restore(resolve(str(foreign)), copy)
    assert foreign.read_bytes() == before


def test_restore_upgrades_an_older_schema(sqlite_db, tmp_path):
    """A backup made by an older version (here: the schema at 0004, with a contact) is checked against
    the schema at its own revision, then upgraded to the current one before it replaces the database."""
    from shk_tui.db import schema_check

    old = tmp_path / "gammal.sqlite3"
    schema_check.reference("0004", old)
    conn = sqlite3.connect(old)
    conn.execute("INSERT INTO contact (created_at, updated_at, first_name, last_name, archived) "
                 "VALUES ('2024-01-01', '2024-01-01', 'Gammal', 'Kontakt', 0)")
    conn.commit()
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()
    sqlite_db.dispose()
    backup.restore(sqlite_db.config, old)
    restored = Database(sqlite_db.config)
    try:
        assert schema_head.stored(restored) == schema_head.HEAD
        with restored.engine.connect() as c:
            assert c.execute(sa.text("SELECT first_name FROM contact")).scalars().all() == ["Gammal"]
    finally:
        restored.dispose()
    assert backup.inspect_file(old).revision == "0004"  # the source itself is never changed


# --- open_database -------------------------------------------------------------------------------


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
