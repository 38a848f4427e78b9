"""Kontakter's other flows: organisations, duplicates and merge, import (preview, bad rows, cancel),
export of the current selection, GDPR extract and erasure."""

from __future__ import annotations

import pytest
from sqlmodel import select
from textual.widgets import Button, Input, Select, Static, TextArea

from shk_tui.db.models import AuditEntry, Contact, Organisation, Participation
from shk_tui.services.contacts import contacts
from shk_tui.services.contacts.contacts import ContactInput
from shk_tui.ui.base.confirm import ConfirmScreen
from shk_tui.ui.contacts.contacts import ContactsScreen
from shk_tui.ui.contacts.duplicates import DuplicatesScreen
from shk_tui.ui.contacts.export_contacts import ExportScreen
from shk_tui.ui.contacts.gdpr import GdprScreen
from shk_tui.ui.contacts.merge import MergeScreen
from shk_tui.ui.contacts.organisation_form import OrganisationFormScreen
from shk_tui.ui.contacts.organisations import OrganisationsScreen
from tests.helpers.contacts_pilot import add_participation, count, import_dialog, open_contacts, rows
from tests.ui.conftest import SIZE, notices, settle

BAD_CSV = ("Förnamn;Efternamn;E-post;Organisation\r\n"
           "Åsa;Öberg;asa@example.se;Västerås stad\r\n"
           ";;ingen-adress;\r\n"
           "Per;Ek;per@@example;\r\n"
           "Anna;Andersson;anna@mdu.se;\r\n").encode("cp1252")


@pytest.fixture
def people(app_db):
    db = app_db
    db.anna = contacts.save(db, ContactInput(first_name="Anna", last_name="Andersson", email="anna@mdu.se",
                                             organisation="Mälardalens universitet"))
    db.anna2 = contacts.save(db, ContactInput(first_name="anna", last_name="Anderson", title="Lektor",
                                              organisation="Mälardalens universitet"))
    db.bo = contacts.save(db, ContactInput(first_name="Bo", last_name="Berg", organisation="Västerås stad"))
    db.event = add_participation(db, db.anna2)
    return db


async def test_organisations_list_form_and_people(people, make_app):
    app = make_app(people)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(app, pilot)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, OrganisationsScreen)
        assert rows(app.screen) == [("Mälardalens universitet", "Övrig", "", "2", ""),
                                    ("Västerås stad", "Övrig", "", "1", "")]
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, OrganisationFormScreen)
        await pilot.press(*"västerås stad")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "finns redan" in str(form.query_one("#err-name", Static).render())
        form.query_one("#name", Input).value = "Eskilstuna kommun"
        form.query_one("#city", Input).value = "Eskilstuna"
        form.query_one("#kind", Select).value = "strategisk part"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, OrganisationsScreen)
        assert rows(app.screen)[0] == ("Eskilstuna kommun", "Strategisk part", "Eskilstuna", "0", "")
        await pilot.press("down", "enter")  # Mälardalens universitet: its people in Kontakter
        await settle(pilot)
        assert isinstance(app.screen, ContactsScreen)
        assert [r[0] for r in rows(app.screen)] == ["anna Anderson", "Anna Andersson"]
        assert "Mälardalens universitet" in str(app.screen.query_one("#filter-organisation", Static).render())
        await pilot.press("escape")
        await settle(pilot)
        assert len(rows(app.screen)) == 3


async def test_merge_moves_participations(people, make_app):
    app = make_app(people)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(app, pilot)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, DuplicatesScreen)
        assert rows(app.screen) == [("60", "Anna Andersson", "anna Anderson", "liknande namn (stavfel?)",
                                     "anna@mdu.se · Mälardalens universitet", "Mälardalens universitet")]
        await pilot.press("enter")
        await settle(pilot)
        merge = app.screen
        assert isinstance(merge, MergeScreen)
        fields = rows(merge, "#merge-fields")
        assert fields[2] == ("Titel", "", "▶", "Lektor")  # the gap is filled from the other side by default
        await pilot.press("space")  # first name: take "anna" from the other side, then back
        await pilot.press("space")
        assert rows(merge, "#merge-fields")[0][2] == "◀"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, DuplicatesScreen) and rows(app.screen) == []
        await pilot.press("escape")
        await settle(pilot)
        assert [r[0] for r in rows(app.screen)] == ["Anna Andersson", "Bo Berg"]
    with people.session() as s:
        part = s.exec(select(Participation)).one()
        assert part.contact_id == people.anna
        assert s.get(Contact, people.anna).title == "Lektor" and s.get(Contact, people.anna2) is None
        assert s.exec(select(AuditEntry).where(AuditEntry.action == "merge")).one().row_id == people.anna


