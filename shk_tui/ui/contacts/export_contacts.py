"""Export the contacts now shown in Kontakter (the current search and filters) as CSV for Excel,
CSV for Outlook, XLSX or vCard 4.0/3.0 (modal)."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from shk_tui.services.contacts import contact_export as svc
from shk_tui.services.contacts.contact_list import ContactFilter
from shk_tui.ui import keys
from shk_tui.ui.base.work import ShkDialog, error_message

FORMATS = [("CSV för Excel (;)", "csv"), ("CSV för Outlook (,)", "outlook"), ("Excel (.xlsx)", "xlsx"),
           ("vCard 4.0 (.vcf)", "vcf"), ("vCard 3.0 (.vcf, äldre telefoner)", "vcf3")]


class ExportScreen(ShkDialog[str | None]):
    """Dismisses with the written path (or None)."""

    CSS_PATH = "contacts.tcss"
    BINDINGS = keys.of("export")

    def __init__(self, flt: ContactFilter, count: int) -> None:
        super().__init__()
        self.filter = flt
        self.count = count

    def compose(self) -> ComposeResult:
        with Vertical(classes="form-dialog"):
            yield Static(f"Exportera {self.count} kontakter (nuvarande urval)", classes="form-title")
            yield Label("Format", classes="form-label")
            yield Select(FORMATS, value="csv", allow_blank=False, id="export-format")
            yield Label("Fil", classes="form-label")
            yield Input(str(self._default_path("csv")), id="export-path")
            yield Static("", id="err-path", classes="field-error")
            with Horizontal(classes="form-buttons"):
                yield Button("Exportera (ctrl+s)", variant="primary", id="export-run")
                yield Button("Avbryt (esc)", id="export-cancel")

    def _default_path(self, fmt: str) -> Path:
        return Path.home() / f"kontakter-{self.today.isoformat()}.{fmt}"

    @on(Select.Changed, "#export-format")
    def _format(self, event: Select.Changed) -> None:
        path = self.query_one("#export-path", Input)
        suffix = svc.SUFFIX.get(str(event.value), "csv")
        path.value = str(Path(path.value or self._default_path("csv")).with_suffix(f".{suffix}"))

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export-run")
    def action_export(self) -> None:
        path = Path(self.query_one("#export-path", Input).value.strip()).expanduser()
        if not path.name or path.is_dir():
            self._error("Ange en fil, inte en katalog")
            return
        self._export(path, str(self.query_one("#export-format", Select).value))

    def _error(self, message: str) -> None:
        err = self.query_one("#err-path", Static)
        err.update(message)
        err.add_class("-shown")

    def _export(self, path: Path, fmt: str) -> None:
        """The file is written in a thread worker (``self.load``: a large selection takes a while); the
        database is only read."""
        db, flt = self.db, self.filter
        self.load(lambda: svc.export_file(db, flt, fmt, path), lambda _: self._done(path), group="export",
                  on_error=lambda exc: self._error(error_message(exc, "Exporten misslyckades (se loggfilen)")))

    def _done(self, path: Path) -> None:
        self.notify(f"Exporterat till {path}")
        self.dismiss(str(path))

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
