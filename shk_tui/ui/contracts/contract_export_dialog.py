"""x in Avtal: where to save the export (the one "Spara som" field, remembered for the next export).
The contracts go to the file named there (xlsx, or csv by the name's ending), the payments and the
dates (iCalendar) beside it; the notice names the folder and every file saved."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from shk_tui.services.contracts import contract_export
from shk_tui.ui.base.export_target import export_field, export_file_path, remember_export
from shk_tui.ui.base.form import FormDialog
from shk_tui.ui.base.form_fields import FormField

INTRO = "Avtalen sparas i filen nedan; utbetalningarna och datumen (ics, för kalendern) i samma mapp."


def exported_notice(paths: list[Path]) -> str:
    """``Sparade avtal-….xlsx, utbetalningar-….xlsx och avtalsdatum-….ics i /home/…/Dokument``."""
    names = [p.name for p in paths]
    listed = ", ".join(names[:-1]) + f" och {names[-1]}" if len(names) > 1 else names[0]
    return f"Sparade {listed} i {paths[0].parent}"


class ContractExportDialog(FormDialog[list[Path] | None]):
    """Dismisses with the saved files' paths (None: cancelled)."""

    SAVE_FAILED = "Exporten misslyckades (se loggfilen)"

    def __init__(self) -> None:
        super().__init__("Exportera avtal", intro=INTRO, id="contract-export")

    def form_fields(self) -> list[FormField]:
        return [export_field(f"avtal-{self.today.isoformat()}.xlsx")]

    def submit(self, values: dict[str, Any]) -> list[Path]:
        paths = contract_export.write_at(self.db, self.today, export_file_path(values["path"]))
        remember_export(paths[0])
        return paths
