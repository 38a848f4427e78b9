"""The money screens (issue #18) under an injected database error: Budget's forecast read, the forecast
adjustment's save, a contract's money read and a payment's save with its attest end in a Swedish notice; the
app keeps running, the screen or dialog stays and nothing is saved."""

from __future__ import annotations

from sqlmodel import select
from textual.widgets import Input

from shk_tui.db.models import BudgetYear, Payment
from shk_tui.services.budget import budget as svc
from shk_tui.services.budget import forecast
from shk_tui.services.contracts import contract_money, payments
from shk_tui.ui.budget.adjustment import AdjustmentScreen
from shk_tui.ui.budget.budget import BudgetScreen
from shk_tui.ui.contracts.contract_detail import ContractDetailScreen
from tests.helpers.budget_pilot import move_to, open_budget
from tests.helpers.contracts_pilot import add_contract
from tests.helpers.dialogs import open_dialog
from tests.helpers.faults import break_db
from tests.ui.conftest import SIZE, notices, open_section, settle


async def test_a_failing_forecast_read_is_a_notice(demo_db, make_app, monkeypatch):
    break_db(monkeypatch, forecast, "line_forecasts")
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, "6", BudgetScreen)
        assert notices(app, "error") == ["Kunde inte läsa budgeten (se loggfilen)"]
        assert app.is_running and isinstance(app.screen, BudgetScreen)


async def test_a_failing_adjustment_save_is_a_notice_and_the_dialog_stays(demo_db, make_app, monkeypatch):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_budget(pilot)
        move_to(screen, "Följeforskning", "2026:forecast")
        await pilot.press("j")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, AdjustmentScreen)
        break_db(monkeypatch, svc, "set_adjustment")
        dialog.query_one("#amount", Input).value = "10 000"
        dialog.query_one("#reason", Input).value = "Fler resor"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert notices(app, "error") == ["Kunde inte spara justeringen (se loggfilen)"]
        assert app.is_running and app.screen is dialog
    with demo_db.read() as s:
        assert s.exec(select(BudgetYear).where(BudgetYear.adjustment_ore.is_not(None))).first() is None


async def test_a_failing_contract_money_read_and_payment_save_are_notices(sqlite_db, make_app, monkeypatch):
    cid = add_contract(sqlite_db)
    app = make_app(sqlite_db)
    async with app.run_test(size=SIZE) as pilot:
        break_db(monkeypatch, contract_money, "detail")
        detail = await open_dialog(app, pilot, ContractDetailScreen(cid))
        assert "Kunde inte läsa avtalet (se loggfilen)" in notices(app, "error")
        assert app.is_running
        monkeypatch.undo()
        detail.reload()
        await settle(pilot)
        break_db(monkeypatch, payments, "add_payment")
        await pilot.press("a")
        await settle(pilot)
        dialog = app.screen
        dialog.query_one("#in-due_on", Input).value = "2027-01-15"
        dialog.query_one("#in-amount", Input).value = "1 000"
        dialog.query_one("#in-decided_by", Input).value = "Anna Berg"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert any(n.startswith("Kunde inte spara") for n in notices(app, "error"))
        assert app.is_running and app.screen is dialog
    with sqlite_db.read() as s:
        assert s.exec(select(Payment)).first() is None
