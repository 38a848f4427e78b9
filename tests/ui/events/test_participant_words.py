"""Words of the participant list and check-in that must agree with what happened (issue #15): a
status or role change names whom it is for, and only someone who was on the reserve list is said
to have been on it when checked in."""

from __future__ import annotations

from sqlmodel import select
from textual.widgets import DataTable, OptionList, Static

from shk_tui.db.models import Event, Participation
from shk_tui.enums import ParticipationStatus as PS
from shk_tui.services.contacts import contacts
from shk_tui.services.contacts.contacts import ContactInput
from shk_tui.ui.base.choice import ChoiceScreen
from shk_tui.ui.base.confirm import ConfirmScreen
from shk_tui.ui.events.checkin import CheckinScreen
from tests.helpers.events_pilot import open_checkin, open_participants, seed_events, type_text
from tests.helpers.tables import table_rows
from tests.ui.conftest import SIZE, settle


def _full_board(db) -> dict[str, int]:
    """The board meeting with its five registered people and no seat left."""
    ids = seed_events(db)
    with db.session() as s:
        board = s.get(Event, ids["board"])
        board.capacity = 5
        s.add(board)
    return ids


async def _title_after(pilot, key: str) -> str:
    await pilot.press(key)
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, ChoiceScreen)
    title = str(dialog.query_one(".form-title", Static).render())
    await pilot.press("escape")
    await settle(pilot)
    return title


async def _yes_beyond_capacity(pilot, name: str) -> None:
    """The board meeting is full: check-in asks before seating someone beyond the capacity."""
    question = pilot.app.screen
    assert isinstance(question, ConfirmScreen), question
    assert f"Checka in {name} ändå? Det blir 6/5 platser (1 över)" in str(
        question.query_one("#confirm-text", Static).render())
    await pilot.press("y")
    await settle(pilot)


async def test_status_and_role_dialogs_name_the_people(app_db, make_app):
    ids = seed_events(app_db)
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_participants(app, pilot, ids["board"])
        table = screen.query_one("#table", DataTable)
        names = [r[1] for r in table_rows(table)]
        table.move_cursor(row=0)
        assert await _title_after(pilot, "s") == f"Ny status för {names[0]}"
        assert await _title_after(pilot, "r") == f"Ny roll för {names[0]}"
        await pilot.press("space", "space")
        assert await _title_after(pilot, "r") == f"Ny roll för 2 deltagare: {names[0]}, {names[1]}"
        await pilot.press("space")
        assert await _title_after(pilot, "s") == f"Ny status för 3 deltagare: {names[0]}, {names[1]}, …"


async def test_walk_in_at_a_full_event_is_not_said_to_have_been_on_the_reserve_list(app_db, make_app):
    ids = _full_board(app_db)
    contacts.save(app_db, ContactInput(first_name="Nils", last_name="Holmgren"))
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_participants(app, pilot, ids["board"])
        await open_checkin(pilot)
        checkin = app.screen
        assert isinstance(checkin, CheckinScreen)
        await type_text(pilot, "nils")
        await pilot.press("ctrl+n")
        await settle(pilot)
        options = checkin.query_one("#picker OptionList", OptionList)
        assert "Nils Holmgren" in str(options.get_option_at_index(0).prompt)
        options.highlighted = 0
        await pilot.press("enter")
        await settle(pilot)
        await _yes_beyond_capacity(pilot, "Nils Holmgren")
        result = str(checkin.query_one("#result", Static).render())
        assert "✓ Nils Holmgren incheckad" in result and "reservlistan" not in result
        assert "1 över kapaciteten" in result


async def test_someone_on_the_reserve_list_is_said_to_have_been_on_it(app_db, make_app):
    ids = _full_board(app_db)
    eva = contacts.save(app_db, ContactInput(first_name="Nils", last_name="Holmgren"))
    with app_db.session() as s:
        s.add(Participation(event_id=ids["board"], contact_id=eva, status=PS.RESERV))
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_participants(app, pilot, ids["board"])
        await open_checkin(pilot)
        checkin = app.screen
        await type_text(pilot, "nils")
        await pilot.press("enter")
        await settle(pilot)
        await _yes_beyond_capacity(pilot, "Nils Holmgren")
        assert "(var på reservlistan)" in str(checkin.query_one("#result", Static).render())
    with app_db.session() as s:
        assert s.exec(select(Participation).where(Participation.contact_id == eva)).one().status == PS.DELTOG
