"""Every place that shows an event's seats shows the same figures (issue #15), through the one
definition in services/events/seats.py: the event list's Anmälda cell, the participant list's
header, check-in's count line and Översikt's attention item, before and after a reserve and a walk-in
are checked in at a full event (each after a question)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import select
from textual.widgets import DataTable, OptionList, Static

from shk_tui.db.models import Contact, Event, Participation
from shk_tui.enums import ParticipationStatus as PS
from shk_tui.services.contacts import contacts
from shk_tui.services.contacts.contacts import ContactInput
from shk_tui.ui.base.confirm import ConfirmScreen
from shk_tui.ui.events.events import COLUMNS, EventsScreen
from shk_tui.ui.events.participants import ParticipantsScreen
from shk_tui.ui.overview.overview import OverviewScreen
from tests.helpers.events_pilot import open_checkin, open_events, seed_people, type_text
from tests.helpers.overview_pilot import texts as attention_texts
from tests.helpers.tables import table_rows
from tests.ui.conftest import SIZE, TODAY, open_section, settle

FILL = [heading for heading, _ in COLUMNS].index("Anmälda")
WORKSHOP = "Workshop: Demokratisk infrastruktur"


def _list_cell(screen: EventsScreen, title: str) -> str:
    return next(row[FILL] for row in table_rows(screen.query_one("#table", DataTable)) if row[2] == title)


def _text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def _open_row(pilot, screen: EventsScreen, title: str) -> ParticipantsScreen:
    table = screen.query_one("#table", DataTable)
    table.move_cursor(row=[row[2] for row in table_rows(table)].index(title))
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ParticipantsScreen)
    return pilot.app.screen


async def test_the_workshop_shows_the_same_seats_in_the_list_the_participant_list_and_check_in(demo_db, make_app):
    with demo_db.read() as s:
        event = s.exec(select(Event).where(Event.title == WORKSHOP)).one()
        statuses = [p.status for p in s.exec(select(Participation).where(Participation.event_id == event.id)).all()]
    seated = statuses.count(PS.ANMALD) + statuses.count(PS.DELTOG)  # what the example data holds
    assert PS.UTEBLEV in statuses  # no-shows hold no seat: they are not counted
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        events = await open_events(app, pilot)
        assert _list_cell(events, WORKSHOP) == f"{seated}/20"
        participants = await _open_row(pilot, events, WORKSHOP)
        assert _text(participants, "#counts").startswith(f"{seated}/20 platser · ")
        await open_checkin(pilot)  # the workshop was ten days ago: no question
        assert f"av {seated} väntade · {seated}/20 platser, 0 på reservlistan" in _text(app.screen, "#counts")


def _full_event_today(db) -> dict[str, int]:
    """An event today with two seats, both taken, one person on the reserve list; one more contact."""
    seed_people(db)
    with db.session() as s:
        event = Event(title="Labb: Trygghet", kind="labb", starts_at=datetime.combine(TODAY, datetime.min.time()).
                      replace(hour=18), capacity=2)
        s.add(event)
        s.flush()
        people = {c.first_name: c.id for c in s.exec(select(Contact)).all()}
        for name, status in (("Åsa", PS.ANMALD), ("Bengt", PS.ANMALD), ("Cecilia", PS.RESERV)):
            s.add(Participation(event_id=event.id, contact_id=people[name], status=status,
                                registered_at=datetime(2026, 11, 20, 10)))
        return {"event": event.id}


async def _answer_full(pilot, name: str, after: str) -> None:
    question = pilot.app.screen
    assert isinstance(question, ConfirmScreen), question
    assert f"Checka in {name} ändå? Det blir {after}" in _text(question, "#confirm-text")
    await pilot.press("y")
    await settle(pilot)


async def test_seats_agree_everywhere_after_a_reserve_and_a_walk_in_are_checked_in(app_db, make_app):
    ids = _full_event_today(app_db)
    contacts.save(app_db, ContactInput(first_name="Nils", last_name="Holmgren"))
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        overview = await open_section(pilot, "1", OverviewScreen)
        assert any(t.endswith("2/2 platser, 1 på reservlistan") for t in attention_texts(app)), attention_texts(app)
        events = await open_events(app, pilot)
        assert _list_cell(events, "Labb: Trygghet") == "2/2 +1 res."
        participants = await _open_row(pilot, events, "Labb: Trygghet")
        assert _text(participants, "#counts").startswith("2/2 platser · ")
        await open_checkin(pilot)  # today: opens without a question
        checkin = app.screen
        assert "Incheckade 0 av 2 väntade · 2/2 platser, 1 på reservlistan" in _text(checkin, "#counts")

        await type_text(pilot, "cecilia")  # the reserve
        await pilot.press("enter")
        await settle(pilot)
        await _answer_full(pilot, "Cecilia Ek", "3/2 platser (1 över)")
        assert "✓ Cecilia Ek incheckad" in _text(checkin, "#result")
        assert "(var på reservlistan) – 1 över kapaciteten" in _text(checkin, "#result")

        await type_text(pilot, "nils")  # not on the list: a walk-in
        await pilot.press("ctrl+n")
        await settle(pilot)
        options = checkin.query_one("#picker OptionList", OptionList)
        options.highlighted = 0
        await pilot.press("enter")
        await settle(pilot)
        await _answer_full(pilot, "Nils Holmgren", "4/2 platser (2 över)")
        assert "✓ Nils Holmgren incheckad" in _text(checkin, "#result")
        assert "Incheckade 2 av 4 väntade · 4/2 platser (2 över), 0 på reservlistan" in _text(checkin, "#counts")

        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is participants
        assert _text(participants, "#counts").startswith("4/2 platser (2 över) · ")
        await pilot.press("escape")
        await settle(pilot)
        assert _list_cell(events, "Labb: Trygghet") == "4/2"
        await open_section(pilot, "1", OverviewScreen)
        assert app.screen is overview
        assert any(t.endswith("4/2 platser (2 över), 0 på reservlistan") for t in attention_texts(app)), \
            attention_texts(app)
    with app_db.read() as s:
        rows = s.exec(select(Participation).where(Participation.event_id == ids["event"])).all()
        assert sorted(p.status for p in rows).count(PS.DELTOG) == 2


async def test_a_no_at_a_full_event_checks_nobody_in(app_db, make_app):
    ids = _full_event_today(app_db)
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        events = await open_events(app, pilot)
        await _open_row(pilot, events, "Labb: Trygghet")
        await open_checkin(pilot)
        checkin = app.screen
        await type_text(pilot, "cecilia")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is checkin
        assert "Cecilia Ek är inte incheckad: fullt (2/2 platser)" in _text(checkin, "#result")
        assert "Incheckade 0 av 2 väntade · 2/2 platser, 1 på reservlistan" in _text(checkin, "#counts")
    with app_db.read() as s:
        assert PS.DELTOG not in {p.status for p in s.exec(
            select(Participation).where(Participation.event_id == ids["event"])).all()}
