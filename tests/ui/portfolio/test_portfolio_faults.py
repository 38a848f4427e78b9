"""Portfölj under an injected database error (an OperationalError from the service): loading the
board, the list and the triage queue, moving a card and a triage decision each end in a Swedish
notice; the app keeps running, the screen stays open and nothing is saved."""

from __future__ import annotations

from shk_tui.enums import Phase
from shk_tui.services.portfolio import portfolio, triage
from shk_tui.ui.portfolio.portfolio import PortfolioScreen
from shk_tui.ui.portfolio.triage import TriageScreen
from tests.helpers.faults import break_db
from tests.helpers.portfolio_pilot import initiative, open_portfolio, open_triage
from tests.ui.conftest import SIZE, notices, open_section, settle

BOARD_FAILED = "Kunde inte läsa portföljen (se loggfilen)"


async def test_a_failing_board_load_is_a_notice_and_portfolj_stays_open(demo_db, make_app, monkeypatch):
    break_db(monkeypatch, portfolio, "board")
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, "2", PortfolioScreen)
        assert BOARD_FAILED in notices(app, "error")
        assert app.is_running and isinstance(app.screen, PortfolioScreen)


async def test_a_failing_list_load_is_a_notice_and_the_list_stays_open(demo_db, make_app, monkeypatch):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_portfolio(pilot)
        assert notices(app, "error") == []
        break_db(monkeypatch, portfolio, "list_initiatives")
        await pilot.press("f")  # another focus area: both views load again
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        assert notices(app, "error") and set(notices(app, "error")) == {BOARD_FAILED}
        assert app.is_running and app.screen is screen and screen.view == "list"


async def test_a_failing_card_move_is_a_notice_and_the_card_stays(demo_db, make_app, monkeypatch):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_portfolio(pilot)
        target = initiative(demo_db, "Framtidens äldreboende")
        screen.kanban.select(target.id)
        break_db(monkeypatch, portfolio, "move_phase")
        await pilot.press("greater_than_sign")
        await settle(pilot)
        assert notices(app, "error") == ["Kortet kunde inte flyttas (se loggfilen)"]
        assert app.is_running and app.screen is screen
        assert target.id in [c.id for c in screen.kanban.column(Phase.UTFORSKAS).cards]
    assert initiative(demo_db, target.name).phase is Phase.UTFORSKAS


async def test_a_failing_triage_queue_is_a_notice_and_triage_stays_open(demo_db, make_app, monkeypatch):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_portfolio(pilot)
        break_db(monkeypatch, triage, "triage_queue")
        await pilot.press("t")
        await settle(pilot)
        assert notices(app, "error") == ["Kunde inte läsa förslagen (se loggfilen)"]
        assert app.is_running and isinstance(app.screen, TriageScreen)


async def test_a_failing_triage_decision_is_a_notice_and_the_proposal_stays(demo_db, make_app, monkeypatch):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_triage(pilot)
        proposal = screen.current
        assert proposal is not None
        queued = len(screen.queue)
        break_db(monkeypatch, triage, "triage")
        await pilot.press("1")  # to utforskas
        await settle(pilot)
        assert notices(app, "error") == ["Förslaget kunde inte triageras (se loggfilen)"]
        assert app.is_running and app.screen is screen
        assert screen.current is proposal and len(screen.queue) == queued
    assert initiative(demo_db, proposal.name).phase is Phase.FORSLAG
