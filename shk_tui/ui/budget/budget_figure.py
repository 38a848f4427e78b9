"""Edit one budget figure in place (modal): the budget or the outcome (utfall) of a line and year;
outcome is entered "as of" a date (default today). Empty clears the figure."""

from __future__ import annotations

from textual.binding import Binding

from shk_tui.services.budget import budget as svc
from shk_tui.ui.base.input_dialog import Field, InputDialog


def _kr_input(ore: int | None) -> str:
    if ore is None:
        return ""
    kronor, rest = divmod(ore, 100)
    return f"{kronor:,}".replace(",", " ") + (f",{rest:02d}" if rest else "")


class BudgetFigureScreen(InputDialog[bool]):
    CSS_PATH = "dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", "Avbryt", id="budget_figure.cancel")]
    cancel_result = False
    hint = "enter sparar · esc avbryter"

    def __init__(self, line_id: int, line: str, year: int, figure: str, cell: svc.Cell) -> None:
        super().__init__()
        self.line_id, self.line, self.year, self.figure, self.cell = line_id, line, year, figure, cell

    def heading(self) -> str:
        return f"{'Budget' if self.figure == 'budget' else 'Utfall'} {self.year}: {self.line}"

    def fields(self) -> list[Field]:
        current = self.cell.budget_ore if self.figure == "budget" else self.cell.outcome_ore
        # the amount is selected when focused: typing replaces the figure
        fields = [Field("amount", "Belopp (kr; tomt tar bort siffran)", _kr_input(current))]
        if self.figure == "outcome":
            fields.append(Field("as_of", "Utfall per datum (ÅÅÅÅ-MM-DD)", self.app.today.isoformat()))
        return fields

    def save(self, values: dict[str, str]) -> bool:
        svc.set_figure(self.app.db, self.line_id, self.year, self.figure, values["amount"], values.get("as_of", ""),
                       expected_version=self.cell.version)
        return True

    def stored_values(self) -> dict[str, str]:
        rows = svc.table(self.app.db, [self.year]).rows
        self.cell = next((r.cells[self.year] for r in rows if r.line_id == self.line_id), svc.Cell())
        values = {"amount": _kr_input(self.cell.budget_ore if self.figure == "budget" else self.cell.outcome_ore)}
        if self.figure == "outcome" and self.cell.outcome_as_of:
            values["as_of"] = self.cell.outcome_as_of.isoformat()
        return values
