"""#15 acceptance pass, Översikt's Enter as a user meets it:

- "3 kontakter saknar rättslig grund" (an item with no single target) shows Kontakter filtered to those
  three, not all 60 contacts;
- an event's item shows that event's participant list even when another event's list was left open
  in Evenemang (it showed the old list);
- a changed form left open in the section is not thrown away: a notice, the form stays."""

from __future__ import annotations

from textual.widgets import DataTable, Select, Static

from shk_tui.ui.base.form import FormDialog
from shk_tui.ui.contacts.contacts import ContactsScreen
from shk_tui.ui.events.events import EventsScreen
from shk_tui.ui.events.participants import ParticipantsScreen
from tests.helpers.contacts_pilot import names
from tests.helpers.tables import table_rows
from tests.ui.conftest import notices, settle


async def enter_on(app, pilot, text: str) -> None:
    """Översikt (1, or ctrl+p's "Gå till Översikt" where a dialog keeps the 1), the cursor on the first
    row that holds ``text``, Enter."""
    await pilot.press("1")
    await settle(pilot)
    if app.current_mode != "oversikt":
        app.action_section("oversikt")  # the palette's command
        await settle(pilot)
    table = app.screen.query_one("#attention", DataTable)
    index = next(i for i, row in enumerate(table_rows(table)) if text in row[-1])
    table.move_cursor(row=index)
    await pilot.press("enter")
    await settle(pilot)


async def test_contacts_without_legal_basis_open_filtered(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await enter_on(app, pilot, "3 kontakter saknar rättslig grund")
        screen = app.screen
        assert isinstance(screen, ContactsScreen)
        assert screen.query_one("#filter-status", Select).value == "utan-grund"
        assert len(names(screen)) == 3
        assert str(screen.query_one("#section .section-count", Static).render()) == "3 rader"
        assert app.focused is screen.table


async def test_event_item_shows_its_own_list_over_one_left_open(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await enter_on(app, pilot, "fortfarande anmälda")  # the workshop's list, left open
        assert app.screen.title == "Deltagarlista – Workshop: Demokratisk infrastruktur"
        await enter_on(app, pilot, "inbjudna har inte svarat")
        assert app.current_mode == "evenemang"
        assert [type(s) for s in app.screen_stack] == [EventsScreen, ParticipantsScreen]
        assert app.screen.title == "Deltagarlista – Öppen verkstad: Måltider och möten"
        assert "Öppen verkstad: Måltider och möten" in str(app.screen.query_one("#title", Static).render())


async def test_a_changed_form_in_the_section_is_kept(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("n")  # a new event, something typed
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormDialog)
        await pilot.press("Å", "s", "a")
        await settle(pilot)
        assert form.changed
        await enter_on(app, pilot, "inbjudna har inte svarat")
        assert app.screen is form and form.changed
        assert any("formulär" in text for text in notices(app, "warning"))
