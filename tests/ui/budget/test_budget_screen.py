"""Pilot flows of Budget on the example data: totals as printed, a figure edited in place changes
the totals shown, outcome as of a date with bad input, the chart, applications with progress."""

from __future__ import annotations

from sqlmodel import select
from textual.widgets import DataTable, Input, Select, Static

from shk_tui.db.models import BudgetLine, BudgetYear, FundingApplication
from shk_tui.ui.base.export_target import export_path
from shk_tui.ui.budget import forecast_view as view
from shk_tui.ui.budget.applications import ApplicationsScreen
from shk_tui.ui.budget.budget import BudgetScreen
from shk_tui.ui.budget.budget_figure import BudgetFigureScreen
from shk_tui.ui.budget.export import SheetExportScreen
from shk_tui.ui.widgets.budget_bars import BudgetBars
from tests.helpers.budget_pilot import cells, move_to, open_budget
from tests.ui.conftest import SIZE, notices, settle


async def test_totals_match_the_board_table(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_budget(pilot)
        table = screen.query_one("#budget-table", DataTable)
        years = ("2022", "2023", "2026")  # the years with figures, and this year (the forecast's)
        names = ("Budget", "Utfall", "Kvar", "Bundet", "Prognos", "Avvikelse")
        assert [str(c.label) for c in table.columns.values()] == [
            "Budgetrad", *(f"{name} {year}" for year in years for name in names)]
        assert cells(screen, "TOTALT", 2022, *view.NAMES) == (
            "15 250 000 kr", "8 242 920 kr", "7 007 080 kr", "", "8 242 920 kr", "−7 007 080 kr  ")
        assert cells(screen, "TOTALT", 2023, "budget", "outcome", "remaining") == (
            "18 100 000 kr", "6 453 898 kr", "11 646 102 kr")
        assert cells(screen, "Summa funktioner", 2022, "budget", "outcome", "remaining") == ("5 700 000 kr", "3 088 825 kr", "2 611 175 kr")
        assert cells(screen, "Följeforskning", 2022, "remaining")[0] == "−68 781 kr"
        funders = str(screen.query_one("#budget-funders", Static).render())
        assert "Tillgängligt 48 550 000 kr" in funders and "Eskilstuna kommun 20 000 000 kr" in funders
        assert "budgeterat 33 350 000 kr · ej budgeterat 15 200 000 kr" in funders
        # x saves the table as shown (subtotals and total included) where the "Spara som" field says
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, SheetExportScreen)
        await pilot.press("ctrl+s")
        await settle(pilot)
        from openpyxl import load_workbook

        path = export_path("budget-2026-11-25.xlsx")
        assert f"Sparade 10 budgetrader i {path}" in notices(app)
        saved = load_workbook(path).active
        values = [[c.value for c in r] for r in saved.iter_rows()]
        assert values[-1][:4] == ["TOTALT", None, 15_250_000, 8_242_920]


async def test_edited_figure_changes_the_totals_shown(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_budget(pilot)
        move_to(screen, "Följeforskning", "2023:budget")
        await pilot.press("enter")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, BudgetFigureScreen)
        amount = dialog.query_one("#amount", Input)
        assert amount.value == "1 100 000"
        amount.value = ""
        await pilot.press(*"1 200 000", "enter")
        await settle(pilot)
        assert app.screen is screen
        assert cells(screen, "Följeforskning", 2023, "budget", "outcome", "remaining") == ("1 200 000 kr", "906 027 kr", "293 973 kr")
        assert cells(screen, "Summa verksamhet", 2023, "budget")[0] == "11 200 000 kr"
        assert cells(screen, "TOTALT", 2023, "budget")[0] == "18 200 000 kr"
        # bad amount: stays in the dialog with the message beside the field
        move_to(screen, "Följeforskning", "2023:budget")
        await pilot.press("enter")
        await settle(pilot)
        app.screen.query_one("#amount", Input).value = "mycket"
        await pilot.press("enter")
        await settle(pilot)
        assert "Ogiltigt belopp" in str(app.screen.query_one("#err-amount", Static).render())
        await pilot.press("escape")  # a changed form asks "Spara ändringar?": 2 = Kasta
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert cells(screen, "TOTALT", 2023, "budget")[0] == "18 200 000 kr"
        # enter opens the figure selected: typing replaces it, as in a spreadsheet
        move_to(screen, "Följeforskning", "2023:outcome")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press(*"950000")
        assert app.screen.query_one("#amount", Input).value == "950000"
        await pilot.press("enter")
        await settle(pilot)
        assert cells(screen, "Följeforskning", 2023, "outcome", "remaining") == ("950 000 kr", "250 000 kr")
        # sums cannot be edited
        move_to(screen, "TOTALT", "2023:budget")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen


