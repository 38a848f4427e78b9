"""Edit one budget figure in place (modal): the budget or the outcome (utfall) of a line and year;
outcome is entered "as of" a date (default today). Empty clears the figure."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from shk_tui.errors import ShkError, ValidationError
from shk_tui.services import budget as svc


def _kr_input(ore: int | None) -> str:
    if ore is None:
        return ""
    kronor, rest = divmod(ore, 100)
    return f"{kronor:,}".replace(",", " ") + (f",{rest:02d}" if rest else "")


class BudgetFigureScreen(ModalScreen[bool]):
    CSS_PATH = "../styles/budget_dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", "Avbryt", id="budget_figure.cancel")]

    def __init__(self, line_id: int, line: str, year: int, figure: str, cell: svc.Cell) -> None:
        super().__init__()
        self.line_id, self.line, self.year, self.figure, self.cell = line_id, line, year, figure, cell

    def compose(self) -> ComposeResult:
        what = "Budget" if self.figure == "budget" else "Utfall"
        current = self.cell.budget_ore if self.figure == "budget" else self.cell.outcome_ore
        with Vertical(classes="small-dialog"):
            yield Static(f"{what} {self.year}: {self.line}", classes="form-title")
            yield Label("Belopp (kr; tomt tar bort siffran)", classes="form-label")
            yield Input(_kr_input(current), id="amount")  # selected: typing replaces the figure
            yield Static("", id="err-amount", classes="field-error")
            if self.figure == "outcome":
                yield Label("Utfall per datum (ÅÅÅÅ-MM-DD)", classes="form-label")
                yield Input(self.app.today.isoformat(), id="as_of")
                yield Static("", id="err-as_of", classes="field-error")
            yield Static("enter sparar · esc avbryter", classes="form-hint")

    def on_mount(self) -> None:
        self.query_one("#amount", Input).focus()

    @on(Input.Submitted)
    def _submit(self) -> None:
        as_of = self.query_one("#as_of", Input).value if self.figure == "outcome" else ""
        try:
            svc.set_figure(self.app.db, self.line_id, self.year, self.figure, self.query_one("#amount", Input).value,
                           as_of)
        except ValidationError as exc:
            for err in self.query(".field-error"):
                key = (err.id or "").removeprefix("err-")
                err.update(exc.errors.get(key, ""))
                err.set_class(key in exc.errors, "-shown")
            return
        except ShkError as exc:
            self.notify(exc.message, severity="error")
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
