"""Home and End in every section's main table (keys 1–6 on the example data, and an event's
Deltagarlista): End puts the cursor on the last row, Home on the first, as the help says. Textual's
DataTable would only scroll sideways (its Home/End are the first/last column)."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from shk_tui.ui.budget.budget import BudgetScreen
from shk_tui.ui.contacts.contacts import ContactsScreen
from shk_tui.ui.contracts.contracts import ContractsScreen
from shk_tui.ui.events.events import EventsScreen
from shk_tui.ui.events.participants import ParticipantsScreen
from shk_tui.ui.overview.overview import OverviewScreen
from shk_tui.ui.portfolio.portfolio import PortfolioScreen
from tests.ui.conftest import SIZE, open_section, settle

SECTIONS = [pytest.param("1", OverviewScreen, id="Översikt"), pytest.param("2", PortfolioScreen, id="Portfölj"),
            pytest.param("3", ContactsScreen, id="Kontakter"), pytest.param("4", EventsScreen, id="Evenemang"),
            pytest.param("5", ContractsScreen, id="Avtal"),
            pytest.param("6", BudgetScreen, id="Budget")]


async def home_and_end(pilot) -> None:
    """Press End, then Home, in the focused table: the cursor goes to the last row, then the first."""
    table = pilot.app.focused
    assert isinstance(table, DataTable), table
    assert table.row_count > 1, f"{pilot.app.screen}: too few rows to tell"
    table.move_cursor(row=1)
    await pilot.press("end")
    await settle(pilot)
    assert table.cursor_row == table.row_count - 1, pilot.app.screen
    await pilot.press("home")
    await settle(pilot)
    assert table.cursor_row == 0, pilot.app.screen


@pytest.mark.parametrize(("key", "screen_type"), SECTIONS)
async def test_home_and_end_go_to_the_first_and_last_row(demo_db, make_app, key, screen_type):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_section(pilot, key, screen_type)
        if isinstance(screen, PortfolioScreen):  # the board has its own Home/End (tests/ui/portfolio)
            await pilot.press("v")
            await settle(pilot)
        await home_and_end(pilot)


async def test_home_and_end_in_the_participant_list(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        events = await open_section(pilot, "4", EventsScreen)
        biggest = max(events.rows, key=lambda row: row.registered)
        events.open_participants(biggest.id)
        await settle(pilot)
        assert isinstance(app.screen, ParticipantsScreen)
        await home_and_end(pilot)
