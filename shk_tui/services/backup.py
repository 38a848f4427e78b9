"""Backups of the SQLite database with SQLite's online backup API, rotation, and orphan clean-up.

A backup is consistent even while the app (or another ``shk``) has the database open: the backup
API copies one committed snapshot, WAL content included. Backup files are single self-contained
files (rollback-journal mode, no -wal/-shm beside them) with mode 0600, written to a hidden temporary
file (``.shk-<what>.<pid>.tmp``) and moved into place, so a backup is never half-written.

Names in the backup directory: ``shk-YYYYMMDD-HHMMSS[-N][-reason].sqlite3``. Every kind rotates,
each reason on its own: plain (automatic and ``shk backup``) backups keep the newest 10, those taken
before an upgrade or a restore the newest 5 each (:data:`KEEP`). Temporary files left by an interrupted
backup or restore (the process is gone, or it is older than :data:`ORPHAN_AGE`) are removed at the next
backup, restore or open (:func:`clean_orphans`); a running process's temporary file is left alone.

Data safety: the live database is only ever opened through SQLite (see ``shk_tui.db.sqlite_file``):
a Python ``open()``/``close()`` of it would drop this process's SQLite locks. Restoring lives in
``shk_tui.services.restore``. PostgreSQL is backed up with ``pg_dump``; these functions refuse it."""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from shk_tui.config import DatabaseConfig
from shk_tui.db import sqlite_file
from shk_tui.errors import BadInput, ShkError

if TYPE_CHECKING:  # light at import (no SQLAlchemy): the light start cleans orphans through it
    from shk_tui.db.engine import Database

log = logging.getLogger(__name__)

PRE_UPGRADE = "fore-uppgradering"
PRE_RESTORE = "fore-aterstallning"
#: How many backups of each kind rotation keeps (``None``: plain backups); other reasons keep 5.
KEEP: dict[str | None, int] = {None: 10, PRE_UPGRADE: 5, PRE_RESTORE: 5}
KEEP_OTHER = 5
#: A temporary file older than this is an orphan even when a process with its pid exists (pid reuse).
ORPHAN_AGE = timedelta(minutes=15)
_NAME = re.compile(r"^shk-(\d{8}-\d{6})(?:-(\d+))?(?:-([a-z][a-z-]*))?\.sqlite3$")
_STAMP = "%Y%m%d-%H%M%S"
#: Our temporary files (and SQLite's -journal/-wal/-shm beside them): ``.shk-<what>.<pid>.tmp``.
_TEMP = re.compile(r"^\.shk-.+\.(\d+)\.tmp(?:-journal|-wal|-shm)?$")

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


