"""Kontakter's exports (issue #15): the export dialog and the e-mail list save through the one "Spara som"
field (ui/base/export_target.py) — the documents folder at first, then the last export's folder — and the
notice names the saved file; Organisationer searches with the SearchBox and counts in words."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Static

from shk_tui import prefs
from shk_tui.services.contacts import contacts
from shk_tui.services.contacts.contact_list import ContactFilter
from shk_tui.services.contacts.contacts import ContactInput
from shk_tui.ui.contacts.contacts import ContactsScreen
from shk_tui.ui.contacts.email_list import EmailListScreen
from shk_tui.ui.contacts.export_contacts import ExportScreen
from shk_tui.ui.contacts.organisations import OrganisationsScreen
from shk_tui.ui.widgets.search_box import SearchBox
from tests.helpers.contacts_pilot import open_contacts, rows
from tests.ui.conftest import SIZE, notices, settle


@pytest.fixture
def people(app_db):
    for first, last, email, org in [("Anna", "Andersson", "anna@mdu.se", "Mälardalens universitet"),
                                    ("Bo", "Berg", "bo@vasteras.se", "Västerås stad")]:
        contacts.save(app_db, ContactInput(first_name=first, last_name=last, email=email, organisation=org))
    return app_db


async def test_export_starts_in_the_documents_folder_names_the_file_and_remembers_its_folder(people, make_app,
                                                                                              tmp_path):
    app = make_app(people)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(app, pilot)
        await pilot.press("x")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        assert "Exportera 2 kontakter" in str(dialog.query_one(".fk-title", Static).render())
        path = dialog.query_one("#export-path", Input)
        assert Path(path.value) == prefs.documents_dir() / "kontakter-2026-11-25.csv"
        target = tmp_path / "projekt" / "urval.csv"
        target.parent.mkdir()
        path.value = str(target)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ContactsScreen)
        assert f"Sparade 2 kontakter i {target}" in notices(app)
        assert target.read_bytes().decode("utf-8-sig").count("\n") == 3
        await pilot.press("x")
        await settle(pilot)
        assert Path(app.screen.query_one("#export-path", Input).value) == target.parent / "kontakter-2026-11-25.csv"


async def test_export_of_one_contact_says_so_in_the_singular(people, make_app, tmp_path):
    app = make_app(people)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(app, pilot)
        await pilot.press("slash", *"berg", "enter", "x")
        await settle(pilot)
        assert "Exportera 1 kontakt (nuvarande urval)" in str(app.screen.query_one(".fk-title", Static).render())
        app.screen.query_one("#export-path", Input).value = str(tmp_path / "bo.csv")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert f"Sparade 1 kontakt i {tmp_path / 'bo.csv'}" in notices(app)


async def test_email_list_is_saved_as_a_file_with_the_path_named(people, make_app, tmp_path):
    app = make_app(people)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(app, pilot)
        await pilot.press("c")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, EmailListScreen)
        assert "2 e-postadresser kopierade" in str(dialog.query_one(".fk-title", Static).render())
        path = dialog.query_one("#email-path", Input)
        assert Path(path.value) == prefs.documents_dir() / "e-post-2026-11-25.txt"
        path.value = str(tmp_path / "till-outlook.txt")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ContactsScreen)
        assert f"Sparade 2 e-postadresser i {tmp_path / 'till-outlook.txt'}" in notices(app)
    assert (tmp_path / "till-outlook.txt").read_text("utf-8") == "anna@mdu.se; bo@vasteras.se\n"
    assert prefs.load().prefs.export_dir == str(tmp_path)


async def test_email_list_of_one_address_in_the_singular(people, make_app):
    app = make_app(people)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(app, pilot)
        app.push_screen(EmailListScreen(ContactFilter(text="anna")))
        await settle(pilot)
        assert "1 e-postadress kopierade" in str(app.screen.query_one(".fk-title", Static).render())


async def test_gdpr_extract_goes_to_the_export_folder_and_names_both_files(people, make_app, tmp_path):
    prefs.update(export_dir=str(tmp_path))
    app = make_app(people)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(app, pilot)
        await pilot.press("g")
        await settle(pilot)
        path = app.screen.query_one("#gdpr-path", Input)
        assert Path(path.value).parent == tmp_path
        await pilot.press("ctrl+s")
        await settle(pilot)
        md = Path(path.value)
        assert f"Registerutdrag sparat: {md} och {md.with_suffix('.json')}" in notices(app)
        assert md.exists() and md.with_suffix(".json").exists()


async def test_organisations_search_esc_and_the_count_in_words(people, make_app):
    app = make_app(people)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(app, pilot)
        await pilot.press("o")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, OrganisationsScreen)
        table = screen.query_one("#section DataTable", DataTable)
        assert app.focused is table
        await pilot.press("slash")
        assert isinstance(app.focused, SearchBox)
        await pilot.press(*"väst")
        await settle(pilot)
        assert [r[0] for r in rows(screen)] == ["Västerås stad"]
        await pilot.press("escape")  # the search's text goes, the table has focus, the dialog stays
        await settle(pilot)
        assert app.screen is screen and app.focused is table
        assert [r[0] for r in rows(screen)] == ["Mälardalens universitet", "Västerås stad"]
        await pilot.press("delete")
        await settle(pilot)
        assert "Västerås stad har 1 kontakt och kan inte tas bort" in notices(app, "warning")  # the cursor stayed
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ContactsScreen)
