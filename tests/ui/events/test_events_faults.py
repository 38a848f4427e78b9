"""Evenemang, Deltagarlista, check-in and uppföljning when the database fails: an error in a load
or in a save is a Swedish notice, the app keeps running and the screen stays open; a change made
while another process holds SQLite's write lock waits off the UI thread ("Väntar på databasen …");
a status change from a list someone else has changed since is refused, not last-writer-wins."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import pytest
import sqlalchemy.exc
from sqlmodel import select
from textual.widgets import Input

from shk_tui.db.models import Event, Participation
from shk_tui.enums import ParticipationStatus as PS
from shk_tui.errors import StaleEdit
from shk_tui.services import files
from shk_tui.services.contacts import picker
from shk_tui.services.events import attendance, followup
from shk_tui.services.events import events as events_svc
from shk_tui.services.events import participants as participants_svc
from shk_tui.ui.base.choice import ChoiceScreen
from shk_tui.ui.base.confirm import ConfirmScreen
from shk_tui.ui.events.checkin import CheckinScreen
from shk_tui.ui.events.events import EventsScreen
from shk_tui.ui.events.export_dialog import SaveExportScreen
from shk_tui.ui.events.followup import FollowupScreen
from shk_tui.ui.events.participants import ParticipantsScreen
from tests.helpers.events_pilot import (
    open_checkin,
    open_events,
    open_participants,
    save_export,
    seed_events,
    type_text,
)
from tests.ui.conftest import SIZE, notices, settle

SAVE_FAILED = "Kunde inte spara (se loggfilen); inget sparades"


def broken(*args, **kwargs):
    """A service call whose database has gone away (a lost connection, a broken file)."""
    raise sqlalchemy.exc.OperationalError("SELECT 1", {}, Exception("disk I/O error"))


def statuses(db, event_id: int) -> dict[int, PS]:
    with db.session() as s:
        rows = s.exec(select(Participation).where(Participation.event_id == event_id)).all()
        return {p.id: p.status for p in rows}


def still_open(app, screen_type: type) -> bool:
    return app.is_running and isinstance(app.screen, screen_type)


# --- Evenemang ---------------------------------------------------------------------------------


async def test_events_load_error_is_a_notice(app_db, make_app, monkeypatch):
    seed_events(app_db)
    monkeypatch.setattr(events_svc, "list_events", broken)
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_events(app, pilot)
        assert notices(app, "error") == ["Kunde inte läsa evenemang från databasen (se loggfilen)"]  # once
        assert still_open(app, EventsScreen) and screen.rows == []


async def test_events_delete_error_is_a_notice(app_db, make_app, monkeypatch):
    ids = seed_events(app_db)
    monkeypatch.setattr(events_svc, "delete_event", broken)
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_events(app, pilot)
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert notices(app, "error") == [SAVE_FAILED]
        assert still_open(app, EventsScreen)
    with app_db.session() as s:
        assert s.get(Event, ids["board"]) is not None


# --- Deltagarlista -----------------------------------------------------------------------------


async def test_participant_list_load_error_is_a_notice(app_db, make_app, monkeypatch):
    ids = seed_events(app_db)
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_events(app, pilot)
        monkeypatch.setattr(participants_svc, "list_participants", broken)
        app.screen.open_participants(ids["board"])
        await settle(pilot)
        assert notices(app, "error") == ["Kunde inte läsa deltagarlistan (se loggfilen)"]
        assert still_open(app, ParticipantsScreen)


@pytest.mark.parametrize("service, keys", [
    ("set_status", ("s", "6")),  # avbokad
    ("set_role", ("r", "enter")),
    ("remove", ("delete", "y")),
])
async def test_a_database_error_in_a_participant_change_is_a_notice(app_db, make_app, monkeypatch, service, keys):
    """Before: the status change ran on the UI thread outside the save path, and the error closed the app."""
    ids = seed_events(app_db)
    before = statuses(app_db, ids["board"])
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_participants(app, pilot, ids["board"])
        monkeypatch.setattr(participants_svc, service, broken)
        await pilot.press(keys[0])
        await settle(pilot)
        assert isinstance(app.screen, ChoiceScreen | ConfirmScreen)
        await pilot.press(keys[1])
        await settle(pilot)
        assert notices(app, "error") == [SAVE_FAILED]
        assert app.is_running and app.screen is screen
        assert screen.undo_stack == []
    assert statuses(app_db, ids["board"]) == before


async def test_a_failed_undo_keeps_the_change_to_undo(app_db, make_app, monkeypatch):
    ids = seed_events(app_db)
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_participants(app, pilot, ids["board"])
        await pilot.press("s", "6")
        await settle(pilot)
        assert len(screen.undo_stack) == 1 and PS.AVBOKAD in statuses(app_db, ids["board"]).values()
        monkeypatch.setattr(participants_svc, "undo", broken)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert notices(app, "error") == [SAVE_FAILED]
        assert still_open(app, ParticipantsScreen) and len(screen.undo_stack) == 1
        monkeypatch.undo()
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert screen.undo_stack == [] and PS.AVBOKAD not in statuses(app_db, ids["board"]).values()


async def test_a_status_change_waits_for_another_process_off_the_ui_thread(app_db, make_app):
    ids = seed_events(app_db)
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_participants(app, pilot, ids["board"])
        other = sqlite3.connect(app_db.config.sqlite_path, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")  # another process writing (an import, a restore)
            await pilot.press("s", "6")
            await pilot.pause(0.3)
            assert any("Väntar på databasen" in n for n in notices(app))
            assert app.is_running and app.screen is screen
            await pilot.press("o")  # the UI answers keys while the change waits
            await pilot.pause(0.1)
            assert screen.sort_index == 1
        finally:
            other.execute("ROLLBACK")
            other.close()
        await settle(pilot)
        assert notices(app, "error") == []
        assert len(screen.undo_stack) == 1
    assert PS.AVBOKAD in statuses(app_db, ids["board"]).values()


def test_a_status_change_from_an_old_list_is_refused(db):
    """set_status with the statuses the list showed: a status someone else changed since is not
    overwritten (no last writer wins); nothing of the change is written."""
    ids = seed_events(db)
    first, second = sorted(statuses(db, ids["board"]))[:2]
    shown = {first: PS.ANMALD, second: PS.ANMALD}
    participants_svc.set_status(db, [second], PS.AVBOKAD, datetime(2026, 11, 25, 9))  # someone else
    with pytest.raises(StaleEdit) as refused:
        participants_svc.set_status(db, [first, second], PS.DELTOG, datetime(2026, 11, 25, 10), shown=shown)
    assert refused.value.message == participants_svc.STALE_LIST
    assert refused.value.changes == {str(second): ("Anmäld", "Avbokad")}
    assert {k: v for k, v in statuses(db, ids["board"]).items() if k in shown} == {
        first: PS.ANMALD, second: PS.AVBOKAD}
    change = participants_svc.set_status(db, [first], PS.DELTOG, datetime(2026, 11, 25, 10), shown={first: PS.ANMALD})
    assert change.count == 1 and statuses(db, ids["board"])[first] == PS.DELTOG


async def test_a_status_changed_elsewhere_is_not_overwritten_and_the_list_reloads(app_db, make_app):
    ids = seed_events(app_db)
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_participants(app, pilot, ids["board"])
        row = screen.cursor_id()
        participants_svc.set_status(app_db, [row], PS.AVBOKAD, datetime(2026, 11, 25, 9))  # another user
        await pilot.press("s", "4")  # deltog, from a list that still shows anmäld
        await settle(pilot)
        assert notices(app, "error") == [participants_svc.STALE_LIST]
        assert app.screen is screen and screen.undo_stack == []
        assert next(r.status for r in screen.rows if r.id == row) == PS.AVBOKAD  # reloaded
    assert statuses(app_db, ids["board"])[row] == PS.AVBOKAD


async def test_a_failed_contact_search_is_a_notice(app_db, make_app, monkeypatch):
    ids = seed_events(app_db)
    monkeypatch.setattr(picker, "search", broken)
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_participants(app, pilot, ids["lab"])
        await pilot.press("a")
        await type_text(pilot, "åsa")
        await settle(pilot)
        assert set(notices(app, "error")) == {"Kunde inte söka bland kontakterna (se loggfilen)"}
        assert still_open(app, ParticipantsScreen)


# --- check-in -----------------------------------------------------------------------------------


async def test_checkin_load_error_is_a_notice(app_db, make_app, monkeypatch):
    ids = seed_events(app_db)
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_participants(app, pilot, ids["board"])
        monkeypatch.setattr(participants_svc, "list_participants", broken)
        await open_checkin(pilot)
        assert notices(app, "error") == ["Kunde inte läsa deltagarlistan (se loggfilen)"]
        assert still_open(app, CheckinScreen)


async def test_checkin_save_error_is_a_notice(app_db, make_app, monkeypatch):
    ids = seed_events(app_db)
    before = statuses(app_db, ids["board"])
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_participants(app, pilot, ids["board"])
        await open_checkin(pilot)
        checkin = app.screen
        monkeypatch.setattr(attendance, "check_in", broken)
        await type_text(pilot, "bengt")
        await pilot.press("enter")
        await settle(pilot)
        assert notices(app, "error") == [SAVE_FAILED]
        assert app.is_running and app.screen is checkin
        assert checkin.query_one("#input", Input).value == "bengt"  # typed text kept, to try again
    assert statuses(app_db, ids["board"]) == before


# --- uppföljning --------------------------------------------------------------------------------


async def test_followup_load_error_is_a_notice(app_db, make_app, monkeypatch):
    ids = seed_events(app_db)
    monkeypatch.setattr(followup, "for_event", broken)
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_participants(app, pilot, ids["board"])
        await pilot.press("u")
        await settle(pilot)
        assert notices(app, "error") == ["Kunde inte räkna fram uppföljningen (se loggfilen)"]
        assert still_open(app, FollowupScreen)


async def test_followup_export_error_is_a_notice(app_db, make_app, monkeypatch, tmp_path):
    ids = seed_events(app_db)
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_participants(app, pilot, ids["board"])
        await pilot.press("u")
        await settle(pilot)
        monkeypatch.setattr(files, "write_private", broken)
        await pilot.press("x")
        await settle(pilot)
        path = await save_export(pilot)
        assert notices(app, "error") == ["Exporten misslyckades (se loggfilen)"]
        assert still_open(app, SaveExportScreen) and not path.exists()  # the dialog stays, to try again
        await pilot.press("escape")
        await settle(pilot)
        assert still_open(app, FollowupScreen)
