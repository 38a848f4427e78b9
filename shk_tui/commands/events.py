"""``shk export participants|catering|emails|events``: participant lists, catering counts, e-mail
lists (text or CSV) and the events as calendar files or tables (CSV, XLSX)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from shk_tui.commands.export import Exporter, emit
from shk_tui.errors import BadInput
from shk_tui.services.events import event_export

if TYPE_CHECKING:
    from shk_tui.db.engine import Database


def _event(args: argparse.Namespace) -> int:
    """``--event``; an id no table can hold (PostgreSQL integer) is a missing event, not a crash."""
    if not 0 < args.event < 2**31:
        raise BadInput(f"Evenemang {args.event} finns inte")
    return args.event


def _participants(db: Database, args: argparse.Namespace) -> None:
    export = event_export.participant_export(db, _event(args), args.fmt)
    emit(export.data, args)
    if export.sensitive:
        print("Obs: listan innehåller specialkost (känsliga personuppgifter, GDPR art. 9) – "
              "radera den efter evenemanget.", file=sys.stderr)


def _catering(db: Database, args: argparse.Namespace) -> None:
    emit(event_export.catering(db, _event(args)), args)


def _emails(db: Database, args: argparse.Namespace) -> None:
    status = getattr(args, "status", None) or "anmäld"
    if args.fmt == "csv":
        emit(event_export.emails_csv(db, _event(args), status), args)
    else:
        emit(event_export.emails(db, _event(args), status), args)


def _events(db: Database, args: argparse.Namespace) -> None:
    start, end = args.date_from, args.date_to
    if start and end and end < start:
        raise BadInput("--to måste vara samma dag som eller efter --from")
    if args.fmt in ("csv", "xlsx"):
        event_id = _event(args) if args.event is not None else None
        emit(event_export.events_table(db, args.fmt, start, end, event_id), args)
    elif args.event is not None:
        emit(event_export.ics_for_event(db, _event(args)), args)
    else:
        emit(event_export.ics_for_period(db, start, end), args)


def _followup(db: Database, args: argparse.Namespace) -> None:
    from datetime import date

    from shk_tui.services.events import followup

    if args.event is not None:
        result = followup.for_event(db, _event(args))
    else:
        start, end = args.date_from, args.date_to
        result = followup.for_period(db, start or date(2000, 1, 1), end or date(2100, 12, 31))
    emit(event_export.followup_csv(result), args)


EXPORTS = {
    "participants": Exporter(
        _participants, formats=("csv", "xlsx"), help="deltagarlista för ett evenemang", needs=("event",)
    ),
    "catering": Exporter(_catering, formats=("csv",), help="kostsammanställning (bara antal)", needs=("event",)),
    "emails": Exporter(_emails, formats=("text", "csv", "txt"),
                       help="e-postlista för en status, --status: text (adresser med ;) eller csv (namn, e-post, "
                            "organisation)", needs=("event",)),
    "events": Exporter(_events, formats=("ics", "csv", "xlsx"),
                       help="evenemang som kalenderfil (ics) eller tabell (csv, xlsx), --from/--to"),
    "followup": Exporter(_followup, formats=("csv",), help="uppföljning (bredd, närvaro, kost) för --event eller --from/--to"),
}
