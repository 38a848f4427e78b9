"""Pilot tests of the initiative form on the form kit: a new initiative is refused with the message
under its field and the focus there, then saved; an edit shows the stored values and saves a changed
budget; the decision rule follows the budget; Save stays in view at 80×24; escape on an unchanged
form closes."""

from __future__ import annotations

from sqlmodel import select
from textual.widgets import Button, Input, Select, Static

from shk_tui.db.models import Initiative
from shk_tui.enums import BudgetSource, FocusArea, Phase
from shk_tui.ui.portfolio.initiative_form import InitiativeFormScreen
from tests.helpers.dialogs import fully_shown, open_dialog
from tests.ui.conftest import SIZE, notices, settle


def text(widget) -> str:
    return str(widget.render())


def initiative(db, name: str) -> Initiative:
    with db.session() as s:
        return s.exec(select(Initiative).where(Initiative.name == name)).one()


async def test_a_new_initiative_shows_the_error_under_its_field_then_saves(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_dialog(app, pilot, InitiativeFormScreen(None, focus_area=FocusArea.ALDRE))
        assert form.query_one("#focus_area", Select).value == FocusArea.ALDRE.value
        form.query_one("#phase", Select).value = Phase.PLANERAS.value
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        error = form.query_one("#err-name", Static)
        name = form.query_one("#name", Input)
        assert text(error) == "Namn saknas" and form.focused is name
        assert error.region.y == name.region.y + 1 and error.content_region.x == name.region.x  # under the input
        assert "Rätta de markerade fälten" in notices(app, "error")
        await pilot.press(*"Digital vård i hemmet")
        form.query_one("#budget", Input).value = "90 000"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert text(form.query_one("#err-budget_source", Static)) == "Välj varifrån budgeten kommer"
        assert form.focused is form.query_one("#budget_source", Select)
        assert text(form.query_one("#err-name", Static)) == ""  # fixed: its message gone
        form.query_one("#budget_source", Select).value = BudgetSource.ORDINARIE.value
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert form not in app.screen_stack and "Initiativet sparat" in notices(app)
    saved = initiative(demo_db, "Digital vård i hemmet")
    assert saved.focus_area is FocusArea.ALDRE and saved.phase is Phase.PLANERAS and saved.budget_ore == 90_000_00


async def test_an_edit_shows_the_stored_values_and_saves_the_change(demo_db, make_app):
    target = initiative(demo_db, "Studentcoacher")
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_dialog(app, pilot, InitiativeFormScreen(target.id))
        assert form.query_one("#name", Input).value == "Studentcoacher"
        assert form.query_one("#phase", Select).value == target.phase.value
        budget = form.query_one("#budget", Input)
        budget.value = "mycket"
        await settle(pilot)
        assert "kan inte läsas" in text(form.query_one("#decision-hint", Static))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form and text(form.query_one("#err-budget", Static)) != ""
        assert form.focused is budget
        budget.value = "600 000"
        await settle(pilot)
        hint = form.query_one("#decision-hint", Static)
        assert "Över processledarens mandat" in text(hint) and hint.has_class("-high")
        form.query_one("#budget_source", Select).value = BudgetSource.ORDINARIE.value
        form.query_one("#decided_by", Select).value = "Styrelse"
        form.query_one("#decided_on", Input).value = "2026-11-20"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert form not in app.screen_stack
    saved = initiative(demo_db, "Studentcoacher")
    assert saved.budget_ore == 600_000_00 and saved.decided_by == "Styrelse"


async def test_at_80x24_save_stays_in_view_and_escape_on_an_unchanged_form_closes(demo_db, make_app):
    target = initiative(demo_db, "Studentcoacher")
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_dialog(app, pilot, InitiativeFormScreen(target.id))
        save = form.query_one("#form-save", Button)
        for _ in form.fields:
            assert fully_shown(form.focused) and fully_shown(save)
            await pilot.press("tab")
            await settle(pilot, 1)
        assert form.focused is save
        await pilot.press("escape")
        await settle(pilot)
        assert form not in app.screen_stack
