"""Plain SQL reads without SQLAlchemy, SQLModel or the model classes: the read path of what must be fast
from a cold process (Översikt's first rows at the start of ``shk``, ``shk due`` from cron or a shell
prompt). Importing SQLAlchemy, Pydantic and the models costs about 0.3 s; the standard library's
sqlite3 a few milliseconds.

A ``Reader`` runs one SQL text with named ``:params`` and returns plain tuples:

- ``SqliteReader``: stdlib sqlite3 on the database file (``mode=rw`` so a WAL file opens like any
  reader's, never created, ``query_only``: this connection cannot write). Parameters are converted as
  SQLAlchemy stores them on SQLite: a date as ``YYYY-MM-DD``, a datetime as ``YYYY-MM-DD
  HH:MM:SS.ffffff``, a bool as 0/1; enums are stored by value (StrEnum).
- ``EngineReader``: the same SQL text through a SQLAlchemy engine (PostgreSQL, and SQLite when the app
  already has its engine), imported only when it is used.

A tuple or list parameter is expanded: ``status IN :live`` becomes ``status IN (:live_0, :live_1)``.
Values come back as the driver gives them (SQLite: text for dates); ``day``, ``moment`` and ``flag``
turn either form into ``date``, ``datetime`` and ``bool``. Write the SQL so it means the same on both
backends: compare booleans with a parameter (``archived = :no``), test a prefix with ``substr``, sort
text in Python (``fmt.sv_key``), not in SQL."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol

#: How long a read waits for a writer's lock (the same as the app's engine: ``engine.BUSY_TIMEOUT_MS``).
BUSY_TIMEOUT_S = 10.0
_PARAM = re.compile(r"(?<!:):([A-Za-z_][A-Za-z0-9_]*)")


class Reader(Protocol):
    """Runs one SELECT: ``reader.all("SELECT … WHERE due_on <= :day", day=today)``."""

    dialect: str

    def all(self, sql: str, /, **params: Any) -> list[tuple]: ...

    def scalar(self, sql: str, /, **params: Any) -> Any: ...


def expand(sql: str, params: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    """The SQL with each tuple or list parameter written out as ``(:name_0, :name_1, …)`` (an empty one as
    ``(NULL)``, which matches nothing), and the flat parameters."""
    flat: dict[str, Any] = {}

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in params:
            return match.group(0)
        value = params[name]
        if isinstance(value, (tuple, list, set, frozenset)):
            names = [f"{name}_{i}" for i in range(len(value))]
            flat.update(zip(names, value, strict=True))
            return "(" + ", ".join(f":{n}" for n in names) + ")" if names else "(NULL)"
        flat[name] = value
        return match.group(0)

    return _PARAM.sub(one, sql), flat


def sqlite_value(value: Any) -> Any:
    """A parameter as SQLAlchemy stores it on SQLite."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def day(value: Any) -> date | None:
    """A date column's value (SQLite's ``YYYY-MM-DD`` text or a driver's date)."""
    if value is None or type(value) is date:
        return value
    if isinstance(value, datetime):
        return value.date()
    return date.fromisoformat(str(value)[:10])


def moment(value: Any) -> datetime | None:
    """A datetime column's value (SQLite's ``YYYY-MM-DD HH:MM:SS.ffffff`` text or a driver's datetime)."""
    if value is None or isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    return datetime.fromisoformat(str(value))


def flag(value: Any) -> bool:
    """A boolean column's value (SQLite's 0/1 or a driver's bool)."""
    return bool(value)


class SqliteReader:
    """Reads a SQLite database file with the standard library alone. One connection, opened on first use;
    each ``all`` is its own read (autocommit). ``close`` when done."""

    dialect = "sqlite"

    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn: sqlite3.Connection | None = None

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            from urllib.parse import quote

            conn = sqlite3.connect(f"file:{quote(str(self.path))}?mode=rw", uri=True, timeout=BUSY_TIMEOUT_S,
                                   isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA query_only=ON")
            self._conn = conn
        return self._conn

    def all(self, sql: str, /, **params: Any) -> list[tuple]:
        text, flat = expand(sql, params)
        return self._connection().execute(text, {k: sqlite_value(v) for k, v in flat.items()}).fetchall()

    def scalar(self, sql: str, /, **params: Any) -> Any:
        rows = self.all(sql, **params)
        return rows[0][0] if rows else None

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


class EngineReader:
    """The same reads through a SQLAlchemy engine (its pool, its connection settings)."""

    def __init__(self, engine: Any) -> None:
        self.engine = engine
        self.dialect = engine.dialect.name

    def all(self, sql: str, /, **params: Any) -> list[tuple]:
        import sqlalchemy as sa

        text, flat = expand(sql, params)
        if self.dialect == "sqlite":
            flat = {k: sqlite_value(v) for k, v in flat.items()}
        with self.engine.connect() as conn:
            return [tuple(row) for row in conn.execute(sa.text(text), flat)]

    def scalar(self, sql: str, /, **params: Any) -> Any:
        rows = self.all(sql, **params)
        return rows[0][0] if rows else None


def rows_of(source: Any) -> Reader:
    """The reader of ``source``: a Reader as it is, or a ``Database``'s (``Database.reader()``)."""
    if isinstance(source, (SqliteReader, EngineReader)):
        return source
    return source.reader()
