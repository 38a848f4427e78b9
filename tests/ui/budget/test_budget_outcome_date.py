"""The outcome (utfall) dialog offers a date in the figure's own year (issue #15): a 2022 figure is
entered as of 31 December 2022, not as of today in 2026."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input

from shk_tui.services.budget.budget import Cell
from shk_tui.ui.budget.budget_figure import BudgetFigureScreen, as_of_default
from tests.helpers.budget_pilot import move_to, open_budget
from tests.ui.conftest import SIZE, TODAY, settle


async def test_outcome_of_a_past_year_defaults_to_that_years_last_day(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_budget(pilot)
        move_to(screen, "Event och kommunikation", "2022:outcome")
        await pilot.press("u")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, BudgetFigureScreen) and (dialog.year, dialog.figure) == (2022, "outcome")
        assert dialog.query_one("#as_of", Input).value == "2022-12-31"


def test_outcome_date_stays_in_the_figures_year():
    today = TODAY  # 2026-11-25
    assert as_of_default(2022, Cell(outcome_ore=1, outcome_as_of=date(2022, 6, 30)), today) == date(2022, 12, 31)
    assert as_of_default(2026, Cell(), today) == today
    assert as_of_default(2026, Cell(outcome_ore=1, outcome_as_of=date(2026, 12, 15)), today) == date(2026, 12, 15)
    assert as_of_default(2026, Cell(outcome_ore=1, outcome_as_of=date(2026, 3, 31)), today) == today
    assert as_of_default(2027, Cell(), today) == date(2027, 1, 1)
    assert as_of_default(2027, Cell(outcome_ore=1, outcome_as_of=date(2027, 2, 28)), today) == date(2027, 2, 28)
