"""Budget under an injected database error (an OperationalError from the service): loading the
table and the applications and saving a figure each end in a Swedish notice; the app keeps
running, the screen stays open and nothing is saved."""

from __future__ import annotations

from shk_tui.services.budget import applications
from shk_tui.services.budget import budget as svc
from shk_tui.ui.budget.applications import ApplicationsScreen
from shk_tui.ui.budget.budget import BudgetScreen
from shk_tui.ui.budget.budget_figure import BudgetFigureScreen
from tests.helpers.budget_pilot import cells, move_to, open_budget
from tests.helpers.faults import break_db
from tests.ui.conftest import SIZE, notices, open_section, settle


async def test_a_failing_budget_load_is_a_notice_and_budget_stays_open(demo_db, make_app, monkeypatch):
    break_db(monkeypatch, svc, "table")
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, "6", BudgetScreen)
        assert notices(app, "error") == ["Kunde inte läsa budgeten (se loggfilen)"]
        assert app.is_running and isinstance(app.screen, BudgetScreen)


async def test_a_failing_figure_save_is_a_notice_and_the_figure_stays(demo_db, make_app, monkeypatch):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_budget(pilot)
        before = cells(screen, "Följeforskning", 2023, "budget")
        move_to(screen, "Följeforskning", "2023:budget")
        await pilot.press("enter")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, BudgetFigureScreen)
        break_db(monkeypatch, svc, "set_figure")
        await pilot.press("1", "enter")
        await settle(pilot)
        [notice] = notices(app, "error")
        assert notice.startswith("Kunde inte spara") and "(se loggfilen)" in notice
        assert app.is_running and app.screen is dialog  # still there: try again or escape
    line = next(r for r in svc.table(demo_db, [2023]).rows if r.label == "Följeforskning")
    assert before[0] == "1 100 000 kr" and line.cells[2023].budget_ore == 110_000_000


async def test_a_failing_applications_load_is_a_notice_and_the_list_stays_open(demo_db, make_app, monkeypatch):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_budget(pilot)
        break_db(monkeypatch, applications, "list_all")
        await pilot.press("a")
        await settle(pilot)
        assert notices(app, "error") == ["Kunde inte läsa från databasen (se loggfilen)"]
        assert app.is_running and isinstance(app.screen, ApplicationsScreen)
