"""Pilot: Avtal opens with its table focused, so a section key pressed once the rows are there switches
section instead of being typed into the search; ``/`` goes to the search, Esc there clears it and,
when it is already empty, the filters (as the empty list's hint says); Enter on an Översikt heading
shows Avtal filtered as the heading says, a contract left open there closed and an old search gone."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Select, Static

from shk_tui.ui.contracts.contract_detail import ContractDetailScreen
from shk_tui.ui.contracts.contracts import EMPTY_HINT, ContractsScreen
from shk_tui.ui.overview.overview import OverviewScreen
from shk_tui.ui.widgets.search_box import SearchBox
from tests.helpers.overview_pilot import texts
from tests.helpers.tables import table_column
from tests.ui.conftest import SIZE, notices, open_section, settle

OVERDUE = "Förfallna utbetalningar (2) – enter visar dem i Avtal"


def titles(screen) -> list[str]:
    return table_column(screen.query_one("#section DataTable", DataTable), 0)


async def test_avtal_opens_with_the_table_focused_and_a_section_key_switches(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_section(pilot, "5", ContractsScreen)
        assert titles(screen)  # the rows are loaded
        assert app.focused is screen.table
        assert ContractsScreen.AUTO_FOCUS and screen.query_one(ContractsScreen.AUTO_FOCUS) is screen.table
        await pilot.press("1")
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
        assert screen.query_one("#contract-search", Input).value == ""  # nothing was typed into it
        await open_section(pilot, "5", ContractsScreen)
        assert app.focused is screen.table  # and again on the next visit


async def test_an_empty_result_keeps_the_table_focused_and_esc_clears_search_then_filters(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_section(pilot, "5", ContractsScreen)
        everything = titles(screen)
        screen.query_one("#contract-filter", Select).value = "AKTIVA"
        await settle(pilot)
        active = titles(screen)
        assert 0 < len(active) < len(everything)
        await pilot.press("slash")
        search = screen.query_one("#contract-search", SearchBox)
        assert app.focused is search
        await pilot.press(*"ingetsådant")
        await settle(pilot)
        assert titles(screen) == []
        assert EMPTY_HINT in str(screen.query_one(".section-empty", Static).render())
        await pilot.press("escape")  # text: cleared, back to the table, the filter stays
        await settle(pilot)
        assert search.value == "" and app.focused is screen.table
        assert titles(screen) == active and screen.query_one("#contract-filter", Select).value == "AKTIVA"
        await pilot.press("slash", "escape")  # already empty: the filters go
        await settle(pilot)
        assert app.focused is screen.table
        assert screen.query_one("#contract-filter", Select).value == "ALLA" and titles(screen) == everything
        # on the table, Esc clears what filters the list too (the hint says esc clears)
        screen.query_one("#contract-filter", Select).value = "ARKIVERADE"
        await settle(pilot)
        screen.table.focus()
        await pilot.press("escape")
        await settle(pilot)
        assert screen.query_one("#contract-filter", Select).value == "ALLA" and titles(screen) == everything
        assert "Sökning och filter rensade" in notices(app)


async def test_an_overview_heading_closes_a_contract_left_open_and_clears_the_old_search(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_section(pilot, "5", ContractsScreen)
        await pilot.press("slash", *"licens")
        await settle(pilot)
        assert titles(screen) == ["Licens Samhällshubben"]
        await pilot.press("enter", "enter")  # to the table, open the contract
        await settle(pilot)
        assert isinstance(app.screen, ContractDetailScreen)
        await pilot.press("1")
        await settle(pilot)
        overview = app.screen
        assert isinstance(overview, OverviewScreen)
        # the search is filled again behind Översikt's back (a search typed while the key was pressed)
        screen.query_one("#contract-search", Input).value = "licens"
        table = overview.query_one("#attention", DataTable)
        table.move_cursor(row=texts(app).index(OVERDUE))
        await pilot.press("enter")
        await settle(pilot)
        assert app.current_mode == "avtal" and app.screen is screen  # the old contract is closed
        assert screen.query_one("#contract-search", Input).value == ""
        assert screen.query_one("#contract-filter", Select).value == "FORFALLNA"
        assert titles(screen) == ["Överenskommelse om medel till processtödet, Eskilstuna kommun",
                                  "Överenskommelse om medel till processtödet, Västerås stad"]
        assert app.focused is screen.table and screen.table.cursor_row == 0
