"""``shk due`` (the Översikt attention list for a morning check or a cron mail, procurement and attest
warnings included: every ``attention.PROVIDERS`` module) and the exports
``shk export contracts|payments [--format csv|xlsx]`` and ``shk export deadlines --format ics``."""

from __future__ import annotations

import argparse
import sys
from datetime import date, timedelta
from typing import TYPE_CHECKING

from shk_tui.commands.args import day, days
from shk_tui.commands.export import Exporter, emit
from shk_tui.errors import BadInput
from shk_tui.fmt import format_date
from shk_tui.services.attention import AttentionItem

if TYPE_CHECKING:
    from shk_tui.db.engine import Database

# Services are imported inside the handlers: every ``shk`` run imports every command module.

DUE_HEADER = ("Kategori", "Allvar", "Datum", "Vad", "Sektion", "Id")
SEVERITY = {0: "nu", 1: "snart", 2: "info"}


def default_today() -> date:
    return date.today()


def _today(args: argparse.Namespace) -> date:
    return getattr(args, "today", None) or default_today()


def due_items(db: Database, today: date, days: int | None) -> list[AttentionItem]:
    """The dashboard's items; with ``days``, dated items later than today + days are left out."""
    from shk_tui.services import attention

    items = attention.collect(db, today)
    if days is None:
        return items
    last = today + timedelta(days=days)
    return [i for i in items if i.when is None or i.when <= last]


def due_text(items: list[AttentionItem], today: date) -> str:
    if not items:
        return f"Inget att åtgärda ({format_date(today)}).\n"
    from shk_tui.services import attention

    ordered = attention.group(items)
    lines = [f"Att åtgärda {format_date(today)}: {len(items)} st", ""]
    for category, group in ordered:
        lines.append(f"{category} ({len(group)})")
        for item in group:
            lines.append(f"  {format_date(item.when) or '':<10}  {item.text}")
        lines.append("")
    return "\n".join(lines)


def _due(db: Database, args: argparse.Namespace) -> int:
    today = _today(args)
    items = due_items(db, today, args.days)
    if args.fmt == "csv":
        from shk_tui.formats.contracts_export import to_csv

        rows = [(i.category, SEVERITY.get(i.severity, str(i.severity)), i.when, i.text, i.section, i.target_id)
                for i in items]
        sys.stdout.flush()
        sys.stdout.buffer.write(to_csv(DUE_HEADER, rows))
        sys.stdout.buffer.flush()
    else:
        sys.stdout.write(due_text(items, today))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("due", help="det som behöver åtgärdas: förfallna och kommande utbetalningar, "
                       "uppsägningstider, det som ska diarieföras, avtal utan diarienummer, upphandling (LOU), attest "
                       "och beslut som saknas m.m.")
    p.add_argument("--days", type=days, default=None, metavar="N", help="bara det som infaller inom N dagar")
    p.add_argument("--format", dest="fmt", choices=("text", "csv"), default="text", help="text (standard) eller csv")
    p.add_argument("--today", type=day, default=None, metavar="ÅÅÅÅ-MM-DD", help="räkna som om i dag vore detta datum")
    # light: on a ready SQLite file the items are read before SQLAlchemy and the models are imported (cli._light)
    p.set_defaults(func=_due, light=True)


def _contracts(db: Database, args: argparse.Namespace) -> None:
    from shk_tui.services.contracts import contract_export

    emit(contract_export.contracts(db, _today(args), args.fmt), args)


def _payments(db: Database, args: argparse.Namespace) -> None:
    from shk_tui.services.contracts import contract_export

    emit(contract_export.payments(db, _today(args), args.fmt), args)


def _deadlines(db: Database, args: argparse.Namespace) -> None:
    from shk_tui.services.contracts import contract_export

    start, end = args.date_from, args.date_to
    if start and end and end < start:
        raise BadInput("--to måste vara samma dag som eller efter --from")
    emit(contract_export.deadlines_ics(db, _today(args), start, end), args)


EXPORTS = {
    "contracts": Exporter(_contracts, formats=("csv", "xlsx"), help="alla avtal med betalt belopp och varningar"),
    "payments": Exporter(_payments, formats=("csv", "xlsx"), help="alla utbetalningar med status"),
    "deadlines": Exporter(_deadlines, formats=("ics",),
                          help="uppsägningstider, slutdatum och förfallodagar som kalenderfil, --from/--to"),
}
