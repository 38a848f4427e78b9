"""The ``shk`` command: parse, call services, print. The TUI is the main face; the CLI serves
scripts, cron and tests. Errors: one Swedish line on stderr, exit 2 for bad input, 1 otherwise;
tracebacks go to the log file in the data dir, never to the user."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from shk_tui import __version__, config
from shk_tui.errors import ShkError

log = logging.getLogger("shk_tui")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's own errors: exit 2, one line, Swedish prefix
        self.exit(2, f"shk: fel: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    from shk_tui.commands import modules

    parser = _Parser(prog="shk", description="Samhällskontraktets processtöd: kontakter, evenemang, avtal, "
                     "portfölj och budget. Utan kommando öppnas terminalgränssnittet.")
    parser.add_argument("--db", metavar="URL|PATH", help="databas: SQLite-fil eller postgresql+psycopg://…")
    parser.add_argument("--version", action="version", version=f"shk-tui {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="KOMMANDO", parser_class=_Parser)
    for module in modules():
        register = getattr(module, "register", None)
        if register is not None:
            register(sub)
    return parser


def setup_logging() -> None:
    """Log to a file in the data dir; never to the terminal."""
    try:
        path = config.log_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("shk_tui")
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)
    root.propagate = False


def main(argv: Sequence[str] | None = None) -> int:
    setup_logging()
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return _dispatch(args) or 0
    except ShkError as exc:
        print(f"shk: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("shk: avbrutet", file=sys.stderr)
        return 1
    except Exception as exc:  # last line of defence: no traceback to the user
        log.exception("unexpected error")
        print(f"shk: oväntat fel ({type(exc).__name__}); detaljer i {config.log_file()}", file=sys.stderr)
        return 1


def _dispatch(args: argparse.Namespace) -> int | None:
    from shk_tui.services import storage

    cfg = config.resolve(args.db)
    raw = getattr(args, "raw_func", None)
    if raw is not None:
        return raw(cfg, args)
    db = storage.open_database(cfg)
    try:
        func = getattr(args, "func", None)
        if func is None:
            from shk_tui.app import run_app

            run_app(db)
            return 0
        return func(db, args)
    finally:
        db.dispose()
