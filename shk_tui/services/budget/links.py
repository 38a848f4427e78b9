"""The link of a contract or an initiative to the budget line and year its money is charged to
(``services.budget.forecast``), as a form types it: the line's id (a choice) and the year. A year needs its
line; a line without a year charges each payment to the year it falls due (contracts) and counts in no year
(initiatives: their remaining budget needs both). Used by the contract form's and the initiative form's saves."""

from __future__ import annotations

from typing import Any

from sqlmodel import select

from shk_tui.db.engine import Database, sv_order
from shk_tui.db.models import BudgetLine

YEARS = (2000, 2100)
LINE, YEAR = "budget_line_id", "budget_year"
LABELS = {LINE: "Budgetrad", YEAR: "Budgetår"}


def form_text(line_id: int | None, year: int | None) -> dict[str, str]:
    return {LINE: str(line_id or ""), YEAR: "" if year is None else str(year)}


def parse(line_text: str, year_text: str, errors: dict[str, str]) -> dict[str, Any]:
    """``{budget_line_id, budget_year}`` from the form's text; problems go to ``errors`` under the fields."""
    raw = line_text.strip()
    line = int(raw) if raw.isdigit() and len(raw) < 10 else None
    if raw and line is None:
        errors[LINE] = "Budgetraden finns inte"
    raw, year = year_text.strip(), None
    if raw:
        if not raw.isdigit() or not YEARS[0] <= int(raw) <= YEARS[1]:
            errors[YEAR] = f"Ange ett år, {YEARS[0]}–{YEARS[1]}"
        elif line is None and LINE not in errors:
            errors[YEAR] = "Välj budgetraden som året gäller"
        else:
            year = int(raw)
    return {LINE: line, YEAR: year}


def check(s, line_id: int | None, errors: dict[str, str]) -> None:
    """What only the database can tell: the line exists (in the save's session)."""
    if line_id is not None and s.get(BudgetLine, line_id) is None:
        errors[LINE] = "Budgetraden finns inte"


def choices(db: Database) -> list[tuple[str, str]]:
    """(name, id as text) of every budget line, in Budget's order, for a form's choice."""
    with db.read() as s:
        found = s.exec(select(BudgetLine.name, BudgetLine.id).order_by(BudgetLine.position,
                                                                       sv_order(BudgetLine.name))).all()
    return [(name, str(lid)) for name, lid in found]
