"""A save based on a row someone else changed meanwhile: the form stays open with the Swedish message
and what differs, the database keeps the other change, and "Ja" reloads the form with the values now."""

from __future__ import annotations

from textual.widgets import Input, Static

from shk_tui.services.contacts import contacts
from shk_tui.services.contacts.contacts import ContactInput
from shk_tui.ui.base.confirm import ConfirmScreen
from shk_tui.ui.contacts.contact_form import ContactFormScreen
from tests.ui.conftest import SIZE, open_section, settle

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


async def test_contract_form_stale_save_keeps_the_archiving_and_reloads(app_db, make_app):
    from shk_tui.services.contracts import contract_edit, contracts
    from shk_tui.ui.contracts.contract_form import ContractFormScreen
    from tests.ui.conftest import TODAY

    db = app_db
    cid = contract_edit.save_contract(db, {"title": "Samarbete", "status": "aktivt"})
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        form = ContractFormScreen(db, cid)
        await open_modal(app, pilot, form)
        contract_edit.archive_contract(db, cid, "2026-11-20", "Registraturen", TODAY)
        form.query_one("#in-note", Input).value = "Min anteckning"
        await pilot.press("ctrl+s")
        await settle(pilot)
        question = app.screen
        assert isinstance(question, ConfirmScreen)
        shown = text_of(question)
        assert STALE in shown and "Arkiverat: – → 2026-11-20" in shown and "Status: Aktivt → Avslutat" in shown
        assert form in app.screen_stack
        assert contracts.get_contract(db, cid, TODAY).archived_on is not None  # not un-archived
        await pilot.press("y")
        await settle(pilot)
        assert app.screen is form
        assert form.query_one("#in-archived_on", Input).value == "2026-11-20"
        assert form.query_one("#in-note", Input).value == ""
        form.query_one("#in-note", Input).value = "Efter omladdning"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is not form
    detail = contracts.get_contract(db, cid, TODAY)
    assert detail.note == "Efter omladdning" and detail.archived_on is not None


async def test_budget_figure_stale_save_offers_reload(app_db, make_app):
    from shk_tui.services.budget import budget
    from shk_tui.ui.budget.budget_figure import BudgetFigureScreen

    db = app_db
    line = budget.add_line(db, "Personal", "kostnader")
    budget.set_figure(db, line, 2026, "budget", "100 000")
    cell = budget.table(db, [2026]).rows[0].cells[2026]
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        dialog = BudgetFigureScreen(line, "Personal", 2026, "budget", cell)
        await open_modal(app, pilot, dialog)
        budget.set_figure(db, line, 2026, "budget", "120 000")
        dialog.query_one("#amount", Input).value = "90 000"
        await pilot.press("enter")
        await settle(pilot)
        question = app.screen
        assert isinstance(question, ConfirmScreen)
        assert STALE in text_of(question) and "Budget: 90 000 kr → 120 000 kr" in text_of(question)
        assert budget.table(db, [2026]).rows[0].cells[2026].budget_ore == 12_000_000
        await pilot.press("y")
        await settle(pilot)
        assert app.screen is dialog and dialog.query_one("#amount", Input).value == "120 000"
        dialog.query_one("#amount", Input).value = "95 000"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is not dialog
    assert budget.table(db, [2026]).rows[0].cells[2026].budget_ore == 9_500_000


async def test_event_form_stale_save_offers_reload(app_db, make_app):
    from shk_tui.services.events import event_edit
    from shk_tui.ui.events.event_form import EventFormScreen
    from shk_tui.ui.events.events import EventsScreen

    db = app_db
    eid = event_edit.save_event(db, {"title": "Samverkansdag", "starts_at": "2026-12-10 09:00", "kind": "möte",
                                     "location": "Västerås"})
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, "4", EventsScreen)
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, EventFormScreen)
        values = event_edit.get_event(db, eid).form_values()
        event_edit.save_event(db, {**values, "location": "Eskilstuna"}, eid)  # someone else, meanwhile
        form.query_one("#f-title", Input).value = "Samverkansdag 2"
        await pilot.press("ctrl+s")
        await settle(pilot)
        question = app.screen
        assert isinstance(question, ConfirmScreen)
        assert STALE in text_of(question) and "Eskilstuna" in text_of(question)
        assert form in app.screen_stack
        assert event_edit.get_event(db, eid).title == "Samverkansdag"
        await pilot.press("y")
        await settle(pilot)
        assert app.screen is form
        assert form.query_one("#f-location", Input).value == "Eskilstuna"
        form.query_one("#f-title", Input).value = "Samverkansdag 2"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is not form
    detail = event_edit.get_event(db, eid)
    assert detail.title == "Samverkansdag 2" and detail.location == "Eskilstuna"
