"""ctrl+z undoes a budget edit through the save path (issue #15), refused as stale when the figure changed
again meanwhile; x asks where to save (the one "Spara som" field, remembered) and names the saved file."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import select
from textual.widgets import Input, Static

from shk_tui.db.models import BudgetLine, BudgetYear
from shk_tui.services.budget import budget as svc
from shk_tui.ui.base.export_target import export_path
from shk_tui.ui.budget.budget_figure import BudgetFigureScreen, kr_input
from shk_tui.ui.budget.export import SheetExportScreen
from tests.helpers.budget_pilot import cells, move_to, open_budget
from tests.ui.conftest import SIZE, notices, settle


def stored(db, name: str, year: int) -> BudgetYear | None:
    with db.read() as s:
        line = s.exec(select(BudgetLine).where(BudgetLine.name == name)).one()
        return s.exec(select(BudgetYear).where(BudgetYear.line_id == line.id, BudgetYear.year == year)).first()


async def edit(pilot, screen, name: str, column: str, typed: str, key: str = "enter") -> None:
    move_to(screen, name, column)
    await pilot.press(key)
    await settle(pilot)
    assert isinstance(pilot.app.screen, BudgetFigureScreen)
    pilot.app.screen.query_one("#amount", Input).value = typed
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert pilot.app.screen is screen


async def test_ctrl_z_undoes_budget_edits_newest_first(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_budget(pilot)
        await pilot.press("ctrl+z")
        assert "Inget att ångra" in notices(app, "warning")
        before = stored(demo_db, "Följeforskning", 2023)
        await edit(pilot, screen, "Följeforskning", "2023:budget", "1 200 000")
        await edit(pilot, screen, "Följeforskning", "2023:outcome", "950 000", key="u")
        assert cells(screen, "Följeforskning", 2023, "budget", "outcome", "remaining") == ("1 200 000 kr", "950 000 kr", "250 000 kr")
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert "Ångrade: ändringen av utfall 2023 för Följeforskning" in notices(app)
        assert cells(screen, "Följeforskning", 2023, "budget", "outcome", "remaining") == ("1 200 000 kr", "906 027 kr", "293 973 kr")
        year = stored(demo_db, "Följeforskning", 2023)
        assert (year.outcome_ore, year.outcome_as_of) == (906_027_00, before.outcome_as_of)  # its own date back
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert "Ångrade: ändringen av budget 2023 för Följeforskning" in notices(app)
        assert cells(screen, "Följeforskning", 2023, "budget")[0] == "1 100 000 kr"
        assert cells(screen, "TOTALT", 2023, "budget")[0] == "18 100 000 kr"
        assert stored(demo_db, "Följeforskning", 2023).budget_ore == 1_100_000_00


async def test_undo_of_a_new_figure_clears_it_and_a_stale_undo_is_refused(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_budget(pilot)
        await edit(pilot, screen, "Välmående självständiga äldre", "2022:budget", "250 000")  # Budget 2022: none before
        assert cells(screen, "Välmående självständiga äldre", 2022, "budget")[0] == "250 000 kr"
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert cells(screen, "Välmående självständiga äldre", 2022, "budget")[0] == ""
        assert stored(demo_db, "Välmående självständiga äldre", 2022).budget_ore is None
        # someone else changes the figure after this edit: the undo would overwrite it, so it is refused
        await edit(pilot, screen, "Samhällsforum", "2022:budget", "2 000 000")
        line_id = screen.current()[0].line_id
        svc.set_figure(demo_db, line_id, 2022, "budget", "2 100 000")
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert notices(app, "error"), notices(app)
        assert stored(demo_db, "Samhällsforum", 2022).budget_ore == 2_100_000_00
        assert cells(screen, "Samhällsforum", 2022, "budget")[0] == "2 100 000 kr"


async def test_export_asks_where_and_remembers_the_folder(demo_db, make_app, tmp_path: Path):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_budget(pilot)
        await pilot.press("x")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, SheetExportScreen)
        field = dialog.query_one("#path", Input)
        assert field.value == export_path("budget-2026-11-25.xlsx")
        target = tmp_path / "rapporter" / "budget.txt"
        target.parent.mkdir()
        field.value = str(target)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "xlsx eller .csv" in str(dialog.query_one("#err-path", Static).render())
        field.value = str(target.with_suffix(".csv"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert f"Sparade 10 budgetrader i {target.with_suffix('.csv')}" in notices(app)
        text = target.with_suffix(".csv").read_bytes().decode("utf-8-sig")
        assert "TOTALT" in text and "Följeforskning" in text
        await pilot.press("x")
        await settle(pilot)
        assert app.screen.query_one("#path", Input).value == str(target.parent / "budget-2026-11-25.xlsx")


def test_amounts_as_typed_back():
    assert kr_input(None) == ""
    assert kr_input(1_100_000_00) == "1 100 000"
    assert kr_input(-150) == "-1,50"  # was "-2,50": divmod of a negative amount
    assert kr_input(-68_781_00) == "-68 781"