async def test_import_with_bad_rows_reports_them_and_cancel_writes_nothing(people, make_app, tmp_path):
    path = tmp_path / "kontakter.csv"
    path.write_bytes(BAD_CSV)
    app = make_app(people)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(app, pilot)
        dialog = await import_dialog(app, pilot, path)
        summary = str(dialog.query_one("#import-summary", Static).render())
        assert "cp1252" in summary and "2 nya, 1 dubblett, 1 felaktig rad, 1 varning" in summary
        problems = str(dialog.query_one("#import-problems", Static).render())
        assert "Rad 3: (utan namn) – namn saknas" in problems
        assert "Importeras med 1 varning:" in problems
        assert "Rad 4: Per Ek – ogiltig e-postadress 'per@@example' sparades i anteckningen" in problems
        assert "Rad 5: Anna Andersson <anna@mdu.se> – dubblett av Anna Andersson" in problems
        assert rows(dialog, "#import-preview") == [("2", "Åsa Öberg", "Västerås stad", "asa@example.se", "", ""),
                                                   ("4", "Per Ek", "", "", "", "")]
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ContactsScreen)
    assert count(people) == 3


async def test_import_writes_the_good_rows(people, make_app, tmp_path):
    path = tmp_path / "kontakter.csv"
    path.write_bytes(BAD_CSV)
    app = make_app(people)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(app, pilot)
        dialog = await import_dialog(app, pilot, path)
        assert str(dialog.query_one("#import-run", Button).label) == "Importera 2 (ctrl+s)"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ContactsScreen)
        assert "Åsa Öberg" in [r[0] for r in rows(app.screen)]
    assert count(people) == 5


async def test_import_cancelled_while_running_rolls_back(people, make_app, tmp_path):
    path = tmp_path / "kontakter.csv"
    path.write_bytes(BAD_CSV)
    app = make_app(people)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(app, pilot)
        dialog = await import_dialog(app, pilot, path)
        dialog.stop.set()  # as if esc was pressed between two batches
        dialog.running = True
        dialog._import(dialog.plan)
        await settle(pilot)
        assert any("avbröts" in t for t in notices(app))
    assert count(people) == 3
    with people.session() as s:
        assert s.exec(select(Organisation).where(Organisation.name == "Västerås stad")).one()


async def test_import_of_a_missing_file_says_so(people, make_app, tmp_path):
    app = make_app(people)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(app, pilot)
        dialog = await import_dialog(app, pilot, tmp_path / "saknas.csv")
        assert "Filen finns inte" in str(dialog.query_one("#import-summary", Static).render())
        assert dialog.query_one("#import-run", Button).disabled


async def test_export_writes_the_current_selection(people, make_app, tmp_path):
    app = make_app(people)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(app, pilot)
        await pilot.press("slash", *"berg", "enter", "x")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        target = tmp_path / "urval.csv"
        dialog.query_one("#export-path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ContactsScreen)
    lines = target.read_bytes().decode("utf-8-sig").splitlines()
    assert len(lines) == 2 and lines[1].startswith("Bo;Berg;;Västerås stad;")
    assert target.stat().st_mode & 0o777 == 0o600  # personal data: owner only


async def test_gdpr_extract_and_erase(people, make_app, tmp_path):
    app = make_app(people)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(app, pilot)
        await pilot.press("g")  # anna Anderson (first in Swedish order), with a participation
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, GdprScreen)
        assert "# Registerutdrag – anna Anderson" in dialog.query_one("#gdpr-extract", TextArea).text
        dialog.query_one("#gdpr-path", Input).value = str(tmp_path / "utdrag.md")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Lektor" in (tmp_path / "utdrag.md").read_text() and (tmp_path / "utdrag.json").exists()
        assert {p.stat().st_mode & 0o777 for p in tmp_path.glob("utdrag.*")} == {0o600}
        await pilot.click("#gdpr-erase")
        await settle(pilot)
        assert "Ange ett skäl" in str(dialog.query_one("#err-reason", Static).render())
        reason = dialog.query_one("#gdpr-reason", Input)
        reason.value = "Begäran via e-post"
        reason.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, ContactsScreen)
        assert [r[0] for r in rows(app.screen)] == ["Anna Andersson", "Bo Berg"]
    with people.session() as s:
        erased = s.get(Contact, people.anna2)
        assert erased.erased_on is not None and erased.title is None
        assert s.exec(select(Participation)).one().contact_id == people.anna2


