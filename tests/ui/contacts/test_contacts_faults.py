"""Kontakter when the database fails: a load (the list, the detail, Dubbletter, Organisationer, the
GDPR extract) or a write (archive, delete, merge, an organisation's removal) that raises a database
error shows a Swedish notice; the app keeps running with the screen open and nothing changes."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import OperationalError

from shk_tui.services.contacts import contact_list, duplicates, gdpr, organisations
from shk_tui.services.contacts import contacts as svc
from shk_tui.services.contacts.contacts import ContactInput
from shk_tui.ui.base.confirm import ConfirmScreen
from shk_tui.ui.contacts.contacts import ContactsScreen
from shk_tui.ui.contacts.duplicates import DuplicatesScreen
from shk_tui.ui.contacts.gdpr import GdprScreen
from shk_tui.ui.contacts.merge import MergeScreen
from shk_tui.ui.contacts.organisations import OrganisationsScreen
from tests.helpers.contacts_pilot import count, names, open_contacts, rows
from tests.ui.conftest import SIZE, notices, settle


def disk_error(*args, **kwargs):
    raise OperationalError("x", {}, Exception("disk I/O error"))


@pytest.fixture
def people(app_db):
    """Two spellings of one person (a duplicate pair) and a third contact."""
    for first, last, kw in [("Anna", "Andersson", {"email": "anna@mdu.se", "organisation": "Mälardalens universitet"}),
                            ("anna", "Anderson", {"organisation": "Mälardalens universitet"}),
                            ("Bo", "Berg", {"organisation": "Västerås stad"})]:
        svc.save(app_db, ContactInput(first_name=first, last_name=last, **kw))
    return app_db


def errors_since(app, shown: int) -> list[str]:
    return notices(app, "error")[shown:]


async def test_a_failing_list_load_is_a_notice(people, make_app, monkeypatch):
    app = make_app(people)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(app, pilot)
        monkeypatch.setattr(contact_list, "search", disk_error)
        monkeypatch.setattr(svc, "get", disk_error)
        await pilot.press("slash", *"bo")  # one load per key typed: each fails
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, ContactsScreen)
        assert set(errors_since(app, 0)) == {"Kunde inte läsa kontakter från databasen (se loggfilen)"}
        monkeypatch.undo()
        await pilot.press("backspace", "backspace", "enter")  # the list again
        await settle(pilot)
        assert len(names(app.screen)) == 3
        shown = len(notices(app, "error"))
        monkeypatch.setattr(svc, "get", disk_error)  # the detail of the next contact fails
        await pilot.press("up")  # from Bo Berg, still selected
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, ContactsScreen)
        assert errors_since(app, shown) == ["Kunde inte läsa kontakten (se loggfilen)"]


async def test_failing_archive_and_delete_are_notices(people, make_app, monkeypatch):
    app = make_app(people)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_contacts(app, pilot)
        monkeypatch.setattr(svc, "set_archived", disk_error)
        await pilot.press("a")
        await settle(pilot)
        assert app.is_running and app.screen is screen
        assert errors_since(app, 0) == ["Ändringen kunde inte sparas (se loggfilen)"]
        monkeypatch.setattr(svc, "delete", disk_error)
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert app.is_running and app.screen is screen
        assert errors_since(app, 1) == ["Ändringen kunde inte sparas (se loggfilen)"]
        assert len(names(screen)) == 3
    assert count(people) == 3 and count(people, archived=True) == 0


async def test_failing_duplicate_search_and_merge_are_notices(people, make_app, monkeypatch):
    app = make_app(people)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(app, pilot)
        real = duplicates.candidates
        monkeypatch.setattr(duplicates, "candidates", disk_error)
        await pilot.press("d")
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, DuplicatesScreen)
        assert errors_since(app, 0) == ["Kunde inte söka dubbletter (se loggfilen)"]
        monkeypatch.setattr(duplicates, "candidates", real)
        await pilot.press("r")
        await settle(pilot)
        assert len(rows(app.screen)) == 1
        monkeypatch.setattr(duplicates, "merge", disk_error)
        await pilot.press("enter")
        await settle(pilot)
        merge = app.screen
        assert isinstance(merge, MergeScreen)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert app.is_running and app.screen is merge  # still open: nothing was merged
        assert errors_since(app, 1) == ["Kunde inte spara (se loggfilen); inget sparades"]
    assert count(people) == 3


async def test_merge_of_pair_that_cannot_be_read_closes_with_a_notice(people, make_app, monkeypatch):
    app = make_app(people)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(app, pilot)
        await pilot.press("d")
        await settle(pilot)
        monkeypatch.setattr(duplicates, "sides", disk_error)
        await pilot.press("enter")
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, DuplicatesScreen)
        assert errors_since(app, 0) == ["Kunde inte läsa kontakterna (se loggfilen)"]


async def test_failing_gdpr_extract_closes_the_dialog_with_a_notice(people, make_app, monkeypatch):
    app = make_app(people)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_contacts(app, pilot)
        monkeypatch.setattr(gdpr, "extract", disk_error)
        await pilot.press("g")
        await settle(pilot)
        assert app.is_running and app.screen is screen
        assert errors_since(app, 0) == ["Kunde inte läsa kontakten (se loggfilen)"]
        monkeypatch.undo()
        monkeypatch.setattr(gdpr, "erase", disk_error)
        await pilot.press("g")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, GdprScreen)
        await pilot.click("#gdpr-reason")
        await pilot.press(*"begäran", "enter")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert app.is_running and app.screen is dialog
        assert errors_since(app, 1) == ["Kunde inte spara (se loggfilen); inget sparades"]
    assert count(people) == 3


async def test_failing_organisation_list_and_removal_are_notices(people, make_app, monkeypatch):
    app = make_app(people)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(app, pilot)
        svc.save(people, ContactInput(first_name="Cecilia", last_name="Ceder", organisation="Tom förening"))
        svc.delete(people, contact_list.search(people, contact_list.ContactFilter(text="Cecilia")).rows[0].id)
        monkeypatch.setattr(organisations, "list_organisations", disk_error)
        await pilot.press("o")
        await settle(pilot)
        screen = app.screen
        assert app.is_running and isinstance(screen, OrganisationsScreen)
        assert errors_since(app, 0) == ["Kunde inte läsa organisationerna (se loggfilen)"]
        monkeypatch.undo()
        screen.reload()
        await settle(pilot)
        assert [r[0] for r in rows(screen)][-1] == "Västerås stad" and "Tom förening" in [r[0] for r in rows(screen)]
        monkeypatch.setattr(organisations, "delete", disk_error)
        at = [r[0] for r in rows(screen)].index("Tom förening")
        screen.table.move_cursor(row=at)
        await pilot.press("delete")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert app.is_running and app.screen is screen
        assert errors_since(app, 1) == ["Kunde inte spara (se loggfilen); inget sparades"]
        assert "Tom förening" in [r[0] for r in rows(screen)]
