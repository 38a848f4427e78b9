"""Kontakter: search as you type, filters, detail pane, new/edit form, archive, delete, tags, e-mails."""

from __future__ import annotations

import pytest
from sqlmodel import select
from textual.widgets import Input, Select, Static, TextArea

from shk_tui.db.models import Contact
from shk_tui.services.contacts import contacts
from shk_tui.services.contacts.contacts import ContactInput
from shk_tui.ui.base.confirm import ConfirmScreen
from shk_tui.ui.contacts.contact_form import ContactFormScreen
from shk_tui.ui.contacts.contacts import ContactsScreen
from shk_tui.ui.contacts.email_list import EmailListScreen
from shk_tui.ui.contacts.tags import TagsScreen
from tests.helpers.contacts_pilot import add_participation, count, names, open_contacts, rows
from tests.ui.conftest import SIZE, notices, settle


@pytest.fixture
def people(app_db):
    db = app_db
    ids = {}
    for first, last, kw in [
        ("Anna", "Andersson", {"email": "anna@mdu.se", "organisation": "Mälardalens universitet"}),
        ("Örjan", "Östlund", {"email": "orjan@vasteras.se", "organisation": "Västerås stad", "legal_basis": "samtycke"}),
        ("Åsa", "Åberg", {"title": "Forskare", "organisation": "Mälardalens universitet"}),
        ("Zlatan", "Zetterberg", {"phone": "0701234567"}),
    ]:
        ids[first] = contacts.save(db, ContactInput(first_name=first, last_name=last, **kw))
    contacts.set_tags(db, ids["Anna"], ["styrelse"])
    add_participation(db, ids["Anna"])
    db.ids = ids
    return db


async def test_list_in_swedish_order_with_detail(people, make_app):
    app = make_app(people)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(app, pilot)
        assert names(app.screen) == ["Anna Andersson", "Zlatan Zetterberg", "Åsa Åberg", "Örjan Östlund"]
        # Namn, Organisation, E-post, Telefon, Titel, Taggar
        assert rows(app.screen)[0][1:] == ("Mälardalens universitet", "anna@mdu.se", "", "", "styrelse")
        assert rows(app.screen)[1][3] == "+46 70 123 45 67"
        detail = str(app.screen.query_one("#contact-detail", Static).render())
        assert "Samhällsforum – Deltog" in detail and "Rättslig grund: saknas" in detail
        assert "4 rader" in str(app.screen.query_one(".section-count", Static).render())


async def test_search_narrows_rows_as_you_type(people, make_app):
    app = make_app(people)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(app, pilot)
        await pilot.press("slash")
        assert app.focused is app.screen.query_one("#contacts-search", Input)
        await pilot.press("m", "ä", "l")
        await settle(pilot)
        assert names(app.screen) == ["Anna Andersson", "Åsa Åberg"]
        await pilot.press(*" åsa")
        await settle(pilot)
        assert names(app.screen) == ["Åsa Åberg"]
        await pilot.press(*"xyz")
        await settle(pilot)
        assert names(app.screen) == []
        hint = app.screen.query_one(".section-empty", Static)
        assert hint.display and "Inga kontakter matchar" in str(hint.render())
        await pilot.press("escape")
        await settle(pilot)
        assert len(names(app.screen)) == 4


async def test_filters_tag_and_missing_legal_basis(people, make_app):
    app = make_app(people)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(app, pilot)
        app.screen.query_one("#filter-tag", Select).value = "styrelse"
        await settle(pilot)
        assert names(app.screen) == ["Anna Andersson"]
        app.screen.query_one("#filter-tag", Select).clear()
        app.screen.query_one("#filter-status", Select).value = "utan-grund"
        await settle(pilot)
        assert "Örjan Östlund" not in names(app.screen) and len(names(app.screen)) == 3


