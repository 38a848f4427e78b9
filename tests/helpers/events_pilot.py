"""Shared pieces of the Evenemang Pilot tests: a few events, open the list, open one event's participant list."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import select

from shk_tui.db.models import Contact, Event, Organisation, Participation
from shk_tui.enums import OrganisationKind
from shk_tui.enums import ParticipationStatus as PS
from shk_tui.ui.base.confirm import ConfirmScreen
from shk_tui.ui.events.events import EventsScreen
from tests.ui.conftest import settle

PEOPLE = [
    ("Åsa", "Öberg", "Västerås stad"),
    ("Bengt", "Lind", "Eskilstuna kommun"),
    ("Cecilia", "Ek", "Mälardalens universitet"),
    ("David", "Holm", "Röda Korset"),
    ("Eva", "Sjöberg", "Västerås stad"),
]


def seed_events(db) -> dict[str, int]:
    seed_people(db)
    with db.session() as s:
        board = Event(title="Styrelsemöte", kind="styrelsemöte", starts_at=datetime(2026, 12, 9, 9),
                      ends_at=datetime(2026, 12, 9, 12), location="MDU", city="Västerås", capacity=12)
        lab = Event(title="Labb: Åldrande", kind="labb", starts_at=datetime(2026, 10, 2, 13), city="Eskilstuna",
                    focus_area="aldre")
        s.add_all([board, lab])
        s.flush()
        people = s.exec(select(Contact)).all()
        for c in people:
            s.add(Participation(event_id=board.id, contact_id=c.id, status=PS.ANMALD,
                                registered_at=datetime(2026, 11, 20, 10), dietary="vegetarisk" if c.id % 2 else None))
        return {"board": board.id, "lab": lab.id}


async def open_events(app, pilot) -> EventsScreen:
    await settle(pilot)
    if isinstance(app.screen, ConfirmScreen):
        await pilot.press("n")
    await pilot.press("4")
    await settle(pilot)
    assert isinstance(app.screen, EventsScreen)
    return app.screen


async def open_participants(app, pilot, event_id: int):
    """Evenemang, then the participant list of ``event_id``."""
    screen = await open_events(app, pilot)
    screen.open_participants(event_id)
    await settle(pilot)
    return app.screen


def seed_people(db) -> None:
    with db.session() as s:
        orgs = {
            "Västerås stad": Organisation(name="Västerås stad", kind=OrganisationKind.STRATEGISK_PART),
            "Eskilstuna kommun": Organisation(name="Eskilstuna kommun", kind=OrganisationKind.STRATEGISK_PART),
            "Mälardalens universitet": Organisation(
                name="Mälardalens universitet", short_name="MDU", kind=OrganisationKind.STRATEGISK_PART
            ),
            "Röda Korset": Organisation(name="Röda Korset", kind=OrganisationKind.CIVILSAMHALLE),
        }
        s.add_all(orgs.values())
        s.flush()
        for first, last, org in PEOPLE:
            s.add(Contact(first_name=first, last_name=last, organisation_id=orgs[org].id, email=f"{first}@ex.se"))


async def type_text(pilot, text: str) -> None:
    for ch in text:
        await pilot.press("space" if ch == " " else ch)


async def open_checkin(pilot) -> None:
    """``i`` in a participant list: check-in, answering yes when the event's day has not come yet (the
    example events lie ahead of the tests' today; check-in opens on the event's day)."""
    from shk_tui.ui.events.checkin import CheckinScreen

    await pilot.press("i")
    await settle(pilot)
    if isinstance(pilot.app.screen, ConfirmScreen):
        assert pilot.app.screen.question == "Incheckningen är inte öppen än"
        await pilot.press("y")
        await settle(pilot)
    assert isinstance(pilot.app.screen, CheckinScreen), pilot.app.screen


async def save_export(pilot, folder=None):
    """The "Spara som" dialog of an Evenemang export: optionally pointed into ``folder`` (same file name),
    saved with ctrl+s; returns the path it saved to."""
    from pathlib import Path

    from textual.widgets import Input

    from shk_tui.ui.events.export_dialog import SaveExportScreen

    dialog = pilot.app.screen
    assert isinstance(dialog, SaveExportScreen), dialog
    field = dialog.query_one("#export-path", Input)
    if folder is not None:
        field.value = str(Path(folder) / Path(field.value).name)
    path = Path(field.value)
    await pilot.press("ctrl+s")
    await settle(pilot)
    return path
