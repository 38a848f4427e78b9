"""q and ctrl+q, as README and the help say: ctrl+q quits everywhere (in a dialog, while typing); q
quits from a section's table, but is typed into a focused field and does nothing in a dialog."""

from __future__ import annotations

from textual.widgets import Input

from shk_tui.ui.base.confirm import ConfirmScreen
from shk_tui.ui.base.help import HelpScreen
from shk_tui.ui.base.text_input import TextInputScreen
from shk_tui.ui.contacts.contacts import ContactsScreen
from tests.ui.conftest import SIZE, open_section, settle


async def test_q_quits_from_a_section_table(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, "3", ContactsScreen)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0


async def test_q_is_typed_into_a_search_and_a_field_and_ctrl_q_still_quits(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_section(pilot, "3", ContactsScreen)
        await pilot.press("slash", "q")
        await settle(pilot)
        assert app.is_running
        assert screen.query_one("#contacts-search", Input).value == "q"
        app.push_screen(TextInputScreen("Namn"))
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        assert isinstance(app.screen, TextInputScreen) and app.is_running
        assert app.screen.query_one("#text-input", Input).value == "q"
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


async def test_q_in_a_dialog_does_not_quit(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, "3", ContactsScreen)
        app.push_screen(ConfirmScreen("Säker?", "Verkligen?"))
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, ConfirmScreen)


async def test_the_help_says_how_q_and_ctrl_q_quit(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, "3", ContactsScreen)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        shown = dict(app.screen.keys)
        assert shown["^q"] == "Avsluta"
        assert shown["q"] == "Avsluta (ej i fält)"
