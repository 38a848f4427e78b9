"""Migration 0009 (the search index, #16): an upgrade from 0008 with data fills the index from the rows
there are, on both backends; a downgrade drops it and the upgrade runs again. A restored file brings its
index; a restored older file gets one built by the upgrade the restore runs."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from alembic import command

from shk_tui.config import resolve
from shk_tui.db import migrate, schema_check
from shk_tui.db.engine import Database
from shk_tui.db.models import Contact, Contract, Event, Organisation
from shk_tui.enums import ContractKind
from shk_tui.services import backup
from shk_tui.services.contacts import contact_list
from shk_tui.services.search.global_search import find


def _alembic(db, step, revision: str) -> None:  # noqa: ANN001
    cfg = migrate.alembic_config(db)
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        step(cfg, revision)


def _kinds(db, typed: str) -> set[tuple[str, str]]:  # noqa: ANN001
    return {(h.kind, h.title) for h in find(db, typed)}


def test_0009_fills_the_index_from_a_0008_database_with_data(db) -> None:  # noqa: ANN001
    with db.session() as s:
        org = Organisation(name="Dark Matter Labs")
        s.add(org)
        s.flush()
        s.add(Contact(first_name="Ulrika", last_name="Åström", organisation_id=org.id))
        s.add(Contract(title="Konsultavtal", kind=ContractKind.KONSULTAVTAL, counterparty_id=org.id,
                       diarienummer="SK 2023/45"))
        s.add(Event(title="Labb i Årby", starts_at=datetime(2026, 3, 5, 9)))
    _alembic(db, command.downgrade, "0008")
    with db.engine.connect() as conn:
        assert not any(t.startswith("search_") for t in db.engine.dialect.get_table_names(conn))
    with db.engine.begin() as conn:  # a row written while the schema was 0008
        conn.exec_driver_sql("INSERT INTO contact (created_at, updated_at, first_name, last_name, archived, "
                             "search_text, sort_key) VALUES ('2024-01-01', '2024-01-01', 'Gammal', 'Kontakt', "
                             "false, 'gammal kontakt', 'gammal kontakt')")
    db.dispose()
    db = Database(db.config)  # fresh connections: none remembers the index missing
    try:
        assert migrate.upgrade(db)
        assert migrate.current(db) == migrate.head()
        assert _kinds(db, "åström") == {("contact", "Ulrika Åström")}
        assert _kinds(db, "sk-2023-45") == {("contract", "Konsultavtal")}
        assert _kinds(db, "dark matter") >= {("organisation", "Dark Matter Labs"), ("contract", "Konsultavtal")}
        assert _kinds(db, "årby") == {("event", "Labb i Årby")}
        assert [r.name for r in contact_list.search(db, contact_list.ContactFilter(text="gammal")).rows] == [
            "Gammal Kontakt"]
    finally:
        db.dispose()


def test_0009_down_gives_0008s_schema_and_up_again(sqlite_db, tmp_path) -> None:  # noqa: ANN001
    _alembic(sqlite_db, command.downgrade, "0008")
    expected = schema_check.reference("0008", tmp_path / "ref.sqlite3")
    with sqlite3.connect(sqlite_db.config.sqlite_path) as conn:
        assert schema_check.differences(schema_check.read(conn), expected) == []
    sqlite_db.dispose()
    assert migrate.upgrade(sqlite_db)
    assert migrate.current(sqlite_db) == migrate.head()


def test_a_restored_file_brings_its_index_and_an_older_one_gets_it_built(sqlite_db, tmp_path) -> None:  # noqa: ANN001
    with sqlite_db.session() as s:
        s.add(Contact(first_name="Säkerhets", last_name="Kopia"))
    copy = tmp_path / "kopia.sqlite3"
    backup.backup(sqlite_db, copy)
    with sqlite_db.session() as s:
        s.add(Contact(first_name="Efter", last_name="Kopian"))
    sqlite_db.dispose()
    backup.restore(sqlite_db.config, copy)
    restored = Database(resolve(str(sqlite_db.config.sqlite_path)))
    try:
        assert _kinds(restored, "kopia") == {("contact", "Säkerhets Kopia")}
        assert _kinds(restored, "efter") == set()
    finally:
        restored.dispose()

    old = tmp_path / "gammal.sqlite3"
    schema_check.reference("0008", old)
    conn = sqlite3.connect(old)
    conn.execute("INSERT INTO contact (created_at, updated_at, first_name, last_name, archived, search_text, sort_key) "
                 "VALUES ('2024-01-01', '2024-01-01', 'Gammal', 'Kontakt', 0, 'gammal kontakt', 'kontakt gammal')")
    conn.commit()
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()
    backup.restore(sqlite_db.config, old)
    restored = Database(resolve(str(sqlite_db.config.sqlite_path)))
    try:
        assert _kinds(restored, "gammal kontakt") == {("contact", "Gammal Kontakt")}
        assert _kinds(restored, "kopia") == set()
    finally:
        restored.dispose()
