"""Add an indicator to an initiative (modal): name, target, unit; enter in any field saves."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from shk_tui.errors import ShkError, ValidationError
from shk_tui.services import initiatives as svc

FIELDS = (("name", "Indikator *"), ("target", "Mål (tal)"), ("unit", "Enhet (t.ex. personer, st)"))


class IndicatorFormScreen(ModalScreen[bool]):
    CSS_PATH = "../styles/portfolio_dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", "Avbryt", id="indicator_form.cancel")]

    def __init__(self, initiative_id: int) -> None:
        super().__init__()
        self.initiative_id = initiative_id

    def compose(self) -> ComposeResult:
        with Vertical(classes="small-dialog"):
            yield Static("Ny indikator", classes="form-title")
            for key, label in FIELDS:
                yield Label(label, classes="form-label")
                yield Input(id=key)
                yield Static("", id=f"err-{key}", classes="field-error")

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    @on(Input.Submitted)
    def _submit(self) -> None:
        values = {key: self.query_one(f"#{key}", Input).value for key, _ in FIELDS}
        try:
            svc.add_indicator(self.app.db, self.initiative_id, values["name"], values["target"], values["unit"])
        except ValidationError as exc:
            for key, _ in FIELDS:
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
