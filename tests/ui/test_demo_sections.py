"""Every section shows the example data (keys 1–6)."""

from __future__ import annotations

from textual.widgets import DataTable

from shk_tui.ui.budget.budget import BudgetScreen
from shk_tui.ui.contacts.contacts import ContactsScreen
from shk_tui.ui.contracts.contracts import ContractsScreen
from shk_tui.ui.events.events import EventsScreen
from shk_tui.ui.overview.overview import OverviewScreen
from shk_tui.ui.portfolio.portfolio import PortfolioScreen
from tests.helpers.tables import table_rows
from tests.ui.conftest import SIZE, settle

EXPECTED = [
    ("1", OverviewScreen, "Kontakter"),
    ("2", PortfolioScreen, "Samverkansmöjligheter för fler i förskolan"),
    ("3", ContactsScreen, "Mälardalens universitet"),
    ("4", EventsScreen, "Styrelsemöte"),
    ("5", ContractsScreen, None),
    ("6", BudgetScreen, "Följeforskning"),
]


async def test_each_section_shows_the_example_data(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key, screen_cls, known in EXPECTED:
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, screen_cls)
            table = app.screen.query_one("#section DataTable", DataTable)
            rows = table_rows(table)
            assert rows, f"no rows in section {key}"
            if known:
                assert any(known in row for row in rows), (key, known)
