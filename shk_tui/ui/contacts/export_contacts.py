"""Export the contacts now shown in Kontakter (the current search and filters) as CSV for Excel,
CSV for Outlook, XLSX or vCard 4.0/3.0 (a form of the kit): a format and the one "Spara som" field
(ui/base/export_target.py: the last export's folder, else the documents folder). The notice names the
saved file; its folder is offered next time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import on
from textual.widgets import Input, Select

from shk_tui.fmt import count
from shk_tui.services.contacts import contact_export as svc
from shk_tui.services.contacts.contact_list import ContactFilter
from shk_tui.ui.base.export_target import export_field, export_file_path, remember_export, saved_notice
from shk_tui.ui.base.form import FormDialog
from shk_tui.ui.base.form_fields import CHOICE, FormField
from shk_tui.ui.base.work import error_message

FORMATS = [("CSV för Excel (;)", "csv"), ("CSV för Outlook (,)", "outlook"), ("Excel (.xlsx)", "xlsx"),
           ("vCard 4.0 (.vcf)", "vcf"), ("vCard 3.0 (.vcf, äldre telefoner)", "vcf3")]
NOT_A_FILE = "Ange en fil, inte en katalog"
FAILED = "Exporten misslyckades (se loggfilen)"


def contacts_text(n: int) -> str:
    return count(n, "kontakt", "kontakter")


class ExportScreen(FormDialog[str | None]):
    """Dismisses with the written path (or None)."""

    FIELD_ID = "export-{}"

    def __init__(self, flt: ContactFilter, count: int) -> None:
        super().__init__(f"Exportera {contacts_text(count)} (nuvarande urval)")
        self.filter = flt
        self.count = count

    def form_fields(self) -> list[FormField]:
        return [FormField("format", "Format", CHOICE, "csv", options=FORMATS, allow_blank=False),
                export_field(f"kontakter-{self.today.isoformat()}.csv")]

    @on(Select.Changed, "#export-format")
    def _format(self, event: Select.Changed) -> None:
        """Another format: the file name's suffix follows."""
        path = self.query_one("#export-path", Input)
        suffix = svc.SUFFIX.get(str(event.value), "csv")
        if path.value.strip():
            path.value = str(Path(path.value.strip()).with_suffix(f".{suffix}"))

    def _write(self, values: dict[str, Any]) -> None:
        """The file is written in a thread worker (``self.load``: a large selection takes a while), not
        through the save path: the database is only read."""
        path = export_file_path(values["path"])
        if not path.name or path.is_dir():
            self.show_errors({"path": NOT_A_FILE})
            return
        db, flt, fmt = self.db, self.filter, str(values["format"])
        self.load(lambda: svc.export_file(db, flt, fmt, path), lambda n: self._done(path, n), group="export",
                  on_error=lambda exc: self.show_errors({"path": error_message(exc, FAILED)}))

    def _done(self, path: Path, written: int) -> None:
        remember_export(path)
        self.notify(saved_notice(contacts_text(written), path))
        self.dismiss(str(path))