async def test_import_columns_overridden_and_duplicates_imported_for_merging(people, make_app, tmp_path):
    from textual.widgets import Checkbox

    path = tmp_path / "adresser.csv"
    path.write_bytes("Namn;Kontaktadress\nAnna Andersson;anna@mdu.se\nEva Strand;eva@example.se\n".encode("utf-8-sig"))
    app = make_app(people)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(app, pilot)
        dialog = await import_dialog(app, pilot, path)
        summary = str(dialog.query_one("#import-summary", Static).render())
        assert "Kolumner: Namn → namn; används inte: Kontaktadress" in summary
        dialog.query_one("#import-columns", Input).value = "Kontaktadress=e-post"
        await pilot.press("ctrl+r")
        await settle(pilot)
        summary = str(dialog.query_one("#import-summary", Static).render())
        assert "1 ny, 1 dubblett, 0 felaktiga rader, 0 varningar" in summary and "Kontaktadress → e-post" in summary
        assert str(dialog.query_one("#import-run", Button).label) == "Importera 1 (ctrl+s)"
        dialog.query_one("#import-duplicates", Checkbox).value = True
        await settle(pilot)
        assert str(dialog.query_one("#import-run", Button).label) == "Importera 2 (ctrl+s)"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ContactsScreen) and count(people) == 5
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, DuplicatesScreen)
        assert ("100", "Anna Andersson", "samma e-post") in [(r[0], r[2], r[3]) for r in rows(app.screen)]
    with people.session() as s:
        assert s.get(Contact, people.anna).organisation.name == "Mälardalens universitet"  # not updated


async def test_import_overrides_columns_encoding_and_delimiter(people, make_app, tmp_path):
    path = tmp_path / "k.csv"
    path.write_bytes(BAD_CSV)
    app = make_app(people)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(app, pilot)
        dialog = await import_dialog(app, pilot, path)
        dialog.query_one("#import-columns", Input).value = "E-post=fax"
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert "Okänt fält 'fax'" in str(dialog.query_one("#import-summary", Static).render())
        assert dialog.query_one("#import-run", Button).disabled
        dialog.query_one("#import-columns", Input).value = ""
        dialog.query_one("#import-encoding", Select).value = "utf-8"  # the file is cp1252
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert "kan inte läsas som utf-8" in str(dialog.query_one("#import-summary", Static).render())
        dialog.query_one("#import-encoding", Select).value = "cp1252"
        dialog.query_one("#import-delimiter", Select).value = ","  # wrong: one column, no name column
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert "Hittar ingen namnkolumn" in str(dialog.query_one("#import-summary", Static).render())
        dialog.query_one("#import-delimiter", Select).value = ";"
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert "(cp1252, avgränsare ';')" in str(dialog.query_one("#import-summary", Static).render())
    assert count(people) == 3


async def test_dialogs_for_a_contact_removed_meanwhile_say_so(people, make_app):
    """Another user (PostgreSQL) may remove a contact between the list and the dialog: a message, no crash."""
    from shk_tui.ui.contacts.contact_form import ContactFormScreen
    from shk_tui.ui.contacts.tags import TagsScreen

    app = make_app(people)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(app, pilot)
        for dialog in (ContactFormScreen(999), TagsScreen(999), GdprScreen(999), OrganisationFormScreen(999)):
            shown = len(notices(app))
            app.push_screen(dialog)
            await settle(pilot)
            assert app.is_running and isinstance(app.screen, ContactsScreen), dialog
            assert any("999 finns inte" in t for t in notices(app)[shown:]), dialog


async def test_export_as_xlsx_and_vcard_and_a_bad_path(people, make_app, tmp_path):
    app = make_app(people)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(app, pilot)
        for fmt, magic in (("xlsx", b"PK\x03\x04"), ("vcf", b"BEGIN:VCARD")):
            await pilot.press("x")
            await settle(pilot)
            dialog = app.screen
            assert "3 kontakter" in str(dialog.query_one(".fk-title", Static).render())
            dialog.query_one("#export-path", Input).value = str(tmp_path / "urval.csv")
            dialog.query_one("#export-format", Select).value = fmt
            await settle(pilot)
            assert dialog.query_one("#export-path", Input).value == str(tmp_path / f"urval.{fmt}")
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, ContactsScreen)
            assert (tmp_path / f"urval.{fmt}").read_bytes().startswith(magic)
        assert (tmp_path / "urval.vcf").read_bytes().count(b"BEGIN:VCARD") == 3
        await pilot.press("x")
        await settle(pilot)
        app.screen.query_one("#export-path", Input).value = str(tmp_path / "saknas" / "urval.csv")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)
        assert "Kan inte skriva" in str(app.screen.query_one("#err-path", Static).render())
