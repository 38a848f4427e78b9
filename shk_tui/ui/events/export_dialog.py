"""Where an Evenemang export is saved: the one "Spara som" field (ui/base/export_target.py), defaulting to
the last export folder, else the user's documents folder; the folder is remembered. Used by the event
list's calendar files, the participant list's exports and the follow-up's CSV. Dismisses with the saved
file's full path (None: cancelled); the caller's notice names it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shk_tui.errors import BadInput, ValidationError
from shk_tui.services import files
from shk_tui.ui.base.export_target import export_field, export_file_path, remember_export
from shk_tui.ui.base.form import FormDialog
from shk_tui.ui.base.form_fields import FormField

if TYPE_CHECKING:
    from shk_tui.db.engine import Database

Payload = bytes | str


class SaveExportScreen(FormDialog[Path | None]):
    FIELD_ID = "export-{}"
    SAVE_FAILED = "Exporten misslyckades (se loggfilen)"

    def __init__(self, heading: str, filename: str, data: Payload | Callable[[Database], Payload], *,
                 intro: str = "") -> None:
        super().__init__(heading, intro=intro)
        self.filename = filename
        self.data = data

    def form_fields(self) -> list[FormField]:
        return [export_field(self.filename)]

    def submit(self, values: dict[str, Any]) -> Path:
        path = export_file_path(values["path"])
        payload = self.data(self.db) if callable(self.data) else self.data
        try:
            files.write_private(path, payload)
        except BadInput as exc:  # no such folder, no permission: beside the field
            raise ValidationError({"path": exc.message}) from None
        remember_export(path)
        return path
