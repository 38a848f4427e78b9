"""Reading a file the user named (an import): bounded in time and memory, whatever the path is.

Only a regular file is read. A FIFO, a character device such as /dev/zero, a socket or a directory
is refused from ``stat`` before it is opened, and the open itself never blocks (``O_NONBLOCK``), so a
named pipe no one writes to cannot hang the program. At most ``limit`` + 1 bytes are read: a file
that is larger, or grows while read, is refused instead of filling memory. Every failure is a
``BadInput`` with one Swedish sentence naming the file."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from shk_tui.errors import BadInput

MAX_BYTES = 50 * 1024 * 1024


def read_input(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a file the user asked to read, in bounded time and memory: only a regular file
    (a FIFO, a device such as /dev/zero or a socket is refused without being read, and opening never
    blocks), at most ``limit`` bytes (a file that grows while read is refused too). Raises BadInput."""
    path = Path(path)
    name = str(path)
    try:
        mode = os.stat(path).st_mode
        _check_kind(mode, name)
        _check_not_live_database(path, name)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise BadInput(_read_error(exc, name)) from None
    try:
        info = os.fstat(fd)
        _check_kind(info.st_mode, name)  # replaced between stat and open
        if info.st_size > limit:
            raise BadInput(_too_big(name, limit))
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise BadInput(_too_big(name, limit))
        return b"".join(chunks)
    except OSError as exc:
        raise BadInput(_read_error(exc, name)) from None
    finally:
        os.close(fd)


def _check_not_live_database(path: Path, name: str) -> None:
    """A SQLite database in use (its -wal is beside it) or one of its -wal/-shm/-journal files is never
    opened: closing our descriptor would drop this process's SQLite locks on it (shk_tui.db.sqlite_file)."""
    base = str(path)
    for extra in ("-wal", "-shm", "-journal"):
        if base.endswith(extra) and Path(base[: -len(extra)]).exists():
            base = base[: -len(extra)]
            break
    if base != str(path) or Path(f"{base}-wal").exists():
        raise BadInput(f"Filen är en databas som används, ingen fil att importera: {name}")


def _check_kind(mode: int, name: str) -> None:
    if stat.S_ISDIR(mode):
        raise BadInput(f"Det är en katalog, inte en fil: {name}")
    if not stat.S_ISREG(mode):
        raise BadInput(f"Inte en vanlig fil (utan t.ex. en enhet eller en namngiven pipe): {name}")


def _too_big(name: str, limit: int) -> str:
    return f"Filen är för stor för import (över {limit // 1024 // 1024} MB): {name}"


_OS_REASONS = {errno.ENOENT: "Filen finns inte", errno.EACCES: "Du saknar behörighet att läsa filen",
               errno.EPERM: "Du saknar behörighet att läsa filen", errno.EISDIR: "Det är en katalog, inte en fil",
               errno.ENOTDIR: "En del av sökvägen är ingen katalog", errno.EIO: "Läsfel på disken",
               errno.ENAMETOOLONG: "För långt filnamn", errno.ELOOP: "För många symboliska länkar"}


def _read_error(exc: OSError, name: str) -> str:
    reason = _OS_REASONS.get(exc.errno or 0)
    if reason is None:
        reason = f"Kan inte läsa filen ({errno.errorcode.get(exc.errno or 0, 'okänt fel')})"
    return f"{reason}: {name}"
