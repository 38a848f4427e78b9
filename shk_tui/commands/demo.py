"""``shk demo [--force] [--today DATUM]``: fill the database with the example data."""

from __future__ import annotations

import argparse

from shk_tui.errors import BadInput
from shk_tui.fmt import parse_date


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="ladda exempeldata (bara i en tom databas utan --force)")
    p.add_argument("--force", action="store_true", help="ersätt all befintlig data med exempeldata")
    p.add_argument("--today", metavar="DATUM", default=None,
                   help="bygg exempeldatan kring detta datum (ÅÅÅÅ-MM-DD) i stället för i dag")
    p.set_defaults(func=_demo)


def _demo(db, args: argparse.Namespace) -> int:
    from shk_tui.services import demo

    try:
        today = parse_date(args.today) if args.today else None
    except ValueError as exc:
        raise BadInput(str(exc)) from None
    counts = demo.load(db, force=args.force, today=today)
    print(demo.summary(counts))
    return 0
