"""Engine and sessions: WAL, foreign keys, busy timeout, Swedish collation, 0600 files.

``Database`` is built from a :class:`~shk_tui.config.DatabaseConfig` by the app factory or the
CLI, never at import time. ``db.session()`` is one transaction: commit on success, rollback on
any exception."""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement
from sqlmodel import Session

from shk_tui.config import DatabaseConfig
from shk_tui.db import audit, contact_search, search  # noqa: F401  (contact_search: keeps the search columns in sync)
from shk_tui.db.light import EngineReader
from shk_tui.db.sqlite_file import DISK_FULL
from shk_tui.db.wal import Checkpoints
from shk_tui.errors import BadInput, DatabaseBusy, ShkError, StaleEdit, WouldWait
from shk_tui.fmt import sv_compare

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_COLLATION = "sv-SE-x-icu"
#: How long a write waits for another process's write lock (SQLite busy timeout), in milliseconds.
BUSY_TIMEOUT_MS = 10_000
#: The first, short attempt: longer than any ordinary write of another process, short enough that the
#: user sees "Väntar på databasen …" at once when a long one (an import) holds the lock.
FIRST_TRY_MS = 250

_policy = threading.local()


class Database:
    def __init__(self, config: DatabaseConfig, *, echo: bool = False) -> None:
        self.config = config
        # Files and directories this object created (newest last), so a failed open can remove them.
        self.created_paths: list[Path] = []
        if config.sqlite_path is not None:
            self.created_paths = _prepare_sqlite_file(config.sqlite_path)
            self.engine = sa.create_engine(
                config.url, echo=echo, hide_parameters=True,
                connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
            )
            event.listen(self.engine, "connect", _sqlite_on_connect)
            event.listen(self.engine, "begin", self._sqlite_on_begin)
            event.listen(self.engine, "checkin", _sqlite_on_checkin)
            self.checkpoints: Checkpoints | None = Checkpoints(self.engine)
            event.listen(self.engine, "checkin", self.checkpoints.on_checkin)
        else:
            try:
                self.engine = sa.create_engine(
                    config.url, echo=echo, pool_pre_ping=True, hide_parameters=True,
                    connect_args={"connect_timeout": 5},
                )
            except ModuleNotFoundError:
                raise ShkError("PostgreSQL-stöd saknas: installera med pip install 'shk-tui[postgres]'") from None
            self.checkpoints = None

        #: Called (from the waiting thread) when a write must wait for another process's lock;
        #: the TUI shows "Väntar på databasen …".
        self.on_wait: Callable[[], None] | None = None
        #: For reads outside a session (schema checks): never takes the write lock.
        self.read_engine = self.engine.execution_options(shk_begin="DEFERRED")

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def reader(self) -> EngineReader:
        """Plain SQL reads (``db.light``) through this database's engine, never taking the write lock."""
        return EngineReader(self.read_engine)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction. Every write made in it is audited (``shk_tui.db.audit``).

        On SQLite it begins IMMEDIATE: the write lock is taken at the start, so a read that turns
        into a write can never fail with "database is locked" half-way; another process's write is
        waited for (up to :data:`BUSY_TIMEOUT_MS`), then :class:`DatabaseBusy` is raised."""
        with self._session(self.engine) as session:
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only transaction: never takes the write lock, never waits for a writer (WAL)."""
        with self._session(self.read_engine, write=False) as session:
            yield session

    @contextmanager
    def _session(self, bind, *, write: bool = True) -> Iterator[Session]:
        with Session(bind, expire_on_commit=False) as session:
            audit.attach(session)
            if not write:
                event.listen(session, "before_flush", _refuse_writes)
            try:
                yield session
                session.commit()
            except BaseException as exc:
                session.rollback()
                mapped = _map_error(exc)
                if mapped is not None:
                    raise mapped from exc
                raise

    @contextmanager
    def no_wait(self) -> Iterator[None]:
        """In this thread, a write that would wait for another process's lock raises :class:`WouldWait`
        at once instead (the TUI's event loop must not block; it retries in a worker)."""
        before = getattr(_policy, "no_wait", False)
        _policy.no_wait = True
        try:
            yield
        finally:
            _policy.no_wait = before

    def _sqlite_on_begin(self, conn) -> None:
        raw = conn.connection.dbapi_connection
        if conn.get_execution_options().get("shk_begin") == "DEFERRED":
            raw.execute("PRAGMA query_only=1")  # a write by mistake fails loudly instead of waiting
            raw.execute("BEGIN")
            return
        raw.execute("PRAGMA query_only=0")
        try:
            raw.execute(f"PRAGMA busy_timeout={FIRST_TRY_MS}")
            raw.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc):
                raise
        finally:
            raw.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        if getattr(_policy, "no_wait", False):
            raise WouldWait()
        if self.on_wait is not None:
            try:
                self.on_wait()
            except Exception:  # pragma: no cover - a notice must never stop a write
                pass
        try:
            raw.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if _is_busy(exc):
                raise DatabaseBusy() from None
            raise

    def check_connection(self) -> None:
        """Connect once (without taking the write lock); turn driver errors into one Swedish line."""
        try:
            with self.read_engine.connect() as conn:
                conn.execute(sa.text("SELECT 1"))
        except sa.exc.OperationalError as exc:
            if self.config.is_sqlite:
                raise BadInput(f"Kan inte öppna databasfilen {self.config.display}: {_reason(exc)}") from None
            raise BadInput(f"Kan inte ansluta till PostgreSQL ({self.config.display}): {_reason(exc)}") from None
        except sa.exc.DatabaseError as exc:
            if self.config.is_sqlite:
                raise BadInput(f"Filen är ingen SQLite-databas: {self.config.display}") from None
            raise ShkError(f"Databasfel i PostgreSQL ({self.config.display}): {_reason(exc)}") from None
        except ModuleNotFoundError:
            raise ShkError("PostgreSQL-stöd saknas: installera med pip install 'shk-tui[postgres]'") from None

    def dispose(self) -> None:
        if self.checkpoints is not None:
            self.checkpoints.join()  # a large write's checkpoint (db.wal) ends before its connections do
        self.engine.dispose()


