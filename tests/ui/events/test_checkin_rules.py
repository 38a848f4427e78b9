"""Check-in's and the participant list's rules in the TUI (issue #15): check-in and `m` (no-shows) open
on the event's day, earlier only after a question; Esc in check-in steps back (the match list, then
the typed name, then the screen) and never drops typed text without a step; a role or dietary change
from a list someone else has changed since is refused, and the list reloads; Evenemang's failed first
load says so once."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy.exc
from sqlmodel import select
from textual.widgets import Input, OptionList, Static

from shk_tui.db.models import Event, Participation
from shk_tui.enums import ParticipationRole as PR
from shk_tui.enums import ParticipationStatus as PS
from shk_tui.services.events import events as events_svc
from shk_tui.services.events import participants as participants_svc
from shk_tui.ui.base.confirm import ConfirmScreen
from shk_tui.ui.base.text_input import TextInputScreen
from shk_tui.ui.events.checkin import CheckinScreen
from shk_tui.ui.events.events import EventsScreen
from shk_tui.ui.events.participants import ParticipantsScreen
from tests.helpers.events_pilot import open_checkin, open_events, open_participants, seed_events, type_text
from tests.ui.conftest import SIZE, notices, settle


def _statuses(db, event_id: int) -> list[PS]:
    with db.read() as s:
        return [p.status for p in s.exec(select(Participation).where(Participation.event_id == event_id)).all()]


def _move(db, event_id: int, when: datetime) -> None:
    with db.session() as s:
        s.get(Event, event_id).starts_at = when
        s.get(Event, event_id).ends_at = None


async def test_check_in_before_the_events_day_asks_and_no_stays_on_the_list(app_db, make_app):
    ids = seed_events(app_db)  # the board meeting is 2026-12-09, today 2026-11-25
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_participants(app, pilot, ids["board"])
        await pilot.press("i")
        await settle(pilot)
        question = app.screen
        assert isinstance(question, ConfirmScreen) and question.question == "Incheckningen är inte öppen än"
        assert "2026-12-09 (om 14 dagar); incheckningen öppnar den dagen" in str(
            question.query_one("#confirm-text", Static).render())
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is screen
        await open_checkin(pilot)  # yes: check-in opens after all
        assert isinstance(app.screen, CheckinScreen)


async def test_check_in_on_the_events_day_opens_at_once(app_db, make_app):
    ids = seed_events(app_db)
    _move(app_db, ids["board"], datetime(2026, 11, 25, 18))
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_participants(app, pilot, ids["board"])
        await pilot.press("i")
        await settle(pilot)
        assert isinstance(app.screen, CheckinScreen)


async def test_no_shows_before_the_events_day_ask_the_same_way(app_db, make_app):
    ids = seed_events(app_db)
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_participants(app, pilot, ids["board"])
        await pilot.press("m")
        await settle(pilot)
        question = app.screen
        assert isinstance(question, ConfirmScreen) and question.question == "Har inte ägt rum än"
        assert "Markera ändå 5 anmälda som uteblev?" in str(question.query_one("#confirm-text", Static).render())
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is screen and set(_statuses(app_db, ids["board"])) == {PS.ANMALD}
        await pilot.press("m")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert set(_statuses(app_db, ids["board"])) == {PS.UTEBLEV}
        assert not any("inte ägt rum" in t for t in notices(app, "warning"))


async def test_escape_in_check_in_steps_back(app_db, make_app):
    ids = seed_events(app_db)
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        participants = await open_participants(app, pilot, ids["board"])
        await open_checkin(pilot)
        checkin = app.screen
        box = checkin.query_one("#input", Input)
        await type_text(pilot, "s")
        await pilot.press("enter")  # several matches: the list takes the focus
        await settle(pilot)
        assert checkin.focused is checkin.query_one("#matches", OptionList)
        await pilot.press("escape")  # back to the typed name, kept
        assert checkin.focused is box and box.value == "s"
        await pilot.press("escape")  # the typed name goes
        assert app.screen is checkin and box.value == ""
        await pilot.press("escape")  # empty: back to the participant list
        await settle(pilot)
        assert app.screen is participants
    assert set(_statuses(app_db, ids["board"])) == {PS.ANMALD}


async def test_a_role_changed_elsewhere_is_not_overwritten_and_the_list_reloads(app_db, make_app):
    ids = seed_events(app_db)
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_participants(app, pilot, ids["board"])
        row = screen.cursor_id()
        participants_svc.set_role(app_db, [row], PR.TALARE)  # another user, after the list was shown
        await pilot.press("r")
        await settle(pilot)
        app.screen.query_one(OptionList).highlighted = list(PR).index(PR.ARRANGOR)
        await pilot.press("enter")
        await settle(pilot)
        assert notices(app, "error") == [participants_svc.STALE_LIST]
        assert app.screen is screen and screen.undo_stack == []
        assert next(r.role for r in screen.rows if r.id == row) == PR.TALARE  # reloaded
    with app_db.read() as s:
        assert s.get(Participation, row).role == PR.TALARE


async def test_dietary_needs_changed_elsewhere_are_not_overwritten(app_db, make_app):
    ids = seed_events(app_db)
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_participants(app, pilot, ids["board"])
        row = screen.cursor_id()
        await pilot.press("k")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, TextInputScreen)
        participants_svc.set_dietary(app_db, [row], "glutenfri")  # another user, while the dialog is open
        dialog.query_one(Input).value = "vegansk"
        await pilot.press("enter")
        await settle(pilot)
        assert notices(app, "error") == [participants_svc.STALE_LIST]
        assert next(r.dietary for r in screen.rows if r.id == row) == "glutenfri"
    with app_db.read() as s:
        assert s.get(Participation, row).dietary == "glutenfri"


def _broken(*args, **kwargs):
    raise sqlalchemy.exc.OperationalError("SELECT 1", {}, Exception("disk I/O error"))


async def test_a_failed_first_load_of_evenemang_says_so_once(app_db, make_app, monkeypatch):
    seed_events(app_db)
    monkeypatch.setattr(events_svc, "list_events", _broken)
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_events(app, pilot)
        assert notices(app, "error") == [EventsScreen.LOAD_FAILED]
        assert str(screen.query_one("#count", Static).render()) == "Kunde inte laddas"
        assert isinstance(app.screen, EventsScreen) and not isinstance(app.screen, ParticipantsScreen)
