"""A new budget line (modal): name and group (verksamhet, pilot, funktion, reserverat or new)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from shk_tui.errors import ShkError, ValidationError
from shk_tui.services import budget as svc


class BudgetLineScreen(ModalScreen[int | None]):
    CSS_PATH = "../styles/budget_dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", "Avbryt", id="budget_line.cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="small-dialog"):
            yield Static("Ny budgetrad", classes="form-title")
            yield Label("Namn *", classes="form-label")
            yield Input(id="name")
            yield Static("", id="err-name", classes="field-error")
            yield Label(f"Grupp * ({', '.join(svc.GROUP_LABELS)})", classes="form-label")
            yield Input("verksamhet", id="group")
            yield Static("", id="err-group", classes="field-error")

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    @on(Input.Submitted)
    def _submit(self) -> None:
        try:
            line_id = svc.add_line(self.app.db, self.query_one("#name", Input).value,
                                   self.query_one("#group", Input).value)
        except ValidationError as exc:
            for key in ("name", "group"):
                err = self.query_one(f"#err-{key}", Static)
                err.update(exc.errors.get(key, ""))
                err.set_class(key in exc.errors, "-shown")
            return
        except ShkError as exc:
            self.notify(exc.message, severity="error")
            return
        self.dismiss(line_id)

    def action_cancel(self) -> None:
        self.dismiss(None)
