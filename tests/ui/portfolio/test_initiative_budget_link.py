"""The initiative form's budget line and year, and the deciding body (issue #18): saved and read back, bad
input refused beside its field, and what it changes: Budget's forecast counts the decided initiative's
remaining budget on the line and year chosen; "Beslutat av" records the body the attest check reads."""

from __future__ import annotations

from sqlmodel import select
from textual.widgets import Input, Select, Static

from shk_tui.db.models import BudgetLine, Initiative
from shk_tui.enums import DecisionBody
from shk_tui.fmt import format_kr
from shk_tui.services.budget import forecast as fc
from shk_tui.ui.portfolio.initiative_form import InitiativeFormScreen
from tests.helpers.budget_pilot import cells, open_budget
from tests.helpers.dialogs import open_dialog
from tests.ui.conftest import SIZE, TODAY, settle

NAME = "Hälsofrämjande team (Levnadsberättelser)"  # fas 1, 180 000 kr, decided by the processledare


def stored(db) -> Initiative:
    with db.read() as s:
        return s.exec(select(Initiative).where(Initiative.name == NAME)).one()


def line_id(db, name: str) -> int:
    with db.read() as s:
        return s.exec(select(BudgetLine.id).where(BudgetLine.name == name)).one()


async def test_budget_line_year_and_decision_body(demo_db, make_app):
    before = stored(demo_db)
    target = line_id(demo_db, "Följeforskning")
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_dialog(app, pilot, InitiativeFormScreen(before.id))
        assert form.query_one("#budget_line_id", Select).value == str(before.budget_line_id)
        assert form.query_one("#budget_year", Input).value == str(before.budget_year)
        assert form.query_one("#decided_by", Select).value == "Processledare"
        form.query_one("#budget_line_id", Select).value = str(target)
        form.query_one("#budget_year", Input).value = "nästa år"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert str(form.query_one("#err-budget_year", Static).render()) == "Ange ett år, 2000–2100"
        form.query_one("#budget_year", Input).value = "2027"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is not form
        after = stored(demo_db)
        assert (after.budget_line_id, after.budget_year, after.decision_body) == (
            target, 2027, DecisionBody.PROCESSLEDARE)
        # Budget: 2027 is a year worth a forecast now, and the decided budget counts on its new line
        counted = fc.line_forecasts(demo_db, [2027], TODAY)[(target, 2027)]
        assert counted.initiatives_ore == after.budget_ore == 180_000_00
        screen = await open_budget(pilot)
        assert cells(screen, "Följeforskning", 2027, "forecast") == (format_kr(counted.forecast_ore),)
        # the body follows "Beslutat av"; no decision clears it
        form = await open_dialog(app, pilot, InitiativeFormScreen(before.id))
        form.query_one("#decided_by", Select).value = "Core Team"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert stored(demo_db).decision_body is DecisionBody.CORE_TEAM
        form = await open_dialog(app, pilot, InitiativeFormScreen(before.id))
        assert form.query_one("#decided_by", Select).value == "Core Team"
        form.query_one("#budget_line_id", Select).clear()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert str(form.query_one("#err-budget_year", Static).render()) == "Välj budgetraden som året gäller"
