"""``shk export diarium [--format csv|xlsx] [-o FILE]``: signed contracts and initiative decisions over
200 000 kr that have no diarienummer yet, with what the registry needs to register them (see
``services.diarium``). Late ones are also listed by ``shk due`` under "Ska diarieföras"."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from shk_tui.commands.export import Exporter, emit

if TYPE_CHECKING:
    from shk_tui.db.engine import Database


def _diarium(db: Database, args: argparse.Namespace) -> None:
    from shk_tui.services.contracts import diarium

    emit(diarium.export(db, args.fmt), args)


EXPORTS = {
    "diarium": Exporter(_diarium, formats=("csv", "xlsx"),
                        help="avtal och beslut som ska diarieföras (datum, parter, ärende, vår referens)"),
}
