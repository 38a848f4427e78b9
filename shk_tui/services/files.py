"""Files the app writes for the user (exports, register extracts). They may hold personal data, so
they end up readable by their owner only (mode 0600), also when an older 0644 file was there.

The one way to write them: a temporary file in the same directory (created 0600, exclusively),
written in full, fsynced, then renamed over the target. A failure at any point (disk full, Ctrl-C)
leaves the old file as it was and no temporary file behind. Directories and special files (FIFOs,
devices) are refused: renaming over them would not write to them. Errors are Swedish ``BadInput``."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from shk_tui.config import data_dir
from shk_tui.errors import BadInput

ENV_EXPORT_DIR = "SHK_EXPORT_DIR"


def export_dir() -> Path:
    """Where the TUI writes exports: ``$SHK_EXPORT_DIR`` or ``exporter/`` in the data directory."""
    override = os.environ.get(ENV_EXPORT_DIR)
    return Path(override) if override else data_dir() / "exporter"


def write_private(path: Path | str, payload: bytes | str) -> Path:
    """Write ``payload`` (text as UTF-8) to ``path`` atomically, mode 0600; returns the path.
    A symlink is written through (its target is replaced). Raises BadInput (Swedish) on failure."""
    shown = Path(path)
    data = payload.encode("utf-8") if isinstance(payload, str) else bytes(payload)
    target = _regular_target(shown)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:100]}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise BadInput(_message(exc, shown)) from None
    try:
        try:
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except BaseException as exc:  # Ctrl-C included: never leave the temporary file behind
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise BadInput(_message(exc, shown)) from None
        raise
    _sync_directory(target.parent)
    return shown


def write_in(directory: Path, name: str, payload: bytes | str) -> Path:
    """Write ``name`` into ``directory`` (created 0700 when missing) with ``write_private``."""
    directory = Path(directory)
    try:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    except FileExistsError:
        raise BadInput(f"Kan inte skapa katalogen {directory}: det finns en fil med det namnet") from None
    except OSError as exc:
        raise BadInput(_message(exc, directory, verb="skapa katalogen")) from None
    return write_private(directory / name, payload)


def _regular_target(path: Path) -> Path:
    """The file to replace: ``path``, or what a symlink points to. Refuses anything but a regular
    file or a name not yet taken."""
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        st = os.stat(target)
    except FileNotFoundError:
        return target
    except OSError as exc:
        raise BadInput(_message(exc, path)) from None
    if stat.S_ISDIR(st.st_mode):
        raise BadInput(f"Det är en katalog, inte en fil: {path}")
    if not stat.S_ISREG(st.st_mode):
        raise BadInput(f"Kan inte skriva {path}: det är inte en vanlig fil")
    if _is_database(target):
        raise BadInput(f"Skriver inte över {path}: det är en SQLite-databas (välj ett annat filnamn)")
    return target


def _is_database(target: Path) -> bool:
    """An export must never replace a database (the app's own, under its open connection) or the
    journal files beside one. A database in use in WAL mode always has its -wal and -shm beside it,
    so those are checked by name; the header is read only of a file no SQLite connection has open
    (reading and closing the live file would drop this process's SQLite locks on it)."""
    name = target.name
    for tail in ("-wal", "-shm", "-journal"):
        if name.endswith(tail) and target.with_name(name[: -len(tail)]).is_file():
            return True
    if any(target.with_name(name + tail).exists() for tail in ("-wal", "-shm", "-journal")):
        return True
    try:
        with open(target, "rb") as fh:
            return fh.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable; best effort (not every file system allows it)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


_REASONS = {
    errno.EACCES: "behörighet saknas",
    errno.EPERM: "behörighet saknas",
    errno.EROFS: "filsystemet är skrivskyddat",
    errno.ENAMETOOLONG: "namnet är för långt",
    errno.ENOTDIR: "en del av sökvägen är ingen katalog",
    errno.EISDIR: "det är en katalog",
    errno.EIO: "läs- eller skrivfel på disken",
    errno.EMFILE: "för många öppna filer",
    errno.EFBIG: "filen blir för stor för filsystemet",
}


def _message(exc: OSError, path: Path, *, verb: str = "skriva") -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"Disken är full: kunde inte {verb} {path}"
    if exc.errno == errno.ENOENT:
        return f"Kan inte {verb} {path}: katalogen {path.parent} finns inte"
    reason = _REASONS.get(exc.errno or 0, exc.strerror or type(exc).__name__)
    return f"Kan inte {verb} {path}: {reason}"
