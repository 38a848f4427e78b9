"""Where exports go: one "Spara som" field in every export dialog, defaulting to the folder of the last
export (remembered in the preferences, ``shk_tui/prefs.py``), else the user's documents folder.

Usage in an export dialog (a FormDialog)::

    def form_fields(self):
        return [..., export_field(f"kontakter-{self.today}.xlsx")]

    def submit(self, values):
        path = export_file_path(values["path"])        # ~ expanded, absolute
        n = svc.export(self.db, ..., path)
        remember_export(path)                           # the folder is offered next time
        self.notify(saved_notice(count(n, "kontakt", "kontakter"), path))

Every export notice names the saved full path: "Sparade 12 kontakter i /home/…/Dokument/kontakter.xlsx"."""

from __future__ import annotations

import logging
from pathlib import Path

from shk_tui import prefs
from shk_tui.errors import ShkError
from shk_tui.ui.base.form_fields import FormField

log = logging.getLogger("shk_tui")

LABEL = "Spara som"
HELP = "Hela sökvägen; mappen sparas till nästa export"


def export_dir() -> Path:
    """The remembered export folder when it still exists, else the user's documents folder, else (a
    fresh account or a server without one) the home folder: the default must be a folder that exists."""
    remembered = prefs.load().prefs.export_dir
    if remembered:
        folder = Path(remembered).expanduser()
        if folder.is_dir():
            return folder
    documents = prefs.documents_dir()
    return documents if documents.is_dir() else Path.home()


def export_path(filename: str) -> str:
    """The default full path for an export named ``filename``."""
    return str(export_dir() / filename)


def export_field(filename: str, name: str = "path") -> FormField:
    """The one "Spara som" field of every export dialog."""
    return FormField(name, LABEL, value=export_path(filename), required=True, help=HELP)


def export_file_path(typed: str) -> Path:
    """What the user typed in the "Spara som" field, as an absolute path (``~`` expanded)."""
    return Path(str(typed).strip()).expanduser().absolute()


def remember_export(path: str | Path) -> None:
    """After a successful export: its folder is the default of the next one. A preferences file that
    cannot be written is logged, never a failure of the export itself."""
    folder = str(Path(path).expanduser().absolute().parent)
    try:
        prefs.update(export_dir=folder)
    except ShkError as exc:
        log.warning("export folder not remembered: %s", exc.message)


def saved_notice(what: str, path: str | Path) -> str:
    """The notice after an export: "Sparade 12 kontakter i /home/…/kontakter.xlsx"."""
    return f"Sparade {what} i {path}"
