"""#15 acceptance pass, Organisationer: a search that finds nothing says so and how to get back
("… matchar … (esc rensar)", which is true: Esc clears it), not "Inga organisationer" as if there were none."""

from __future__ import annotations

from textual.widgets import DataTable, Input

from shk_tui.ui.contacts.organisations import OrganisationsScreen
from tests.helpers.contacts_pilot import open_contacts
from tests.helpers.shown import shown_text
from tests.ui.conftest import settle


async def test_search_without_hits_says_esc_clears_it(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contacts(app, pilot)
        await pilot.press("o")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, OrganisationsScreen)
        table = screen.query_one("#section DataTable", DataTable)
        everyone = table.row_count
        assert everyone == 18
        await pilot.press("slash", "z", "z", "q")
        await settle(pilot)
        assert table.row_count == 0
        hint = shown_text(screen.query_one("#section .section-empty"))
        assert "Inga organisationer matchar" in hint and "(esc rensar)" in hint
        await pilot.press("escape")
        await settle(pilot)
        assert screen.query_one("#organisations-search", Input).value == ""
        assert table.row_count == everyone
        assert app.focused is table
        await pilot.press("slash", "m", "ä", "l")  # å/ä/ö typed as they are
        await settle(pilot)
        assert [table.get_row_at(i)[0] for i in range(table.row_count)] == [
            "Mälardalens universitet", "Mälarsalen Konferens AB"]
