"""Edit one budget figure in place (modal, on the form kit): the budget or the outcome (utfall) of a
line and year; outcome is entered "as of" a date (default: today, within the figure's year). Empty clears the figure; enter
saves. The amount is selected when the dialog opens: typing replaces it, as in a spreadsheet."""

from __future__ import annotations

from datetime import date

from shk_tui.services.budget import budget as svc
from shk_tui.ui.base.form import FormDialog
from shk_tui.ui.base.form_fields import FormField

SAVE_FAILED = "Kunde inte sparas (se loggfilen)"


def _kr_input(ore: int | None) -> str:
    if ore is None:
        return ""
    kronor, rest = divmod(ore, 100)
    return f"{kronor:,}".replace(",", " ") + (f",{rest:02d}" if rest else "")


def as_of_default(year: int, cell: svc.Cell, today: date) -> date:
    """The date an outcome of ``year`` is first offered as of: today moved into that year (31 December
    of a past year, 1 January of a coming one), or the figure's own date when later in that year."""
    day = min(max(today, date(year, 1, 1)), date(year, 12, 31))
    stored = cell.outcome_as_of
    return stored if stored is not None and stored.year == year and stored > day else day


class BudgetFigureScreen(FormDialog[bool]):
    SAVE_FAILED = SAVE_FAILED
    cancel_result = False

    def __init__(self, line_id: int, line: str, year: int, figure: str, cell: svc.Cell) -> None:
        super().__init__(f"{'Budget' if figure == 'budget' else 'Utfall'} {year}: {line}")
        self.line_id, self.line, self.year, self.figure, self.cell = line_id, line, year, figure, cell

    def form_fields(self) -> list[FormField]:
        current = self.cell.budget_ore if self.figure == "budget" else self.cell.outcome_ore
        fields = [FormField("amount", "Belopp (kr)", value=_kr_input(current), help="Tomt tar bort siffran")]
        if self.figure == "outcome":
            fields.append(FormField("as_of", "Utfall per datum", value=as_of_default(self.year, self.cell, self.today)
                                    .isoformat(), placeholder="ÅÅÅÅ-MM-DD"))
        return fields

    def submit(self, values: dict[str, str]) -> bool:
        svc.set_figure(self.db, self.line_id, self.year, self.figure, values["amount"], values.get("as_of", ""),
                       expected_version=self.cell.version)
        return True

    def stored_values(self) -> dict[str, str]:
        rows = svc.table(self.db, [self.year]).rows
        self.cell = next((r.cells[self.year] for r in rows if r.line_id == self.line_id), svc.Cell())
        values = {"amount": _kr_input(self.cell.budget_ore if self.figure == "budget" else self.cell.outcome_ore)}
        if self.figure == "outcome" and self.cell.outcome_as_of:
            values["as_of"] = self.cell.outcome_as_of.isoformat()
        return values
