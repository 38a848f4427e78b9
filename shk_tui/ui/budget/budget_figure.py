"""Edit one budget figure in place (modal, on the form kit): the budget or the outcome (utfall) of a
line and year; outcome is entered "as of" a date (default: today, within the figure's year). Empty clears the figure; enter
saves. The amount is selected when the dialog opens: typing replaces it, as in a spreadsheet."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from shk_tui.errors import StaleEdit
from shk_tui.services.budget import budget as svc
from shk_tui.ui.base.form import FormDialog
from shk_tui.ui.base.form_fields import FormField

if TYPE_CHECKING:
    from shk_tui.db.engine import Database

SAVE_FAILED = "Kunde inte sparas (se loggfilen)"


def kr_input(ore: int | None) -> str:
    """An amount as typed in the dialog: ``1 100 000``, ``-1 250,50`` (empty: no figure)."""
    if ore is None:
        return ""
    kronor, rest = divmod(abs(ore), 100)
    return ("-" if ore < 0 else "") + f"{kronor:,}".replace(",", " ") + (f",{rest:02d}" if rest else "")


def as_of_default(year: int, cell: svc.Cell, today: date) -> date:
    """The date an outcome of ``year`` is first offered as of: today moved into that year (31 December
    of a past year, 1 January of a coming one), or the figure's own date when later in that year."""
    day = min(max(today, date(year, 1, 1)), date(year, 12, 31))
    stored = cell.outcome_as_of
    return stored if stored is not None and stored.year == year and stored > day else day


def _figure(cell: svc.Cell, figure: str) -> tuple[int | None, date | None]:
    return (cell.budget_ore, None) if figure == "budget" else (cell.outcome_ore, cell.outcome_as_of)


def _cell(db: Database, line_id: int, year: int) -> svc.Cell:
    """The line's figures of that year as stored now."""
    rows = svc.table(db, [year]).rows
    return next((r.cells[year] for r in rows if r.line_id == line_id), svc.Cell())


class BudgetFigureScreen(FormDialog[bool]):
    SAVE_FAILED = SAVE_FAILED
    cancel_result = False

    def __init__(self, line_id: int, line: str, year: int, figure: str, cell: svc.Cell) -> None:
        super().__init__(f"{'Budget' if figure == 'budget' else 'Utfall'} {year}: {line}")
        self.line_id, self.line, self.year, self.figure, self.cell = line_id, line, year, figure, cell
        self.before: svc.Cell | None = None  # the year's figures the save replaced, and what it stored
        self.after: svc.Cell | None = None

    def form_fields(self) -> list[FormField]:
        current = self.cell.budget_ore if self.figure == "budget" else self.cell.outcome_ore
        fields = [FormField("amount", "Belopp (kr)", value=kr_input(current), help="Tomt tar bort siffran")]
        if self.figure == "outcome":
            fields.append(FormField("as_of", "Utfall per datum", value=as_of_default(self.year, self.cell, self.today)
                                    .isoformat(), placeholder="ÅÅÅÅ-MM-DD"))
        return fields

    def submit(self, values: dict[str, str]) -> bool:
        before = self.cell
        self.after = svc.set_figure(self.db, self.line_id, self.year, self.figure, values["amount"],
                                    values.get("as_of", ""), expected_version=self.cell.version)
        self.before = before
        return True

    def undo_call(self) -> Callable[[], object] | None:
        """After a save: the call that puts the figure back as it was. Refused (StaleEdit) when that
        figure has changed again since; the year's other figure may have (budget and outcome share a row
        and its version)."""
        before, after = self.before, self.after
        if before is None or after is None:
            return None
        db, line_id, year, figure = self.db, self.line_id, self.year, self.figure
        amount = kr_input(_figure(before, figure)[0])
        as_of = before.outcome_as_of.isoformat() if figure == "outcome" and before.outcome_as_of else ""

        def undo() -> svc.Cell:
            now = _cell(db, line_id, year)
            if _figure(now, figure) != _figure(after, figure):
                raise StaleEdit()
            return svc.set_figure(db, line_id, year, figure, amount, as_of, expected_version=now.version)

        return undo

    def stored_values(self) -> dict[str, str]:
        self.cell = _cell(self.db, self.line_id, self.year)
        values = {"amount": kr_input(self.cell.budget_ore if self.figure == "budget" else self.cell.outcome_ore)}
        if self.figure == "outcome" and self.cell.outcome_as_of:
            values["as_of"] = self.cell.outcome_as_of.isoformat()
        return values
