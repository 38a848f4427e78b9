"""Ids are never reused (SQLite AUTOINCREMENT, PostgreSQL sequences), also after ``shk demo --force``;
migration 0005 keeps the data, constraints and indexes of a database made by 0004, and adds the row
version counter."""

from __future__ import annotations

import sqlite3
from datetime import date

import sqlalchemy as sa
from alembic import command
from sqlmodel import SQLModel, select

from shk_tui.config import resolve
from shk_tui.db import migrate
from shk_tui.db.engine import Database
from shk_tui.db.models import Contact, ContactTag
from shk_tui.services.contacts import contacts
from shk_tui.services.contacts.contacts import ContactInput
from shk_tui.services.demo import seed as demo


def test_a_deleted_contacts_id_is_not_given_to_the_next(db):
    first = contacts.save(db, ContactInput(first_name="Anna", last_name="Berg"))
    contacts.delete(db, first)
    second = contacts.save(db, ContactInput(first_name="Bo", last_name="Ek"))
    assert second != first and second > first


def test_demo_force_gives_new_ids(db):
    demo.load(db, today=date(2026, 11, 25))
    with db.session() as s:
        before = s.exec(select(sa.func.max(Contact.id))).one()
    demo.load(db, force=True, today=date(2026, 11, 25))
    with db.session() as s:
        lowest = s.exec(select(sa.func.min(Contact.id))).one()
    assert lowest > before


def test_every_table_with_an_id_is_autoincrement_on_sqlite(sqlite_db):
    with sqlite_db.engine.connect() as conn:
        sql = dict(conn.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'table'").all())
    with_id = [t.name for t in SQLModel.metadata.tables.values() if "id" in t.c and t.c.id.primary_key]
    assert with_id and all("AUTOINCREMENT" in sql[name] for name in with_id)


def _schema(engine: sa.Engine) -> dict[str, object]:
    insp = sa.inspect(engine)
    out: dict[str, object] = {}
    for table in insp.get_table_names():
        if table == "alembic_version" or table.startswith("search_"):  # the search index (0009) is no model
            continue
        out[table] = {
            "columns": {c["name"]: (str(c["type"]), c["nullable"], c.get("default") is not None)
                        for c in insp.get_columns(table)},
            "pk": tuple(insp.get_pk_constraint(table)["constrained_columns"]),
            "fks": sorted((f["name"], tuple(f["constrained_columns"]), f["referred_table"],
                           f.get("options", {}).get("ondelete")) for f in insp.get_foreign_keys(table)),
            "uniques": sorted((u["name"], tuple(u["column_names"])) for u in insp.get_unique_constraints(table)),
            "checks": sorted((c["name"], " ".join(c["sqltext"].split())) for c in insp.get_check_constraints(table)),
            "indexes": sorted((i["name"], tuple(i["column_names"]), bool(i["unique"]))
                              for i in insp.get_indexes(table) if i["name"] != "ix_contact_search_covering"),
        }
    return out


def test_migrated_schema_equals_the_models(db, tmp_path):
    """Columns (with the version's default), keys, foreign keys with their ON DELETE, unique and check
    constraints and indexes are the same as a schema created straight from the models."""
    fresh = sa.create_engine(f"sqlite:///{tmp_path / 'fresh.sqlite3'}") if db.dialect == "sqlite" else None
    if fresh is None:
        url = db.engine.url
        admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.exec_driver_sql(f"CREATE DATABASE {url.database}_fresh")
        admin.dispose()
        fresh = sa.create_engine(url.set(database=f"{url.database}_fresh"))
    try:
        SQLModel.metadata.create_all(fresh)
        assert _schema(db.engine) == _schema(fresh)
        cols = {c["name"]: c for c in sa.inspect(db.engine).get_columns("contract")}
        assert cols["version"]["nullable"] is False and "1" in str(cols["version"]["default"])
    finally:
        fresh.dispose()
        if db.dialect != "sqlite":
            admin = sa.create_engine(db.engine.url, isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.exec_driver_sql(f"DROP DATABASE {db.engine.url.database}_fresh WITH (FORCE)")
            admin.dispose()


def test_migration_0005_keeps_rows_and_links_and_continues_after_the_highest_id(tmp_path):
    """A SQLite database at 0004 with data: after the rebuild every row and link is still there (dropping
    the old tables must not run their ON DELETE actions), each row has version 1, and a new contact gets
    an id after the highest one."""
    path = tmp_path / "old.sqlite3"
    db = Database(resolve(str(path)))
    cfg = migrate.alembic_config(db)
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0004")
    with db.engine.begin() as c:
        c.exec_driver_sql("INSERT INTO organisation (id, created_at, updated_at, name, kind, archived) "
                          "VALUES (7, '2024-01-01', '2024-01-01', 'Org', 'övrig', 0)")
        for cid in (5, 9):
            c.exec_driver_sql("INSERT INTO contact (id, created_at, updated_at, first_name, last_name, "
                              "organisation_id, archived, search_text, sort_key) "
                              f"VALUES ({cid}, '2024-01-01', '2024-01-01', 'A', 'B', 7, 0, 'a b', 'b a')")
        c.exec_driver_sql("INSERT INTO tag (id, created_at, updated_at, name) VALUES (3, '2024-01-01', '2024-01-01', 't')")
        c.exec_driver_sql("INSERT INTO contact_tag VALUES (9, 3)")
    assert migrate.upgrade(db)
    with db.session() as s:
        people = s.exec(select(Contact).order_by(Contact.id)).all()
        assert [(p.id, p.organisation_id, p.version) for p in people] == [(5, 7, 1), (9, 7, 1)]
        assert [(link.contact_id, link.tag_id) for link in s.exec(select(ContactTag)).all()] == [(9, 3)]
    contacts.delete(db, 5)
    contacts.set_tags(db, 9, [])
    with db.engine.begin() as c:
        c.exec_driver_sql("DELETE FROM contact WHERE id = 9")
    new = contacts.save(db, ContactInput(first_name="Ny"))
    assert new == 10
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA foreign_keys").fetchone()[0] == 0  # a plain connection's default
        assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
    db.dispose()
