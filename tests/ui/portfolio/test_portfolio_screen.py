"""Pilot flows of Portfölj on the example data: triage with keys and the decision rule, moving
cards between phases, the list's filters, detail with a measurement, the form, the report."""

from __future__ import annotations

from sqlmodel import select
from textual.widgets import DataTable, Input, Select, Static

from shk_tui.db.models import AuditEntry, Indicator
from shk_tui.enums import FocusArea, Phase
from shk_tui.ui.portfolio.initiative_detail import InitiativeDetailScreen
from shk_tui.ui.portfolio.initiative_form import InitiativeFormScreen
from shk_tui.ui.portfolio.portfolio import PortfolioScreen
from shk_tui.ui.portfolio.report import ReportScreen
from shk_tui.ui.portfolio.triage import TriageScreen
from shk_tui.ui.widgets.kanban import Kanban
from tests.helpers.portfolio_pilot import initiative, open_portfolio, open_triage, text
from tests.helpers.tables import table_column
from tests.ui.conftest import SIZE, notices, settle


async def test_triage_three_proposals_with_keys(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        triage = await open_triage(pilot)
        assert text(triage.query_one("#triage-count")) == "Förslag 1 av 11 (äldst först)"
        assert "Samverkansmöjligheter för fler i förskolan" in text(triage.query_one("#triage-text"))
        assert "Kartlägg och samla de aktörer" in text(triage.query_one("#triage-text"))
        # the rule is shown before any key: 288 000 kr needs Core Team/styrelse
        rule = triage.query_one("#triage-rule", Static)
        assert "Över processledarens mandat" in text(rule) and "kräver beslut av Core Team" in text(rule)
        await pilot.press("1")  # → utforskas
        await settle(pilot)
        assert "Perspektivskifte tidiga insatser" in text(triage.query_one("#triage-text"))
        assert "Inom processledarens mandat" in text(triage.query_one("#triage-rule"))
        await pilot.press("2")  # → planeras
        await settle(pilot)
        assert "Normförskjutning" in text(triage.query_one("#triage-text"))
        await pilot.press("3")  # 192 000 kr: the processledare may start it
        await settle(pilot)
        assert text(triage.query_one("#triage-count")) == "Förslag 1 av 8 (äldst först)"
        assert initiative(demo_db, "Samverkansmöjligheter för fler i förskolan").phase is Phase.UTFORSKAS
        assert initiative(demo_db, "Perspektivskifte tidiga insatser").phase is Phase.PLANERAS
        started = initiative(demo_db, "Normförskjutning")
        assert started.phase is Phase.FAS_1 and started.decided_by == "Processledare"
        assert started.decided_on.isoformat() == "2026-11-25"
        # avslagen needs a reason: without one nothing happens and the reason field gets focus
        assert "UVAS" in text(triage.query_one("#triage-text"))
        await pilot.press("5")
        await settle(pilot)
        assert initiative(demo_db, "UVAS: vem, vad, vart").phase is Phase.FORSLAG
        assert triage.focused is triage.query_one("#reason", Input)
        await pilot.press(*"Ryms inte", "enter", "5")
        await settle(pilot)
        rejected = initiative(demo_db, "UVAS: vem, vad, vart")
        assert rejected.phase is Phase.AVSLAGEN and "Ryms inte" in rejected.decision_note
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, PortfolioScreen)
        assert app.screen.kanban.column(Phase.FORSLAG).total == 7


