"""Pilot flows of one event's participant list: a new contact from the picker, roles and statuses of many, check-in and walk-ins, dietary needs, removing a mistake, the picker's first hit, opening a list from Översikt."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook
from sqlmodel import select
from textual.widgets import DataTable, Input, OptionList, Static

from shk_tui.db.models import Contact, Participation
from shk_tui.enums import ParticipationRole as PR
from shk_tui.enums import ParticipationStatus as PS
from shk_tui.ui.base.choice import ChoiceScreen
from shk_tui.ui.base.confirm import ConfirmScreen
from shk_tui.ui.events.checkin import CheckinScreen
from shk_tui.ui.events.participants import ParticipantsScreen
from shk_tui.ui.events.quick_contact import QuickContactScreen
from tests.helpers.events_pilot import (
    open_checkin,
    open_events,
    open_participants,
    save_export,
    seed_events,
    type_text,
)
from tests.helpers.tables import table_rows
from tests.ui.conftest import SIZE, notices, settle


async def test_inline_contact_marking_roles_checkin_and_exports(app_db, make_app, tmp_path):
    (tmp_path / "ut").mkdir()
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
        await open_checkin(pilot)
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
            path = await save_export(pilot, tmp_path / "ut")
            assert path.name.endswith(name)
            assert any(t.split("\n")[0].startswith("Sparade ") and t.split("\n")[0].endswith(f" i {path}")
                       for t in notices(app)), name
        assert any("specialkost" in t for t in notices(app, "warning"))
        files = {p.name.split("Styrelsemöte-", 1)[1]: p for p in (tmp_path / "ut").iterdir()}
        assert set(files) == {"deltagare-kansligt.xlsx", "kost.csv", "epost-anmäld.txt"}
        ws = load_workbook(files["deltagare-kansligt.xlsx"]).active
        assert ws.cell(1, 1).value.startswith("Känsliga personuppgifter (specialkost)")
        assert ws.cell(2, 2).value == "Styrelsemöte" and ws.cell(6, 8).value == "Signatur"
        rows = list(csv.reader(io.StringIO(files["kost.csv"].read_bytes()[3:].decode(), newline=""), delimiter=";"))
        assert ["Antal personer", "5"] in rows and ["vegetarisk", "3"] in rows
        assert files["epost-anmäld.txt"].read_text().count("@") == 5


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
        await open_checkin(pilot)
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
