"""Budget fits a laptop's terminal (issue #15): at 80×24 the line names stay while the years scroll,
the funders' and the status line's amounts never break across lines, and the chart leaves the table
in view (g closes it again); at 120×40 no amount or share is cut either."""

from __future__ import annotations

import re

import pytest
from textual.widgets import DataTable

from shk_tui.fmt import format_kr
from shk_tui.services.budget import budget as svc
from shk_tui.ui.widgets.budget_bars import BudgetBars, render_budget_bars
from shk_tui.ui.widgets.flow import Flow, flow
from tests.helpers.budget_pilot import move_to, open_budget
from tests.helpers.shown import shown_lines, shown_text
from tests.ui.conftest import settle

SIZES = [(80, 24), (120, 40)]
AMOUNT = re.compile(r"−?\d{1,3}(?: \d{3})* kr")


@pytest.mark.parametrize("size", SIZES)
async def test_funders_and_status_show_every_amount_whole(demo_db, make_app, size):
    app = make_app(demo_db)
    async with app.run_test(size=size) as pilot:
        screen = await open_budget(pilot)
        funders, available = svc.funders(demo_db)
        lines = shown_lines(screen.query_one("#budget-funders", Flow))
        for f in funders:  # "Mälardalens universitet 4 400 000 kr" on one line, not "4 400 / 000 kr"
            assert any(f"{f.name} {format_kr(f.amount_ore)}" in line for line in lines), (f.name, lines)
        assert any(f"Tillgängligt {format_kr(available)}" in line for line in lines)
        assert not any(line.endswith(("000", " 0")) for line in lines), lines  # no amount ends a line cut
        move_to(screen, "Övergripande processtöd", "2022:budget")
        await settle(pilot)
        status = shown_text(screen.query_one("#budget-status", Flow))
        assert "(90 % förbrukat)" in status  # was cut at "(88 %" / "(90 %" on one line
        assert "utfall 2 506 744 kr per 2022-12-31" in status and "kvar 293 256 kr" in status


async def test_line_names_stay_while_the_years_scroll_at_80x24(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_budget(pilot)
        table = screen.query_one("#budget-table", DataTable)
        move_to(screen, "Övergripande processtöd", "2023:deviation")  # Avvikelse 2023, to the right
        await settle(pilot)
        assert table.scroll_x > 0  # the years did scroll
        lines = shown_lines(table)
        assert "Budgetrad" in lines[0] and "Avvikelse 2023" in lines[0]
        assert any("Övergripande processtöd" in line and "−614 521 kr" in line for line in lines), lines
        # every amount the table shows is whole (a cell never wraps)
        for line in lines[1:]:
            for amount in AMOUNT.findall(line):
                assert amount.replace("−", "").replace(" ", "").removesuffix("kr").isdigit()


@pytest.mark.parametrize("size", SIZES)
async def test_chart_and_table_both_in_view_and_g_closes_it(demo_db, make_app, size):
    app = make_app(demo_db)
    async with app.run_test(size=size) as pilot:
        screen = await open_budget(pilot)
        table = screen.query_one("#budget-table", DataTable)
        move_to(screen, "Följeforskning", "2022:budget")
        await pilot.press("g")
        await settle(pilot)
        chart = screen.query_one(BudgetBars)
        assert chart.display and chart.size.height > 0
        lines = shown_lines(chart)[1:]  # under its top border
        items = svc.chart(screen.data, 2022)
        assert "Budget och utfall 2022 (g stänger)" in lines[0]
        # one line per budget line, nothing wrapped onto a next line
        assert len([line for line in lines[1:] if line.strip()]) == len(items)
        assert any(line.strip().startswith("Följeforskning") and line.endswith("(105 %)") for line in lines), lines
        assert table.size.height >= 6  # the table's header and at least five rows stay in view
        assert "Följeforskning" in shown_text(table)
        await pilot.press("g")
        await settle(pilot)
        assert not chart.display
        assert screen.query_one("#budget-funders", Flow).display


def test_bars_fit_the_width_given():
    items = [("Pilotprojekt och seed money", 4_100_000_00, 349_272_00), ("Följeforskning", 1_500_000_00, 1_568_781_00)]
    for width in (60, 78, 118):
        drawn = render_budget_bars("Budget och utfall 2022", items, width).plain.split("\n")
        assert all(len(line) <= width for line in drawn), (width, drawn)
        assert len(drawn) <= 2 + len(items)  # the title (and the legend beside it, or under it)
        assert [line.split(" ")[0] for line in drawn[-2:]] == ["Pilotprojekt", "Följeforskning"]
    wide = render_budget_bars("Budget och utfall 2022", items, 118).plain
    assert "1 568 781 kr av 1 500 000 kr (105 %)" in wide
    assert "(105 %)" in render_budget_bars("x", items, 60).plain  # narrow: the share, not the amounts


def test_flow_breaks_between_parts_only():
    parts = ["Finansiärer: Eskilstuna kommun 20 000 000 kr", "Västerås stad 20 000 000 kr", ("; ", "sist 1 kr")]
    lines = [line.plain for line in flow(parts, 50)]
    assert lines == ["Finansiärer: Eskilstuna kommun 20 000 000 kr", "Västerås stad 20 000 000 kr; sist 1 kr"]
    assert [line.plain for line in flow(parts, 200)] == [
        "Finansiärer: Eskilstuna kommun 20 000 000 kr · Västerås stad 20 000 000 kr; sist 1 kr"]
