"""Evenemang's search is the section SearchBox (issue #15): the list opens with its table focused (also
after the rows load), ``/`` focuses the search, Esc in the search clears it and returns to the table,
Esc in an empty search clears the filters, the empty list's "(esc rensar)" is true, and a search does
not carry over to the next visit."""

from __future__ import annotations

from textual.widgets import DataTable, Select, Static

from shk_tui.ui.events.events import NO_MATCH
from shk_tui.ui.widgets.search_box import SearchBox
from tests.helpers.events_pilot import open_events, seed_events, type_text
from tests.helpers.tables import table_column
from tests.ui.conftest import SIZE, settle

ALL = ["Styrelsemöte", "Labb: Åldrande"]


def _titles(screen) -> list[str]:
    return table_column(screen.query_one("#table", DataTable), 2)


async def test_search_box_keys_in_evenemang(app_db, make_app):
    seed_events(app_db)
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_events(app, pilot)
        table = screen.query_one("#table", DataTable)
        box = screen.query_one("#search", SearchBox)
        assert screen.focused is table and _titles(screen) == ALL  # the table, after the rows loaded
        await pilot.press("slash")
        assert screen.focused is box
        await type_text(pilot, "styr")
        await settle(pilot)
        assert _titles(screen) == ["Styrelsemöte"]
        await pilot.press("escape")  # with text: cleared, back to the table
        await settle(pilot)
        assert box.value == "" and screen.focused is table and _titles(screen) == ALL

        screen.query_one("#focus", Select).value = "barn"  # nothing matches: the hint says esc clears
        await settle(pilot)
        assert _titles(screen) == []
        assert str(screen.query_one("#empty", Static).render()) == NO_MATCH
        await pilot.press("slash", "escape")  # empty search: Esc clears the filters
        await settle(pilot)
        assert screen.query_one("#focus", Select).value is Select.NULL
        assert _titles(screen) == ALL and screen.focused is table

        screen.query_one("#period", Select).value = "tidigare"
        await settle(pilot)
        assert _titles(screen) == ["Labb: Åldrande"]
        await pilot.press("escape")  # in the list: the filters go too
        await settle(pilot)
        assert screen.query_one("#period", Select).value == "alla" and _titles(screen) == ALL


async def test_a_search_does_not_carry_over_to_the_next_visit(app_db, make_app):
    seed_events(app_db)
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_events(app, pilot)
        await pilot.press("slash")
        await type_text(pilot, "labb")
        await pilot.press("enter")  # to the table
        await settle(pilot)
        assert _titles(screen) == ["Labb: Åldrande"]
        await pilot.press("1")
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        assert app.screen is screen
        assert screen.query_one("#search", SearchBox).value == "" and _titles(screen) == ALL
        assert screen.focused is screen.query_one("#table", DataTable)
