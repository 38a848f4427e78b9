"""The ``shk`` command: parse, call services, print. The TUI is the main face; the CLI serves
scripts, cron and tests. Errors: one Swedish line on stderr, exit 2 for bad input, 1 otherwise;
tracebacks go to the log file in the data dir, never to the user."""

from __future__ import annotations

import argparse
import errno
import gc
import logging
import os
import re
import stat
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, NoReturn, cast

from shk_tui import __version__, config
from shk_tui.commands.args import one_line
from shk_tui.errors import DatabaseBusy, ShkError

if TYPE_CHECKING:
    from shk_tui.db.engine import Database

log = logging.getLogger("shk_tui")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse's own errors: exit 2, one Swedish line
        self.exit(2, one_line(f"shk: fel: {swedish_usage_error(message)}") + "\n")


#: argparse's English messages (Python 3.11) and their Swedish form.
_ARGPARSE_SV = (
    (re.compile(r"^argument (.+?): invalid int value: (.+)$"), r"\1: ogiltigt heltal: \2"),
    (re.compile(r"^argument (.+?): invalid choice: (.+?) \(choose from (.+)\)$"), r"\1: ogiltigt val \2 (välj \3)"),
    (re.compile(r"^argument (.+?): expected one argument$"), r"\1: ett värde saknas"),
    (re.compile(r"^the following arguments are required: (.+)$"), r"dessa argument saknas: \1"),
    (re.compile(r"^unrecognized arguments: (.+)$"), r"okända argument: \1"),
    (re.compile(r"^argument (.+?): not allowed with argument (.+)$"), r"\1 går inte ihop med \2"),
    # an argument type's own (Swedish) message, see ``shk_tui.commands.args``
    (re.compile(r"^argument (.+?): (.+)$", re.DOTALL), r"\1: \2"),
)


def swedish_usage_error(message: str) -> str:
    """argparse's error message in Swedish (an unknown one is kept as it is)."""
    for pattern, swedish in _ARGPARSE_SV:
        if pattern.match(message):
            return pattern.sub(swedish, message)
    return message


