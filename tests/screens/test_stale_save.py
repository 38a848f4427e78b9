"""A save based on a row someone else changed meanwhile: the form stays open with the Swedish message
and what differs, the database keeps the other change, and "Ja" reloads the form with the values now."""

from __future__ import annotations

from textual.widgets import Input, Static

from shk_tui.screens.confirm import ConfirmScreen
from shk_tui.screens.contact_form import ContactFormScreen
from shk_tui.services import contacts
from shk_tui.services.contacts import ContactInput
from tests.screens.conftest import SIZE, settle

STALE = "Posten har ändrats av någon annan sedan du öppnade den"


def text_of(screen) -> str:
    return "\n".join(str(w.render()) for w in screen.query(Static))


async def open_modal(app, pilot, screen) -> None:
    await settle(pilot)
    app.push_screen(screen)
    await settle(pilot)
    assert app.screen is screen


async def test_contact_form_stale_save_offers_reload(app_db, make_app):
    db = app_db
    cid = contacts.save(db, ContactInput(first_name="Anna", last_name="Berg", title="Lektor"))
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        form = ContactFormScreen(cid)
        await open_modal(app, pilot, form)
        contacts.save(db, ContactInput(first_name="Anna", last_name="Berg", title="Professor"), cid)
        form.query_one("#phone", Input).value = "070-123 45 67"
        await pilot.press("ctrl+s")
        await settle(pilot)
        question = app.screen
        assert isinstance(question, ConfirmScreen)
        shown = text_of(question)
        assert STALE in shown and "Ladda om?" in shown and "Titel: Lektor → Professor" in shown
        assert form in app.screen_stack  # still open underneath
        detail = contacts.get(db, cid)
        assert detail.title == "Professor" and detail.phone == ""
        await pilot.press("n")  # keep the form as typed
        await settle(pilot)
        assert app.screen is form and form.query_one("#phone", Input).value == "070-123 45 67"
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("y")  # reload
        await settle(pilot)
        assert app.screen is form
        assert form.query_one("#title", Input).value == "Professor"
        assert form.query_one("#phone", Input).value == ""
        form.query_one("#note", Input).value = "Efter omladdning"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is not form
    detail = contacts.get(db, cid)
    assert detail.note == "Efter omladdning" and detail.title == "Professor"