def _sqlite_on_checkin(dbapi_conn, _record) -> None:
    try:
        dbapi_conn.execute("PRAGMA query_only=0")
    except sqlite3.Error:  # pragma: no cover - a broken connection is discarded anyway
        pass


def _pg_on_begin(conn) -> None:
    if conn.get_execution_options().get("shk_begin") == "DEFERRED":
        conn.connection.dbapi_connection.execute("SET TRANSACTION READ ONLY")


def _refuse_writes(session: Session, _context, _instances) -> None:
    if session.new or session.dirty or session.deleted:
        raise RuntimeError("write attempted in a read-only session (db.read()); use db.session()")


def lock_tables(session: Session, *tables: str, exclusive: bool = False) -> None:
    """Serialise bulk writers on PostgreSQL (an import against ``demo --force``, two imports): lock
    ``tables`` for this transaction, always in name order so two callers can never deadlock. On
    SQLite the transaction already holds the database's write lock (BEGIN IMMEDIATE): nothing to do."""
    if session.get_bind().dialect.name != "postgresql":
        return
    mode = "ACCESS EXCLUSIVE" if exclusive else "SHARE ROW EXCLUSIVE"
    names = ", ".join(f'"{t}"' for t in sorted(set(tables)))
    session.execute(sa.text(f"LOCK TABLE {names} IN {mode} MODE"))


