"""Restore: validation of the source (the database is left alone when it is refused), creating a missing
database, refusing a foreign one, upgrading an older schema."""

from __future__ import annotations

import sqlite3

import pytest
import sqlalchemy as sa

from shk_tui.config import resolve
from shk_tui.db import schema_head
from shk_tui.db.engine import Database
from shk_tui.errors import BadInput
from shk_tui.services import backup
from tests.helpers.backup_data import dump, mode, seed


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
