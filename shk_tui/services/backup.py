"""Backups of the SQLite database with SQLite's online backup API, rotation, and restore.

A backup is consistent even while the app (or another ``shk``) has the database open: the backup
API copies one committed snapshot, WAL content included. Backup files are single self-contained
files (rollback-journal mode, no -wal/-shm beside them) with mode 0600.

Names in the backup directory: ``shk-YYYYMMDD-HHMMSS[-N][-reason].sqlite3``. Plain (automatic and
``shk backup``) backups are rotated, keeping the newest :data:`KEEP`; backups with a reason (taken
before an upgrade or a restore) are never removed automatically.

PostgreSQL is backed up with ``pg_dump``; these functions refuse it with a clear message."""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import urllib.parse
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from shk_tui.config import DatabaseConfig
from shk_tui.db.engine import SQLITE_MAGIC, Database, _prepare_sqlite_file, remove_created
from shk_tui.errors import BadInput, ShkError

log = logging.getLogger(__name__)

KEEP = 10
PRE_UPGRADE = "fore-uppgradering"
PRE_RESTORE = "fore-aterstallning"
# Tables every shk database has had since the first migration.
CORE_TABLES = frozenset({
    "alembic_version", "organisation", "contact", "event", "participation", "contract", "payment",
    "initiative", "budget_line", "audit_entry",
})
_NAME = re.compile(r"^shk-(\d{8}-\d{6})(?:-(\d+))?(?:-([a-z][a-z-]*))?\.sqlite3$")
_STAMP = "%Y%m%d-%H%M%S"

PG_BACKUP_MESSAGE = ("PostgreSQL säkerhetskopieras med pg_dump (t.ex. pg_dump -Fc -f shk.dump DATABAS) och "
                     "återställs med pg_restore; shk backup/restore gäller bara SQLite-filer.")


@dataclass(frozen=True)
class FileInfo:
    """What a read-only look into a SQLite file found."""

    revision: str | None
    tables: frozenset[str]


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken: datetime
    counter: int
    reason: str | None


# --- looking into files without changing them -----------------------------------------------


def _connect_ro(path: Path) -> sqlite3.Connection:
    """Open read-only without creating anything beside the file (no -wal/-shm when there is no WAL)."""
    uri = "file:" + urllib.parse.quote(str(path)) + "?mode=ro"
    if not Path(f"{path}-wal").exists():
        uri += "&immutable=1"
    return sqlite3.connect(uri, uri=True)


