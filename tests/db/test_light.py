"""db.light: plain SQL reads without SQLAlchemy — parameters as SQLAlchemy stores them, values of either
backend, the start's check that a file is ready, and LazyDatabase opening the real database once."""

from __future__ import annotations

import sqlite3
import threading
from datetime import date, datetime
from pathlib import Path

import pytest

from shk_tui.config import resolve
from shk_tui.db import light
from shk_tui.db.engine import Database
from shk_tui.db.schema_head import HEAD
from shk_tui.enums import ContractStatus


def test_expand_writes_tuples_out_and_leaves_the_rest():
    sql, flat = light.expand("SELECT 1 WHERE a IN :xs AND b = :b AND c IN :none AND d::date = :b",
                             {"xs": (1, 2), "b": 3, "none": ()})
    assert sql == "SELECT 1 WHERE a IN (:xs_0, :xs_1) AND b = :b AND c IN (NULL) AND d::date = :b"
    assert flat == {"xs_0": 1, "xs_1": 2, "b": 3}


def test_values_as_sqlalchemy_stores_them_on_sqlite_and_back():
    assert light.sqlite_value(date(2026, 1, 2)) == "2026-01-02"
    assert light.sqlite_value(datetime(2026, 1, 2, 9, 30)) == "2026-01-02 09:30:00.000000"
    assert light.sqlite_value(True) == 1 and light.sqlite_value(False) == 0
    assert light.sqlite_value(ContractStatus.AKTIVT) == "aktivt"
    assert light.day("2026-01-02") == date(2026, 1, 2) == light.day(date(2026, 1, 2))
    assert light.day(None) is None
    assert light.moment("2026-01-02 09:30:00.000000") == datetime(2026, 1, 2, 9, 30)
    assert light.moment(datetime(2026, 1, 2, 9, 30)) == datetime(2026, 1, 2, 9, 30)
    assert light.flag(1) is True and light.flag(False) is False


def test_the_same_text_reads_the_same_through_sqlite3_and_the_engine(db):
    with db.session() as s:
        s.connection().exec_driver_sql(
            "INSERT INTO budget_line (created_at, updated_at, name, \"group\", position, version) VALUES "
            "('2026-01-01 00:00:00', '2026-01-01 00:00:00', 'Drift', 'Drift', 1, 1)")
    sql = "SELECT name, created_at FROM budget_line WHERE created_at < :t AND position IN :p"
    through_engine = db.reader().all(sql, t=datetime(2026, 1, 2), p=(1, 2))
    assert [(name, light.moment(at)) for name, at in through_engine] == [("Drift", datetime(2026, 1, 1))]
    if db.dialect == "sqlite":
        reader = light.SqliteReader(db.config.sqlite_path)
        try:
            assert reader.all(sql, t=datetime(2026, 1, 2), p=[1, 2]) == through_engine
        finally:
            reader.close()


def test_the_sqlite_reader_cannot_write(sqlite_db):
    reader = light.SqliteReader(sqlite_db.config.sqlite_path)
    try:
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            reader.all("DELETE FROM alembic_version")
        assert reader.scalar("SELECT version_num FROM alembic_version") == HEAD
    finally:
        reader.close()


def test_at_head_only_for_a_ready_database(sqlite_db, tmp_path):
    path = sqlite_db.config.sqlite_path
    assert light.at_head(path)
    assert not light.at_head(tmp_path / "missing.sqlite3")
    empty = tmp_path / "empty.sqlite3"
    empty.write_bytes(b"")
    assert not light.at_head(empty)
    foreign = tmp_path / "notes.txt"
    foreign.write_text("inte en databas\n" * 200)
    assert not light.at_head(foreign)
    other = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    assert not light.at_head(other)  # no version table
    assert not list(tmp_path.glob("other.sqlite3-*"))  # nothing created beside a file that may be refused
    older = tmp_path / "older.sqlite3"
    older.write_bytes(Path(path).read_bytes())
    conn = sqlite3.connect(older)
    conn.execute("UPDATE alembic_version SET version_num = '0001'")
    conn.commit()
    conn.close()
    assert not light.at_head(older)
    assert light.light_database(resolve(str(older)), lambda: pytest.fail("not opened")) is None


def test_lazy_database_reads_light_then_opens_the_real_one_once(sqlite_db):
    cfg = sqlite_db.config
    opened: list[Database] = []

    def opener() -> Database:
        db = Database(cfg)
        opened.append(db)
        return db

    lazy = light.light_database(cfg, opener)
    assert lazy is not None and not lazy.opened
    assert isinstance(lazy.reader(), light.SqliteReader)
    assert lazy.reader().scalar("SELECT count(*) FROM contact") == 0
    assert lazy.config is cfg and lazy.dialect == "sqlite"
    waiting = []
    lazy.on_wait = lambda: waiting.append(1)
    assert not opened  # none of that opened it
    threads = [threading.Thread(target=lazy.full) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(opened) == 1 and lazy.opened
    assert opened[0].on_wait is lazy.on_wait
    assert isinstance(lazy.reader(), light.EngineReader)
    with lazy.read() as s:  # any other attribute is the Database's
        assert s.connection().exec_driver_sql("SELECT count(*) FROM contact").scalar() == 0
    lazy.dispose()