async def test_288000_cannot_start_without_core_team_decision(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        triage = await open_triage(pilot)
        assert "288 000 kr" in text(triage.query_one("#triage-text"))
        await pilot.press("3")
        await settle(pilot)
        name = "Samverkansmöjligheter för fler i förskolan"
        assert initiative(demo_db, name).phase is Phase.FORSLAG
        assert text(triage.query_one("#triage-count")) == "Förslag 1 av 11 (äldst först)"
        # a processledare decision is not enough
        triage.query_one("#decided_by", Select).value = "Processledare"
        triage.query_one("#decided_on", Input).focus()
        await pilot.press(*"2026-11-20", "enter", "3")
        await settle(pilot)
        assert initiative(demo_db, name).phase is Phase.FORSLAG
        # a Core Team decision with a date starts it
        triage.query_one("#decided_by", Select).value = "Core Team"
        await settle(pilot)
        assert "kan startas" in text(triage.query_one("#triage-rule"))
        await pilot.press("3")
        await settle(pilot)
        started = initiative(demo_db, name)
        assert started.phase is Phase.FAS_1 and started.decided_by == "Core Team"
        assert started.decided_on.isoformat() == "2026-11-20"
        # lowering the budget to 200 000 kr makes the processledare enough
        assert "Perspektivskifte" in text(triage.query_one("#triage-text"))
        triage.query_one("#budget", Input).value = "200 000"
        triage.query_one("#budget_source", Select).value = "ordinarie"
        await settle(pilot)
        assert "Inom processledarens mandat" in text(triage.query_one("#triage-rule"))
        await pilot.press("3")
        await settle(pilot)
        cheap = initiative(demo_db, "Perspektivskifte tidiga insatser")
        assert cheap.phase is Phase.FAS_1 and cheap.budget_ore == 200_000_00


async def test_card_moves_phase_and_is_audited(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_portfolio(pilot)
        kanban = screen.kanban
        target = initiative(demo_db, "Framtidens äldreboende")
        assert target.phase is Phase.UTFORSKAS
        assert kanban.select(target.id)
        await pilot.press("greater_than_sign")
        await settle(pilot)
        assert initiative(demo_db, "Framtidens äldreboende").phase is Phase.PLANERAS
        planned = kanban.column(Phase.PLANERAS)
        assert target.id in [c.id for c in planned.cards] and kanban.current.id == target.id
        assert planned.title == "Planeras 5"
        assert kanban.column(Phase.UTFORSKAS).cards == []
        await pilot.press("less_than_sign")
        await settle(pilot)
        assert initiative(demo_db, "Framtidens äldreboende").phase is Phase.UTFORSKAS
        with demo_db.session() as s:
            phases = [e.changes["phase"] for e in s.exec(
                select(AuditEntry).where(AuditEntry.table_name == "initiative", AuditEntry.row_id == target.id,
                                         AuditEntry.action == "update")) if "phase" in e.changes]
        assert phases == [["utforskas", "planeras"], ["planeras", "utforskas"]]
        # arrows: right from förslag goes to the next column with cards
        kanban.set_current(kanban.column(Phase.FORSLAG))
        await pilot.press("right")
        assert kanban.current_column.phase is Phase.UTFORSKAS
        # a 360 000 kr proposal moved along cannot be started without a decision
        big = initiative(demo_db, "Demokratisk infrastruktur fas 2")
        kanban.select(big.id)
        await pilot.press("greater_than_sign", "greater_than_sign", "greater_than_sign")
        await settle(pilot)
        assert initiative(demo_db, big.name).phase is Phase.PLANERAS
        await pilot.press("greater_than_sign")
        await settle(pilot)
        assert initiative(demo_db, big.name).phase is Phase.PLANERAS
        assert kanban.current.id == big.id
        # the list view shows the moves (it is loaded again after a change) with the card selected
        await pilot.press("v")
        await settle(pilot)
        table = screen.query_one("#section DataTable", DataTable)
        row = table.get_row_at(table.cursor_row)
        assert (str(row[0]), str(row[2])) == ("Demokratisk infrastruktur fas 2", "Planeras")


async def test_focus_area_boards_and_list_filters(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_portfolio(pilot)
        assert screen.kanban.column(Phase.FORSLAG).total == 11
        await pilot.press("f")
        await settle(pilot)
        assert "[reverse] Barn och unga [/]" in screen.query_one("#portfolio-bar", Static).content
        assert screen.kanban.column(Phase.FORSLAG).total == 8
        await pilot.press("f")
        await settle(pilot)
        assert screen.kanban.column(Phase.FORSLAG).total == 2
        await pilot.press("v")
        await settle(pilot)
        table = screen.query_one("#section DataTable", DataTable)
        # the list shows the bar's focus area: its focus filter follows f, and f in the list too
        focus_filter = screen.query_one("#filter-focus_area", Select)
        assert focus_filter.value == FocusArea.ALDRE.value
        assert table.row_count > 0 and set(table_column(table, 1)) == {
            FocusArea.ALDRE.short}
        table.focus()
        await pilot.press("f")
        await settle(pilot)
        assert focus_filter.value == FocusArea.OVERGRIPANDE.value
        assert "[reverse] Övergripande [/]" in screen.query_one("#portfolio-bar", Static).content
        assert set(table_column(table, 1)) <= {FocusArea.OVERGRIPANDE.short}
        # clearing the list's focus filter is the "all" view for both
        focus_filter.value = Select.NULL
        await settle(pilot)
        assert "[reverse] Alla [/]" in screen.query_one("#portfolio-bar", Static).content
        assert table.row_count == 27
        screen.query_one("#filter-decision_level", Select).value = "styrelse/Core Team"
        await settle(pilot)
        names = table_column(table, 0)
        assert names == ["Cornerstone Indicators", "Demokratisk infrastruktur fas 2",  # 300 000 kr, decided
                         "Digital vardagskompetens för äldre", "På barn och ungas villkor fas 2",
                         "Samverkansmöjligheter för fler i förskolan"]
        screen.query_one("#filter-budget_source", Select).value = "pilot"
        await settle(pilot)
        assert table.row_count == 4
        await pilot.press("slash", *"förskolan")
        await settle(pilot)
        assert table_column(table, 0) == [
            "Samverkansmöjligheter för fler i förskolan"]
        # x (from the table) asks where, then saves what the list shows (filtered) as xlsx
        table.focus()
        await pilot.press("x")
        await settle(pilot)
        from openpyxl import load_workbook

        from shk_tui.ui.portfolio.export import ExportScreen

        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        path = dialog.query_one("#path", Input).value
        assert path.endswith("initiativ-2026-11-25.xlsx")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen and f"Sparade 1 initiativ i {path}" in notices(app)
        saved = load_workbook(path).active
        assert [r[0].value for r in saved.iter_rows()] == ["Namn", "Samverkansmöjligheter för fler i förskolan"]
        screen.query_one("#initiative-search", Input).value = "finns inte"
        await settle(pilot)
        assert table.row_count == 0
        assert "Inga initiativ matchar" in str(screen.query_one(".section-empty", Static).render())
        # back on the board: the focus area cleared in the list shows all focus areas there too
        table.focus()
        await pilot.press("v")
        await settle(pilot)
        assert screen.view == "board" and screen.kanban.column(Phase.FORSLAG).total == 11


async def test_detail_measurement_and_form(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_portfolio(pilot)
        target = initiative(demo_db, "Demokratisk infrastruktur")
        screen.kanban.select(target.id)
        await pilot.press("enter")
        await settle(pilot)
        detail = app.screen
        assert isinstance(detail, InitiativeDetailScreen)
        assert "Demokratisk infrastruktur" in str(detail.query_one("#detail-summary", Static).render())
        assert "Mälardalens universitet" in str(detail.query_one("#detail-links", Static).render())
        table = detail.query_one("#detail-indicators", DataTable)
        assert table_column(table, 0) == [
            "Deltagare i labbgruppen", "Mikrohandlingar prövade"]
        await pilot.press("down", "m", *"abc", "enter")
        await settle(pilot)
        assert "Ogiltigt tal" in str(app.screen.query_one("#err-current", Static).render())
        app.screen.query_one("#current", Input).value = ""
        await pilot.press(*"8", "enter")
        await settle(pilot)
        assert app.screen is detail
        assert str(table.get_row_at(1)[2]) == "8" and str(table.get_row_at(1)[4]) == "2026-11-25"
        with demo_db.session() as s:
            measured = s.exec(select(Indicator).where(Indicator.name == "Mikrohandlingar prövade")).one()
            assert measured.current == 8
        await pilot.press("escape")
        await settle(pilot)
        # new initiative: errors beside fields, then saved
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, InitiativeFormScreen)
        form.query_one("#budget", Input).value = "250 000"
        form.query_one("#phase", Select).value = "fas 1"
        form.query_one("#budget_source", Select).value = "pilot"
        await settle(pilot)
        assert "Över processledarens mandat" in str(form.query_one("#decision-hint", Static).render())
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert str(form.query_one("#err-name", Static).render()) == "Namn saknas"
        assert "Core Team" in str(form.query_one("#err-decided_by", Static).render())
        form.query_one("#name", Input).value = "Ny testbädd"
        form.query_one("#decided_by", Select).value = "Styrelse"
        form.query_one("#decided_on", Input).value = "2026-11-24"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, PortfolioScreen)
        saved = initiative(demo_db, "Ny testbädd")
        assert saved.phase is Phase.FAS_1 and saved.budget_ore == 250_000_00 and saved.pilot_ore == 250_000_00
        assert saved.id in [c.id for c in app.screen.kanban.column(Phase.FAS_1).cards]


async def test_report_and_overview_target(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_portfolio(pilot)
        await pilot.press("r")
        await settle(pilot)
        report = app.screen
        assert isinstance(report, ReportScreen)
        assert report.query_one(DataTable).row_count == 8
        totals = str(report.query_one("#report-totals", Static).render())
        assert "TOTALT: 1 272 000 kr" in totals and "472 000 kr" in totals and "800 000 kr" in totals
        await pilot.press("escape")
        await settle(pilot)
        late = initiative(demo_db, "Cornerstone Indicators")
        screen.show_item(late.id)
        await settle(pilot)
        assert isinstance(app.screen, InitiativeDetailScreen) and app.screen.initiative_id == late.id
        await pilot.press("escape")
        await settle(pilot)
        proposal = initiative(demo_db, "Normförskjutning")
        screen.show_item(proposal.id)
        await settle(pilot)
        assert isinstance(app.screen, TriageScreen)
        assert "Normförskjutning" in text(app.screen.query_one("#triage-text"))
        assert isinstance(screen.kanban, Kanban)


async def test_overview_rows_open_triage_and_the_late_initiative(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#attention", DataTable)
        texts = table_column(table, 2)
        row = next(i for i, t in enumerate(texts) if t.startswith("11 förslag väntar på triagering"))
        assert "Initiativ med passerat nästa steg (2)" in texts
        table.move_cursor(row=row)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TriageScreen)
        assert "Samverkansmöjligheter för fler i förskolan" in text(app.screen.query_one("#triage-text"))
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        table = app.screen.query_one("#attention", DataTable)
        texts = table_column(table, 2)
        table.move_cursor(row=next(i for i, t in enumerate(texts) if t.startswith("Demokratisk infrastruktur:")))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, InitiativeDetailScreen)
        assert app.screen.initiative_id == initiative(demo_db, "Demokratisk infrastruktur").id


async def test_palette_offers_the_sections_commands(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_portfolio(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Beslutsunderlag")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReportScreen)
        assert app.screen.query_one(DataTable).row_count == 8


async def test_filter_prompts_stay_on_one_line(demo_db, make_app):
    """The list's search and seven filters are compact one-line fields in two rows, at 120 and at 80
    columns; a prompt too long for its field is cut with "…", never wrapped. The table's name column
    takes the width left after focus area, phase and budget (all four visible at 80 columns); a long
    name is drawn cut with "…" but the cell keeps it whole."""
    from shk_tui.ui.widgets.initiative_list import NAME_WIDTHS, WIDTHS

    for size in (SIZE, (80, 24)):
        app = make_app(demo_db)
        async with app.run_test(size=size) as pilot:
            screen = await open_portfolio(pilot)
            await pilot.press("v")
            await settle(pilot)
            selects = list(screen.query(".filter").results(Select))
            assert len(selects) == 7
            assert all(s.size.height == 1 for s in selects)
            labels = [s.query_one("SelectCurrent #label", Static) for s in selects]
            assert all(label.size.height == 1 for label in labels), [(str(lb.content), lb.size) for lb in labels]
            search = screen.query_one("#initiative-search", Input)
            assert search.size.height == 1 and search.region.y < selects[-1].region.y  # two rows of four
            table = screen.query_one("#section DataTable", DataTable)
            widths = [c.width for c in table.ordered_columns]
            assert widths[1:7] == list(WIDTHS[:6]) and NAME_WIDTHS[0] <= widths[0] <= NAME_WIDTHS[1]
            shown = sum(w + 2 for w in widths[:4])
            assert shown <= table.scrollable_content_region.width  # name, focus area, phase, budget in view
            names = [table.get_row_at(i)[0] for i in range(table.row_count)]
            long = next(n for n in names if str(n) == "Samverkansmöjligheter för fler i förskolan")
            assert long.overflow == "ellipsis" and long.no_wrap
            assert str(table.get_row_at(0)[1]) == "Barn och unga"  # focus areas shortened in the table
