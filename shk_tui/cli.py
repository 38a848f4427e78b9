"""The ``shk`` command: parse, call services, print. The TUI is the main face; the CLI serves
scripts, cron and tests. Errors: one Swedish line on stderr, exit 2 for bad input, 1 otherwise;
tracebacks go to the log file in the data dir, never to the user."""

from __future__ import annotations

import argparse
import logging
import os
import re
import sys
from collections.abc import Sequence

from shk_tui import __version__, config
from shk_tui.errors import ShkError

log = logging.getLogger("shk_tui")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's own errors: exit 2, one Swedish line
        self.exit(2, f"shk: fel: {swedish_usage_error(message)}\n")


#: argparse's English messages (Python 3.11) and their Swedish form.
_ARGPARSE_SV = (
    (re.compile(r"^argument (.+?): invalid int value: (.+)$"), r"\1: ogiltigt heltal: \2"),
    (re.compile(r"^argument (.+?): invalid choice: (.+?) \(choose from (.+)\)$"), r"\1: ogiltigt val \2 (välj \3)"),
    (re.compile(r"^argument (.+?): expected one argument$"), r"\1: ett värde saknas"),
    (re.compile(r"^the following arguments are required: (.+)$"), r"dessa argument saknas: \1"),
    (re.compile(r"^unrecognized arguments: (.+)$"), r"okända argument: \1"),
    (re.compile(r"^argument (.+?): not allowed with argument (.+)$"), r"\1 går inte ihop med \2"),
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
    for module in modules(_command(argv) if argv is not None else None):
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
        os.makedirs(os.path.dirname(self.baseFilename), mode=0o700, exist_ok=True)
        return super()._open()

    def handleError(self, record: logging.LogRecord) -> None:  # a broken log must not break the app
        pass


def setup_logging() -> None:
    """Log to a file in the data dir; never to the terminal."""
    handler: logging.Handler
    try:
        handler = _LazyFileHandler(config.log_file())
    except OSError:  # pragma: no cover
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("shk_tui")
    for old in root.handlers:
        old.close()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)
    root.propagate = False


def main(argv: Sequence[str] | None = None) -> int:
    try:
        setup_logging()
        parser = build_parser(sys.argv[1:] if argv is None else argv)
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:  # --help, --version and argparse's own errors
            return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
        return _dispatch(args) or 0
    except ShkError as exc:
        print(f"shk: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("shk: avbrutet", file=sys.stderr)
        return 130
    except Exception as exc:  # last line of defence: no traceback to the user
        log.exception("unexpected error")
        print(f"shk: {_describe(exc)}", file=sys.stderr)
        return 1


def _describe(exc: Exception) -> str:
    """One Swedish line for an unexpected exception; details are in the log file."""
    where = f"detaljer i {config.log_file()}"
    try:
        from sqlalchemy import exc as sa_exc
    except ImportError:  # pragma: no cover
        sa_exc = None
    if sa_exc is not None and isinstance(exc, sa_exc.OperationalError):
        return f"databasfel: {_first_line(exc)} ({where})"
    if sa_exc is not None and isinstance(exc, sa_exc.DBAPIError):
        return f"databasfel ({type(getattr(exc, 'orig', exc)).__name__}); {where}"
    if isinstance(exc, OSError) and exc.strerror:
        return f"filfel: {exc.strerror}{f' ({exc.filename})' if exc.filename else ''}; {where}"
    return f"oväntat fel ({type(exc).__name__}); {where}"


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    return (str(orig).strip().splitlines() or [type(orig).__name__])[0]


def _dispatch(args: argparse.Namespace) -> int | None:
    from shk_tui.services import storage

    cfg = config.resolve(args.db)
    raw = getattr(args, "raw_func", None)
    if raw is not None:
        return raw(cfg, args)
    func = getattr(args, "func", None)
    db = storage.open_database(cfg, auto_backup=func is None)  # the TUI start keeps a daily backup
    try:
        if func is None:
            from shk_tui.app import run_app

            return run_app(db)
        return func(db, args)
    finally:
        db.dispose()
