"""``f`` in Avtal: focus moves to the filters and the user is told which one has it; ``f`` again
moves on to the next filter (and from the last back to the first)."""

from __future__ import annotations

from textual.widgets import Select

from shk_tui.ui.contracts.contracts import ContractsScreen
from tests.ui.conftest import SIZE, notices, open_section


async def test_f_names_the_focused_filter_and_moves_to_the_next(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, "5", ContractsScreen)
        visited = []
        for _ in range(4):
            await pilot.press("f")
            await pilot.pause()
            assert isinstance(app.focused, Select)
            visited.append(app.focused.id)
        assert visited == ["contract-filter", "contract-initiative", "contract-counterparty", "contract-filter"]
        told = [n for n in notices(app) if n.startswith("Filter: ")]
        assert told == ["Filter: urval – f igen för nästa filter", "Filter: initiativ – f igen för nästa filter",
                        "Filter: motpart – f igen för nästa filter", "Filter: urval – f igen för nästa filter"]
        await pilot.press("escape")
        assert app.focused is app.screen.table
