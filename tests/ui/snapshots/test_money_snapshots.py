"""Snapshots of the money in the UI (issue #18) at 120×40 and 80×24 on the example data: Budget with the
cursor on this year's forecast of a line over budget, the forecast adjustment dialog, Avtal filtered on
Upphandlingsvarningar, a contract over the direktupphandlingsgräns (its warning in full), a contract with a
payment one person decided and attested (marked), and the new-payment dialog with direction and attest.
Budget's and Avtal's plain pictures are test_snapshots.py's ``budget``, ``avtal`` and ``avtalsdetalj``. The
fixtures are test_snapshots.py's; the notices of the start are cleared before a dialog opens."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Select

from shk_tui.services.contracts.contracts import Filter
from tests.helpers.tables import table_column
from tests.ui.snapshots.test_snapshots import SIZES, Steps, demo_file, keys, snap_app, take  # noqa: F401


def budget_at(label: str, key: str, *then: str) -> Steps:
    """Budget (6), the cursor on that row and column (by key), then ``then``."""

    async def run(pilot: Pilot) -> None:
        await keys("6")(pilot)
        table = pilot.app.screen.query_one("#budget-table", DataTable)
        column = [str(c.key.value) for c in table.ordered_columns].index(key)
        table.move_cursor(row=table_column(table, 0).index(label), column=column)
        pilot.app.clear_notifications()
        await keys(*then)(pilot)

    return run


def procurement_filter() -> Steps:
    async def run(pilot: Pilot) -> None:
        await keys("5")(pilot)
        pilot.app.screen.query_one("#contract-filter", Select).value = Filter.UPPHANDLING.name
        await keys()(pilot)

    return run


def then_dialog(section: tuple[str, ...], opening: tuple[str, ...]) -> Steps:
    async def run(pilot: Pilot) -> None:
        await keys(*section)(pilot)
        pilot.app.clear_notifications()
        await keys(*opening)(pilot)

    return run


SCREENS: dict[str, Steps] = {
    "budget-prognos": budget_at("Följeforskning", "2026:forecast"),
    "budget-justering": budget_at("Följeforskning", "2026:forecast", "j"),
    "avtal-upphandlingsvarningar": procurement_filter(),
    "avtal-over-gransen": keys("5", "down", "enter"),  # Kommunikationsbyrå: 960 000 kr as a direct award
    "avtal-samma-attest": keys("5", "down", "down", "enter"),  # Cornerstone: one payment decided and attested by one
    "avtal-ny-utbetalning": then_dialog(("5", "down", "down", "enter"), ("a",)),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", SCREENS)
def test_money_screens(snap_compare, snap_app, screen: str, size: str) -> None:  # noqa: F811
    assert take(snap_compare, snap_app, SCREENS[screen], size)
