"""What the participant list exports (key ``x``): attendance sheets, e-mail lists, catering counts
and the calendar file. ``build_export`` makes the file's content (in a worker: an XLSX of 2 000 rows
takes a moment); the "Spara som" dialog (``export_dialog``) then saves it where the user says."""

from __future__ import annotations

from dataclasses import dataclass
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
LABELS = {kind: label for label, kind in EXPORTS}
#: What a notice calls each export: "Sparade närvarolistan i …".
WHAT = {"csv": "deltagarlistan", "xlsx": "närvarolistan", "catering": "kostsammanställningen", "ics": "kalenderfilen"}
SENSITIVE = ("Innehåller specialkost (känsliga personuppgifter): dela bara med dem som behöver den och radera "
             "filen efter evenemanget.")


@dataclass(frozen=True)
class Built:
    """One export's content and its suggested file name."""

    kind: str
    data: bytes | str
    filename: str
    sensitive: bool = False  # names people with their dietary needs (GDPR art. 9)
    copied: str | None = None  # an e-mail list: the text for the clipboard

    @property
    def label(self) -> str:
        return LABELS.get(self.kind, "Export")

    @property
    def what(self) -> str:
        return "e-postlistan" if self.kind.startswith("emails:") else WHAT.get(self.kind, "exporten")

    @property
    def intro(self) -> str:
        """The dialog's line above the field."""
        if self.copied is not None:
            return ("Adresserna är kopierade (klistra in i Outlook)." if self.copied else
                    "Ingen med den statusen har en e-postadress.") + " Spara dem också som fil:"
        return SENSITIVE if self.sensitive else ""


def build_export(db: Database, event_id: int, kind: str) -> Built:
    """The content of one export of an event, and the name to suggest for it."""
    stem = event_export.file_stem(db, event_id)
    if kind in ("csv", "xlsx"):
        export = event_export.participant_export(db, event_id, kind, sheet=kind == "xlsx")
        return Built(kind, export.data, event_export.participants_name(stem, kind, export.sensitive), export.sensitive)
    if kind.startswith("emails:"):
        status = kind.split(":", 1)[1]
        text = event_export.emails(db, event_id, status)
        return Built(kind, text + "\n", f"{stem}-epost-{status}.txt", copied=text)
    if kind == "catering":
        return Built(kind, event_export.catering(db, event_id), f"{stem}-kost.csv")
    return Built(kind, event_export.ics_for_event(db, event_id), f"{stem}.ics")
