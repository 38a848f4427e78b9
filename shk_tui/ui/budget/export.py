"""x in Budget and in Ansökningar: where to save the sheet (the one "Spara som" field, remembered), as
xlsx or, by the name's ending, csv. The notice names the saved file's full path."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from shk_tui.errors import ValidationError
from shk_tui.services import files
from shk_tui.services.portfolio import portfolio_export
from shk_tui.ui.base.export_target import export_field, export_file_path, remember_export
from shk_tui.ui.base.form import FormDialog
from shk_tui.ui.base.form_fields import FormField

if TYPE_CHECKING:
    from shk_tui.db.engine import Database
    from shk_tui.formats.tables import Sheet

FORMATS = {".xlsx": "xlsx", ".csv": "csv"}


class SheetExportScreen(FormDialog[str | None]):
    """Dismisses with the saved file's full path (None: cancelled)."""

    SAVE_FAILED = "Exporten misslyckades (se loggfilen)"

    def __init__(self, heading: str, filename: str, build: Callable[[Database], Sheet]) -> None:
        super().__init__(heading)
        self.filename, self.build = filename, build

    def form_fields(self) -> list[FormField]:
        return [export_field(self.filename)]

    def submit(self, values: dict[str, Any]) -> str:
        path = export_file_path(values["path"])
        fmt = FORMATS.get(path.suffix.lower())
        if fmt is None:
            raise ValidationError({"path": "Filnamnet ska sluta på .xlsx eller .csv"})
        saved = files.write_private(path, portfolio_export.render(self.build(self.db), fmt))
        remember_export(saved)
        return str(saved)
