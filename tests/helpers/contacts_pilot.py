"""Shared pieces of the Kontakter Pilot tests (tests/screens/test_contacts_*.py): open the section,
read a table's rows, count contacts in the database, add a participation."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import select
from textual.widgets import DataTable

from shk_tui.db.models import Contact, Event, Participation
from shk_tui.enums import ParticipationStatus
from shk_tui.ui.contacts.contacts import ContactsScreen
from tests.helpers.tables import table_rows
from tests.ui.conftest import settle

CONTACT_TABLE = "#section DataTable"


async def open_contacts(app, pilot) -> ContactsScreen:
    """From the start screen to Kontakter (key 3), with the first page loaded."""
    await settle(pilot)
    await pilot.press("3")
    await settle(pilot)
    assert isinstance(app.screen, ContactsScreen)
    return app.screen


def rows(screen, selector: str = CONTACT_TABLE) -> list[tuple[str, ...]]:
    """The rows a table of ``screen`` shows, as text."""
    return [tuple(r) for r in table_rows(screen.query_one(selector, DataTable))]


def names(screen) -> list[str]:
    """The first column (the name) of the contact table."""
    return [r[0] for r in rows(screen)]


def count(db, **where) -> int:
    """Contacts in the database (optionally with these column values)."""
    with db.session() as s:
        query = select(Contact)
        for key, value in where.items():
            query = query.where(getattr(Contact, key) == value)
        return len(s.exec(query).all())


def add_participation(db, contact_id: int, title: str = "Samhällsforum",
                      status: ParticipationStatus = ParticipationStatus.DELTOG) -> int:
    """An event on 2026-05-20 with ``contact_id`` taking part; returns the event id."""
    with db.session() as s:
        ev = Event(title=title, starts_at=datetime(2026, 5, 20, 13))
        s.add(ev)
        s.flush()
        s.add(Participation(event_id=ev.id, contact_id=contact_id, status=status))
        return ev.id


async def import_dialog(app, pilot, path):
    """Open Kontakter's import dialog (i) on ``path`` and read it (ctrl+r); returns the dialog."""
    from textual.widgets import Input

    from shk_tui.ui.contacts.import_contacts import ImportScreen

    await pilot.press("i")
    await settle(pilot)
    dialog = app.screen
    assert isinstance(dialog, ImportScreen)
    dialog.query_one("#import-path", Input).value = str(path)
    await pilot.press("ctrl+r")
    await settle(pilot)
    return dialog
