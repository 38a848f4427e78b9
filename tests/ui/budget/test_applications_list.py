"""The applications list (issue #15): a Status column in view beside the title at 80×24 and 120×40, and
an application given a submission date counts as inskickad in the list and in the progress."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input

from shk_tui.ui.budget.applications import ApplicationsScreen
from shk_tui.ui.widgets.flow import Flow
from tests.helpers.budget_pilot import open_budget
from tests.helpers.shown import shown_lines, shown_text
from tests.helpers.tables import table_rows
from tests.ui.conftest import settle


async def open_applications(pilot) -> ApplicationsScreen:
    await open_budget(pilot)
    await pilot.press("a")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ApplicationsScreen)
    return screen


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_status_column_in_view(demo_db, make_app, size):
    app = make_app(demo_db)
    async with app.run_test(size=size) as pilot:
        screen = await open_applications(pilot)
        table = screen.query_one(DataTable)
        lines = shown_lines(table)
        assert lines[0].split()[:3] == ["Titel", "Status", "Belopp"]
        assert any("Physical literacy i Årby" in line and "Inskickad" in line and "6 000 000 kr" in line
                   for line in lines), lines
        progress = shown_text(screen.query_one("#applications-progress", Flow))
        assert "inskickat, väntar på besked 12 400 000 kr" in progress  # whole, never "12 400 / 000 kr"


async def test_a_submission_date_moves_it_to_inskickad(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_applications(pilot)
        table = screen.query_one(DataTable)
        titles = [r[0] for r in table_rows(table)]
        table.move_cursor(row=next(i for i, t in enumerate(titles) if t.startswith("Kapacitet för forskare")))
        assert table_rows(table)[table.cursor_row][1] == "Under arbete"
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        form.query_one("#submitted_on", Input).value = "2026-11-20"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        shown = table_rows(table)[table.cursor_row]
        assert shown[1:6] == ["Inskickad", "36 000 000 kr", "extern", "", "2026-11-20"]  # Slag, Vår andel, Inskickad
        progress = shown_text(screen.query_one("#applications-progress", Flow))
        assert "inskickat, väntar på besked 48 400 000 kr" in progress and "under arbete 0 kr" in progress
