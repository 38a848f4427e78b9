"""More Evenemang flows: filters and search, edit, duplicate with the invitation list, inline new
contact from the picker, status/role of many with space, ambiguous check-in, exports with x, the
period follow-up, opening a list from Översikt, and the example data."""

from __future__ import annotations

import csv
import io
from datetime import datetime

from openpyxl import load_workbook
from sqlmodel import select
from textual.widgets import Checkbox, DataTable, Input, OptionList, Select, Static

from shk_tui.db.models import Contact, Event, Participation
from shk_tui.enums import ParticipationRole as PR
from shk_tui.enums import ParticipationStatus as PS
from shk_tui.ui.base.choice import ChoiceScreen
from shk_tui.ui.base.confirm import ConfirmScreen
from shk_tui.ui.events.checkin import CheckinScreen
from shk_tui.ui.events.event_form import EventFormScreen
from shk_tui.ui.events.events import EventsScreen
from shk_tui.ui.events.followup import FollowupScreen
from shk_tui.ui.events.participants import ParticipantsScreen
from shk_tui.ui.events.quick_contact import QuickContactScreen
from tests.helpers.tables import table_rows
from tests.ui.conftest import SIZE, notices, settle
from tests.ui.events.test_events_flow import seed_people, type_text


def seed_events(db) -> dict[str, int]:
    seed_people(db)
    with db.session() as s:
        board = Event(title="Styrelsemöte", kind="styrelsemöte", starts_at=datetime(2026, 12, 9, 9),
                      ends_at=datetime(2026, 12, 9, 12), location="MDU", city="Västerås", capacity=12)
        lab = Event(title="Labb: Åldrande", kind="labb", starts_at=datetime(2026, 10, 2, 13), city="Eskilstuna",
                    focus_area="aldre")
        s.add_all([board, lab])
        s.flush()
        people = s.exec(select(Contact)).all()
        for c in people:
            s.add(Participation(event_id=board.id, contact_id=c.id, status=PS.ANMALD,
                                registered_at=datetime(2026, 11, 20, 10), dietary="vegetarisk" if c.id % 2 else None))
        return {"board": board.id, "lab": lab.id}


async def open_events(app, pilot) -> EventsScreen:
    await settle(pilot)
    if isinstance(app.screen, ConfirmScreen):
        await pilot.press("n")
    await pilot.press("4")
    await settle(pilot)
    assert isinstance(app.screen, EventsScreen)
    return app.screen


async def open_participants(app, pilot, event_id: int):
    """Evenemang, then the participant list of ``event_id``."""
    screen = await open_events(app, pilot)
    screen.open_participants(event_id)
    await settle(pilot)
    return app.screen


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


async def test_inline_contact_marking_roles_checkin_and_exports(app_db, make_app, tmp_path, monkeypatch):
    monkeypatch.setenv("SHK_EXPORT_DIR", str(tmp_path / "ut"))
    ids = seed_events(app_db)
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_events(app, pilot)
        app.screen.show_item(ids["board"])  # as Översikt does
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ParticipantsScreen)
        # a person who is not in the contacts yet
        await pilot.press("b")
        await type_text(pilot, "anna lindqvist")
        await settle(pilot)
        options = screen.query_one("#picker OptionList", OptionList)
        assert str(options.get_option_at_index(options.option_count - 1).prompt) == "+ Ny kontakt: anna lindqvist"
        options.highlighted = options.option_count - 1
        await pilot.press("enter")
        await settle(pilot)
        quick = app.screen
        assert isinstance(quick, QuickContactScreen)
        assert quick.query_one("#q-first_name", Input).value == "Anna"
        assert quick.query_one("#q-last_name", Input).value == "Lindqvist"
        quick.query_one("#q-email", Input).value = "fel-adress"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Ogiltig e-postadress" in str(quick.query_one("#qerr-email", Static).render())
        quick.query_one("#q-email", Input).value = "anna.lindqvist@ex.se"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        await pilot.press("escape")
        await settle(pilot)
        with app_db.session() as s:
            anna = s.exec(select(Contact).where(Contact.last_name == "Lindqvist")).one()
            p = s.exec(select(Participation).where(Participation.contact_id == anna.id)).one()
        assert p.status == PS.INBJUDEN and anna.source.startswith("Evenemang: Styrelsemöte")
        table = screen.query_one("#table", DataTable)
        assert table.row_count == 6

        # mark two with space, give them a role, undo
        table.move_cursor(row=0)
        await pilot.press("space", "space")
        assert "markerade 2" in str(screen.query_one("#counts", Static).render())
        assert [r[0] for r in table_rows(table)][:2] == ["✓", "✓"]
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceScreen)
        app.screen.query_one(OptionList).highlighted = list(PR).index(PR.TALARE)
        await pilot.press("enter")
        await settle(pilot)
        with app_db.session() as s:
            roles = sorted(p.role for p in s.exec(select(Participation)).all())
        assert roles.count(PR.TALARE) == 2
        assert [r[4] for r in table_rows(table)][:2] == ["Talare", "Talare"]
        await pilot.press("ctrl+z")
        await settle(pilot)
        with app_db.session() as s:
            assert PR.TALARE not in {p.role for p in s.exec(select(Participation)).all()}

        # ambiguous check-in shows a list; choosing checks in that person
        await pilot.press("i")
        await settle(pilot)
        checkin = app.screen
        assert isinstance(checkin, CheckinScreen)
        await type_text(pilot, "s")
        await pilot.press("enter")
        matches = checkin.query_one("#matches", OptionList)
        assert matches.option_count >= 2 and "träffar" in str(checkin.query_one("#result", Static).render())
        chosen = matches.get_option_at_index(0).id
        await pilot.press("enter")
        await settle(pilot)
        with app_db.session() as s:
            assert s.get(Participation, int(chosen)).status == PS.DELTOG
        assert "Incheckade 1 av 5" in str(checkin.query_one("#counts", Static).render())
        await pilot.press("ctrl+z")
        with app_db.session() as s:
            assert s.get(Participation, int(chosen)).status == PS.ANMALD
        await pilot.press("escape")
        await settle(pilot)

        # exports
        # (the list names people's dietary needs: marked sensitive in its name, first row and the notice)
        for label_index, name in ((1, "deltagare-kansligt.xlsx"), (6, "kost.csv"), (2, "epost-anmäld.txt")):
            await pilot.press("x")
            await settle(pilot)
            app.screen.query_one(OptionList).highlighted = label_index
            await pilot.press("enter")
            await settle(pilot)
            assert any(t.split("\n")[0].endswith(name) for t in notices(app)), name
        assert any("specialkost" in t for t in notices(app, "warning"))
        files = {p.name.split("Styrelsemöte-", 1)[1]: p for p in (tmp_path / "ut").iterdir()}
        assert set(files) == {"deltagare-kansligt.xlsx", "kost.csv", "epost-anmäld.txt"}
        ws = load_workbook(files["deltagare-kansligt.xlsx"]).active
        assert ws.cell(1, 1).value.startswith("Känsliga personuppgifter (specialkost)")
        assert ws.cell(2, 2).value == "Styrelsemöte" and ws.cell(6, 8).value == "Signatur"
        rows = list(csv.reader(io.StringIO(files["kost.csv"].read_bytes()[3:].decode(), newline=""), delimiter=";"))
        assert ["Antal personer", "5"] in rows and ["vegetarisk", "3"] in rows
        assert files["epost-anmäld.txt"].read_text().count("@") == 5


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

    monkeypatch.setenv("SHK_EXPORT_DIR", str(tmp_path / "ut"))
    ids = seed_events(app_db)
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_events(app, pilot)
        await pilot.press("X")
        await settle(pilot)
        (ics,) = (tmp_path / "ut").iterdir()
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