def inspect_file(path: Path) -> FileInfo:
    """Read a SQLite file's tables and Alembic revision without writing anything.

    Raises ``BadInput`` when the file is missing, not a SQLite database, or damaged."""
    if not path.exists():
        raise BadInput(f"Filen finns inte: {path}")
    if not path.is_file():
        raise BadInput(f"Inte en vanlig fil: {path}")
    try:
        with open(path, "rb") as fh:
            magic = fh.read(16)
    except OSError as exc:
        raise BadInput(f"Kan inte läsa {path}: {exc.strerror}") from None
    if magic != SQLITE_MAGIC:
        raise BadInput(f"Filen är ingen SQLite-databas: {path}")
    try:
        conn = _connect_ro(path)
        try:
            tables = frozenset(r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"))
            revision = None
            if "alembic_version" in tables:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise BadInput(f"Filen är ingen läsbar SQLite-databas: {path} ({exc})") from None
    return FileInfo(revision=revision, tables=tables)


def check_shk_file(path: Path) -> FileInfo:
    """Require a shk database this app can open: revision known, core tables present."""
    info = inspect_file(path)
    missing = CORE_TABLES - info.tables
    if "alembic_version" not in info.tables or info.revision is None:
        raise BadInput(f"Filen är ingen shk-databas (schemaversion saknas): {path}")
    from shk_tui.db import migrate  # Alembic: only when a file is checked for restore

    if not migrate.is_known(info.revision):
        raise BadInput(migrate.too_new_message(info.revision))
    if missing:
        raise BadInput(f"Filen är ingen shk-databas (tabeller saknas: {', '.join(sorted(missing))}): {path}")
    return info


# --- backup ------------------------------------------------------------------------------------


def _config(db: Database | DatabaseConfig) -> DatabaseConfig:
    return db.config if isinstance(db, Database) else db


def _sqlite_path(cfg: DatabaseConfig) -> Path:
    if cfg.sqlite_path is None:
        raise BadInput(PG_BACKUP_MESSAGE)
    return cfg.sqlite_path


def list_backups(backup_dir: Path) -> list[BackupFile]:
    """Backups in ``backup_dir`` by name, oldest first."""
    found = []
    try:
        entries = list(backup_dir.iterdir())
    except OSError:
        return []
    for p in entries:
        m = _NAME.match(p.name)
        if not m or not p.is_file():
            continue
        try:
            taken = datetime.strptime(m.group(1), _STAMP)
        except ValueError:
            continue
        found.append(BackupFile(p, taken, int(m.group(2) or 0), m.group(3)))
    found.sort(key=lambda b: (b.taken, b.counter, b.path.name))
    return found


def latest_backup_age(db: Database | DatabaseConfig, now: datetime | None = None) -> timedelta | None:
    """How old the newest backup in the backup directory is; ``None`` when there is none."""
    backups = list_backups(_config(db).backup_dir)
    if not backups:
        return None
    return (now or datetime.now()) - backups[-1].taken


def rotate(backup_dir: Path, keep: int = KEEP) -> list[Path]:
    """Remove all but the newest ``keep`` plain backups; returns what was removed."""
    plain = [b for b in list_backups(backup_dir) if b.reason is None]
    removed = []
    for b in plain[: max(len(plain) - keep, 0)]:
        try:
            b.path.unlink()
            removed.append(b.path)
        except OSError as exc:  # pragma: no cover - permissions changed under us
            log.warning("could not remove old backup %s: %s", b.path, exc)
    return removed


def _default_target(backup_dir: Path, now: datetime, reason: str | None) -> Path:
    try:
        backup_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise ShkError(f"Kan inte skapa katalogen för säkerhetskopior {backup_dir}: {exc.strerror}") from None
    stamp = now.strftime(_STAMP)
    tail = f"-{reason}" if reason else ""
    for n in range(1000):
        name = f"shk-{stamp}{f'-{n}' if n else ''}{tail}.sqlite3"
        if not (backup_dir / name).exists():
            return backup_dir / name
    raise ShkError(f"För många säkerhetskopior med samma tid i {backup_dir}")  # pragma: no cover


def _check_output(target: Path, source: Path) -> Path:
    target = target.expanduser().resolve()
    if target == source.resolve():
        raise BadInput(f"Säkerhetskopian kan inte skrivas över själva databasen: {target}")
    if target.is_dir():
        raise BadInput(f"Ange en fil, inte en katalog: {target}")
    if not target.parent.is_dir():
        raise BadInput(f"Katalogen finns inte: {target.parent}")
    if target.exists() and target.stat().st_size > 0:
        with open(target, "rb") as fh:
            if fh.read(16) != SQLITE_MAGIC:
                raise BadInput(f"Filen finns redan och är ingen SQLite-databas, skriver inte över: {target}")
    return target


def _remove_sqlite_files(path: Path) -> None:
    for extra in ("-wal", "-shm", "-journal"):
        Path(f"{path}{extra}").unlink(missing_ok=True)
    path.unlink(missing_ok=True)


def copy_database(source: Path, target: Path, *, readonly_source: bool = False) -> None:
    """Copy one consistent snapshot of ``source`` into a new file ``target`` (mode 0600, no WAL).

    Written to a temporary file beside ``target`` first and moved into place, so ``target`` is
    never half-written."""
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    _remove_sqlite_files(tmp)
    try:
        fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
        if readonly_source:
            src = _connect_ro(source)
        else:  # mode=rw: never create the database we are asked to copy
            src = sqlite3.connect("file:" + urllib.parse.quote(str(source)) + "?mode=rw", uri=True, timeout=10)
        try:
            dst = sqlite3.connect(tmp)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")
                (ok,) = dst.execute("PRAGMA quick_check").fetchone()
                if ok != "ok":
                    raise ShkError(f"Säkerhetskopian blev inte hel ({ok}); försök igen")
            finally:
                dst.close()
        finally:
            src.close()
        os.chmod(tmp, 0o600)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except sqlite3.Error as exc:
        _remove_sqlite_files(tmp)
        raise ShkError(f"Säkerhetskopieringen misslyckades: {exc}") from None
    except OSError as exc:
        _remove_sqlite_files(tmp)
        raise ShkError(f"Kan inte skriva {target}: {exc.strerror}") from None
    except BaseException:
        _remove_sqlite_files(tmp)
        raise


def backup(db: Database | DatabaseConfig, target: Path | None = None, *, reason: str | None = None,
           now: datetime | None = None) -> Path:
    """Back the SQLite database up to ``target`` or to the backup directory (then rotated).

    ``reason`` (e.g. :data:`PRE_UPGRADE`) marks a safety backup that rotation keeps."""
    cfg = _config(db)
    source = _sqlite_path(cfg)
    if not source.is_file() or source.stat().st_size == 0:
        raise BadInput(f"Det finns ingen databas att säkerhetskopiera: {source}")
    inspect_file(source)  # a SQLite file (any schema: a copy of a too new one is still useful)
    if target is not None:
        dest = _check_output(Path(target), source)
        copy_database(source, dest)
        log.info("backup of %s written to %s", source, dest)
        return dest
    dest = _default_target(cfg.backup_dir, now or datetime.now(), reason)
    copy_database(source, dest)
    log.info("backup of %s written to %s", source, dest)
    for old in rotate(cfg.backup_dir):
        log.info("rotated away old backup %s", old)
    return dest


# --- restore -----------------------------------------------------------------------------------


def restore(cfg: DatabaseConfig, source: Path, *, now: datetime | None = None) -> Path | None:
    """Replace the database with the shk database in ``source``, then upgrade it if it is older.

    ``source`` is checked before anything is touched. The current database (if any) is first
    kept as a backup, whose path is returned (``None`` when there was no database)."""
    target = _sqlite_path(cfg)
    source = Path(source).expanduser().resolve()
    check_shk_file(source)
    if source == target.resolve():
        raise BadInput(f"Filen är redan databasen: {source}")
    if target.is_dir():
        raise BadInput(f"Databasen kan inte vara en katalog: {target}")
    kept: Path | None = None
    if target.is_file() and target.stat().st_size > 0:
        current = inspect_file(target)
        if current.tables and current.revision is None:
            raise BadInput(f"Den nuvarande filen är ingen shk-databas, skriver inte över den: {target}")
        kept = _default_target(cfg.backup_dir, now or datetime.now(), PRE_RESTORE)
        copy_database(target, kept)
        log.info("current database %s kept as %s before restore", target, kept)
    created = _prepare_sqlite_file(target)
    try:
        _write_into(source, target)
    except BaseException:
        remove_created(created)
        raise
    log.info("restored %s from %s", target, source)
    from shk_tui.db import migrate

    db = Database(cfg)
    try:
        db.check_connection()
        if migrate.needs_upgrade(db):
            migrate.upgrade(db)
    finally:
        db.dispose()
    return kept


def _write_into(source: Path, target: Path) -> None:
    """Overwrite ``target`` with ``source`` through the backup API (safe with other connections open:
    SQLite locks the target and handles its WAL)."""
    try:
        src = _connect_ro(source)
        try:
            dst = sqlite3.connect(target, timeout=10)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=WAL")
                (ok,) = dst.execute("PRAGMA quick_check").fetchone()
                if ok != "ok":  # pragma: no cover - the source passed its own checks
                    raise ShkError(f"Återställningen blev inte hel ({ok})")
            finally:
                dst.close()
        finally:
            src.close()
        os.chmod(target, 0o600)
    except sqlite3.Error as exc:
        raise ShkError(f"Återställningen misslyckades: {exc}") from None
