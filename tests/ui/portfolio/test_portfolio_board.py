"""More Pilot flows of Portfölj and Översikt on the example data: what a card shows, arrow keys on the
board, every list filter, triage setting focus area and budget source on the way, the detail's links
and a new indicator, Översikt's budget row opening Budget at the line, a vanished initiative."""

from __future__ import annotations

from sqlmodel import select
from textual.widgets import DataTable, Input, Select, Static

from shk_tui.db.models import Contact, Initiative
from shk_tui.enums import BudgetSource, FocusArea, Function, InitiativeKind, Phase
from shk_tui.services.budget import budget
from shk_tui.ui.budget.budget import BudgetScreen
from shk_tui.ui.portfolio.indicator_form import IndicatorFormScreen
from shk_tui.ui.portfolio.initiative_detail import InitiativeDetailScreen
from shk_tui.ui.widgets.kanban import CARD_HEIGHT, Kanban
from tests.helpers.portfolio_pilot import initiative, open_portfolio, open_triage, rows, text
from tests.ui.conftest import SIZE, notices, settle


async def test_card_shows_name_budget_source_owner_and_next_step(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_portfolio(pilot)
        kanban = screen.kanban
        target = initiative(demo_db, "Digital vardagskompetens för äldre")
        assert kanban.select(target.id)
        await settle(pilot)
        column = kanban.column(Phase.FORSLAG)
        index = [c.id for c in column.cards].index(target.id)
        top = index * CARD_HEIGHT - int(column.scroll_y)
        drawn = [column.render_line(top + offset).text.rstrip() for offset in range(CARD_HEIGHT - 1)]
        assert drawn[0].startswith("Digital")
        assert "288 000 pilot" in drawn  # budget and budget source
        assert "Cecilia Norén" in drawn  # owner
        assert drawn[-1].startswith("→ 2026-12-02")  # next step with its date (cut to the column's width)
        # every phase has its column, pausad and avslagen folded into the last
        titles = [c.title for c in kanban.columns]
        assert [t.rsplit(" ", 1)[0] for t in titles] == [
            "Förslag", "Utforskas", "Planeras", "Fas 1", "Fas 2", "Avslutad", "Paus/avslag"]
        # arrows: down/up within a column, left/right between columns with cards
        await pilot.press("down")
        assert kanban.current.id == column.cards[index + 1].id
        await pilot.press("up", "up")
        assert kanban.current.id == column.cards[index - 1].id
        await pilot.press("right", "right")
        assert kanban.current_column.phase is Phase.PLANERAS
        await pilot.press("left")
        assert kanban.current_column.phase is Phase.UTFORSKAS
        await pilot.press("left", "left")
        assert kanban.current_column.phase is Phase.FORSLAG


async def test_every_list_filter_on_screen(demo_db, make_app):
    with demo_db.session() as s:
        names = ("Framtidens äldreboende", "Minilabb ofrivillig ensamhet")
        for found in s.exec(select(Initiative).where(Initiative.name.in_(names))):
            found.kind = InitiativeKind.FORSKNING if found.name == names[0] else InitiativeKind.UTBILDNING
        owner_id = s.exec(select(Contact.id).where(Contact.first_name == "Cecilia",
                                                   Contact.last_name == "Norén")).one()
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_portfolio(pilot)
        await pilot.press("v")
        await settle(pilot)
        table = screen.listing.table
        assert table.row_count == 27

        async def choose(key: str, value) -> list[str]:
            screen.query_one(f"#filter-{key}", Select).value = value
            await settle(pilot)
            return [r[0] for r in rows(table)]

        assert await choose("kind", InitiativeKind.FORSKNING.value) == ["Framtidens äldreboende"]
        await choose("kind", Select.NULL)
        assert await choose("function", Function.SAMHALLSAKADEMIN.value) == ["Minilabb ofrivillig ensamhet"]
        await choose("function", Select.NULL)
        owned = await choose("owner", owner_id)
        assert owned == ["Digital vardagskompetens för äldre", "Generationsmöten på mötesplatserna",
                         "Studentdriven hälsokartläggning"]
        assert {r[4] for r in rows(table)} == {"Cecilia Norén"}
        assert await choose("phase", Phase.FAS_1.value) == []
        assert "Inga initiativ matchar" in text(screen.query_one(".section-empty", Static))
        await choose("phase", Phase.FORSLAG.value)
        assert await choose("budget_source", BudgetSource.ORDINARIE.value) == ["Generationsmöten på mötesplatserna"]
        await choose("budget_source", Select.NULL)
        assert await choose("decision_level", "processledare") == ["Generationsmöten på mötesplatserna",
                                                                   "Studentdriven hälsokartläggning"]
        assert rows(table)[1][3:7] == ("200 000 kr", "Cecilia Norén", "Pilot", "Processledare")  # ≤ 200 000 kr
        assert await choose("focus_area", FocusArea.BARN.value) == []


async def test_triage_sets_focus_area_and_source_on_the_way(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        triage = await open_triage(pilot)
        await pilot.press("s")  # skip the first: the second proposal is shown
        await settle(pilot)
        assert "Perspektivskifte tidiga insatser" in text(triage.query_one("#triage-text"))
        assert text(triage.query_one("#triage-count")) == "Förslag 2 av 11 (äldst först)"
        triage.query_one("#focus_area", Select).value = FocusArea.OVERGRIPANDE.value
        triage.query_one("#budget_source", Select).value = BudgetSource.BLANDAD.value
        triage.query_one("#budget", Input).value = "150 000"
        triage.query_one("#pilot", Input).value = "50 000"
        await settle(pilot)
        assert "Inom processledarens mandat" in text(triage.query_one("#triage-rule"))
        await pilot.press("1")
        await settle(pilot)
        saved = initiative(demo_db, "Perspektivskifte tidiga insatser")
        assert (saved.phase, saved.focus_area, saved.budget_ore, saved.budget_source, saved.pilot_ore) == (
            Phase.UTFORSKAS, FocusArea.OVERGRIPANDE, 150_000_00, BudgetSource.BLANDAD, 50_000_00)
        # bad input stays on the proposal with a Swedish message
        triage.query_one("#budget", Input).value = "mycket"
        await settle(pilot)
        assert "kan inte läsas" in text(triage.query_one("#triage-rule"))
        await pilot.press("4")
        await settle(pilot)
        assert any("Budgeten kan inte läsas" in t for t in notices(app))
        assert text(triage.query_one("#triage-count")) == "Förslag 2 av 10 (äldst först)"


async def test_detail_links_and_a_new_indicator(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_portfolio(pilot)
        screen.kanban.select(initiative(demo_db, "Demokratisk infrastruktur").id)
        await pilot.press("enter")
        await settle(pilot)
        detail = app.screen
        assert isinstance(detail, InitiativeDetailScreen)
        links = text(detail.query_one("#detail-links", Static))
        assert "Evenemang: 2026-11-16 Workshop: Demokratisk infrastruktur" in links
        assert "Kontakter: Jonas Hedlund (ägare); Sofia Berglund (1 evenemang)" in links
        assert "Parter: Mälardalens universitet; Västerås stad" in links
        await pilot.press("i")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, IndicatorFormScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert text(dialog.query_one("#err-name", Static)) == "Namn saknas"
        await pilot.press(*"Skolor med", "tab", *"tio", "enter")
        await settle(pilot)
        assert "Ogiltigt tal" in text(dialog.query_one("#err-target", Static))
        dialog.query_one("#target", Input).value = "10"
        dialog.query_one("#unit", Input).value = "st"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is detail
        table = detail.query_one("#detail-indicators", DataTable)
        assert ("Skolor med", "10", "", "st", "") in rows(table)
        await pilot.press("escape")
        await settle(pilot)
        screen.kanban.select(initiative(demo_db, "Cornerstone Indicators").id)
        await pilot.press("enter")
        await settle(pilot)
        links = text(app.screen.query_one("#detail-links", Static))
        assert "Avtal: Konsultavtal Cornerstone Indicators (Aktivt)" in links
        assert "Elin Bergström (ansvarig för avtal)" in links


async def test_overview_budget_row_opens_budget_at_the_line(demo_db, make_app):
    line = budget.table(demo_db).line("Event och kommunikation")
    budget.set_figure(demo_db, line.line_id, 2023, "outcome", "480 000", "2023-12-31")
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#attention", DataTable)
        texts = [r[2] for r in rows(table)]
        assert any(t.startswith("11 förslag väntar på triagering") for t in texts)
        assert "Initiativ med passerat nästa steg (2)" in texts
        assert "Budgetrader över 90 % förbrukade (1)" in texts
        row = texts.index("Event och kommunikation 2023: 96 % (480 000 kr av 500 000 kr)")
        table.move_cursor(row=row)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BudgetScreen)
        assert screen.current()[0].label == "Event och kommunikation"
        assert screen.current()[1:] == (2023, "outcome")  # on the outcome that passed 90 %
        assert "Event och kommunikation 2023" in text(screen.query_one("#budget-status", Static))
        assert "(96 % förbrukat)" in text(screen.query_one("#budget-status", Static))


async def test_a_vanished_initiative_gives_a_message_not_a_traceback(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_portfolio(pilot)
        target = initiative(demo_db, "Studentcoacher")
        screen.kanban.select(target.id)
        card = screen.kanban.current
        with demo_db.session() as s:  # deleted elsewhere (another user on the team database)
            s.delete(s.get(Initiative, target.id))
        await pilot.press("e")  # the form
        await settle(pilot)
        assert app.screen is screen
        screen.open_detail(target.id)  # the detail
        await settle(pilot)
        assert app.screen is screen
        screen.kanban.post_message(Kanban.MoveRequested(card, 1))  # a phase move
        await settle(pilot)
        assert app.screen is screen and app.is_running
        assert [t for t in notices(app) if "finns inte" in t] == [
            f"Initiativet {target.id} finns inte"] * 3
        # the board was loaded again: the card is gone
        assert target.id not in [c.id for c in screen.kanban.column(Phase.PAUSAD).cards]


async def test_failed_writes_are_reported_and_the_app_goes_on(demo_db, make_app, monkeypatch):
    from shk_tui.services.portfolio import portfolio
    from shk_tui.ui.budget.budget_figure import BudgetFigureScreen

    def broken(*args, **kwargs):
        raise RuntimeError("disk I/O error")

    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_portfolio(pilot)
        target = initiative(demo_db, "Framtidens äldreboende")
        screen.kanban.select(target.id)
        monkeypatch.setattr(portfolio, "move_phase", broken)
        await pilot.press("greater_than_sign")
        await settle(pilot)
        assert app.is_running and app.screen is screen
        assert "Kortet kunde inte flyttas (se loggfilen)" in notices(app)
        assert initiative(demo_db, target.name).phase is Phase.UTFORSKAS
        monkeypatch.setattr(budget, "set_figure", broken)
        await pilot.press("6")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, BudgetFigureScreen)
        await pilot.press(*"1", "enter")
        await settle(pilot)
        assert app.is_running and app.screen is dialog  # still there: nothing saved, try again or escape
        assert "Kunde inte sparas (se loggfilen)" in notices(app)


async def test_phase_moves_show_in_the_detail_history_with_their_date(demo_db, make_app):
    import re

    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_portfolio(pilot)
        screen.kanban.select(initiative(demo_db, "Framtidens äldreboende").id)
        await pilot.press("greater_than_sign")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        history = text(app.screen.query_one("#detail-history", Static))
        assert re.search(r"\d{4}-\d{2}-\d{2} Utforskas → Planeras$", history), history


async def test_loads_in_a_row_show_the_latest_and_nothing_is_cancelled(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_portfolio(pilot)
        for area in (FocusArea.ALDRE, FocusArea.OVERGRIPANDE, FocusArea.BARN):
            screen.focus_area = area
            screen.reload()
        await settle(pilot)  # waiting for the workers meets no cancelled one
        assert screen.kanban.column(Phase.FORSLAG).total == 8  # Barn och unga: the last load asked for
        await pilot.press("6")
        await settle(pilot)
        for _ in range(3):
            app.screen.reload()
        await settle(pilot)
        assert app.screen.data.total.label == "TOTALT"
