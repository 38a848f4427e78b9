"""Looking into SQLite files, copying them, and the Swedish messages for what goes wrong.

**The rule**: nothing in a process that has a database open ever opens the live file except SQLite
itself. Closing *any* descriptor of a file drops all of the process's POSIX locks on it (fcntl locks
belong to the process and the file, not to the descriptor), so after a Python ``open()``/``close()``
of the database another ``shk`` believes it is the last user, checkpoints and deletes the -wal/-shm
under the open app, whose later writes go to a deleted WAL: a malformed file and lost commits. SQLite's
own unix VFS keeps one set of locks per file and process and never closes a descriptor while locks are
held. So a file is checked by opening it read-only *through SQLite* (:func:`connect_ro` + ``PRAGMA
schema_version``: "file is not a database" is SQLite's own header check). The one allowed exception is
creating a brand-new empty file (``os.open(O_CREAT | O_EXCL)``) before SQLite first connects to it:
nobody can hold a lock on a file that did not exist.

``immutable=1`` (read without any locking, creating nothing beside the file) is used only where no
connection can be writing: our own private copies, and :func:`connect_look` for a short look (header,
tables, revision) when no -wal and no -journal is beside the file. A WAL database has its -wal while
any connection has it open, and its main file only changes by a checkpoint of that WAL, so without a
-wal nobody is writing it; such a look is repeated with locks by the real open anyway. Copies of the
live database (backups) always read with SQLite's locks (:func:`connect_ro`)."""

from __future__ import annotations

import errno
import sqlite3
import time
import urllib.parse
from pathlib import Path

from shk_tui.errors import BadInput, DatabaseBusy, ShkError

DISK_FULL = "Disken är full: inget sparades. Frigör utrymme och försök igen."


def uri(path: Path, **params: str) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return "file:" + urllib.parse.quote(str(path)) + (f"?{query}" if query else "")


def connect_ro(path: Path, *, immutable: bool = False, timeout: float = 10) -> sqlite3.Connection:
    """A read-only connection that never creates the file.

    Reads take SQLite's normal locks, so the file may be in use (another process writing). On a WAL
    database SQLite may create the -wal/-shm beside it, as any reader does. ``immutable`` reads with no
    locks at all: only for a file no connection can be using (a private copy of our own)."""
    params = {"mode": "ro"}
    if immutable:
        params["immutable"] = "1"
    return sqlite3.connect(uri(path, **params), uri=True, timeout=timeout, check_same_thread=False)


def connect_look(path: Path) -> sqlite3.Connection:
    """A read-only connection for a short look into a file that may belong to someone else: locked
    when a -wal or -journal shows it in use, else ``immutable`` (so nothing is created beside a file
    we may be about to refuse)."""
    in_use = any(Path(f"{path}{extra}").exists() for extra in ("-wal", "-journal"))
    return connect_ro(path, immutable=not in_use)


def connect_rw(path: Path, *, timeout: float = 10) -> sqlite3.Connection:
    """A read-write connection that never creates the file (``mode=rw``)."""
    return sqlite3.connect(uri(path, mode="rw"), uri=True, timeout=timeout, isolation_level=None,
                           check_same_thread=False)


def is_disk_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError):
        return exc.errno in (errno.ENOSPC, errno.EDQUOT)
    text = str(exc).lower()
    return "database or disk is full" in text or "no space left" in text or "disk quota" in text


def error(exc: BaseException, path: Path, *, what: str = "Filen") -> ShkError:
    """The Swedish error for a failed look into (or copy of) a SQLite file.

    A full disk is a full disk, a locked file is busy, SQLite's "file is not a database" and
    "malformed" say what the file is; anything else is a file that cannot be read."""
    if is_disk_full(exc):
        return ShkError(DISK_FULL)
    if isinstance(exc, OSError):
        return BadInput(f"Kan inte läsa {path}: {exc.strerror or exc}")
    text = str(exc).lower()
    if "database is locked" in text or "database is busy" in text:
        return DatabaseBusy()
    if "file is not a database" in text:
        return BadInput(f"{what} är ingen SQLite-databas: {path}")
    if "malformed" in text or "corrupt" in text:
        return BadInput(f"{what} är skadad (ingen hel SQLite-databas): {path}")
    if "unable to open" in text:
        return BadInput(f"Kan inte öppna {path}")
    return BadInput(f"{what} är ingen läsbar SQLite-databas: {path} ({exc})")


def probe(path: Path, *, what: str = "Filen") -> None:
    """Require ``path`` (an existing, non-empty file) to be a SQLite database, asking SQLite itself."""
    try:
        conn = connect_look(path)
        try:
            conn.execute("PRAGMA schema_version").fetchone()
        finally:
            conn.close()
    except (sqlite3.Error, OSError) as exc:
        raise error(exc, path, what=what) from None


def integrity(conn: sqlite3.Connection, *, full: bool = True) -> list[str]:
    """SQLite's own check of every page and index (``integrity_check``; ``quick_check`` skips the
    index contents). Empty when the file is whole, else the first problems SQLite names."""
    rows = [r[0] for r in conn.execute(f"PRAGMA {'integrity_check' if full else 'quick_check'}(20)")]
    return [] if rows == ["ok"] else rows


def copy(src: sqlite3.Connection, dst: sqlite3.Connection, *, wait: float = 10) -> None:
    """One consistent snapshot of ``src`` into ``dst`` in a single step of the backup API: one write
    transaction in ``dst`` (atomic for its other connections, and crash-safe through its journal or WAL).

    Python retries a busy step for ever; after ``wait`` seconds of another process's lock this raises
    :class:`DatabaseBusy` instead (the connections' own busy timeouts wait inside each step)."""
    first_busy: list[float] = []

    def progress(status: int, remaining: int, total: int) -> None:
        if status not in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            first_busy.clear()
            return
        now = time.monotonic()
        if not first_busy:
            first_busy.append(now)
        elif now - first_busy[0] >= wait:
            raise DatabaseBusy()

    src.backup(dst, pages=-1, progress=progress)
