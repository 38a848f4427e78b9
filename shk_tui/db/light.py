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
import threading
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from shk_tui.db import sqlite_file
from shk_tui.db.schema_head import HEAD

if TYPE_CHECKING:
    from shk_tui.config import DatabaseConfig
    from shk_tui.db.engine import Database

#: How long a read waits for a writer's lock (the same as the app's engine: ``engine.BUSY_TIMEOUT_MS``).
BUSY_TIMEOUT_S = 10.0
T = TypeVar("T")
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
        self._lock = threading.Lock()  # one statement at a time on the shared connection

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            from urllib.parse import quote

            def connect(mode: str) -> sqlite3.Connection:
                return sqlite3.connect(f"file:{quote(str(self.path))}?mode={mode}", uri=True, timeout=BUSY_TIMEOUT_S,
                                       isolation_level=None, check_same_thread=False)

            try:
                conn = connect("rw")
            except sqlite3.OperationalError:  # a file we may only read (its WAL files must exist then)
                conn = connect("ro")
            conn.execute("PRAGMA query_only=ON")
            self._conn = conn
        return self._conn

    def all(self, sql: str, /, **params: Any) -> list[tuple]:
        text, flat = expand(sql, params)
        with self._lock:
            return self._connection().execute(text, {k: sqlite_value(v) for k, v in flat.items()}).fetchall()

    def scalar(self, sql: str, /, **params: Any) -> Any:
        rows = self.all(sql, **params)
        return rows[0][0] if rows else None

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def fork(self) -> SqliteReader:
        """A reader of the same file on a connection of its own (for another thread; ``close`` it)."""
        return SqliteReader(self.path)


class EngineReader:
    """The same reads through a SQLAlchemy engine (its pool, its connection settings)."""

    def __init__(self, engine: Any) -> None:
        self.engine = engine
        self.dialect = engine.dialect.name

    def all(self, sql: str, /, **params: Any) -> list[tuple]:
        with self.engine.connect() as conn:
            return self._run(conn, sql, params)

    def _run(self, conn: Any, sql: str, params: Mapping[str, Any]) -> list[tuple]:
        import sqlalchemy as sa

        text, flat = expand(sql, params)
        if self.dialect == "sqlite":
            flat = {k: sqlite_value(v) for k, v in flat.items()}
        return [tuple(row) for row in conn.execute(sa.text(text), flat)]

    def scalar(self, sql: str, /, **params: Any) -> Any:
        rows = self.all(sql, **params)
        return rows[0][0] if rows else None

    def fork(self) -> EngineReader | None:
        """A reader for another thread: this one (each read takes a connection of the engine's pool)."""
        return self

    def close(self) -> None:
        """Nothing of its own to close: the engine's pool has the connections."""


class ConnectionReader(EngineReader):
    """The same reads on a SQLAlchemy connection already in a transaction (a write's own reads)."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        self.dialect = connection.dialect.name

    def all(self, sql: str, /, **params: Any) -> list[tuple]:
        return self._run(self.connection, sql, params)

    def fork(self) -> None:
        """None: one transaction's reads stay on its connection, in its thread."""
        return None


def parallel(source: Any, tasks: Sequence[Callable[[Reader], T]]) -> list[T]:
    """``[task(reader) for task in tasks]``, two at a time: the calling thread and one helper thread take the
    next task in turn, each reading on a connection of its own (``fork``). SQLite and PostgreSQL release the
    GIL while a statement runs, so the independent reads of a screen (Översikt's nine providers and its
    summary) take about half as long on a machine with two cores. The values come back in ``tasks``' order;
    the first task's failure (in that order) is raised once every task has ended. Sequential where the
    reader cannot be forked (a write's own reads, ``ConnectionReader``) or for a single task."""
    reader = rows_of(source)
    fork = getattr(reader, "fork", None)
    other = fork() if fork is not None and len(tasks) > 1 else None
    if other is None:
        return [task(reader) for task in tasks]
    results: list[Any] = [None] * len(tasks)
    failures: dict[int, BaseException] = {}
    turn = threading.Lock()
    taken = [0]

    def work(rows: Reader) -> None:
        while True:
            with turn:
                index = taken[0]
                taken[0] += 1
            if index >= len(tasks):
                return
            try:
                results[index] = tasks[index](rows)
            except BaseException as exc:  # noqa: BLE001 - raised in the caller's thread below
                failures[index] = exc

    helper = threading.Thread(target=work, args=(other,), name="shk-read", daemon=True)
    helper.start()
    try:
        work(reader)
    finally:
        helper.join()
        if other is not reader:
            other.close()
    if failures:
        raise failures[min(failures)]
    return results


