"""Esc steps back one step, the same in the pickers and the kit's dialogs, and never drops typed data
without asking: a picker clears its letters before it closes; a form with typed text asks Spara /
Kasta / Fortsätt redigera and Esc in that question goes back to the form with the text; a choice and
a yes/no question close with no answer."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, OptionList

from shk_tui.ui.base.choice import ChoiceScreen
from shk_tui.ui.base.confirm import ConfirmScreen
from shk_tui.ui.base.text_input import TextInputScreen
from shk_tui.ui.base.work import ShkScreen
from shk_tui.ui.widgets.contact_picker import ContactPicker
from tests.helpers.dialogs import open_dialog
from tests.ui.conftest import SIZE, settle


class PickerScreen(ShkScreen):
    def __init__(self) -> None:
        super().__init__()
        self.closed = 0

    def compose(self) -> ComposeResult:
        yield ContactPicker(id="picker")

    def on_mount(self) -> None:
        self.query_one(ContactPicker).focus_input()

    @on(ContactPicker.Closed)
    def _closed(self) -> None:
        self.closed += 1


async def test_esc_in_a_picker_clears_the_letters_then_closes(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_dialog(app, pilot, PickerScreen())
        picker = screen.query_one(ContactPicker)
        await pilot.press(*"åsa")
        await settle(pilot)
        assert picker.input.value == "åsa"
        assert picker.query_one(OptionList).option_count > 1  # hits and "+ Ny kontakt: åsa"
        await pilot.press("escape")
        await settle(pilot)
        assert picker.input.value == "" and picker.query_one(OptionList).option_count == 0
        assert screen.closed == 0 and screen.focused is picker.input  # still open, for another name
        await pilot.press("escape")
        await settle(pilot)
        assert screen.closed == 1


async def test_esc_in_a_changed_form_asks_and_esc_again_keeps_the_text(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        results: list[str | None] = []
        await settle(pilot)
        form = TextInputScreen("Ny tagg")
        app.push_screen(form, results.append)
        await settle(pilot)
        await pilot.press(*"styrgrupp")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceScreen) and app.screen.question == "Spara ändringar?"
        await pilot.press("escape")  # one step back: to the form, the text kept
        await settle(pilot)
        assert app.screen is form and form.query_one("#text-input", Input).value == "styrgrupp"
        assert results == []
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("2")  # Kasta
        await settle(pilot)
        assert results == [None] and app.screen is not form


async def test_esc_in_an_unchanged_form_a_choice_and_a_question_closes_without_an_answer(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        answers: list[object] = []
        for dialog in (TextInputScreen("Namn"), ChoiceScreen("Välj", [("Ett", "1"), ("Två", "2")]),
                       ConfirmScreen("Säker?", "Verkligen?")):
            app.push_screen(dialog, answers.append)
            await settle(pilot)
            assert app.screen is dialog
            await pilot.press("escape")
            await settle(pilot)
            assert app.screen is not dialog
        assert answers == [None, None, False]
