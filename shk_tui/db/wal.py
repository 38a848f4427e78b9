"""SQLite's checkpoint after a large write, off the writer's wait.

In WAL mode a commit that leaves the write-ahead log above 1 000 pages also copies the log into the
database file (the auto-checkpoint) before it returns. For an import of 100 000 contacts that is
~170 MB, written and synced while the user waits for "importerat" (0.4–2.7 s on the bench machine).
The rows are committed, and readable by every connection, before the copy; the copy is housekeeping.

So a large write calls :func:`defer_checkpoint` in its transaction: its connection's auto-checkpoint is
off until the connection goes back to the pool, where :class:`Checkpoints` sets it as before and makes
the copy on a background thread (a PASSIVE checkpoint: it never blocks a reader or a writer, of this
process or another). ``Database.dispose`` waits for it. If it cannot run (a reader holds an old
snapshot), SQLite's next auto-checkpoint, of any connection, copies the rest."""

from __future__ import annotations

import sqlite3
import threading

import sqlalchemy as sa

#: SQLite's own default for ``wal_autocheckpoint`` (pages), set again when the large write is done.
AUTO_PAGES = 1000
_DEFERRED = "shk_checkpoint_deferred"


def defer_checkpoint(conn: sa.Connection) -> None:
    """In a large write's transaction on ``conn``: its commit does not copy the WAL into the database
    file; that is done on a background thread once the connection is back in the pool. Elsewhere than
    SQLite, nothing."""
    if conn.dialect.name != "sqlite":
        return
    conn.exec_driver_sql("PRAGMA wal_autocheckpoint=0")
    conn.connection.info[_DEFERRED] = True


class Checkpoints:
    """The deferred checkpoints of one SQLite engine (listens to its pool's ``checkin``)."""

    def __init__(self, engine: sa.Engine) -> None:
        self._engine = engine
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []

    def on_checkin(self, dbapi_conn: sqlite3.Connection, record) -> None:
        if not record.info.pop(_DEFERRED, False):
            return
        try:
            dbapi_conn.execute(f"PRAGMA wal_autocheckpoint={AUTO_PAGES}")
        except sqlite3.Error:  # pragma: no cover - a broken connection is discarded by the pool
            return
        thread = threading.Thread(target=self.run, name="shk-checkpoint", daemon=True)
        with self._lock:
            self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        thread.start()

    def run(self) -> None:
        """One PASSIVE checkpoint on a connection of the pool; a failure is left to the next one."""
        try:
            with self._engine.connect() as conn:
                raw = conn.connection.dbapi_connection
                assert raw is not None  # a connection just checked out
                raw.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        except Exception:  # noqa: BLE001 - housekeeping: SQLite's next auto-checkpoint copies the rest
            pass

    def join(self) -> None:
        """Wait for the checkpoints started so far (before the engine is disposed)."""
        with self._lock:
            threads, self._threads = self._threads, []
        for thread in threads:
            thread.join()