async def test_dietary_needs_and_removing_a_mistake(app_db, make_app):
    from shk_tui.ui.base.text_input import TextInputScreen

    ids = seed_events(app_db)
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_participants(app, pilot, ids["board"])
        pl = app.screen
        table = pl.query_one("#table", DataTable)
        first = table_rows(table)[0][1]
        await pilot.press("k")
        await settle(pilot)
        assert isinstance(app.screen, TextInputScreen)
        app.screen.query_one(Input).value = "Glutenfri,  laktosfri"
        await pilot.press("enter")
        await settle(pilot)
        assert table_rows(table)[0][5] == "Glutenfri, laktosfri"
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert table_rows(table)[0][5] != "Glutenfri, laktosfri"
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert table.row_count == 5
        await pilot.press("delete")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert table.row_count == 4 and first not in [r[1] for r in table_rows(table)]
        with app_db.session() as s:
            assert len(s.exec(select(Participation).where(Participation.event_id == ids["board"])).all()) == 4


async def test_overview_row_opens_the_participant_list(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        overview = app.screen
        item = next(i for i, it in enumerate(overview.row_items)
                    if it is not None and it.category == "Obesvarade inbjudningar")
        overview.table.move_cursor(row=item)
        await overview.action_open()
        await settle(pilot)
        assert isinstance(app.screen, ParticipantsScreen)
        assert app.screen.event_id == overview.row_items[item].target_id
        assert "inbjuden" in str(app.screen.query_one("#counts", Static).render())


async def test_walk_in_is_added_and_checked_in(app_db, make_app):
    ids = seed_events(app_db)
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_participants(app, pilot, ids["board"])
        await pilot.press("i")
        await settle(pilot)
        checkin = app.screen
        await type_text(pilot, "nils holm")
        await pilot.press("enter")
        assert "ctrl+n" in str(checkin.query_one("#result", Static).render())
        await pilot.press("ctrl+n")
        await settle(pilot)
        options = checkin.query_one("#picker OptionList", OptionList)
        assert str(options.get_option_at_index(options.option_count - 1).prompt) == "+ Ny kontakt: nils holm"
        options.highlighted = options.option_count - 1
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, QuickContactScreen)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is checkin
        assert "Nils Holm incheckad" in str(checkin.query_one("#result", Static).render())
        assert "Incheckade 1 av 6" in str(checkin.query_one("#counts", Static).render())
        with app_db.session() as s:
            nils = s.exec(select(Contact).where(Contact.first_name == "Nils")).one()
            p = s.exec(select(Participation).where(Participation.contact_id == nils.id)).one()
        assert p.event_id == ids["board"] and p.status == PS.DELTOG and p.checked_in_at is not None


async def test_edit_event_from_the_list_and_kind_table_in_follow_up(app_db, make_app, tmp_path, monkeypatch):
    monkeypatch.setenv("SHK_EXPORT_DIR", str(tmp_path / "ut"))
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
        (exported,) = (tmp_path / "ut").iterdir()
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


async def test_picker_enter_before_the_search_returns_takes_the_first_hit(app_db, make_app):
    ids = seed_events(app_db)
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_participants(app, pilot, ids["lab"])
        pl = app.screen
        await pilot.press("a")
        for query in ("åsa", "bengt", "cecilia"):  # no waiting for the search between key and enter
            await type_text(pilot, query)
            await pilot.press("enter")
        await settle(pilot)
        assert sorted(r[1] for r in table_rows(pl.query_one("#table", DataTable))) == [
            "Bengt Lind", "Cecilia Ek", "Åsa Öberg"]


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
