"""Exports of Portfölj (``x``: the initiatives; ``m``/``x`` in the beslutsunderlag): the one "Spara
som" field (ui/base/export_target.py), defaulting to the last export folder, else the documents
folder; the file's ending picks the format. The notice names what was saved and the full path."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from shk_tui.errors import ValidationError
from shk_tui.services import files
from shk_tui.ui.base.export_target import export_field, export_file_path, remember_export, saved_notice
from shk_tui.ui.base.form import FormDialog
from shk_tui.ui.base.form_fields import FormField

#: A file ending → its format name in the services.
SHEET_FORMATS = {".xlsx": "xlsx", ".csv": "csv"}
REPORT_FORMATS = {".md": "md", ".xlsx": "xlsx"}

#: Given the format, the file's bytes and what they hold ("12 initiativ").
Render = Callable[[str], tuple[bytes, str]]


class ExportScreen(FormDialog[str | None]):
    """Dismisses with the saved file's full path (None: cancelled)."""

    SAVE_FAILED = "Exporten misslyckades (se loggfilen)"

    def __init__(self, heading: str, filename: str, formats: dict[str, str], render: Render) -> None:
        super().__init__(heading)
        self.filename, self.formats, self.produce = filename, formats, render

    def form_fields(self) -> list[FormField]:
        return [export_field(self.filename)]

    def submit(self, values: dict[str, Any]) -> tuple[str, str]:
        path = export_file_path(values["path"])
        fmt = self.formats.get(path.suffix.lower())
        if fmt is None:
            raise ValidationError({"path": f"Filnamnet ska sluta på {' eller '.join(self.formats)}"})
        payload, what = self.produce(fmt)
        saved = files.write_private(path, payload)
        remember_export(saved)
        return str(saved), what

    def saved(self, result: Any) -> None:
        path, what = result
        self.notify(saved_notice(what, path), title=self.heading)
        self.dismiss(path)
