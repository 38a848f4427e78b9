"""Shared pieces of the Budget Pilot tests: open the section, move the cursor, read a row."""

from __future__ import annotations

from textual.widgets import DataTable

from shk_tui.ui.budget.budget import BudgetScreen
from tests.helpers.tables import table_rows
from tests.ui.conftest import open_section


def rows(screen: BudgetScreen) -> list[tuple[str, ...]]:
    return [tuple(r) for r in table_rows(screen.query_one("#budget-table", DataTable))]


def row(screen: BudgetScreen, label: str) -> tuple[str, ...]:
    return next(r for r in rows(screen) if r[0] == label)


async def open_budget(pilot) -> BudgetScreen:
    return await open_section(pilot, "6", BudgetScreen)


def move_to(screen: BudgetScreen, label: str, column: int) -> None:
    index = next(i for i, r in enumerate(rows(screen)) if r[0] == label)
    screen.query_one("#budget-table", DataTable).move_cursor(row=index, column=column)
