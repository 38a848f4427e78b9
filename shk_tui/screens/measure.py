"""Record a measurement of an indicator (modal): type the value, enter (date defaults to today)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from shk_tui.errors import ShkError, ValidationError
from shk_tui.services import initiatives as svc


class MeasureScreen(ModalScreen[bool]):
    CSS_PATH = "../styles/portfolio_dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", "Avbryt", id="measure.cancel")]

    def __init__(self, indicator: svc.IndicatorRow) -> None:
        super().__init__()
        self.indicator = indicator

    def compose(self) -> ComposeResult:
        target = f" (mål {self.indicator.target:g} {self.indicator.unit})" if self.indicator.target is not None else ""
        with Vertical(classes="small-dialog"):
            yield Static(f"Ny mätning: {self.indicator.name}{target}", classes="form-title")
            yield Label("Uppmätt värde", classes="form-label")
            yield Input(id="current")
            yield Static("", id="err-current", classes="field-error")
            yield Label("Mätdatum (tomt = i dag)", classes="form-label")
            yield Input(placeholder=self.app.today.isoformat(), id="measured_on")
            yield Static("", id="err-measured_on", classes="field-error")

    def on_mount(self) -> None:
        self.query_one("#current", Input).focus()

    @on(Input.Submitted)
    def _submit(self) -> None:
        try:
            svc.measure(self.app.db, self.indicator.id, self.query_one("#current", Input).value,
                        self.query_one("#measured_on", Input).value, self.app.today)
        except ValidationError as exc:
            for key in ("current", "measured_on"):
                err = self.query_one(f"#err-{key}", Static)
                err.update(exc.errors.get(key, ""))
                err.set_class(key in exc.errors, "-shown")
            return
        except ShkError as exc:
            self.notify(exc.message, severity="error")
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
