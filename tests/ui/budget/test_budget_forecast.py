"""Budget's forecast (issue #18) on the example data: the columns Bundet, Prognos and Avvikelse beside budget
and outcome, a closed year's forecast equal to its outcome, lines over budget marked (style and a marker,
not colour only), the accumulated capital (7 007 080 kr carried into 2023), a narrow layout at 80×24 that
keeps the line, its budget, outcome, forecast and deviation, and the manual adjustment dialog with its
refusals (no reason, not a number, a closed year, a sum) and ctrl+z."""

from __future__ import annotations

import pytest
from rich.text import Text
from sqlmodel import select
from textual.widgets import DataTable, Input, Static

from shk_tui.db.models import AuditEntry, BudgetLine, BudgetYear
from shk_tui.fmt import format_kr
from shk_tui.services.budget import forecast as fc
from shk_tui.ui.budget import forecast_view as view
from shk_tui.ui.budget.adjustment import AdjustmentScreen
from shk_tui.ui.widgets.flow import Flow
from tests.helpers.budget_pilot import cells, column_index, move_to, open_budget
from tests.helpers.shown import shown_lines, shown_text
from tests.ui.conftest import SIZE, TODAY, notices, settle

FORECAST = ("committed", "forecast", "deviation")


def line_id(db, name: str) -> int:
    with db.read() as s:
        return s.exec(select(BudgetLine.id).where(BudgetLine.name == name)).one()


def shown_cell(screen, label: str, key: str) -> Text:
    table = screen.query_one("#budget-table", DataTable)
    row = next(r.key for r in table.ordered_rows if str(table.get_row(r.key)[0]) == label)
    cell = table.get_cell(row, key)
    assert isinstance(cell, Text)
    return cell


