"""``shk restore FILE``: replace the SQLite database with a backup, checked completely first.

1. The source is copied (SQLite's backup API, read-only, with locks when it is in use) to a private
   temporary file beside the database; everything below looks at that copy, never at the source again.
2. The copy must pass ``PRAGMA integrity_check`` (the full check), carry a revision this app knows, and
   have exactly the schema the app builds at that revision (``shk_tui.db.schema_check``: tables,
   columns, indexes, foreign keys, and no trigger or view the app did not create).
3. An older copy is upgraded to the current schema, still in the temporary file.
4. Only then is the current database kept as a backup (reason :data:`~backup.PRE_RESTORE`, rotated),
   and the copy written into the live database with the backup API in one step: one write transaction
   of SQLite, so other connections (the TUI open in another terminal) see the old or the new database,
   never a mix, and a crash or ``kill -9`` leaves either the old or the new one (WAL/journal recovery).

Any refusal leaves the live file untouched (not a byte changed, no backup taken or rotated away).
Other connections to the database may stay open: the swap waits for their write lock like any
write, up to the busy timeout, then gives up with the "upptagen" message.

The live database is only ever opened through SQLite (``shk_tui.db.sqlite_file``)."""

from __future__ import annotations

import logging
import os
import sqlite3
import sys
import time
from datetime import datetime
from pathlib import Path

from shk_tui.config import DatabaseConfig
from shk_tui.db import schema_check, schema_head, sqlite_file
from shk_tui.db.engine import BUSY_TIMEOUT_MS, Database, _prepare_sqlite_file, remove_created
from shk_tui.errors import BadInput, ShkError
from shk_tui.services import backup as backups

log = logging.getLogger(__name__)

#: Test hook (the reliability tests' kill -9): ``SHK_TEST_PAUSE_AT=restore-swap`` makes a restore wait
#: just before it writes into the live database.
PAUSE_ENV = "SHK_TEST_PAUSE_AT"


def restore(cfg: DatabaseConfig, source: Path, *, now: datetime | None = None) -> Path | None:
    """Replace the database with the shk database in ``source`` (upgraded if it is older).

    Returns the backup the current database was kept as (``None`` when there was none)."""
    target = backups.sqlite_path(cfg)
    source = Path(source).expanduser().resolve()
    if not source.exists():
        raise BadInput(f"Filen finns inte: {source}")
    if not source.is_file():
        raise BadInput(f"Inte en vanlig fil: {source}")
    if backups._same_file(source, target):
        raise BadInput(f"Filen är redan databasen: {source}")
    if target.is_dir():
        raise BadInput(f"Databasen kan inte vara en katalog: {target}")
    existed = target.is_file() and target.stat().st_size > 0
    if existed:
        current = backups.inspect_file(target)
        if current.tables and current.revision is None:
            raise BadInput(f"Den nuvarande filen är ingen shk-databas, skriver inte över den: {target}")
    created = _prepare_sqlite_file(target)  # a missing database: its directory, for the copy beside it
    backups.clean_orphans(cfg)
    work = backups.temp_path(target.parent, "aterstallning")
    try:
        revision = _checked_copy(source, work)
        if revision != schema_head.HEAD:
            _upgrade(work)
        _pause("restore-swap")
        kept = backups.backup(cfg, reason=backups.PRE_RESTORE, now=now) if existed else None
        if kept is not None:
            log.info("current database %s kept as %s before restore", target, kept)
        _swap(work, target)
    except BaseException:
        remove_created(created)
        raise
    finally:
        backups.remove_temp(work)
    log.info("restored %s from %s (revision %s)", target, source, revision)
    return kept


def _pause(step: str) -> None:
    if os.environ.get(PAUSE_ENV) == step:
        print(f"SHK_TEST_PAUSED {step}", file=sys.stderr, flush=True)
        time.sleep(60)


def _checked_copy(source: Path, work: Path) -> str:
    """Copy ``source`` to ``work`` and check the copy; returns its revision. Raises BadInput."""
    try:
        fd = os.open(work, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)  # a new private file
        os.close(fd)
        src = sqlite_file.connect_look(source)  # not the configured database (checked above)
        try:
            src.execute("PRAGMA schema_version").fetchone()  # SQLite's header check, before anything is copied
            dst = sqlite3.connect(work)
            try:
                sqlite_file.copy(src, dst)
                dst.execute("PRAGMA journal_mode=DELETE")
            finally:
                dst.close()
        finally:
            src.close()
    except (sqlite3.Error, OSError) as exc:
        raise sqlite_file.error(exc, source) from None
    try:
        conn = sqlite_file.connect_ro(work, immutable=True)  # our private copy: nobody else can have it open
        try:
            problems = sqlite_file.integrity(conn)
            if problems:
                raise BadInput(f"Filen är skadad ({problems[0][:80]}); inget återställdes: {source}")
            revision = _revision(conn, source)
            found = schema_check.read(conn)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise sqlite_file.error(exc, source) from None
    reference = backups.temp_path(work.parent, "referens")
    try:
        expected = schema_check.reference(revision, reference)
    finally:
        backups.remove_temp(reference)
    diffs = schema_check.differences(found, expected)
    if diffs:
        raise BadInput(schema_check.message(revision, diffs))
    return revision


def _revision(conn: sqlite3.Connection, source: Path) -> str:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    row = conn.execute("SELECT version_num FROM alembic_version").fetchone() if "alembic_version" in tables else None
    if row is None or not row[0]:
        raise BadInput(f"Filen är ingen shk-databas (schemaversion saknas): {source}")
    from shk_tui.db import migrate  # Alembic: only when a file is restored

    if not migrate.is_known(row[0]):
        raise BadInput(migrate.too_new_message(row[0]))
    return row[0]


def _upgrade(work: Path) -> None:
    """Bring the checked copy to the current schema, in the temporary file (rollback mode again after)."""
    from shk_tui.db import migrate

    db = Database(DatabaseConfig(url=f"sqlite:///{work}", sqlite_path=work))
    try:
        migrate.upgrade(db)
    finally:
        db.dispose()
    conn = sqlite3.connect(work)
    try:
        conn.execute("PRAGMA journal_mode=DELETE")
    finally:
        conn.close()


def _swap(work: Path, target: Path) -> None:
    """Write the checked copy into the live database in one transaction of SQLite's backup API."""
    try:
        src = sqlite_file.connect_ro(work, immutable=True)
        try:
            dst = sqlite_file.connect_rw(target, timeout=BUSY_TIMEOUT_MS / 1000)
            try:
                sqlite_file.copy(src, dst, wait=BUSY_TIMEOUT_MS / 1000)
                dst.execute("PRAGMA journal_mode=WAL")
                problems = sqlite_file.integrity(dst, full=False)
                if problems:  # pragma: no cover - the copy passed the full check
                    raise ShkError(f"Återställningen blev inte hel ({problems[0]})")
            finally:
                dst.close()
        finally:
            src.close()
        os.chmod(target, 0o600)
    except (sqlite3.Error, OSError) as exc:
        if sqlite_file.is_disk_full(exc):
            raise ShkError(sqlite_file.DISK_FULL) from None
        raise ShkError(f"Återställningen misslyckades, databasen är oförändrad: {exc}") from None
