"""What the participant list exports (key ``x``): attendance sheets, e-mail lists, catering counts
and the calendar file, written to the export directory."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from shk_tui.services.events import event_export

if TYPE_CHECKING:
    from shk_tui.db.engine import Database

EXPORTS = [
    ("Deltagarlista (CSV för Excel)", "csv"),
    ("Närvarolista att skriva ut (XLSX med signatur)", "xlsx"),
    ("E-postlista: anmälda", "emails:anmäld"),
    ("E-postlista: inbjudna", "emails:inbjuden"),
    ("E-postlista: reserver", "emails:reserv"),
    ("E-postlista: deltog", "emails:deltog"),
    ("Kostsammanställning (bara antal)", "catering"),
    ("Kalenderfil (.ics)", "ics"),
]


def is_sensitive(path: Path) -> bool:
    """A file written by ``write_export`` that names people with their dietary needs."""
    return path.stem.endswith(event_export.SENSITIVE_SUFFIX)


def write_export(db: Database, event_id: int, kind: str) -> tuple[Path, str | None]:
    """Write one export of an event; returns the file and, for e-mail lists, the text to copy."""
    stem = event_export.file_stem(db, event_id)
    if kind in ("csv", "xlsx"):
        export = event_export.participant_export(db, event_id, kind, sheet=kind == "xlsx")
        return event_export.write(export.data, event_export.participants_name(stem, kind, export.sensitive)), None
    if kind.startswith("emails:"):
        status = kind.split(":", 1)[1]
        text = event_export.emails(db, event_id, status)
        return event_export.write(text + "\n", f"{stem}-epost-{status}.txt"), text
    if kind == "catering":
        return event_export.write(event_export.catering(db, event_id), f"{stem}-kost.csv"), None
    return event_export.write(event_export.ics_for_event(db, event_id), f"{stem}.ics"), None