def _command(argv: Sequence[str]) -> str | None:
    """The sub-command named in ``argv`` (the first word that is neither an option nor --db's value)."""
    skip = False
    for word in argv:
        if skip:
            skip = False
        elif word == "--db":
            skip = True
        elif word == "--" or word.startswith("-"):
            if word in ("-h", "--help", "--version", "--"):
                return None
        else:
            return word
    return None


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The ``shk`` parser; with ``argv``, only the command module it names is imported (when known)."""
    from shk_tui.commands import modules

    parser = _Parser(prog="shk", description="Samhällskontraktets processtöd: kontakter, evenemang, avtal, "
                     "portfölj och budget. Utan kommando öppnas terminalgränssnittet.")
    parser.add_argument("--db", metavar="URL|PATH", help="databas: SQLite-fil eller postgresql+psycopg://…")
    parser.add_argument("--version", action="version", version=f"shk-tui {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="KOMMANDO", parser_class=_Parser)
    command = _command(argv) if argv is not None else None
    if argv is not None and command is None and not {"-h", "--help"} & set(argv):
        chosen = []  # ``shk`` alone opens the TUI: no command module (nor the services it imports) is loaded
    else:
        chosen = modules(command)
    for module in chosen:
        register = getattr(module, "register", None)
        if register is not None:
            register(sub)
    return parser


class _LazyFileHandler(logging.FileHandler):
    """A file handler that creates the data dir and the log file only when something is logged,
    so a run that logs nothing creates nothing."""

    def __init__(self, path) -> None:
        super().__init__(path, encoding="utf-8", delay=True)

    def _open(self):
        """Open for appending with mode 0600 (the log may name people); an older, wider log is narrowed."""
        os.makedirs(os.path.dirname(self.baseFilename), mode=0o700, exist_ok=True)
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0),
                     0o600)
        try:
            if stat.S_IMODE(os.fstat(fd).st_mode) & 0o077:
                os.fchmod(fd, 0o600)
            return open(fd, "a", encoding=self.encoding, errors=self.errors)
        except BaseException:
            os.close(fd)
            raise

    def handleError(self, record: logging.LogRecord) -> None:  # a broken log must not break the app
        pass


def setup_logging() -> None:
    """Log to a file in the data dir; never to the terminal."""
    handler: logging.Handler
    try:
        handler = _LazyFileHandler(config.log_file())
    except OSError:  # pragma: no cover
        handler = logging.NullHandler()
    from shk_tui.logredact import RedactingFormatter  # no personal values in the log file

    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("shk_tui")
    for old in root.handlers:
        old.close()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)
    root.propagate = False


def main(argv: Sequence[str] | None = None) -> int:
    # The collector is off while the modules load: their objects are long-lived, and collections walking
    # them over and over are a tenth of the TUI's start. On again when a command runs (``_dispatch``); the
    # TUI turns it on once its first frame is drawn (``app.tune_gc``).
    gc.disable()
    try:
        setup_logging()
        parser = build_parser(sys.argv[1:] if argv is None else argv)
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:  # --help, --version and argparse's own errors
            return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
        return _dispatch(args) or 0
    except ShkError as exc:
        message, code = exc.message, exc.exit_code
        known = _known_failure(exc)  # a message built on a full disk, say, names that instead
        if known is not None:
            message, code = known[0], code if known[1] is None else known[1]
        print(one_line(f"shk: {message}"), file=sys.stderr)
        return code
    except KeyboardInterrupt:
        print("shk: avbrutet", file=sys.stderr)
        return 130
    except Exception as exc:  # last line of defence: no traceback to the user
        log.exception("unexpected error")
        print(one_line(f"shk: {_describe(exc)}"), file=sys.stderr)
        return 1
    finally:
        gc.enable()


DISK_FULL = "Disken är full: inget sparades. Frigör utrymme och försök igen."
PG_LOST = ("Förbindelsen med PostgreSQL bröts; den pågående ändringen sparades inte. Kontrollera "
           "nätverket och servern och försök igen.")
PG_CONNECT = "Kan inte ansluta till PostgreSQL-servern: den svarar inte på adressen. Kontrollera --db och att servern är igång."
CONCURRENT = "En annan användare ändrade samma post samtidigt; inget sparades. Försök igen."
DISK_IO = "Läs- eller skrivfel på disken: inget sparades. Kontrollera disken och försök igen."

# SQLite result codes (sqlite3 exceptions carry them as ``sqlite_errorcode``; the low byte is the class)
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY, _SQLITE_IOERR, _SQLITE_CORRUPT = 5, 6, 8, 10, 11
_SQLITE_FULL, _SQLITE_CANTOPEN, _SQLITE_CONSTRAINT, _SQLITE_NOTADB = 13, 14, 19, 26
_SQLITE_TEXT = {
    _SQLITE_FULL: DISK_FULL, _SQLITE_IOERR: DISK_IO,
    _SQLITE_READONLY: "Databasen är skrivskyddad: inget sparades. Kontrollera filens rättigheter.",
    _SQLITE_CANTOPEN: "Kan inte öppna databasfilen (finns katalogen, och får du skriva i den?)",
    _SQLITE_CORRUPT: "Databasfilen är skadad. Återställ en säkerhetskopia med shk restore.",
    _SQLITE_NOTADB: "Databasfilen är skadad eller ingen SQLite-databas. Återställ en säkerhetskopia med shk restore.",
}
_OS_TEXT = {
    errno.EACCES: "åtkomst nekad", errno.EPERM: "åtkomst nekad", errno.ENOENT: "finns inte",
    errno.EROFS: "skrivskyddat filsystem", errno.EIO: "läs- eller skrivfel på disken", errno.EISDIR: "är en katalog",
    errno.ENOTDIR: "en del av sökvägen är ingen katalog", errno.EMFILE: "för många öppna filer",
    errno.ENAMETOOLONG: "för långt filnamn", errno.EEXIST: "finns redan",
}
_PG_LOST = ("server closed the connection", "terminating connection", "connection is lost", "connection is closed",
            "consuming input failed", "ssl connection has been closed", "connection reset", "broken pipe",
            "ssl syscall error", "connection timed out", "could not receive data", "could not send data")
_PG_CONNECT = ("connection refused", "could not connect", "connection failed", "could not translate host name",
               "name or service not known", "no route to host", "timeout expired", "network is unreachable")


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """``exc``, what it wraps (a driver's error inside SQLAlchemy's) and what caused it, at most 10 deep."""
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo and len(seen) < 10:
        item = todo.pop(0)
        if item is None or id(item) in seen:
            continue
        seen.add(id(item))
        yield item
        orig = getattr(item, "orig", None)
        todo += [orig if isinstance(orig, BaseException) else None, item.__cause__, item.__context__]


def _sqlite_code(exc: BaseException) -> int | None:
    """The SQLite primary result code of a sqlite3 error (from the code, else from its English text)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF
    text = str(exc).lower()
    for needle, found in (("database or disk is full", _SQLITE_FULL), ("database is locked", _SQLITE_BUSY),
                          ("database table is locked", _SQLITE_LOCKED), ("disk i/o error", _SQLITE_IOERR),
                          ("readonly database", _SQLITE_READONLY), ("unable to open database", _SQLITE_CANTOPEN),
                          ("malformed", _SQLITE_CORRUPT), ("file is not a database", _SQLITE_NOTADB)):
        if needle in text:
            return found
    return None