async def test_new_contact_with_bad_email_shows_error_and_saves_nothing(people, make_app):
    app = make_app(people)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(app, pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, ContactFormScreen)
        await pilot.press(*"Kim")
        app.screen.query_one("#email", Input).value = "kim@@example"
        app.screen.query_one("#phone", Input).value = "070-765 43 21"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ContactFormScreen)
        error = app.screen.query_one("#err-email", Static)
        assert error.display and "Ogiltig e-postadress" in str(error.render())
        assert count(people) == 4
        app.screen.query_one("#email", Input).value = "kim@example.se"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ContactsScreen)
        with people.session() as s:
            kim = s.exec(select(Contact).where(Contact.first_name == "Kim")).one()
            assert kim.phone == "+46 70 765 43 21" and kim.email == "kim@example.se"
        assert "Kim" in names(app.screen)


async def test_duplicate_email_offers_to_open_the_existing_contact(people, make_app):
    app = make_app(people)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(app, pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Annika")
        app.screen.query_one("#email", Input).value = "ANNA@mdu.se"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "finns redan hos Anna Andersson" in str(app.screen.query_one("#err-email", Static).render())
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, ContactFormScreen)
        assert app.screen.contact_id == people.ids["Anna"]
        assert app.screen.query_one("#first_name", Input).value == "Anna"
        assert count(people) == 4


async def test_edit_with_enter_and_required_name(people, make_app):
    app = make_app(people)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(app, pilot)
        await pilot.press("enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ContactFormScreen) and form.contact_id == people.ids["Anna"]
        form.query_one("#first_name", Input).value = ""
        form.query_one("#last_name", Input).value = " "
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Namn måste anges" in str(form.query_one("#err-first_name", Static).render())
        form.query_one("#first_name", Input).value = "Anne"
        form.query_one("#last_name", Input).value = "Andersson"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert names(app.screen)[0] == "Anne Andersson"


async def test_archive_hides_and_restore_brings_back(people, make_app):
    app = make_app(people)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(app, pilot)
        await pilot.press("a")
        await settle(pilot)
        assert "Anna Andersson" not in names(app.screen)
        assert count(people, archived=True) == 1
        app.screen.query_one("#filter-status", Select).value = "arkiverade"
        await settle(pilot)
        assert names(app.screen) == ["Anna Andersson (arkiverad)"]
        await pilot.press("a")
        await settle(pilot)
        assert count(people, archived=True) == 0 and names(app.screen) == []


async def test_delete_with_history_offers_archive(people, make_app):
    app = make_app(people)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(app, pilot)
        await pilot.press("delete")  # Anna has a participation
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen) and "historik" in app.screen.text
        await pilot.press("y")
        await settle(pilot)
        assert count(people) == 4 and count(people, archived=True) == 1
        await pilot.press("delete")  # Zlatan has none
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen) and "tas bort" in app.screen.text
        await pilot.press("y")
        await settle(pilot)
        assert count(people) == 3 and names(app.screen) == ["Åsa Åberg", "Örjan Östlund"]


async def test_tags_are_edited(people, make_app):
    app = make_app(people)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(app, pilot)
        await pilot.press("down", "t")
        await settle(pilot)
        assert isinstance(app.screen, TagsScreen)
        app.screen.query_one("#tags-input", Input).value = "student, Core Team"
        await pilot.press("enter")
        await settle(pilot)
        assert rows(app.screen)[1] == ("Zlatan Zetterberg", "", "", "+46 70 123 45 67", "", "Core Team, student")


async def test_copy_emails_of_rows_shown(people, make_app):
    app = make_app(people)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(app, pilot)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, EmailListScreen)
        assert app.clipboard == "anna@mdu.se; orjan@vasteras.se"
        assert "2 e-postadresser" in str(app.screen.query_one(".fk-title", Static).render())
        await pilot.press("escape")
        await pilot.press("slash", *"östlund", "enter", "c")
        await settle(pilot)
        assert app.clipboard == "orjan@vasteras.se"


