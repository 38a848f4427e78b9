"""More Evenemang flows: filters and search, edit, duplicate with the invitation list, inline new
contact from the picker, status/role of many with space, ambiguous check-in, exports with x, the
period follow-up, opening a list from Översikt, and the example data."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import select
from textual.widgets import Checkbox, DataTable, Input, Select, Static

from shk_tui.db.models import Event, Participation
from shk_tui.enums import ParticipationStatus as PS
from shk_tui.ui.base.confirm import ConfirmScreen
from shk_tui.ui.events.event_form import EventFormScreen
from shk_tui.ui.events.events import EventsScreen
from shk_tui.ui.events.followup import FollowupScreen
from shk_tui.ui.events.participants import ParticipantsScreen
from tests.helpers.events_pilot import open_events, open_participants, save_export, seed_events, type_text
from tests.helpers.tables import table_rows
from tests.ui.conftest import SIZE, notices, settle


async def test_filters_search_and_edit(app_db, make_app):
    ids = seed_events(app_db)
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_events(app, pilot)
        table = screen.query_one("#table", DataTable)
        assert [r[2] for r in table_rows(table)] == ["Styrelsemöte", "Labb: Åldrande"]
        assert table_rows(table)[0][4] == "5/12"
        screen.query_one("#period", Select).value = "tidigare"
        await settle(pilot)
        assert [r[2] for r in table_rows(table)] == ["Labb: Åldrande"]
        screen.query_one("#period", Select).value = "alla"
        screen.query_one("#focus", Select).value = "aldre"
        await settle(pilot)
        assert [r[2] for r in table_rows(table)] == ["Labb: Åldrande"]
        screen.query_one("#focus", Select).clear()
        await pilot.press("slash")
        await type_text(pilot, "styr")
        await settle(pilot)
        assert [r[2] for r in table_rows(table)] == ["Styrelsemöte"]
        assert "1 rad" in str(screen.query_one("#count", Static).render())
        await pilot.press("enter")  # back to the table
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, EventFormScreen)
        assert form.query_one("#f-title", Input).value == "Styrelsemöte"
        form.query_one("#f-capacity", Input).value = "tolv"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "heltal" in str(form.query_one("#err-capacity", Static).render())
        form.query_one("#f-capacity", Input).value = "20"
        form.query_one("#f-title", Input).value = "Styrelsemöte december"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        screen.query_one("#search", Input).value = ""
        await settle(pilot)
        assert table_rows(table)[0][2] == "Styrelsemöte december" and table_rows(table)[0][4] == "5/20"
        with app_db.session() as s:
            assert s.get(Event, ids["board"]).capacity == 20


async def test_duplicate_with_invitation_list(app_db, make_app):
    ids = seed_events(app_db)
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_events(app, pilot)
        await pilot.press("y")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, EventFormScreen)
        assert form.query_one("#f-starts_at", Input).value == "2026-12-16 09:00"
        form.query_one("#f-copy_list", Checkbox).value = True
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        with app_db.session() as s:
            copy = s.exec(select(Event).where(Event.starts_at == datetime(2026, 12, 16, 9))).one()
            invited = s.exec(select(Participation).where(Participation.event_id == copy.id)).all()
        assert copy.id != ids["board"] and copy.title == "Styrelsemöte" and copy.capacity == 12
        assert len(invited) == 5 and {p.status for p in invited} == {PS.INBJUDEN}
        assert [r[2] for r in table_rows(screen.query_one("#table", DataTable))][:2] == [
            "Styrelsemöte", "Styrelsemöte"]




async def test_period_follow_up_from_the_event_list(app_db, make_app):
    ids = seed_events(app_db)
    with app_db.session() as s:
        for p in s.exec(select(Participation).where(Participation.event_id == ids["board"])).all():
            s.add(Participation(event_id=ids["lab"], contact_id=p.contact_id,
                                status=PS.DELTOG if p.contact_id % 2 else PS.UTEBLEV))
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_events(app, pilot)
        screen.query_one("#period", Select).value = "i_ar"
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        fu = app.screen
        assert isinstance(fu, FollowupScreen)
        assert fu.query_one("#from", Input).value == "2026-01-01"
        assert fu.query_one("#to", Input).value == "2026-12-31"
        summary = str(fu.query_one("#summary", Static).render())
        assert "2 evenemang" in summary and "deltog 3" in summary and "60 %" in summary
        per_event = table_rows(fu.query_one("#events", DataTable))
        assert per_event[0] == ["2026-10-02 Labb: Åldrande", "3", "2", "60 %"]
        fu.query_one("#from", Input).value = "2026-12-01"
        fu.query_one("#to", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert "deltog 0" in str(fu.query_one("#summary", Static).render())
        await pilot.press("escape")
        await settle(pilot)
        screen.query_one("#focus", Select).value = "aldre"
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        fu = app.screen
        assert "Välmående och självständiga äldre" in str(fu.query_one("#title", Static).render())
        assert "deltog 3" in str(fu.query_one("#summary", Static).render())
        assert len(table_rows(fu.query_one("#events", DataTable))) == 1
        fu.query_one("#to", Input).value = "igår"
        fu.query_one("#to", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert any("Ogiltigt datum" in t for t in notices(app))


async def test_example_data_in_the_event_list(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_events(app, pilot)
        rows = table_rows(screen.query_one("#table", DataTable))
        assert any(r[2] == "Styrelsemöte" for r in rows)
        assert rows[0][0] >= "2026-11-25"  # upcoming first
        full = next(r for r in rows if "res." in r[4])
        screen.query_one("#table", DataTable).move_cursor(row=rows.index(full))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ParticipantsScreen)
        assert "reserv 3" in str(app.screen.query_one("#counts", Static).render())


async def test_calendar_of_the_filtered_list_and_status_by_number(app_db, make_app, tmp_path, monkeypatch):
    from icalendar import Calendar

    ids = seed_events(app_db)
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_events(app, pilot)
        await pilot.press("X")
        await settle(pilot)
        ics = await save_export(pilot)  # the default: the documents folder, not a hidden data folder
        assert ics == tmp_path / "Dokument" / "evenemang-2026-11-25.ics"
        assert notices(app)[-1] == f"Sparade kalenderfilen med 2 evenemang i {ics}"
        assert sorted(str(e["summary"]) for e in Calendar.from_ical(ics.read_bytes()).walk("VEVENT")) == [
            "Labb: Åldrande", "Styrelsemöte"]
        screen.open_participants(ids["board"])
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        await pilot.press(str(list(PS).index(PS.DELTOG) + 1))  # number keys choose in the list
        await settle(pilot)
        assert isinstance(app.screen, ParticipantsScreen)
        with app_db.session() as s:
            came = s.exec(select(Participation).where(Participation.status == PS.DELTOG)).all()
        assert len(came) == 1 and came[0].checked_in_at is not None








async def test_edit_event_from_the_list_and_kind_table_in_follow_up(app_db, make_app, tmp_path, monkeypatch):
    ids = seed_events(app_db)
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_participants(app, pilot, ids["board"])
        pl = app.screen
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, EventFormScreen)
        form.query_one("#f-booking_note", Input).value = "Lunch beställd"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is pl
        assert "Bokning: Lunch beställd" in str(pl.query_one("#title", Static).render())
        table = pl.query_one("#table", DataTable)
        by_name = [r[1] for r in table_rows(table)]
        assert by_name == ["Cecilia Ek", "David Holm", "Bengt Lind", "Eva Sjöberg", "Åsa Öberg"]
        await pilot.press("o", "o")  # status, then organisation
        assert [r[2] for r in table_rows(table)] == [
            "Eskilstuna kommun", "MDU", "Röda Korset", "Västerås stad", "Västerås stad"]
        await pilot.press("o", "o")  # registration time, then back to names
        assert [r[1] for r in table_rows(table)] == by_name
        await pilot.press("u")
        await settle(pilot)
        kinds = table_rows(app.screen.query_one("#kind", DataTable))
        assert kinds == [["Strategisk part", "4", "80 %"], ["Civilsamhälle", "1", "20 %"]]
        assert "ingen närvaro uppföljd" in str(app.screen.query_one("#noshow-heading", Static).render())
        await pilot.press("x")
        await settle(pilot)
        (tmp_path / "ut").mkdir()
        exported = await save_export(pilot, tmp_path / "ut")
        assert notices(app)[-1] == f"Sparade uppföljningen i {exported}"
        assert exported.name.startswith("uppfoljning-") and "Strategisk part;4" in exported.read_bytes().decode()


async def test_long_list_loads_the_next_page_near_the_end(app_db, make_app, monkeypatch):
    monkeypatch.setattr(EventsScreen, "PAGE", 10)
    with app_db.session() as s:
        s.add_all(Event(title=f"Möte {i:02d}", starts_at=datetime(2027, 1, 1 + i, 9)) for i in range(25))
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_events(app, pilot)
        table = screen.query_one("#table", DataTable)
        assert table.row_count == 10
        assert "Visar 10 av 25" in str(screen.query_one("#count", Static).render())
        await pilot.press("ctrl+end")
        await settle(pilot)
        assert table.row_count == 20
        await pilot.press("ctrl+end")
        await settle(pilot)
        assert table.row_count == 25 and "25 rader" in str(screen.query_one("#count", Static).render())
        assert [r[2] for r in table_rows(table)] == [f"Möte {i:02d}" for i in range(25)]




async def test_delete_an_event_after_confirming(app_db, make_app):
    ids = seed_events(app_db)
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_events(app, pilot)
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "5 personer" in str(app.screen.query_one("#confirm-text", Static).render())
        await pilot.press("n")
        await settle(pilot)
        assert screen.query_one("#table", DataTable).row_count == 2
        await pilot.press("delete")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert [r[2] for r in table_rows(screen.query_one("#table", DataTable))] == ["Labb: Åldrande"]
        with app_db.session() as s:
            assert s.get(Event, ids["board"]) is None