def inspect_file(path: Path) -> FileInfo:
    """Read a SQLite file's tables and Alembic revision through a read-only SQLite connection
    (``sqlite_file.connect_look``: locked when the file is in use; nothing is created beside it).

    Raises ``BadInput`` when the file is missing, not a SQLite database, or damaged; ``ShkError``
    with the disk-full text when the disk is full."""
    if not path.exists():
        raise BadInput(f"Filen finns inte: {path}")
    if not path.is_file():
        raise BadInput(f"Inte en vanlig fil: {path}")
    try:
        conn = sqlite_file.connect_look(path)
        try:
            conn.execute("PRAGMA schema_version").fetchone()  # SQLite's own header check
            tables = frozenset(r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"))
            revision = None
            if "alembic_version" in tables:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            conn.close()
    except (sqlite3.Error, OSError) as exc:
        raise sqlite_file.error(exc, path) from None
    return FileInfo(revision=revision, tables=tables)


# --- temporary files ---------------------------------------------------------------------------


def temp_path(directory: Path, what: str) -> Path:
    """A new hidden temporary name in ``directory`` that :func:`clean_orphans` recognises."""
    return directory / f".shk-{what}-{os.urandom(4).hex()}.{os.getpid()}.tmp"


def remove_temp(path: Path) -> None:
    """Remove one of our own temporary database files (no connection of ours is open on it any more)
    together with the -journal/-wal/-shm SQLite may have left beside it."""
    for extra in ("-wal", "-shm", "-journal", ""):
        try:
            Path(f"{path}{extra}").unlink(missing_ok=True)
        except OSError as exc:  # pragma: no cover - permissions changed under us
            log.warning("could not remove temporary file %s%s: %s", path, extra, exc)


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_orphans(cfg: DatabaseConfig, *, now: float | None = None) -> list[Path]:
    """Remove temporary files an interrupted backup or restore left in the backup directory and
    beside the database: those whose process is gone, or older than :data:`ORPHAN_AGE`."""
    if cfg.sqlite_path is None:
        return []
    now = time.time() if now is None else now
    removed = []
    for directory in dict.fromkeys((cfg.backup_dir, cfg.sqlite_path.parent)):
        try:
            entries = list(directory.iterdir())
        except OSError:
            continue
        for p in entries:
            m = _TEMP.match(p.name)
            if not m:
                continue
            try:
                age = now - p.lstat().st_mtime
            except OSError:
                continue
            if _pid_alive(int(m.group(1))) and age < ORPHAN_AGE.total_seconds():
                continue
            try:
                p.unlink()
                removed.append(p)
                log.info("removed orphan temporary file %s", p)
            except OSError as exc:  # pragma: no cover
                log.warning("could not remove orphan temporary file %s: %s", p, exc)
    return removed


# --- backup ------------------------------------------------------------------------------------


def _config(db: Database | DatabaseConfig) -> DatabaseConfig:
    return db if isinstance(db, DatabaseConfig) else db.config  # a Database, or one opened when first used


def sqlite_path(cfg: DatabaseConfig) -> Path:
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


def rotate(backup_dir: Path, keep: dict[str | None, int] | None = None) -> list[Path]:
    """Remove all but the newest backups of each kind (``keep`` per reason, default :data:`KEEP`)."""
    keep = KEEP if keep is None else keep
    by_reason: dict[str | None, list[BackupFile]] = {}
    for b in list_backups(backup_dir):
        by_reason.setdefault(b.reason, []).append(b)
    removed = []
    for reason, found in by_reason.items():
        n = keep.get(reason, KEEP_OTHER)
        for b in found[: max(len(found) - n, 0)]:
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
        if sqlite_file.is_disk_full(exc):
            raise ShkError(sqlite_file.DISK_FULL) from None
        raise ShkError(f"Kan inte skapa katalogen för säkerhetskopior {backup_dir}: {exc.strerror}") from None
    stamp = now.strftime(_STAMP)
    tail = f"-{reason}" if reason else ""
    for n in range(1000):
        name = f"shk-{stamp}{f'-{n}' if n else ''}{tail}.sqlite3"
        if not (backup_dir / name).exists():
            return backup_dir / name
    raise ShkError(f"För många säkerhetskopior med samma tid i {backup_dir}")  # pragma: no cover


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def _check_output(target: Path, source: Path) -> Path:
    target = target.expanduser().resolve()
    if _same_file(target, source):
        raise BadInput(f"Säkerhetskopian kan inte skrivas över själva databasen: {target}")
    if target.is_dir():
        raise BadInput(f"Ange en fil, inte en katalog: {target}")
    if not target.parent.is_dir():
        raise BadInput(f"Katalogen finns inte: {target.parent}")
    if target.exists() and target.stat().st_size > 0:
        if Path(f"{target}-wal").exists():
            raise BadInput(f"Filen är en databas som används (en -wal-fil finns), skriver inte över: {target}")
        try:
            conn = sqlite_file.connect_look(target)
            try:
                conn.execute("PRAGMA schema_version").fetchone()
            finally:
                conn.close()
        except sqlite3.Error:
            raise BadInput(f"Filen finns redan och är ingen SQLite-databas, skriver inte över: {target}") from None
    return target


def copy_database(source: Path, target: Path) -> None:
    """Copy one consistent snapshot of ``source`` into a new file ``target`` (mode 0600, no WAL).

    ``source`` is read through a read-only SQLite connection (it may be live). The copy is written
    to a temporary file beside ``target`` and moved into place, so ``target`` is never half-written."""
    tmp = temp_path(target.parent, "kopia")
    try:
        fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)  # a new file: no locks on it yet
        os.close(fd)
        src = sqlite_file.connect_ro(source)
        try:
            dst = sqlite3.connect(tmp)
            try:
                sqlite_file.copy(src, dst)
                dst.execute("PRAGMA journal_mode=DELETE")
                problems = sqlite_file.integrity(dst, full=False)
                if problems:
                    raise ShkError(f"Säkerhetskopian blev inte hel ({problems[0]}); försök igen")
            finally:
                dst.close()
        finally:
            src.close()
        os.replace(tmp, target)
        _sync_directory(target.parent)
    except (sqlite3.Error, OSError) as exc:
        remove_temp(tmp)
        if sqlite_file.is_disk_full(exc):
            raise ShkError(sqlite_file.DISK_FULL) from None
        if isinstance(exc, OSError):
            raise ShkError(f"Kan inte skriva {target}: {exc.strerror or exc}") from None
        raise ShkError(f"Säkerhetskopieringen misslyckades: {exc}") from None
    except BaseException:
        remove_temp(tmp)
        raise


def _sync_directory(directory: Path) -> None:
    """Make a rename durable (the directory entry), where the platform allows it."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # pragma: no cover - e.g. Windows
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def backup(db: Database | DatabaseConfig, target: Path | None = None, *, reason: str | None = None,
           now: datetime | None = None) -> Path:
    """Back the SQLite database up to ``target`` or to the backup directory (then rotated).

    ``reason`` (e.g. :data:`PRE_UPGRADE`) marks a safety backup, rotated among its own kind."""
    cfg = _config(db)
    source = sqlite_path(cfg)
    if not source.is_file() or source.stat().st_size == 0:
        raise BadInput(f"Det finns ingen databas att säkerhetskopiera: {source}")
    clean_orphans(cfg)
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


def restore(cfg: DatabaseConfig, source: Path, *, now: datetime | None = None) -> Path | None:
    """``shk_tui.services.restore.restore`` (kept here for callers of the old place)."""
    from shk_tui.services import restore as restoring

    return restoring.restore(cfg, source, now=now)