def _known_failure(exc: BaseException, *, environment_only: bool = True) -> tuple[str, int | None] | None:
    """A Swedish message (and exit status, None: the caller's) for a failure of the surroundings found
    anywhere in ``exc``'s chain: a full disk, a disk error, PostgreSQL unreachable or gone; unless
    ``environment_only``, also a busy SQLite file and a concurrent change on a team database."""
    for item in _chain(exc):
        module = type(item).__module__
        if isinstance(item, OSError) and item.errno in (errno.ENOSPC, errno.EDQUOT):
            return DISK_FULL, 1
        if isinstance(item, OSError) and item.errno == errno.EIO:
            return DISK_IO, 1
        if module.startswith("sqlite3"):
            code = _sqlite_code(item)
            if code in (_SQLITE_FULL, _SQLITE_IOERR):
                return _SQLITE_TEXT[code], 1
            if environment_only:
                continue
            if code in (_SQLITE_BUSY, _SQLITE_LOCKED):
                return DatabaseBusy().message, 1
            if code == _SQLITE_CONSTRAINT and "unique" in str(item).lower():
                return CONCURRENT, 1
            if code in _SQLITE_TEXT:
                return _SQLITE_TEXT[code], 1
        elif module.startswith("psycopg"):
            state = getattr(item, "sqlstate", None) or ""
            text = str(item).lower()
            if state == "53100":
                return DISK_FULL, 1
            if any(n in text for n in _PG_CONNECT):
                return PG_CONNECT, None
            if state.startswith(("08", "57P")) or any(n in text for n in _PG_LOST):
                return PG_LOST, 1
            if not environment_only and state in ("40001", "40P01", "55P03", "23505"):
                return CONCURRENT, 1
        elif not environment_only and type(item).__name__ == "StaleDataError":
            return CONCURRENT, 1
    return None


def _light(cfg: config.DatabaseConfig) -> Database | None:
    """The TUI's start and the commands marked ``light`` (``shk due``) read a SQLite database that is ready
    (``db.light.at_head``) before SQLAlchemy and the models are imported: a LazyDatabase, which opens the
    real Database (``storage.open_database``: checks, orphans, the same as always) when first needed.
    Anything else (PostgreSQL, a new, foreign or older file) is opened at once as before."""
    from shk_tui.db.light import light_database
    from shk_tui.services import backup

    def full() -> Database:
        from shk_tui.services import storage

        return storage.open_database(cfg)

    lazy = light_database(cfg, full)
    if lazy is not None:  # as the full open does: what an interrupted backup or restore left is removed
        backup.clean_orphans(cfg)
    # it forwards every attribute it does not have to the Database it opens
    return cast("Database", lazy) if lazy is not None else None


def _describe(exc: BaseException) -> str:
    """One Swedish line for an unexpected exception; details are in the log file. Never a driver's
    own (English) text."""
    where = f"detaljer i {config.log_file()}"
    known = _known_failure(exc, environment_only=False)
    if known is not None:
        return known[0]
    if isinstance(exc, MemoryError):
        return f"minnet tog slut; inget sparades ({where})"
    from sqlalchemy import exc as sa_exc

    if isinstance(exc, sa_exc.DBAPIError):
        return f"databasfel ({type(getattr(exc, 'orig', None) or exc).__name__}); {where}"
    if isinstance(exc, OSError) and exc.errno is not None:
        reason = _OS_TEXT.get(exc.errno, errno.errorcode.get(exc.errno, str(exc.errno)))
        return f"filfel: {reason}{f' ({exc.filename})' if exc.filename else ''}; {where}"
    return f"oväntat fel ({type(exc).__name__}); {where}"


def _dispatch(args: argparse.Namespace) -> int | None:
    cfg = config.resolve(args.db)
    raw = getattr(args, "raw_func", None)
    if raw is not None:
        gc.enable()
        return raw(cfg, args)
    func = getattr(args, "func", None)
    db = _light(cfg) if func is None or getattr(args, "light", False) else None
    if db is None:
        from shk_tui.services import storage

        db = storage.open_database(cfg)
    try:
        if func is None:
            from shk_tui.app import run_app

            return run_app(db, daily_backup=True)  # the TUI start keeps a daily backup, off its first frame
        gc.enable()
        return func(db, args)
    finally:
        db.dispose()