async def test_forecast_columns_on_the_example_data(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_budget(pilot)
        # 2022 is closed: nothing bound, the forecast is the outcome (8 242 920 kr), the deviation −7 007 080 kr
        assert cells(screen, "TOTALT", 2022, "outcome", *FORECAST) == (
            "8 242 920 kr", "", "8 242 920 kr", "−7 007 080 kr  ")
        report = fc.year_forecast(demo_db, 2022, TODAY)
        assert report.total.forecast_ore == report.total.outcome_ore == 8_242_920_00
        # a line over budget: Prognos and Avvikelse bold in the error colour, and the deviation marked
        assert cells(screen, "Följeforskning", 2022, "budget", "forecast", "deviation") == (
            "1 500 000 kr", "1 568 781 kr", f"+68 781 kr {view.OVER}")
        for key in ("2022:forecast", "2022:deviation"):
            assert "bold" in str(shown_cell(screen, "Följeforskning", key).style)
        assert view.OVER not in cells(screen, "Övergripande processtöd", 2022, "deviation")[0]
        assert "bold" not in str(shown_cell(screen, "Övergripande processtöd", "2022:forecast").style)
        # this year (2026): the unpaid payments of active contracts are bound, decided initiatives count
        this_year = fc.year_forecast(demo_db, 2026, TODAY)
        for name in ("Följeforskning", "Välmående självständiga äldre", "Alla barn och unga lyckas"):
            expected = this_year.line(name)
            assert cells(screen, name, 2026, *FORECAST) == (
                format_kr(expected.committed_ore), format_kr(expected.forecast_ore),
                f"+{format_kr(expected.deviation_ore)} {view.OVER}")  # no 2026 budget: over it
        assert cells(screen, "Följeforskning", 2026, *FORECAST)[:2] == ("550 000 kr", "550 000 kr")
        assert cells(screen, "TOTALT", 2026, "forecast")[0] == format_kr(this_year.total.forecast_ore)
        # the accumulated capital: the unspent budget of the closed years (2022's is the minutes' seven million)
        funders = shown_text(screen.query_one("#budget-funders", Flow))
        assert "Ackumulerat kapital 2022–2023: 18 653 182 kr" in funders  # 7 007 080 + 11 646 102
        move_to(screen, "Följeforskning", "2023:forecast")
        await settle(pilot)
        status = shown_text(screen.query_one("#budget-status", Flow)).replace("\n", " ")
        assert "ackumulerat kapital in i 2023: 7 007 080 kr (2022)" in status
        assert "prognos = utfall (avslutat år)" in status
        move_to(screen, "Följeforskning", "2026:committed")
        await settle(pilot)
        status = shown_text(screen.query_one("#budget-status", Flow)).replace("\n", " ")
        assert "bundet 550 000 kr" in status and "prognos 550 000 kr (j justerar)" in status
        assert f"{view.OVER} över budget +550 000 kr" in status


async def test_goal_five_beside_the_budget(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_budget(pilot)
        shown = shown_text(screen.query_one("#budget-goal", Flow)).replace("\n", " ")
        # the rector's 10 Mkr is the parties' own money: beside the goal, not toward it
        assert "Mål 5: extern finansiering beviljad 0 kr av 10 000 000 kr (0 %)" in shown
        assert "parternas egna medel 10 000 000 kr räknas inte" in shown


async def test_narrow_layout_keeps_line_and_forecast(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_budget(pilot)
        table = screen.query_one("#budget-table", DataTable)
        headings = [str(c.label) for c in table.ordered_columns]
        assert headings[:5] == ["Budgetrad", "Budget 2022", "Utfall 2022", "Prognos 2022", "Avvikelse 2022"]
        assert not any(h.startswith(("Kvar", "Bundet")) for h in headings)
        lines = shown_lines(table)
        assert "Budgetrad" in lines[0] and "Prognos 2022" in lines[0]  # in view without scrolling
        assert any("Följeforskning" in line and "1 568 781 kr" in line for line in lines)
        # the figures the table drops are in the status line
        move_to(screen, "Följeforskning", "2026:forecast")
        await settle(pilot)
        status = shown_text(screen.query_one("#budget-status", Flow)).replace("\n", " ")
        assert "kvar –" in status and "bundet 550 000 kr" in status
        assert "Prognos 2026" in shown_lines(table)[0]
        # wider: every figure again, the cursor still on the same figure
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert "Kvar 2022" in [str(c.label) for c in table.ordered_columns]
        assert screen.current()[1:] == (2026, "forecast")
        assert table.cursor_column == column_index(screen, "2026:forecast")


async def adjust(pilot, screen, name: str, key: str = "j") -> AdjustmentScreen:
    move_to(screen, name, "2026:forecast")
    await settle(pilot)
    await pilot.press(key)
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, AdjustmentScreen)
    return dialog


def error(dialog, name: str) -> str:
    return str(dialog.query_one(f"#err-{name}", Static).render())


async def test_adjustment_dialog_refusals_save_and_undo(demo_db, make_app):
    app = make_app(demo_db)
    fid = line_id(demo_db, "Följeforskning")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_budget(pilot)
        dialog = await adjust(pilot, screen, "Följeforskning", key="enter")  # enter on a Prognos opens it too
        intro = shown_text(dialog.query_one(".fk-intro", Static)).replace("\n", " ")
        assert "Prognos 550 000 kr = utfall 0 kr + bundet 550 000 kr" in intro
        # not a number
        dialog.query_one("#amount", Input).value = "mycket"
        dialog.query_one("#reason", Input).value = "Avtalet sägs upp"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is dialog and "Ogiltigt belopp" in error(dialog, "amount")
        # no reason
        dialog.query_one("#amount", Input).value = "-50 000"
        dialog.query_one("#reason", Input).value = "  "
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is dialog and error(dialog, "reason") == "Ange skälet till justeringen"
        with demo_db.read() as s:
            assert s.exec(select(BudgetYear).where(BudgetYear.line_id == fid, BudgetYear.year == 2026)).first() is None
        # both: saved, the forecast and deviation shown lower, the reason in the status line
        dialog.query_one("#reason", Input).value = "Sista fakturan väntas lägre"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert cells(screen, "Följeforskning", 2026, "forecast", "deviation") == ("500 000 kr", f"+500 000 kr {view.OVER}")
        assert cells(screen, "TOTALT", 2026, "forecast")[0] == format_kr(
            fc.year_forecast(demo_db, 2026, TODAY).total.forecast_ore)
        with demo_db.read() as s:
            row = s.exec(select(BudgetYear).where(BudgetYear.line_id == fid, BudgetYear.year == 2026)).one()
            assert (row.adjustment_ore, row.adjustment_reason) == (-50_000_00, "Sista fakturan väntas lägre")
            audited = s.exec(select(AuditEntry).where(AuditEntry.table_name == "budget_year",
                                                      AuditEntry.row_id == row.id)).all()
            assert audited
        status = shown_text(screen.query_one("#budget-status", Flow)).replace("\n", " ")
        assert "justering −50 000 kr (Sista fakturan väntas lägre)" in status
        # the dialog opens on what is stored
        dialog = await adjust(pilot, screen, "Följeforskning")
        assert dialog.query_one("#amount", Input).value == "-50 000"
        assert dialog.query_one("#reason", Input).value == "Sista fakturan väntas lägre"
        await pilot.press("escape")
        await settle(pilot)
        # ctrl+z takes the adjustment back
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert "Ångrade: prognosjusteringen 2026 för Följeforskning" in notices(app)
        assert cells(screen, "Följeforskning", 2026, "forecast")[0] == "550 000 kr"
        with demo_db.read() as s:
            row = s.exec(select(BudgetYear).where(BudgetYear.line_id == fid, BudgetYear.year == 2026)).one()
            assert (row.adjustment_ore, row.adjustment_reason) == (None, None)


@pytest.mark.parametrize(("label", "key", "message"), [
    ("Följeforskning", "2022:budget", "2022 är avslutat: prognosen är utfallet och kan inte justeras"),
    ("TOTALT", "2026:forecast", "Summor räknas fram – justera prognosen för en budgetrad"),
])
async def test_no_adjustment_of_a_closed_year_or_a_sum(demo_db, make_app, label, key, message):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_budget(pilot)
        move_to(screen, label, key)
        await pilot.press("j")
        await settle(pilot)
        assert app.screen is screen
        assert message in notices(app, "warning")


async def test_enter_on_a_computed_figure_says_so(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_budget(pilot)
        move_to(screen, "Följeforskning", "2026:committed")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        assert any(n.startswith("Bundet räknas fram") for n in notices(app, "warning"))
