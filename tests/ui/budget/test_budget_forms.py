"""Pilot tests of the budget dialogs on the form kit: a budget line (a known group taken from the
type-ahead, a new group), a budget figure and a funding application each show the service's message
under its field with the focus there, then save; the indicator and measurement dialogs too."""

from __future__ import annotations

from sqlmodel import select
from textual.widgets import Input, Static

from shk_tui.db.models import BudgetLine, FundingApplication, Indicator
from shk_tui.enums import ApplicationStatus
from shk_tui.services.budget import budget
from shk_tui.services.portfolio import initiatives
from shk_tui.ui.budget.application_form import ApplicationFormScreen
from shk_tui.ui.budget.budget_figure import BudgetFigureScreen
from shk_tui.ui.budget.budget_line import BudgetLineScreen
from shk_tui.ui.portfolio.indicator_form import IndicatorFormScreen
from shk_tui.ui.portfolio.measure import MeasureScreen
from tests.helpers.dialogs import open_dialog
from tests.ui.conftest import SIZE, settle


def text(widget) -> str:
    return str(widget.render())


async def refused_then_saved(pilot, dialog, field: str, message: str, fix: str) -> None:
    """Save, see ``message`` under ``field`` with the focus there, type ``fix`` and save again."""
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert pilot.app.screen is dialog
    assert text(dialog.query_one(f"#err-{field}", Static)) == message
    widget = dialog.query_one(f"#{field}", Input)
    assert dialog.focused is widget
    widget.value = fix
    await pilot.press("enter")
    await settle(pilot)
    assert dialog not in pilot.app.screen_stack


async def test_a_budget_line_in_a_known_group_and_in_a_new_one(app_db, make_app):
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")  # no example data
        dialog = await open_dialog(app, pilot, BudgetLineScreen())
        group = dialog.query_one("#group", Input)
        group.value = ""
        group.focus()
        await pilot.press(*"pil")
        await settle(pilot)
        await pilot.press("enter")  # takes the completion "pilot"
        await settle(pilot)
        assert group.value == "pilot" and app.screen is dialog
        await refused_then_saved(pilot, dialog, "name", "Namn saknas", "Hackathon")
        dialog = await open_dialog(app, pilot, BudgetLineScreen())
        dialog.query_one("#name", Input).value = "Lokaler"
        group = dialog.query_one("#group", Input)
        group.value = "projekt"
        await settle(pilot)
        assert text(dialog.query_one("#help-group", Static)) == "Ny grupp: projekt"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert dialog not in app.screen_stack
    with app_db.session() as s:
        assert {line.name: line.group for line in s.exec(select(BudgetLine)).all()} == {
            "Hackathon": "pilot", "Lokaler": "projekt"}


async def test_a_budget_figure_is_refused_beside_its_field_then_saved(app_db, make_app):
    line = budget.add_line(app_db, "Personal", "verksamhet")
    cell = budget.table(app_db, [2026]).rows[0].cells[2026]
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        dialog = await open_dialog(app, pilot, BudgetFigureScreen(line, "Personal", 2026, "budget", cell))
        dialog.query_one("#amount", Input).value = "mycket"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Ogiltigt belopp" in text(dialog.query_one("#err-amount", Static))
        dialog.query_one("#amount", Input).value = "250 000"
        await pilot.press("enter")
        await settle(pilot)
        assert dialog not in app.screen_stack
    assert budget.table(app_db, [2026]).rows[0].cells[2026].budget_ore == 250_000_00


async def test_an_application_is_refused_beside_its_field_then_saved(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_dialog(app, pilot, ApplicationFormScreen(None))
        dialog.query_one("#funder", Input).value = "Vinnova"
        await refused_then_saved(pilot, dialog, "title", "Titel saknas", "Vinnova hemtjänst")
    with demo_db.session() as s:
        saved = s.exec(select(FundingApplication).where(FundingApplication.title == "Vinnova hemtjänst")).one()
        assert saved.status is ApplicationStatus.UNDER_ARBETE


async def test_an_indicator_and_a_measurement(demo_db, make_app):
    with demo_db.session() as s:
        initiative_id = s.exec(select(Indicator.initiative_id)).first()
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_dialog(app, pilot, IndicatorFormScreen(initiative_id))
        dialog.query_one("#target", Input).value = "12"
        dialog.query_one("#unit", Input).value = "st"
        await refused_then_saved(pilot, dialog, "name", "Namn saknas", "Besökta skolor")
        with demo_db.session() as s:
            added = s.exec(select(Indicator).where(Indicator.name == "Besökta skolor")).one()
        assert added.target == 12
        row = initiatives.IndicatorRow(added.id, added.name, added.target, None, added.unit, None)
        dialog = await open_dialog(app, pilot, MeasureScreen(row))
        assert text(dialog.query_one(".fk-title", Static)) == "Ny mätning: Besökta skolor (mål 12 st)"
        await refused_then_saved(pilot, dialog, "current", "Ange uppmätt värde", "5")
    with demo_db.session() as s:
        assert s.get(Indicator, added.id).current == 5
