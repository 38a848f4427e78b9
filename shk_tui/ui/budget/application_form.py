"""A funding application (modal): title, funder, amount, status, dates, focus area, initiative."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from shk_tui.enums import ApplicationStatus, FocusArea
from shk_tui.errors import ShkError, ValidationError
from shk_tui.services.budget import applications as svc
from shk_tui.ui.base import saving, stale
from shk_tui.ui.base.input_dialog import show_field_errors
from shk_tui.ui.base.work import error_message, report_error

INPUTS = (("title", "Titel *"), ("funder", "Finansiär"), ("amount", "Belopp (kr)"),
          ("submitted_on", "Inskickad (ÅÅÅÅ-MM-DD)"), ("decided_on", "Beslut (ÅÅÅÅ-MM-DD)"), ("note", "Anteckning"))


class ApplicationFormScreen(ModalScreen[int | None]):
    CSS_PATH = "dialogs.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Spara", id="application_form.save"),
        Binding("escape", "cancel", "Avbryt", id="application_form.cancel"),
    ]

    def __init__(self, application_id: int | None) -> None:
        super().__init__()
        self.application_id = application_id
        self.load_error = ""
        self.version: int | None = None  # of the application as loaded; passed back on save

    def compose(self) -> ComposeResult:
        db = self.app.db
        try:
            values = svc.get(db, self.application_id) if self.application_id is not None else svc.ApplicationInput()
        except Exception as exc:  # e.g. deleted meanwhile by someone else: say so on mount and close
            self.load_error = error_message(exc, "Kunde inte läsa ansökan (se loggfilen)")
            return
        self.version = values.version
        with Vertical(classes="form-dialog"):
            yield Static("Ändra ansökan" if self.application_id else "Ny ansökan", classes="form-title")
            with VerticalScroll():
                with Grid(classes="form-grid"):
                    for key, label in INPUTS:
                        with Vertical(classes="form-cell"):
                            yield Label(label, classes="form-label")
                            yield Input(getattr(values, key), id=key)
                            yield Static("", id=f"err-{key}", classes="field-error")
                    with Vertical(classes="form-cell"):
                        yield Label("Status *", classes="form-label")
                        yield Select(ApplicationStatus.choices(), id="status", allow_blank=False, value=values.status)
                        yield Static("", id="err-status", classes="field-error")
                    with Vertical(classes="form-cell"):
                        yield Label("Fokusområde", classes="form-label")
                        yield Select(FocusArea.choices(), id="focus_area", prompt="Inget",
                                     value=values.focus_area or Select.NULL)
                    with Vertical(classes="form-cell"):
                        yield Label("Initiativ", classes="form-label")
                        choices = svc.initiative_choices(db, include=values.initiative_id)
                        yield Select(choices, id="initiative_id", prompt="Inget",
                                     value=values.initiative_id if values.initiative_id in {v for _, v in choices}
                                     else Select.NULL)
            with Horizontal(classes="form-buttons"):
                yield Button("Spara (ctrl+s)", variant="primary", id="form-save")
                yield Button("Avbryt (esc)", id="form-cancel")

    def on_mount(self) -> None:
        if self.load_error:
            self.notify(self.load_error, severity="error")
            self.dismiss(None)
            return
        self.query_one("#title", Input).focus()

    def collect(self) -> svc.ApplicationInput:
        data = svc.ApplicationInput(**{key: self.query_one(f"#{key}", Input).value for key, _ in INPUTS},
                                    version=self.version)
        data.status = str(self.query_one("#status", Select).value)
        focus = self.query_one("#focus_area", Select).value
        data.focus_area = "" if focus is Select.NULL else str(focus)
        initiative = self.query_one("#initiative_id", Select).value
        data.initiative_id = None if initiative is Select.NULL else int(initiative)
        return data

    @on(Button.Pressed, "#form-save")
    def action_save(self) -> None:
        data = self.collect()
        saving.save(self, lambda: svc.save(self.app.db, data, self.application_id), self.dismiss,
                    on_error=self._failed, failed="Kunde inte sparas (se loggfilen)")

    def _failed(self, exc: ShkError) -> None:
        if isinstance(exc, ValidationError):
            show_field_errors(self, exc.errors)
            self.notify("Rätta de markerade fälten", severity="error")
        else:
            stale.on_error(self, self.reload)(exc)

    def reload(self) -> None:
        """Show the application as stored now (after a refused stale save)."""
        try:
            values = svc.get(self.app.db, self.application_id)
        except ShkError as exc:
            report_error(self, exc, "Kunde inte läsa ansökan (se loggfilen)")
            return
        stale.fill(self, vars(values))
        self.version = values.version
        show_field_errors(self, {})

    @on(Button.Pressed, "#form-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