def rows_of(source: Any) -> Reader:
    """The reader of ``source``: a Reader as it is, or a ``Database``'s (``Database.reader()``)."""
    if isinstance(source, (SqliteReader, EngineReader)):  # ConnectionReader too
        return source
    return source.reader()  # type: ignore[no-any-return]


class LazyDatabase:
    """A SQLite database that reads through a ``SqliteReader`` until something needs the real
    ``Database`` (a write, an ORM read, the engine): then ``opener`` opens it, once, in whichever thread
    asks first (the TUI asks in a worker right after the first rows are painted), and every other
    attribute is the Database's. ``opened`` says whether that has happened.

    Only for a database ``at_head`` found ready: an existing SQLite file at the schema this app expects,
    so nothing has to be created, checked or upgraded before the first read."""

    dialect = "sqlite"

    def __init__(self, config: DatabaseConfig, opener: Callable[[], Database]) -> None:
        assert config.sqlite_path is not None
        self.config = config
        self._opener = opener
        self._db: Database | None = None
        self._light = SqliteReader(config.sqlite_path)
        self._lock = threading.Lock()
        self._on_wait: Callable[[], None] | None = None

    @property
    def opened(self) -> bool:
        return self._db is not None

    def full(self) -> Database:
        """The opened Database (opened now when it is not yet)."""
        db = self._db
        if db is None:
            with self._lock:
                if self._db is None:
                    opened = self._opener()
                    opened.on_wait = self._on_wait
                    self._db = opened
                db = self._db
        return db

    @property
    def on_wait(self) -> Callable[[], None] | None:
        return self._on_wait

    @on_wait.setter
    def on_wait(self, callback: Callable[[], None] | None) -> None:
        self._on_wait = callback
        if self._db is not None:
            self._db.on_wait = callback

    def reader(self) -> Reader:
        return self._db.reader() if self._db is not None else self._light

    def __getattr__(self, name: str) -> Any:  # only for what this class does not define itself
        if name.startswith("__") or name in ("_db", "_opener", "_light", "_lock", "_on_wait", "config"):
            raise AttributeError(name)
        return getattr(self.full(), name)

    def dispose(self) -> None:
        self._light.close()
        if self._db is not None:
            self._db.dispose()


def at_head(path: Path | None) -> bool:
    """Whether ``path`` is an existing SQLite database at this app's schema (``schema_head.HEAD``), read
    with the standard library alone. Anything else (no file, an empty or foreign file, another revision,
    a read error) is False: the full open then creates, refuses, upgrades or explains."""
    if path is None:
        return False
    try:
        if not path.is_file() or path.stat().st_size == 0:
            return False
        conn = sqlite_file.connect_look(path)  # nothing is created beside a file that may be refused
        try:
            found = conn.execute("SELECT version_num FROM alembic_version").fetchall()
        finally:
            conn.close()
        return found == [(HEAD,)]
    except (OSError, sqlite3.Error):
        return False


def light_database(config: DatabaseConfig, opener: Callable[[], Database]) -> LazyDatabase | None:
    """A LazyDatabase when the database can be read before it is opened (``at_head``), else None."""
    return LazyDatabase(config, opener) if at_head(config.sqlite_path) else None
