"""``shk demo [--force] [--today DATUM]``: fill the database with the example data."""

from __future__ import annotations

import argparse

from shk_tui.commands.args import day


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="ladda exempeldata (bara i en tom databas utan --force)")
    p.add_argument("--force", action="store_true", help="ersätt all befintlig data med exempeldata")
    p.add_argument("--today", metavar="DATUM", type=day, default=None,
                   help="bygg exempeldatan kring detta datum (ÅÅÅÅ-MM-DD) i stället för i dag")
    p.set_defaults(func=_demo)


def _demo(db, args: argparse.Namespace) -> int:
    from shk_tui.services.demo import seed as demo

    counts = demo.load(db, force=args.force, today=args.today)
    print(demo.summary(counts))
    return 0
