"""``shk gallra [--dry-run] [--today DATE]``: apply the retention rules (``services.gallring``): each
rule with its period and source, what it removes or anonymises now, and the contacts proposed for
review (listed, never removed: ``shk gdpr erase`` or ``restrict`` them)."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING

from shk_tui.commands.args import day, one_line
from shk_tui.fmt import format_date

if TYPE_CHECKING:
    from shk_tui.db.engine import Database


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("gallra", help="gallra enligt reglerna för personuppgifter och arkiv (kost, inaktiva "
                       "kontakter, historik); --dry-run visar utan att ändra")
    p.add_argument("--dry-run", action="store_true", help="visa vad som skulle gallras utan att ändra något")
    p.add_argument("--today", type=day, default=None, metavar="ÅÅÅÅ-MM-DD", help="räkna som om i dag vore detta datum")
    p.set_defaults(func=_gallra)


def _gallra(db: Database, args: argparse.Namespace) -> int:
    from shk_tui.services import gallring

    today = args.today or date.today()
    result = gallring.plan(db, today) if args.dry_run else gallring.run(db, today)
    print(f"Gallring {format_date(today)}{' (provkörning)' if args.dry_run else ''}:")
    for line in gallring.describe(result):
        print(("  " if line.startswith("  ") else "") + one_line(line))
    if result.review:
        print("")
        print(f"Att granska ({len(result.review)}): radera eller begränsa med shk gdpr erase|restrict KONTAKT_ID")
        for p in result.review:
            print("  " + one_line(f"{p.id:>6}  {p.name}{' – ' + p.organisation if p.organisation else ''} "
                                  f"({p.legal_basis}; senast aktiv {format_date(p.last_activity) or 'okänt'})"))
    print("")
    if args.dry_run:
        print("Provkörning: inget ändrades.")
    elif result.removals:
        print(f"Klart: {result.removals} {'uppgift' if result.removals == 1 else 'uppgifter'} gallrade.")
    else:
        print("Inget att gallra.")
    return 0
