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


def cells(screen: BudgetScreen, label: str, year: int, *figures: str) -> tuple[str, ...]:
    """The texts of that row's figures of that year, by name (budget, outcome, remaining, committed,
    forecast, deviation), as the table shows them."""
    shown = row(screen, label)
    return tuple(shown[column_index(screen, f"{year}:{figure}")] for figure in figures)


async def open_budget(pilot) -> BudgetScreen:
    return await open_section(pilot, "6", BudgetScreen)


def column_index(screen: BudgetScreen, key: str) -> int:
    """The index of a shown column by its key: "2023:budget", "2026:forecast" (the year, then budget,
    outcome, remaining, committed, forecast or deviation)."""
    keys = [str(c.key.value) for c in screen.query_one("#budget-table", DataTable).ordered_columns]
    return keys.index(key)


def move_to(screen: BudgetScreen, label: str, column: int | str) -> None:
    """The cursor on the row of that label, in that column (an index, or a key as for ``column_index``)."""
    index = next(i for i, r in enumerate(rows(screen)) if r[0] == label)
    if isinstance(column, str):
        column = column_index(screen, column)
    screen.query_one("#budget-table", DataTable).move_cursor(row=index, column=column)