async def test_outcome_as_of_a_date_and_chart(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_budget(pilot)
        move_to(screen, "Event och kommunikation", "2023:budget")
        await pilot.press("u")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, BudgetFigureScreen) and dialog.figure == "outcome"
        assert dialog.query_one("#as_of", Input).value == "2023-12-31"  # a 2023 figure: the end of 2023
        dialog.query_one("#amount", Input).value = "480 000"
        dialog.query_one("#as_of", Input).value = "2023-13-01"
        await pilot.press("enter")
        await settle(pilot)
        assert "Ogiltigt datum" in str(dialog.query_one("#err-as_of", Static).render())
        dialog.query_one("#as_of", Input).value = "2023-12-31"
        await pilot.press("enter")
        await settle(pilot)
        assert cells(screen, "Event och kommunikation", 2023, "outcome", "remaining") == ("480 000 kr", "20 000 kr")
        assert cells(screen, "TOTALT", 2023, "outcome")[0] == "6 839 461 kr"
        with demo_db.session() as s:
            line = s.exec(select(BudgetLine).where(BudgetLine.name == "Event och kommunikation")).one()
            year = s.exec(select(BudgetYear).where(BudgetYear.line_id == line.id, BudgetYear.year == 2023)).one()
            assert (year.outcome_ore, year.outcome_as_of.isoformat()) == (480_000_00, "2023-12-31")
        assert "per 2023-12-31" in str(screen.query_one("#budget-status", Static).render())
        await pilot.press("g")
        await settle(pilot)
        chart = screen.query_one(BudgetBars)
        assert chart.display
        drawn = str(chart.render())
        assert "Budget och utfall 2023" in drawn
        assert "480 000 kr av 500 000 kr (96 %)" in drawn
        # the line is now over 90 % used: Översikt's provider reports it
        from shk_tui.services.budget import budget_attention

        items = budget_attention.attention_items(demo_db, app.today)
        assert [i.target_id for i in items] == [line.id]
        screen.show_item(line.id)
        assert screen.current()[0].label == "Event och kommunikation"


async def test_applications_progress_and_new_application(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_budget(pilot)
        await pilot.press("a")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ApplicationsScreen)
        progress = str(screen.query_one("#applications-progress", Static).render())
        # goal 5 counts granted external money: the rector's 10 Mkr is MDU's own (beside it, not counted),
        # and of the 80 Mkr Horizon application only Samhällskontraktet's share (6.4 Mkr) waits for an answer
        assert "Beviljat 0 kr (0 % av målet)" in progress
        assert "inskickat, väntar på besked 12 400 000 kr" in progress
        assert "parternas egna medel (räknas inte): beviljat 10 000 000 kr" in progress
        assert screen.query_one(DataTable).row_count == 4
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert str(form.query_one("#err-title", Static).render()) == "Titel saknas"
        await pilot.press(*"Vinnova äldreomsorg")  # typed into the title field
        form.query_one("#funder", Input).value = "Vinnova"
        form.query_one("#amount", Input).value = "2 500 000"
        form.query_one("#status", Select).value = "beviljad"
        form.query_one("#submitted_on", Input).value = "2026-09-01"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Ange beslutsdatum" in str(form.query_one("#err-decided_on", Static).render())
        form.query_one("#decided_on", Input).value = "2026-11-20"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert screen.query_one(DataTable).row_count == 5
        assert "Beviljat 2 500 000 kr (25 % av målet)" in str(
            screen.query_one("#applications-progress", Static).render())
        with demo_db.session() as s:
            saved = s.exec(select(FundingApplication).where(FundingApplication.title == "Vinnova äldreomsorg")).one()
            assert saved.amount_ore == 2_500_000_00
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        from openpyxl import load_workbook

        path = export_path("ansokningar-2026-11-25.xlsx")
        assert f"Sparade 5 ansökningar i {path}" in notices(app)
        sheet = load_workbook(path).active
        assert "Vinnova äldreomsorg" in [r[0].value for r in sheet.iter_rows()]
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, BudgetScreen)


async def test_palette_opens_applications(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_budget(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Finansieringsansökningar")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ApplicationsScreen)


async def test_new_line_and_next_year(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_budget(pilot)
        await pilot.press("y")
        await settle(pilot)
        table = screen.query_one("#budget-table", DataTable)
        assert "Budget 2027" in [str(c.label) for c in table.columns.values()]  # after 2022, 2023 and 2026
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("enter")  # no name
        await settle(pilot)
        assert str(app.screen.query_one("#err-name", Static).render()) == "Namn saknas"
        await pilot.press(*"Kommunikation och event", "enter")
        await settle(pilot)
        assert app.screen is screen
        assert screen.current()[0].label == "Kommunikation och event"
        move_to(screen, "Kommunikation och event", "2027:budget")
        await pilot.press("e")
        await settle(pilot)
        await pilot.press(*"250000", "enter")
        await settle(pilot)
        assert cells(screen, "Kommunikation och event", 2027, "budget")[0] == "250 000 kr"
        assert cells(screen, "TOTALT", 2027, "budget")[0] == "250 000 kr"
