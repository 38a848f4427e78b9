"""``shk report upphandling [--format md|csv] [-o FILE] [--today ÅÅÅÅ-MM-DD]``: each procurement category
with the summed estimated value of its contracts of the last 12 months, the routes used and the status
(ok, or the LOU warnings). Markdown to stdout (or -o), CSV through the one spreadsheet writer."""

from __future__ import annotations

import argparse
from datetime import date, timedelta
from typing import TYPE_CHECKING

from shk_tui.commands.args import day

if TYPE_CHECKING:
    from shk_tui.db.engine import Database

FORMATS = ("md", "csv")


def default_today() -> date:
    return date.today()


def render(db: Database, today: date, fmt: str) -> str | bytes:
    """The report as Markdown text or CSV bytes."""
    from shk_tui.fmt import format_date, format_kr
    from shk_tui.formats import report_md, tables
    from shk_tui.formats.tables import Money, Sheet
    from shk_tui.services.contracts import procurement
    from shk_tui.services.contracts import procurement_rules as rules
    from shk_tui.services.contracts.contract_rules import add_months

    rows = procurement.report(db, today)
    if fmt == "csv":
        sheet = Sheet("Upphandling", list(procurement.REPORT_COLUMNS))
        sheet.rows = [[r.category, Money(r.value_ore), r.contracts, ", ".join(r.routes), r.status] for r in rows]
        return tables.to_csv(sheet)
    limit = rules.in_force(rules.DIRECT_LIMIT, today)
    duty = rules.in_force(rules.DOCUMENTATION, today)
    first = add_months(today, -rules.SPLIT_MONTHS) + timedelta(days=1)
    notes = [f"Avtal signerade (annars startade) från {format_date(first)} till och med {format_date(today)} "
             f"samt planerade; {procurement.report_summary(rows)}."]
    for rule, what in ((limit, "Direktupphandlingsgräns"), (duty, "Dokumentationsplikt över")):
        if rule is not None:
            notes.append(f"{what} {format_kr(rule.amount_ore)} från {format_date(rule.effective_from)}: {rule.source}")
    text = report_md.table_md(f"Upphandling (LOU) per kategori {format_date(today)}", procurement.REPORT_COLUMNS,
                              [procurement.report_cells(r) for r in rows], [], note="\n\n".join(notes))
    return text if rows else text + "\nInga avtal med upphandlingskategori eller direktupphandling.\n"


def run(db: Database, args: argparse.Namespace) -> int:
    from shk_tui.commands.export import emit

    emit(render(db, args.today or default_today(), args.fmt), args)
    return 0


def add_parser(reports: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """``upphandling`` under ``shk report``."""
    p = reports.add_parser("upphandling", help="upphandlingskategorier: summerat värde 12 månader, väg och status "
                           "(direktupphandlingsgräns, dokumentation, uppdelning)")
    p.add_argument("--format", dest="fmt", choices=FORMATS, default="md", help="md (standard) eller csv")
    p.add_argument("-o", "--output", default=None, metavar="FIL", help="fil att skriva (annars standard ut)")
    p.add_argument("--today", type=day, default=None, metavar="ÅÅÅÅ-MM-DD", help="räkna som om i dag vore detta datum")
    p.set_defaults(func=run)
    return p
