"""Evenemang at 120 columns and with awkward input: every column in view, input the database would
refuse shown beside the field, Å/Ä/Ö searches, a whole typed name at check-in, an event deleted
while its list is open."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import select
from textual.widgets import DataTable, Input, OptionList, Static

from shk_tui.db.models import Contact, Event, Participation
from shk_tui.enums import ParticipationStatus as PS
from shk_tui.ui.base.confirm import ConfirmScreen
from shk_tui.ui.events.checkin import CheckinScreen
from shk_tui.ui.events.event_form import EventFormScreen
from shk_tui.ui.events.participants import ParticipantsScreen
from tests.helpers.events_pilot import open_checkin, open_events, type_text
from tests.helpers.tables import table_rows
from tests.ui.conftest import SIZE, notices, settle


def fits(table: DataTable) -> bool:
    """Every column in view: the table needs no horizontal scrolling."""
    return table.virtual_size.width <= table.scrollable_content_region.width


def forum_with(db, starts_at: datetime, names: list[tuple[str, str]]) -> int:
    """An event "Forum" with these people anmälda; returns its id."""
    with db.session() as s:
        event = Event(title="Forum", starts_at=starts_at)
        s.add(event)
        s.flush()
        for first, last in names:
            c = Contact(first_name=first, last_name=last)
            s.add(c)
            s.flush()
            s.add(Participation(event_id=event.id, contact_id=c.id, status=PS.ANMALD))
        return event.id


async def test_event_list_and_participant_list_fit_120_columns(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_events(app, pilot)
        table = screen.query_one("#table", DataTable)
        assert table.row_count == 14 and fits(table)
        headings = [str(c.label) for c in table.columns.values()]
        assert headings == ["Datum", "v.", "Titel", "Typ", "Anmälda", "Status", "Plats", "Funktion", "Fokus"]
        rows = table_rows(table)
        # the cell keeps the whole title (drawn cut with … by the table)
        assert "Seminarium: följeforskning i Samhällskontraktet" in [r[2] for r in rows]
        forum = next(r for r in rows if r[2].startswith("Samhällsforum: Alla barn"))
        assert forum[0] == "2026-12-16" and forum[4] == "30/30 +3 res." and forum[8] == "Barn"

        table.move_cursor(row=[r[2] for r in rows].index(forum[2]))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ParticipantsScreen)
        pl = app.screen.query_one("#table", DataTable)
        assert fits(pl)
        heading = str(app.screen.query_one("#title", Static).render())
        assert "Aulan, MDU, Västerås · Planerad" in heading  # the city is not repeated


async def test_form_refuses_a_capacity_or_year_the_database_cannot_store(app_db, make_app):
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_events(app, pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, EventFormScreen)
        form.query_one("#f-title", Input).value = "Forum"
        form.query_one("#f-starts_at", Input).value = "0202-12-03 13:00"
        form.query_one("#f-capacity", Input).value = "99999999999"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        capacity = form.query_one("#err-capacity", Static)
        assert "högst 100 000 platser" in str(capacity.render())
        assert "mellan 1900 och 2999" in str(form.query_one("#err-starts_at", Static).render())
        # the message sits under its field, in full (a long one wraps instead of being cut)
        field = form.query_one("#f-capacity", Input)
        assert capacity.region.y == field.region.bottom and capacity.content_region.x == field.region.x
        assert capacity.content_region.width * capacity.content_region.height >= len("högst 100 000 platser")
        form.query_one("#f-starts_at", Input).value = "2026-12-03 13:00"
        form.query_one("#f-ends_at", Input).value = "2026-12-03 12:00"
        await pilot.press("ctrl+s")
        await settle(pilot)
        ends = form.query_one("#err-ends_at", Static)
        assert "efter starttiden" in str(ends.render()) and ends.region.height >= 1
        with app_db.session() as s:
            assert s.exec(select(Event)).all() == []


async def test_search_and_picker_fold_swedish_letters(app_db, make_app):
    with app_db.session() as s:
        s.add(Event(title="Träff på Öland", starts_at=datetime(2026, 12, 1, 9)))
        s.add(Event(title="Styrelsemöte", starts_at=datetime(2026, 12, 2, 9)))
        s.add(Contact(first_name="Per-Åke", last_name="ÖDMARK"))
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_events(app, pilot)
        await pilot.press("slash")
        await type_text(pilot, "öland")
        await settle(pilot)
        table = screen.query_one("#table", DataTable)
        assert [r[2] for r in table_rows(table)] == ["Träff på Öland"]
        await pilot.press("enter")  # back to the table
        await pilot.press("enter")  # open the list
        await settle(pilot)
        assert isinstance(app.screen, ParticipantsScreen)
        await pilot.press("a")
        await type_text(pilot, "per-åke")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        with app_db.session() as s:
            (part,) = s.exec(select(Participation)).all()
        assert part.status == PS.ANMALD
        assert [r[1] for r in table_rows(app.screen.query_one("#table", DataTable))] == ["Per-Åke ÖDMARK"]


async def test_check_in_takes_the_whole_typed_name_among_longer_ones(app_db, make_app):
    event_id = forum_with(app_db, datetime(2026, 11, 25, 13), [("Ann", "Ek"), ("Ann", "Eklund"), ("Anna", "Ekström")])
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_events(app, pilot)
        await pilot.press("enter")
        await settle(pilot)
        await open_checkin(pilot)
        assert isinstance(app.screen, CheckinScreen)
        await type_text(pilot, "ann ek")
        assert app.screen.query_one("#matches", OptionList).option_count == 3
        await pilot.press("enter")
        await settle(pilot)
        assert "✓ Ann Ek incheckad" in str(app.screen.query_one("#result", Static).render())
        with app_db.session() as s:
            checked = s.exec(
                select(Contact.last_name).join(Participation).where(
                    Participation.event_id == event_id, Participation.status == PS.DELTOG)
            ).all()
        assert checked == ["Ek"]


async def test_no_shows_of_an_event_deleted_meanwhile_is_a_message(app_db, make_app):
    event_id = forum_with(app_db, datetime(2026, 11, 20, 13), [("Åsa", "Öberg")])
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_events(app, pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        with app_db.session() as s:  # someone else deletes the event
            s.delete(s.get(Event, event_id))
        await pilot.press("y")
        await settle(pilot)
        assert app.screen is screen and app.is_running
        assert any("finns inte" in t for t in notices(app))


async def test_form_labels_sit_in_their_rows(app_db, make_app):
    """Every section's stylesheet is loaded app-wide; another sheet's .form-label once pushed the
    event form's labels below their one-line rows, so the form showed fields without names."""
    from textual.widgets import Label

    from shk_tui.ui.events.quick_contact import QuickContactScreen

    with app_db.session() as s:
        s.add(Event(title="Forum", starts_at=datetime(2026, 12, 1, 9)))
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_events(app, pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, EventFormScreen)
        labels = [lab for lab in form.query(Label) if str(lab.render())]
        assert "Titel *" in [str(lab.render()) for lab in labels]
        for lab in labels:
            assert lab.region.height == 1 and lab.region.y == lab.parent.region.y, str(lab.render())
        await pilot.press("escape")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("a")
        await type_text(pilot, "ny person")
        await settle(pilot)
        await pilot.press("enter")  # no such contact: the quick form opens
        await settle(pilot)
        quick = app.screen
        assert isinstance(quick, QuickContactScreen)
        labels = [lab for lab in quick.query(Label) if str(lab.render())]
        assert "E-post" in [str(lab.render()) for lab in labels]
        for lab in labels:
            assert lab.region.height == 1 and lab.region.y == lab.parent.region.y, str(lab.render())
