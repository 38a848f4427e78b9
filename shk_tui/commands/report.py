"""``shk report NAME …``: every report under one command.

- ``prognos [--year ÅR] [--format md|csv|xlsx] [-o FIL] [--today ÅÅÅÅ-MM-DD]``: the forecast of a year
  per budget line (``services.budget.forecast_report``), here;
- ``beslutsunderlag``: the portfolio's (``commands.portfolio.add_report_parser``);
- every module ``commands/report_*.py`` adds its own report with ``add_parser(reports)`` (e.g.
  ``report_procurement``: ``upphandling``), so a new report needs no edit here."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
from datetime import date
from typing import TYPE_CHECKING

from shk_tui.commands.args import bounded_int, day

if TYPE_CHECKING:
    from shk_tui.db.engine import Database

FORMATS = ("md", "csv", "xlsx")


def _prognos(db: Database, args: argparse.Namespace) -> int:
    from shk_tui.commands.export import emit
    from shk_tui.services.budget import forecast_report

    today = args.today or date.today()
    emit(forecast_report.render(db, args.year or today.year, today, args.fmt), args)
    return 0


def _report_modules() -> list:
    import shk_tui.commands as commands

    names = sorted(i.name for i in pkgutil.iter_modules(commands.__path__) if i.name.startswith("report_"))
    return [importlib.import_module(f"shk_tui.commands.{name}") for name in names]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="rapporter: prognos, beslutsunderlag, upphandling")
    reports = p.add_subparsers(dest="report", metavar="RAPPORT", required=True)
    q = reports.add_parser("prognos", help="prognos per budgetrad: budget, utfall, bundet, prognos, avvikelse "
                           "och ackumulerat kapital")
    q.add_argument("--year", type=bounded_int(2000, 2100, "året måste ligga mellan 2000 och 2100"), default=None,
                   metavar="ÅR", help="vilket år (standard: i år)")
    q.add_argument("--format", dest="fmt", choices=FORMATS, default="md", help="md (standard), csv eller xlsx")
    q.add_argument("-o", "--output", default=None, metavar="FIL", help="fil att skriva (annars standard ut)")
    q.add_argument("--today", type=day, default=None, metavar="ÅÅÅÅ-MM-DD",
                   help="räkna som om i dag vore detta datum")
    q.set_defaults(func=_prognos)
    from shk_tui.commands import portfolio

    portfolio.add_report_parser(reports)
    for module in _report_modules():
        add = getattr(module, "add_parser", None)
        if add is not None:
            add(reports)
