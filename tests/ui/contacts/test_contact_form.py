"""The contact form on the form kit: every field and Save in view at 80×24 and 120×40, a visible
organisation type-ahead that never creates an organisation without a yes, Esc that asks on a
changed form, errors under their field with focus there, F1 listing the dialog's keys."""

from __future__ import annotations

import pytest
from sqlmodel import select
from textual.geometry import Region
from textual.widgets import Input, Label, Static

from shk_tui.db.models import Contact, Organisation
from shk_tui.services.contacts import contacts
from shk_tui.services.contacts.contacts import ContactInput
from shk_tui.ui.base.choice import ChoiceScreen
from shk_tui.ui.base.confirm import ConfirmScreen
from shk_tui.ui.base.help import HelpScreen
from shk_tui.ui.contacts.contact_form import ContactFormScreen
from shk_tui.ui.contacts.contacts import ContactsScreen
from tests.helpers.contacts_pilot import count, open_contacts
from tests.ui.conftest import SIZE, settle

LABELS = ["Förnamn *", "Efternamn", "Titel", "Organisation", "E-post", "Telefon", "Källa", "Anteckning",
          "Rättslig grund (GDPR)", "Datum för grunden"]


@pytest.fixture
def register(app_db):
    contacts.save(app_db, ContactInput(first_name="Anna", last_name="Andersson", email="anna@mdu.se",
                                       organisation="Eskilstuna kommun"))
    return app_db


async def new_form(app, pilot) -> ContactFormScreen:
    await open_contacts(app, pilot)
    await pilot.press("n")
    await settle(pilot)
    assert isinstance(app.screen, ContactFormScreen)
    return app.screen


def organisations(db) -> list[str]:
    with db.session() as s:
        return sorted(o.name for o in s.exec(select(Organisation)).all())


@pytest.mark.parametrize("size", [(80, 24), SIZE])
async def test_every_field_and_save_are_in_view(register, make_app, size):
    app = make_app(register)
    async with app.run_test(size=size) as pilot:
        form = await new_form(app, pilot)
        screen = Region(0, 0, *size)
        save = form.query_one("#form-save")
        labels = {str(label.render()): label for label in form.query(Label)}
        assert list(labels) == LABELS
        for label in labels.values():
            assert screen.contains_region(label.region) and label.region.height == 1, str(label.render())
        seen = []
        for _ in range(len(LABELS) - 1):  # tab from the first field to the last
            await pilot.press("tab")
            focused = app.focused
            seen.append(focused.id)
            assert screen.contains_region(focused.region) and focused.region.height == 1, focused
            assert screen.contains_region(save.region) and save.region.height == 1
        assert seen[-1] == "consent_on"


async def test_typing_in_the_organisation_field_shows_and_asks_before_creating(register, make_app):
    app = make_app(register)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await new_form(app, pilot)
        await pilot.press(*"Ola")
        org = form.query_one("#organisation", Input)
        org.focus()
        await pilot.press(*"Eskilstuna k")
        await pilot.pause(0.2)
        assert org.region.height == 1 and "Eskilstuna k" in org.render_line(0).text
        assert "Finns: Eskilstuna kommun" in str(form.query_one("#help-organisation", Static).render())
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)  # not silently created
        assert "Eskilstuna k" in str(app.screen.query_one("#confirm-title", Static).render())
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is form and app.focused is org
        assert "bekräfta" in str(form.query_one("#err-organisation", Static).render())
        assert organisations(register) == ["Eskilstuna kommun"] and count(register) == 1
        await pilot.press("enter")  # takes the completion shown
        assert org.value == "Eskilstuna kommun"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ContactsScreen)
        assert organisations(register) == ["Eskilstuna kommun"] and count(register) == 2


async def test_a_new_organisation_after_a_yes(register, make_app):
    app = make_app(register)
    async with app.run_test(size=SIZE) as pilot:
        form = await new_form(app, pilot)
        await pilot.press(*"Ola")
        form.query_one("#organisation", Input).value = "Region Sörmland"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, ContactsScreen)
    assert organisations(register) == ["Eskilstuna kommun", "Region Sörmland"]


async def test_escape_on_an_unchanged_form_closes(register, make_app):
    app = make_app(register)
    async with app.run_test(size=SIZE) as pilot:
        await new_form(app, pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ContactsScreen) and count(register) == 1


@pytest.mark.parametrize(("answer", "closed", "saved"), [("1", True, 2), ("2", True, 1), ("3", False, 1)])
async def test_escape_on_a_changed_form_asks(register, make_app, answer, closed, saved):
    """1 Spara saves and closes, 2 Kasta closes without saving, 3 Fortsätt redigera keeps the text."""
    app = make_app(register)
    async with app.run_test(size=SIZE) as pilot:
        form = await new_form(app, pilot)
        await pilot.press(*"Kim")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceScreen) and app.screen.question == "Spara ändringar?"
        assert [label for label, _ in app.screen.choices] == ["Spara", "Kasta", "Fortsätt redigera"]
        await pilot.press(answer)
        await settle(pilot)
        assert isinstance(app.screen, ContactsScreen) if closed else app.screen is form
        if not closed:
            assert form.query_one("#first_name", Input).value == "Kim"
        assert count(register) == saved


async def test_a_bad_field_shows_its_message_under_it_and_takes_the_focus(register, make_app):
    app = make_app(register)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await new_form(app, pilot)
        await pilot.press(*"Kim")
        email = form.query_one("#email", Input)
        email.value = "kim@@example"
        form.query_one("#consent_on", Input).focus()
        await pilot.press("ctrl+s")
        await settle(pilot)
        error = form.query_one("#err-email", Static)
        assert app.screen is form and app.focused is email
        assert "Ogiltig e-postadress" in str(error.render())
        assert error.region.y == email.region.bottom and error.content_region.x == email.region.x
        assert not form.query_one("#err-phone", Static).display and count(register) == 1


async def test_a_date_in_the_wrong_form_is_refused_before_saving(register, make_app):
    app = make_app(register)
    async with app.run_test(size=SIZE) as pilot:
        form = await new_form(app, pilot)
        await pilot.press(*"Kim")
        form.query_one("#consent_on", Input).value = "20 nov"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.focused is form.query_one("#consent_on", Input)
        assert "ÅÅÅÅ-MM-DD" in str(form.query_one("#err-consent_on", Static).render())
        assert count(register) == 1


async def test_f1_lists_the_dialogs_keys(register, make_app):
    app = make_app(register)
    async with app.run_test(size=SIZE) as pilot:
        form = await new_form(app, pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen) and app.screen.help_title == "Tangenter – Ny kontakt"
        keys = dict(app.screen.keys)
        assert keys["^s"] == "Spara" and keys["esc"] == "Avbryt" and keys["^o"] == "Öppna befintlig"
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is form


async def test_edit_keeps_the_stored_values_and_saves_changes(register, make_app):
    app = make_app(register)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(app, pilot)
        await pilot.press("enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ContactFormScreen)
        assert form.query_one("#organisation", Input).value == "Eskilstuna kommun"
        await pilot.press("escape")  # nothing changed: closes
        await settle(pilot)
        assert isinstance(app.screen, ContactsScreen)
    with register.session() as s:
        assert s.exec(select(Contact)).one().email == "anna@mdu.se"
