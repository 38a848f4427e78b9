"""SQLite's share of a large contact import (``contact_import.apply``): what makes 100 000 rows cheap
to write, inside the import's one transaction, leaving the schema exactly as it was.

- A table that gains at least as many rows as it holds (and at least :data:`MIN_ROWS`) has its plain
  indexes (created by the schema, not unique: no constraint rests on them) dropped before the rows go in
  and created again, from their own SQL, after: one sorted build instead of 100 000 random B-tree
  inserts per index. Importing a few rows into a large register keeps the indexes as they are.
- The search index's FTS5 tables keep their pending terms in memory up to :data:`HASH_BYTES` (instead
  of FTS5's 1 MB), so they are written as a few large segments instead of a hundred small ones that are
  merged again and again; the setting is put back (as FTS5's default, which stores nothing) before
  the commit.
- The commit leaves the copy of the write-ahead log into the database file to a background thread
  (``db.wal``).

A failure or a cancel rolls back the transaction, and with it the dropped indexes and the setting."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa

from shk_tui.db import search_index, wal

MIN_ROWS = 10_000
#: FTS5's own default for ``hashsize`` and the size used during a large import (memory, not disk).
DEFAULT_HASH_BYTES = 1024 * 1024
HASH_BYTES = 8 * 1024 * 1024
#: The tables an import writes many rows to.
TABLES = ("contact", "audit_entry")


def _plain_indexes(conn: sa.Connection, table: str) -> list[tuple[str, str]]:
    """(name, CREATE INDEX …) of ``table``'s indexes made by ``CREATE INDEX``, not unique."""
    listed = conn.exec_driver_sql(f'PRAGMA index_list("{table}")').all()
    plain = {row[1] for row in listed if row[2] == 0 and row[3] == "c"}  # (seq, name, unique, origin, partial)
    rows = conn.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL "
        "ORDER BY name", (table,)).all()
    return [(name, sql) for name, sql in rows if name in plain]


def _rows_now(conn: sa.Connection, table: str) -> int:
    """An upper bound of the table's rows (its highest id: ids are never reused), found in the index."""
    return int(conn.exec_driver_sql(f'SELECT coalesce(max(id), 0) FROM "{table}"').scalar_one())


def _fts_tables(conn: sa.Connection) -> tuple[str, ...]:
    names = (search_index.TABLE, search_index.WORDS_TABLE)
    found = {n for (n,) in conn.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN (?, ?)", names)}
    return tuple(n for n in names if n in found)


def _hash_size_stored(conn: sa.Connection, table: str) -> bool:
    return conn.exec_driver_sql(f"SELECT 1 FROM \"{table}_config\" WHERE k = 'hashsize'").first() is not None


def _set_hash_size(conn: sa.Connection, table: str, size: int) -> None:
    conn.exec_driver_sql(f'INSERT INTO "{table}" ("{table}", rank) VALUES (\'hashsize\', ?)', (size,))


@contextmanager
def bulk_mode(conn: sa.Connection, new_rows: int) -> Iterator[None]:
    """Around the inserts of ``new_rows`` contacts (and their audit entries) on SQLite; elsewhere a no-op."""
    if conn.dialect.name != "sqlite" or new_rows < MIN_ROWS:
        yield
        return
    wal.defer_checkpoint(conn)  # the commit does not copy ~170 MB of WAL into the file while the user waits
    dropped: list[str] = []
    for table in TABLES:
        if new_rows < _rows_now(conn, table):
            continue
        for name, sql in _plain_indexes(conn, table):
            conn.exec_driver_sql(f'DROP INDEX "{name}"')
            dropped.append(sql)
    fts = [t for t in _fts_tables(conn) if not _hash_size_stored(conn, t)]  # a chosen size is left alone
    for table in fts:
        _set_hash_size(conn, table, HASH_BYTES)
    yield
    for table in fts:
        _set_hash_size(conn, table, DEFAULT_HASH_BYTES)
        conn.exec_driver_sql(f"DELETE FROM \"{table}_config\" WHERE k = 'hashsize'")  # stored as before: absent
    for sql in dropped:
        conn.exec_driver_sql(sql)
