"""``shk report beslutsunderlag --focus barn|aldre [--phase …] [--format md|xlsx] [-o FILE]`` (registered
by ``commands.report``) and
``shk export budget|initiatives|applications --format csv|xlsx [-o FILE]``."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING

from shk_tui.commands.export import Exporter, emit
from shk_tui.errors import BadInput
from shk_tui.services.portfolio import portfolio_export, reports

if TYPE_CHECKING:
    from shk_tui.db.engine import Database


def _report(db: Database, args: argparse.Namespace) -> None:
    if args.fmt not in ("md", "xlsx"):
        raise BadInput(f"Formatet {args.fmt} stöds inte för beslutsunderlag (välj md eller xlsx)")
    report = reports.beslutsunderlag(db, reports.parse_focus(args.focus), reports.parse_phases(args.phase))
    emit(portfolio_export.render_report(report, args.fmt, date.today()), args)


def add_report_parser(reports: argparse._SubParsersAction) -> None:
    """``beslutsunderlag`` under ``shk report`` (``commands.report``)."""
    p = reports.add_parser("beslutsunderlag", help="beslutsunderlag per fokusområde (md eller xlsx)")
    p.add_argument("--focus", required=True, help="fokusområde: barn eller aldre")
    p.add_argument("--phase", action="append", help="fas (kan upprepas eller kommaseparera; standard: förslag)")
    p.add_argument("--format", dest="fmt", default="md", help="md eller xlsx")
    p.add_argument("-o", "--output", default=None, help="fil att skriva (annars standard ut)")
    p.set_defaults(func=_report)


def _initiatives(db: Database, args: argparse.Namespace) -> None:
    emit(portfolio_export.render(portfolio_export.initiatives_sheet(db), args.fmt), args)


def _budget(db: Database, args: argparse.Namespace) -> None:
    emit(portfolio_export.render(portfolio_export.budget_sheet(db), args.fmt), args)


def _applications(db: Database, args: argparse.Namespace) -> None:
    emit(portfolio_export.render(portfolio_export.applications_sheet(db), args.fmt), args)


EXPORTS = {
    "initiatives": Exporter(_initiatives, ("csv", "xlsx"), "alla initiativ i portföljen"),
    "budget": Exporter(_budget, ("csv", "xlsx"), "budget och utfall per rad och år med summor"),
    "applications": Exporter(_applications, ("csv", "xlsx"), "externa finansieringsansökningar"),
}
