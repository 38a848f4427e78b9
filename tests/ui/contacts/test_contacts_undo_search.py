"""Kontakter's keys (issue #15): the section opens with its table focused, ``/`` searches, Esc clears the
search and then the filters (so the empty list's "(esc rensar)" is true); ctrl+z undoes a delete of a
contact without history (the same row and id back), an archive and a tag change."""

from __future__ import annotations

import pytest
from sqlmodel import select
from textual.widgets import DataTable, Select, Static

from shk_tui.db.models import AuditEntry
from shk_tui.services.contacts import contacts
from shk_tui.services.contacts.contacts import ContactInput
from shk_tui.ui.base.confirm import ConfirmScreen
from shk_tui.ui.contacts.contacts import NO_MATCH_HINT, ContactsScreen
from shk_tui.ui.widgets.search_box import SearchBox
from tests.helpers.contacts_pilot import CONTACT_TABLE, add_participation, names, open_contacts
from tests.ui.conftest import SIZE, notices, settle


@pytest.fixture
def people(app_db):
    ids = {
        "Anna": contacts.save(app_db, ContactInput(first_name="Anna", last_name="Andersson", email="anna@mdu.se",
                                                   organisation="Mälardalens universitet")),
        "Bo": contacts.save(app_db, ContactInput(first_name="Bo", last_name="Berg", email="bo@vasteras.se",
                                                 phone="070-111 22 33", organisation="Västerås stad")),
        "Cecilia": contacts.save(app_db, ContactInput(first_name="Cecilia", last_name="Carlsson")),
    }
    contacts.set_tags(app_db, ids["Bo"], ["styrelse", "forskare"])
    contacts.set_tags(app_db, ids["Anna"], ["styrelse"])
    add_participation(app_db, ids["Anna"])
    app_db.ids = ids
    return app_db


def _hint(screen) -> str:
    return str(screen.query_one(".section-empty", Static).render())


async def _at(pilot, screen, name: str) -> None:
    table = screen.query_one(CONTACT_TABLE, DataTable)
    table.move_cursor(row=names(screen).index(name))
    await settle(pilot)


async def test_opens_with_the_table_focused_and_slash_searches(people, make_app):
    app = make_app(people)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_contacts(app, pilot)
        assert app.focused is screen.query_one(CONTACT_TABLE, DataTable)
        await pilot.press("slash")
        assert isinstance(app.focused, SearchBox)
        await pilot.press(*"berg", "enter")
        await settle(pilot)
        assert names(screen) == ["Bo Berg"]
        assert app.focused is screen.query_one(CONTACT_TABLE, DataTable)


async def test_esc_clears_the_search_then_the_filters_so_the_hint_is_true(people, make_app):
    app = make_app(people)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_contacts(app, pilot)
        screen.query_one("#filter-tag", Select).value = "forskare"
        await settle(pilot)
        assert names(screen) == ["Bo Berg"]
        await pilot.press("slash", *"zzz")
        await settle(pilot)
        assert names(screen) == [] and _hint(screen) == NO_MATCH_HINT and "(esc rensar)" in _hint(screen)
        await pilot.press("escape")  # in the search: its text goes, the tag filter stays
        await settle(pilot)
        assert names(screen) == ["Bo Berg"]
        assert app.focused is screen.query_one(CONTACT_TABLE, DataTable)
        await pilot.press("escape")  # in the table, the search empty: the filters go
        await settle(pilot)
        assert names(screen) == ["Anna Andersson", "Bo Berg", "Cecilia Carlsson"]
        assert screen.query_one("#filter-tag", Select).value is Select.NULL
        screen.query_one("#filter-status", Select).value = "arkiverade"
        await settle(pilot)
        assert names(screen) == []
        await pilot.press("slash", "escape")  # Esc in the empty search clears the filters too
        await settle(pilot)
        assert names(screen) == ["Anna Andersson", "Bo Berg", "Cecilia Carlsson"]
        assert screen.query_one("#filter-status", Select).value == "aktiva"
        assert app.focused is screen.query_one(CONTACT_TABLE, DataTable)


async def test_ctrl_z_puts_a_deleted_contact_back_with_its_id_and_tags(people, make_app):
    bo = people.ids["Bo"]
    app = make_app(people)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_contacts(app, pilot)
        await _at(pilot, screen, "Bo Berg")
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "ctrl+z ångrar" in str(app.screen.query_one("#confirm-text", Static).render())
        await pilot.press("y")
        await settle(pilot)
        assert names(screen) == ["Anna Andersson", "Cecilia Carlsson"]
        assert "Borttagen: Bo Berg (ctrl+z ångrar)" in notices(app)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert "Ångrade: Tog bort Bo Berg" in notices(app)
        assert names(screen) == ["Anna Andersson", "Bo Berg", "Cecilia Carlsson"]
        back = contacts.get(people, bo)
        assert (back.email, back.phone, back.organisation, back.tags) == (
            "bo@vasteras.se", "+46 70 111 22 33", "Västerås stad", ["forskare", "styrelse"])
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert "Inget att ångra" in notices(app, "warning")
    new = contacts.save(people, ContactInput(first_name="Dan", last_name="Dahl"))
    assert new > max(people.ids.values())  # the id Bo had again is his; a new contact gets a new one
    with people.read() as s:
        actions = [e.action for e in s.exec(select(AuditEntry).where(AuditEntry.table_name == "contact",
                                                                     AuditEntry.row_id == bo)).all()]
    assert "delete" in actions and "restore" in actions


async def test_delete_of_a_contact_with_history_names_it_in_the_singular(people, make_app):
    app = make_app(people)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_contacts(app, pilot)
        await _at(pilot, screen, "Anna Andersson")
        await pilot.press("delete")
        await settle(pilot)
        assert "(1 deltagande)" in str(app.screen.query_one("#confirm-text", Static).render())
        await pilot.press("y")  # archive instead
        await settle(pilot)
        assert names(screen) == ["Bo Berg", "Cecilia Carlsson"]
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert "Ångrade: Arkiverade Anna Andersson" in notices(app)
        assert names(screen) == ["Anna Andersson", "Bo Berg", "Cecilia Carlsson"]
        assert contacts.get(people, people.ids["Anna"]).archived is False


async def test_ctrl_z_puts_the_tags_back(people, make_app):
    app = make_app(people)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_contacts(app, pilot)
        await _at(pilot, screen, "Bo Berg")
        await pilot.press("t")
        await settle(pilot)
        app.screen.query_one("#tags-input").value = "student"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ContactsScreen)
        assert contacts.get(people, people.ids["Bo"]).tags == ["student"]
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert "Ångrade: Ändrade taggarna för Bo Berg" in notices(app)
        assert contacts.get(people, people.ids["Bo"]).tags == ["forskare", "styrelse"]
