"""Pilot tests of the contract form on the form kit: at 80×24 and 120×40 every field's label and Save
are in view while tabbing through; a validation error shows under its field with the focus there;
escape on a changed form asks "Spara ändringar?" (Spara / Kasta / Fortsätt redigera, each doing what
it says); escape on an unchanged form closes; F1 lists the dialog's keys."""

from __future__ import annotations

import pytest
from textual.widgets import Button, DataTable, Input, Label, OptionList, Static

from shk_tui.services.contracts import contracts
from shk_tui.ui.base.choice import ChoiceScreen
from shk_tui.ui.base.help import HelpScreen
from shk_tui.ui.contracts.contract_form import ContractFormScreen, contract_fields
from tests.helpers.contracts_pilot import add_contract, count, text, type_into
from tests.helpers.dialogs import fully_shown, open_dialog
from tests.ui.conftest import SIZE, TODAY, settle

FIELD_COUNT = 25  # 19 + budget line, year, route, category, estimated value, documented (#18)






async def open_form(app, pilot, db, contract_id=None) -> ContractFormScreen:
    return await open_dialog(app, pilot, ContractFormScreen(db, contract_id))


@pytest.mark.parametrize("size", [(80, 24), SIZE])
async def test_every_label_and_save_are_in_view_while_tabbing_through(sqlite_db, make_app, size):
    cid = add_contract(sqlite_db)
    app = make_app(sqlite_db)
    async with app.run_test(size=size) as pilot:
        form = await open_form(app, pilot, sqlite_db, cid)
        labels = list(form.query(".fk-label").results(Label))
        assert len(labels) == FIELD_COUNT
        assert [str(label.render()) for label in labels][:3] == ["Titel", "Typ", "Motpart"]
        save = form.query_one("#form-save", Button)
        if size != (80, 24):  # at 80×24 the 25 fields scroll (#18 added six): each is in view when reached below
            assert all(fully_shown(label) for label in labels), [str(lb.render()) for lb in labels
                                                                 if not fully_shown(lb)]
        assert fully_shown(save)
        names = [spec.name for spec in form.fields]
        seen = []
        for _ in range(FIELD_COUNT):
            focused = form.focused
            assert focused is not None and fully_shown(focused) and fully_shown(save)
            name = (focused.id or "").removeprefix("in-")
            seen.append(name)
            label = form.query_one(f"#field-{name} .fk-label", Label)
            assert fully_shown(label) and label.region.y == focused.region.y  # beside its field
            await pilot.press("tab")
            await settle(pilot, 1)
        assert seen == names
        assert form.focused is save  # after the last field: Spara


async def test_a_validation_error_is_shown_under_its_field_with_the_focus_there(sqlite_db, make_app):
    cid = add_contract(sqlite_db)
    app = make_app(sqlite_db)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(app, pilot, sqlite_db, cid)
        await type_into(pilot, "#in-notice_months", "99")
        await type_into(pilot, "#in-title", "Samarbetsavtal MDU, reviderat")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        error = form.query_one("#err-notice_months", Static)
        assert text(error) == "Ange ett helt antal månader, 0–36"
        field_input = form.query_one("#in-notice_months", Input)
        assert form.focused is field_input
        assert error.region.y == field_input.region.y + 1 and fully_shown(error)  # right under the field
        assert form.query_one("#field-notice_months").has_class("-error")
        assert contracts.get_contract(sqlite_db, cid, TODAY).title == "Samarbetsavtal MDU"  # nothing saved
        await type_into(pilot, "#in-notice_months", "3")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is not form
        saved = contracts.get_contract(sqlite_db, cid, TODAY)
        assert saved.title == "Samarbetsavtal MDU, reviderat" and saved.notice_months == 3


async def test_escape_on_an_unchanged_form_closes(sqlite_db, make_app):
    cid = add_contract(sqlite_db)
    app = make_app(sqlite_db)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(app, pilot, sqlite_db, cid)
        await pilot.press("escape")
        await settle(pilot)
        assert form not in app.screen_stack and not isinstance(app.screen, ChoiceScreen)


async def answer_escape(pilot, form, choice: str) -> None:
    """Change the title, press escape and pick ``choice`` in the question."""
    await type_into(pilot, "#in-title", "Nytt namn")
    await pilot.press("escape")
    await settle(pilot)
    question = pilot.app.screen
    assert isinstance(question, ChoiceScreen) and "Spara ändringar?" in text(question.query_one(".form-title"))
    options = question.query_one(OptionList)
    shown = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
    assert shown == ["Spara", "Kasta", "Fortsätt redigera"]
    options.highlighted = shown.index(choice)
    await pilot.press("enter")
    await settle(pilot)


@pytest.mark.parametrize(("choice", "title", "still_open"), [
    ("Spara", "Nytt namn", False),
    ("Kasta", "Samarbetsavtal MDU", False),
    ("Fortsätt redigera", "Samarbetsavtal MDU", True),
])
async def test_escape_on_a_changed_form_asks(sqlite_db, make_app, choice, title, still_open):
    cid = add_contract(sqlite_db)
    app = make_app(sqlite_db)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(app, pilot, sqlite_db, cid)
        await answer_escape(pilot, form, choice)
        assert (app.screen is form) is still_open
        assert contracts.get_contract(sqlite_db, cid, TODAY).title == title
        if still_open:  # what was typed is kept
            assert form.query_one("#in-title", Input).value == "Nytt namn"


async def test_a_new_contract_closed_unchanged_saves_nothing(sqlite_db, make_app):
    add_contract(sqlite_db)
    app = make_app(sqlite_db)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(app, pilot, sqlite_db)
        assert text(form.query_one(".fk-title", Static)) == "Nytt avtal"
        await pilot.press("escape")
        await settle(pilot)
        assert form not in app.screen_stack and count(sqlite_db, "contract") == 1


async def test_f1_lists_the_dialogs_keys(sqlite_db, make_app):
    cid = add_contract(sqlite_db)
    app = make_app(sqlite_db)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(app, pilot, sqlite_db, cid)
        await pilot.press("f1")
        await settle(pilot)
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        table = help_screen.query_one(DataTable)
        keys = {str(table.get_row_at(i)[1]) for i in range(table.row_count)}
        assert {"Spara", "Avbryt"} <= keys
        assert "Tangenter – Ändra avtal: Samarbetsavtal MDU" in text(help_screen.query_one("#help-title"))
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is form


def test_every_field_is_declared_once_with_a_label(sqlite_db):
    from shk_tui.services.contracts import contract_edit

    fields = contract_fields(contract_edit.form_choices(sqlite_db), {})
    names = [f.name for f in fields]
    assert len(names) == len(set(names)) == FIELD_COUNT
    assert all(f.label for f in fields)
