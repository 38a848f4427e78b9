"""Opening the database for the app and the CLI: connect, refuse a schema newer than the app,
back up, then upgrade. Bad input creates or overwrites nothing: a file we created for a
database that then fails to open is removed again. Temporary files an interrupted backup or
restore left behind are cleaned up on the way (``backup.clean_orphans``).

Data safety: an existing file is looked into through SQLite only (a read-only connection), never
with ``open()``: this process may hold SQLite's locks on it (see ``shk_tui.db.sqlite_file``)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from shk_tui.config import DatabaseConfig
from shk_tui.db import schema_head
from shk_tui.db.engine import Database, remove_created
from shk_tui.errors import BadInput, ShkError
from shk_tui.services import backup as backups

log = logging.getLogger(__name__)

AUTO_BACKUP_AFTER = timedelta(days=1)


@dataclass(frozen=True)
class OpenResult:
    """What opening did: the schema revision before and after, and any backup taken."""

    before: str | None
    after: str | None
    backup: Path | None
    created: bool  # the database file or schema was new

    @property
    def upgraded(self) -> bool:
        return self.before != self.after


def open_database(cfg: DatabaseConfig, *, auto_backup: bool = False) -> Database:
    """An opened database at the newest schema.

    Before an upgrade of a non-empty SQLite database a backup is taken. With ``auto_backup``
    (the TUI start) a backup is also taken when the newest one is older than a day."""
    db, _ = open_with_result(cfg, auto_backup=auto_backup)
    return db


def upgrade_database(cfg: DatabaseConfig) -> OpenResult:
    """``shk db upgrade``: open (which upgrades), close, and say what happened."""
    db, result = open_with_result(cfg)
    db.dispose()
    return result


def open_with_result(cfg: DatabaseConfig, *, auto_backup: bool = False) -> tuple[Database, OpenResult]:
    if cfg.sqlite_path is not None:
        _precheck_sqlite(cfg.sqlite_path)
        backups.clean_orphans(cfg)
    db = Database(cfg)
    try:
        db.check_connection()
        current = schema_head.stored(db)
        if current == schema_head.HEAD:  # the usual case: nothing to check or upgrade, Alembic stays unloaded
            taken = _auto_backup(db) if auto_backup and cfg.is_sqlite else None
            result = OpenResult(before=current, after=current, backup=taken, created=bool(db.created_paths))
        else:
            result = _check_and_upgrade(db, cfg)
    except BaseException:
        db.dispose()
        remove_created(db.created_paths)
        raise
    return db, result


def _check_and_upgrade(db: Database, cfg: DatabaseConfig) -> OpenResult:
    from shk_tui.db import migrate

    migrate.check_not_newer(db)
    before = migrate.current(db)
    empty = migrate.is_empty(db)
    taken: Path | None = None
    if migrate.needs_upgrade(db):
        if not empty:
            if before is None:
                raise BadInput(_foreign_message(cfg))
            if cfg.is_sqlite:
                taken = backups.backup(db, reason=backups.PRE_UPGRADE)
        log.info("upgrading %s from %s to %s", cfg.display, before, migrate.head())
        migrate.upgrade(db)
    return OpenResult(before=before, after=migrate.current(db), backup=taken,
                      created=bool(db.created_paths) or empty)


def daily_backup(db: Database) -> Path | None:
    """The TUI's daily backup, taken after its first frame: one when the newest is older than a day."""
    return _auto_backup(db) if db.config.is_sqlite else None


def _auto_backup(db: Database) -> Path | None:
    age = backups.latest_backup_age(db)
    if age is not None and age < AUTO_BACKUP_AFTER:
        return None
    try:
        return backups.backup(db)
    except ShkError as exc:  # a failed daily backup must not lock the user out of their data
        log.warning("automatic backup failed: %s", exc)
        return None


def _foreign_message(cfg: DatabaseConfig) -> str:
    return f"Databasen innehåller tabeller men ingen schemaversion; den skapades inte av shk-tui: {cfg.display}"


def _precheck_sqlite(path: Path) -> None:
    """Look into an existing file read-only (through SQLite), so a foreign or too new database is
    refused before SQLite's WAL switch (or anything else) writes to it."""
    try:
        if not path.is_file() or path.stat().st_size == 0:
            return
    except OSError:
        return  # Database() gives the precise message
    info = backups.inspect_file(path)
    if info.revision not in (None, schema_head.HEAD):
        from shk_tui.db import migrate

        if not migrate.is_known(info.revision):
            raise migrate.SchemaTooNew(migrate.too_new_message(info.revision))
    if info.revision is None and info.tables - {"alembic_version"}:
        raise BadInput(f"Databasen innehåller tabeller men ingen schemaversion; den skapades inte av shk-tui: "
                       f"{path}")