async def test_detail_shows_contracts_and_filters_by_organisation_kind(people, make_app):
    from shk_tui.db.models import Contract
    from shk_tui.services.contacts import organisations

    with people.session() as s:
        s.add(Contract(title="Samverkansavtal MDU", responsible_id=people.ids["Anna"]))
    vasteras = organisations.list_organisations(people, "Västerås stad")[0][0]
    organisations.save(people, organisations.OrganisationDetail(vasteras.id, vasteras.name, kind="strategisk part"))
    app = make_app(people)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(app, pilot)
        detail = str(app.screen.query_one("#contact-detail", Static).render())
        assert "Ansvarig för avtal (1)" in detail and "Samverkansavtal MDU – Utkast" in detail
        assert "Evenemang (1)" in detail and "2026-05-20  Samhällsforum – Deltog" in detail
        await pilot.press("down")  # Zlatan: no history
        await settle(pilot)
        detail = str(app.screen.query_one("#contact-detail", Static).render())
        assert detail.startswith("Zlatan Zetterberg") and "Evenemang (0)" in detail
        app.screen.query_one("#filter-kind", Select).value = "strategisk part"
        await settle(pilot)
        assert names(app.screen) == ["Örjan Östlund"]
        await pilot.press("e")  # e edits, like enter
        await settle(pilot)
        assert isinstance(app.screen, ContactFormScreen) and app.screen.contact_id == people.ids["Örjan"]


async def test_form_picks_or_creates_the_organisation_and_takes_legal_basis_and_date(people, make_app):
    from shk_tui.db.models import Organisation
    from shk_tui.enums import LegalBasis

    app = make_app(people)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(app, pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        await pilot.press(*"Eva")
        form.query_one("#phone", Input).focus()
        await pilot.press(*"021-12 34 56", "tab")  # normalised when leaving the field
        assert form.query_one("#phone", Input).value == "+46 21 12 34 56"
        org = form.query_one("#organisation", Input)
        org.focus()
        await pilot.press(*"mäl")
        await pilot.pause(0.2)
        assert "Finns: Mälardalens universitet" in str(form.query_one("#help-organisation", Static).render())
        await pilot.press("right")  # accept the completion
        assert org.value == "Mälardalens universitet"
        form.query_one("#legal_basis", Select).value = "rättslig förpliktelse"
        form.query_one("#consent_on", Input).value = "2026-13-01"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ContactFormScreen)
        error = form.query_one("#err-consent_on", Static)
        assert error.display and str(error.render())
        form.query_one("#consent_on", Input).value = "2026-11-20"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ContactsScreen)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        await pilot.press(*"Ola")
        form.query_one("#organisation", Input).focus()
        await pilot.press(*"Eskilstuna kommun")
        assert "Ny organisation skapas: Eskilstuna kommun" in str(form.query_one("#help-organisation", Static).render())
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)  # a new organisation only after a yes
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, ContactsScreen)
    with people.session() as s:
        eva = s.exec(select(Contact).where(Contact.first_name == "Eva")).one()
        assert (eva.organisation.name, eva.phone, eva.legal_basis, str(eva.consent_on)) == (
            "Mälardalens universitet", "+46 21 12 34 56", LegalBasis.RATTSLIG_FORPLIKTELSE, "2026-11-20")
        assert len(s.exec(select(Organisation).where(Organisation.name == "Mälardalens universitet")).all()) == 1
        ola = s.exec(select(Contact).where(Contact.first_name == "Ola")).one()
        assert ola.organisation.name == "Eskilstuna kommun"


async def test_copy_emails_when_none_is_shown_says_so(people, make_app):
    app = make_app(people)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(app, pilot)
        await pilot.press("slash", *"zlatan", "enter", "c")
        await settle(pilot)
        assert isinstance(app.screen, EmailListScreen)
        assert "Inga e-postadresser" in str(app.screen.query_one(".fk-title", Static).render())
        assert app.screen.query_one("#email-text", TextArea).text == ""


async def test_failed_writes_are_reported_not_raised(people, make_app, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk I/O error")

    app = make_app(people)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(app, pilot)
        monkeypatch.setattr(contacts, "set_archived", broken)
        await pilot.press("a")
        await settle(pilot)
        assert app.is_running and any("kunde inte sparas" in t for t in notices(app))
        assert count(people, archived=True) == 0 and len(names(app.screen)) == 4
        monkeypatch.undo()
        await pilot.press("down", "delete")  # Zlatan has no history … until someone adds one meanwhile
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        add_participation(people, people.ids["Zlatan"], title="Labb")
        await pilot.press("y")
        await settle(pilot)
        assert app.is_running and any("har historik" in t for t in notices(app))
        assert count(people) == 4
