"""Engine, migrations, audit and collation on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import stat

import sqlalchemy as sa
from sqlmodel import select

from shk_tui.config import resolve
from shk_tui.db import migrate
from shk_tui.db.engine import Database, sv_order
from shk_tui.db.models import AuditEntry, Contact, Organisation, Tag
from shk_tui.fmt import sv_sorted


def test_migration_from_empty_to_head_is_idempotent(tmp_path):
    db = Database(resolve(str(tmp_path / "new.sqlite3")))
    assert migrate.is_empty(db)
    assert migrate.upgrade(db) is True
    assert migrate.current(db) == migrate.head()
    assert migrate.upgrade(db) is False
    tables = set(sa.inspect(db.engine).get_table_names())
    assert {"contact", "organisation", "event", "participation", "contract", "payment", "initiative",
            "indicator", "budget_line", "budget_year", "funder", "funding_application", "audit_entry",
            "tag", "contact_tag"} <= tables
    assert stat.S_IMODE(os.stat(tmp_path / "new.sqlite3").st_mode) == 0o600


def test_sqlite_pragmas(sqlite_db):
    with sqlite_db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000


def test_swedish_order_in_database(db):
    names = ["Ödman", "Zetterberg", "ängel", "Åberg", "andersson", "Öberg", "Vik", "Wall"]
    with db.session() as s:
        for n in names:
            s.add(Contact(first_name="Test", last_name=n))
    with db.session() as s:
        got = [c.last_name for c in s.exec(select(Contact).order_by(sv_order(Contact.last_name)))]
    assert got == ["andersson", "Vik", "Wall", "Zetterberg", "Åberg", "ängel", "Öberg", "Ödman"]
    assert got == sv_sorted(names)
    assert got.index("Zetterberg") < got.index("Åberg") < got.index("ängel") < got.index("Ödman")


def test_foreign_keys_enforced(db):
    import pytest

    with pytest.raises(sa.exc.IntegrityError):
        with db.session() as s:
            s.add(Contact(first_name="X", organisation_id=9999))
    with db.session() as s:
        assert s.exec(select(Contact)).all() == []


def test_audit_insert_update_delete_and_tags(db):
    with db.session() as s:
        org = Organisation(name="Västerås stad")
        s.add(org)
        s.flush()
        c = Contact(first_name="Anna", last_name="Berg", organisation_id=org.id)
        s.add(c)
    with db.session() as s:
        c = s.exec(select(Contact)).one()
        c.title = "Utvecklingsledare"
        c.tags.append(Tag(name="Core Team"))
    with db.session() as s:
        entries = s.exec(select(AuditEntry).where(AuditEntry.table_name == "contact").order_by(AuditEntry.id)).all()
    actions = [e.action for e in entries]
    assert actions[0] == "insert" and set(actions[1:]) == {"update"}
    assert entries[0].changes["first_name"] == [None, "Anna"]
    updates = {k: v for e in entries[1:] for k, v in e.changes.items()}
    assert updates["title"] == [None, "Utvecklingsledare"]
    assert updates["tags"][0] == [] and len(updates["tags"][1]) == 1
    with db.session() as s:
        s.delete(s.exec(select(Contact)).one())
    with db.session() as s:
        entries = s.exec(select(AuditEntry).where(AuditEntry.table_name == "contact").order_by(AuditEntry.id)).all()
    # The deleted person's values are gone from the history (tests/unit/test_audit_privacy.py).
    assert entries[-1].action == "delete" and entries[-1].changes is None
    assert entries[0].changes["first_name"] == [None, "[raderat]"]
    actor = "postgres" if db.dialect == "postgresql" else "testare"
    assert all(e.actor == actor and e.row_id == entries[0].row_id for e in entries)


def test_failed_write_leaves_no_audit(db):
    import pytest

    with pytest.raises(sa.exc.IntegrityError):
        with db.session() as s:
            s.add(Organisation(name="Dubblett"))
            s.add(Organisation(name="Dubblett"))
    with db.session() as s:
        assert s.exec(select(AuditEntry)).all() == []
        assert s.exec(select(Organisation)).all() == []


def test_migrations_give_the_schema_of_the_models(db):
    """Alembic's autogenerate finds nothing to add or drop: the migrations and the SQLModel tables agree
    (the covering search index exists only on SQLite, by migration 0003)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from shk_tui.db.models import Base

    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    structural = [d for d in diff if isinstance(d, tuple) and d[0] in ("add_table", "remove_table", "add_index",
                                                                        "remove_index", "add_column", "remove_column")]
    # the search index (migration 0009) is no model
    structural = [d for d in structural if not (d[0] in ("remove_table", "remove_index") and (
        d[1] if d[0] == "remove_table" else d[1].table).name.startswith("search_"))]
    if db.dialect == "sqlite":
        structural = [d for d in structural if not (d[0] == "remove_index" and d[1].name == "ix_contact_search_covering")]
    assert structural == []
    names = {ix["name"] for ix in sa.inspect(db.engine).get_indexes("contact")}
    assert "ix_contact_archived" not in names and "ix_contact_name" not in names


def test_revision_head_is_alembics_head():
    from shk_tui.db import schema_head

    assert schema_head.HEAD == migrate.head()


def test_opening_a_current_database_does_not_load_alembic(tmp_path):
    """Every `shk` command and the TUI start open the database; at the current schema that must not
    import Alembic (~0.1 s). Checked in a fresh interpreter."""
    import subprocess
    import sys

    path = tmp_path / "current.sqlite3"
    db = Database(resolve(str(path)))
    migrate.upgrade(db)
    db.dispose()
    code = (
        "import sys\n"
        "from shk_tui.config import resolve\n"
        "from shk_tui.services import storage\n"
        f"db, result = storage.open_with_result(resolve({str(path)!r}))\n"
        "assert not result.upgraded and result.after == result.before, result\n"
        "assert 'alembic' not in sys.modules, 'alembic was imported'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "SHK_DATA_DIR": str(tmp_path / "data")})
    assert done.returncode == 0, done.stderr