def _is_busy(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "database is locked" in text or "database is busy" in text or "database table is locked" in text


def _map_error(exc: BaseException) -> ShkError | None:
    """The Swedish error for a database failure that is not a bug: a lock held too long, a full disk,
    a concurrent change (PostgreSQL: serialization failure, deadlock, lock timeout; an ORM version
    check). ``None``: not one of those."""
    from sqlalchemy.orm.exc import StaleDataError

    if isinstance(exc, StaleDataError):
        return StaleEdit()
    if isinstance(exc, sqlite3.OperationalError) or isinstance(exc, sa.exc.OperationalError | sa.exc.DBAPIError):
        orig = getattr(exc, "orig", exc)
        text = str(orig).lower()
        if _is_busy(orig):
            return DatabaseBusy()
        if "database or disk is full" in text or "no space left" in text:
            return ShkError(DISK_FULL)
        if isinstance(exc, sa.exc.DBAPIError) and exc.connection_invalidated:
            return ShkError("Förbindelsen med databasen bröts; inget sparades. Försök igen.")
        sqlstate = getattr(orig, "sqlstate", None)
        if sqlstate in ("40001", "40P01", "55P03"):  # serialization failure, deadlock, lock not available
            return DatabaseBusy("En annan användare ändrade samma uppgifter samtidigt; inget sparades. "
                                "Försök igen.")
    return None


_REASONS = (
    ("password authentication failed", "fel användare eller lösenord"),
    ("no password supplied", "lösenord saknas"),
    ("connection refused", "servern svarar inte (fel värd eller port, eller är den avstängd)"),
    ("could not translate host name", "okänd värd"),
    ("name or service not known", "okänd värd"),
    ("timeout expired", "ingen kontakt inom 5 sekunder"),
    ("timed out", "ingen kontakt inom 5 sekunder"),
    ("does not exist", "databasen eller rollen finns inte"),
    ("permission denied", "behörighet saknas"),
    ("too many connections", "servern har för många anslutningar"),
    ("server closed the connection", "servern stängde anslutningen"),
    ("unable to open database file", "filen eller dess katalog kan inte öppnas (behörighet?)"),
    ("disk i/o error", "läs- eller skrivfel på disken"),
    ("readonly database", "filen är skrivskyddad"),
    ("database is locked", "en annan process håller databasen låst"),
    ("database or disk is full", "disken är full"),
)


def _reason(exc: BaseException) -> str:
    """The driver's reason in Swedish (its English text never reaches the user)."""
    text = str(getattr(exc, "orig", exc)).lower()
    for needle, swedish in _REASONS:
        if needle in text:
            return swedish
    return "anslutningen misslyckades (se loggfilen)"


def _prepare_sqlite_file(path: Path) -> list[Path]:
    """Check the file is (or can become) a SQLite database, and create it with mode 0600.

    Returns what was created (missing parent directories, then the empty file), oldest first.
    On failure nothing is left behind. An existing file is checked by SQLite itself, never with
    ``open()``: this process may already hold SQLite's locks on it (see ``shk_tui.db.sqlite_file``).
    Creating a new file with ``O_EXCL`` is the one exception: nobody can hold a lock on it yet."""
    if path.is_dir():
        raise BadInput(f"Databasen kan inte vara en katalog: {path}")
    if path.exists():
        if not path.is_file():
            raise BadInput(f"Databasen måste vara en vanlig fil: {path}")
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise BadInput(f"Kan inte läsa databasfilen {path}: {exc.strerror}") from None
        if size > 0:
            from shk_tui.db import sqlite_file

            sqlite_file.probe(path)
        return []
    created: list[Path] = []
    missing = [p for p in (path.parent, *path.parent.parents) if not p.exists()]
    try:
        for directory in reversed(missing):
            directory.mkdir(mode=0o700)
            created.append(directory)
        parent = path.parent
        if not parent.is_dir():
            raise BadInput(f"Sökvägen till databasen går inte genom en katalog: {parent}")
        if not os.access(parent, os.W_OK | os.X_OK):
            raise BadInput(f"Katalogen går inte att skriva i: {parent}")
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
        created.append(path)
    except FileExistsError:
        pass  # created by someone else in between: fine, SQLite will check it
    except BadInput:
        remove_created(created)
        raise
    except OSError as exc:
        remove_created(created)
        where = exc.filename or path
        raise BadInput(f"Kan inte skapa databasfilen {path} ({where}): {exc.strerror}") from None
    return created


def remove_created(paths: list[Path]) -> None:
    """Remove what ``_prepare_sqlite_file`` created (newest first), once its engine is disposed.

    SQLite's -wal/-shm/-journal are never deleted by hand: the last connection to close removes them
    itself, so one still beside the file means another process has opened it meanwhile (or a
    transaction was cut off); then the file and its directories stay."""
    for p in reversed(paths):
        try:
            if p.is_dir():
                p.rmdir()
            elif any(Path(f"{p}{extra}").exists() for extra in ("-wal", "-shm", "-journal")):
                return
            else:
                p.unlink(missing_ok=True)
        except OSError:
            pass


def _sqlite_on_connect(dbapi_conn: sqlite3.Connection, _record) -> None:
    # Let SQLAlchemy (not pysqlite) manage transactions; see SQLAlchemy's pysqlite docs.
    dbapi_conn.isolation_level = None
    dbapi_conn.create_collation("sv", sv_compare)
    search.register_sqlite(dbapi_conn)  # shk_fold(), the SQL side of every search
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA secure_delete=ON")  # erased personal data is overwritten, not left in free pages
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA cache_size=-32768")  # 32 MiB page cache: bulk writes touch many index pages
    cur.execute("PRAGMA temp_store=MEMORY")
    cur.close()


# --- Swedish ordering in SQL ---------------------------------------------------------------


class sv_order(FunctionElement):
    """``ORDER BY sv_order(Contact.last_name)``: Swedish, case-insensitive order on both backends
    (SQLite: the ``sv`` collation registered on connect; PostgreSQL: ICU ``sv-SE``)."""

    type = sa.String()
    inherit_cache = True
    name = "sv_order"


@compiles(sv_order)
def _sv_default(element: sv_order, compiler, **kw) -> str:
    return f"{compiler.process(element.clauses, **kw)} COLLATE sv"


@compiles(sv_order, "postgresql")
def _sv_pg(element: sv_order, compiler, **kw) -> str:
    return f'lower({compiler.process(element.clauses, **kw)}) COLLATE "{PG_COLLATION}"'
