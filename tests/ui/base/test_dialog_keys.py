"""F1 inside any dialog lists that dialog's own keys (Textual's app-level help does not reach into a
modal screen): the gallring dialog, a choice, a yes/no question."""

from __future__ import annotations

from textual.widgets import DataTable

from shk_tui.ui.base.choice import ChoiceScreen
from shk_tui.ui.base.confirm import ConfirmScreen
from shk_tui.ui.base.help import HelpScreen
from shk_tui.ui.overview.gallring import GallringScreen
from tests.helpers.tables import table_rows
from tests.ui.conftest import SIZE, settle


async def help_for(pilot, screen_type) -> list[str]:
    assert isinstance(pilot.app.screen, screen_type), pilot.app.screen
    await pilot.press("f1")
    await settle(pilot)
    assert isinstance(pilot.app.screen, HelpScreen)
    shown = [" ".join(row) for row in table_rows(pilot.app.screen.query_one(DataTable))]
    await pilot.press("escape")
    await settle(pilot)
    assert isinstance(pilot.app.screen, screen_type)  # back in the dialog
    return shown


async def test_f1_in_the_gallring_dialog_lists_its_keys(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        shown = await help_for(pilot, GallringScreen)
        assert any("Stäng" in line for line in shown), shown


async def test_f1_in_a_choice_and_a_question_lists_their_keys(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(ChoiceScreen("Välj", [("Ett", "1"), ("Två", "2")]))
        await settle(pilot)
        assert any("Avbryt" in line for line in await help_for(pilot, ChoiceScreen))
        await pilot.press("escape")
        app.push_screen(ConfirmScreen("Säker?", "Verkligen?"))
        await settle(pilot)
        shown = await help_for(pilot, ConfirmScreen)
        assert any("Ja" in line for line in shown) and any("Nej" in line for line in shown), shown
