"""Översikt when the database fails: the attention list's load, the summary's load, the gallring
dialog's load and its writes (gallra, keep) raising a database error show a Swedish notice; the app
keeps running with the screen or dialog open."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.exc import OperationalError
from textual.widgets import DataTable, Static

from shk_tui.db.models import Contact, Event, Participation
from shk_tui.enums import LegalBasis
from shk_tui.enums import ParticipationStatus as PS
from shk_tui.services import attention, gallring, summary
from shk_tui.ui.base.confirm import ConfirmScreen
from shk_tui.ui.overview.gallring import GallringScreen
from shk_tui.ui.overview.overview import OverviewScreen
from tests.ui.conftest import SIZE, notices, settle


def disk_error(*args, **kwargs):
    raise OperationalError("x", {}, Exception("disk I/O error"))


def seed(db) -> None:
    """A dietary note due for removal and a contact inactive for two years (one to gallra, one to review)."""
    with db.session() as s:
        event = Event(title="Forum", starts_at=datetime(2026, 9, 1, 9), ends_at=datetime(2026, 9, 1, 16))
        diner = Contact(first_name="Dina", last_name="Diet", legal_basis=LegalBasis.AVTAL)
        idle = Contact(first_name="Ivar", last_name="Inaktiv", legal_basis=LegalBasis.SAMTYCKE)
        s.add_all([event, diner, idle])
        s.flush()
        s.add(Participation(event_id=event.id, contact_id=diner.id, status=PS.DELTOG, dietary="vegetarisk"))
        idle_id = idle.id
    with db.engine.begin() as conn:
        conn.execute(sa.update(Contact.__table__).where(Contact.__table__.c.id == idle_id)
                     .values(updated_at=datetime(2024, 1, 1)))


async def test_failing_attention_and_summary_loads_are_notices(sqlite_db, make_app, monkeypatch):
    seed(sqlite_db)
    app = make_app(sqlite_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, OverviewScreen) and screen.table.row_count
        monkeypatch.setattr(attention, "collect_shown", disk_error)
        await pilot.press("r")
        await settle(pilot)
        assert app.is_running and app.screen is screen
        assert notices(app, "error") == ["Kunde inte läsa översikten från databasen (se loggfilen)"]
        assert str(screen.query_one("#attention-count", Static).render()) == "Kunde inte laddas"
        monkeypatch.undo()
        monkeypatch.setattr(summary, "overview", disk_error)
        await pilot.press("r")
        await settle(pilot)
        assert app.is_running and app.screen is screen and screen.table.row_count
        assert notices(app, "error")[1:] == ["Kunde inte läsa sammanfattningen (se loggfilen)"]
        assert str(screen.query_one("#section .section-count", Static).render()) == "Kunde inte laddas"


async def test_failing_gallring_load_is_a_notice_in_the_open_dialog(sqlite_db, make_app, monkeypatch):
    seed(sqlite_db)
    app = make_app(sqlite_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        monkeypatch.setattr(gallring, "plan", disk_error)
        await pilot.press("g")
        await settle(pilot)
        dialog = app.screen
        assert app.is_running and isinstance(dialog, GallringScreen)
        assert notices(app, "error") == ["Kunde inte läsa gallringen från databasen (se loggfilen)"]
        assert str(dialog.query_one("#gallring-summary", Static).render()) == "Kunde inte laddas"
        await pilot.press("ctrl+r")  # nothing read, nothing to run
        await settle(pilot)
        assert app.screen is dialog


async def test_failing_gallring_run_and_keep_are_notices(sqlite_db, make_app, monkeypatch):
    seed(sqlite_db)
    app = make_app(sqlite_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, GallringScreen) and dialog.plan is not None and dialog.plan.removals == 1
        monkeypatch.setattr(gallring, "run", disk_error)
        monkeypatch.setattr(gallring, "mark_reviewed", disk_error)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert app.is_running and app.screen is dialog
        assert notices(app, "error") == ["Kunde inte spara (se loggfilen); inget sparades"]
        dialog.query_one("#gallring-review", DataTable).focus()
        await pilot.press("b")
        await settle(pilot)
        assert app.is_running and app.screen is dialog
        assert notices(app, "error")[1:] == ["Kunde inte spara (se loggfilen); inget sparades"]
        assert not dialog.changed
    assert gallring.plan(sqlite_db, app.today).removals == 1  # nothing was removed
