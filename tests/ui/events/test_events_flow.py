"""Pilot flows of Evenemang: create an event, add people by type-ahead, capacity → reserv, cancel →
promotion offered, check-in, mark the rest uteblev, follow-up numbers; bad input saves nothing."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import select
from textual.widgets import DataTable, Input, OptionList, Static

from shk_tui.db.models import Contact, Event, Participation
from shk_tui.enums import ParticipationStatus as PS
from shk_tui.ui.base.confirm import ConfirmScreen
from shk_tui.ui.events.checkin import CheckinScreen
from shk_tui.ui.events.event_form import EventFormScreen
from shk_tui.ui.events.events import EventsScreen
from shk_tui.ui.events.followup import FollowupScreen
from shk_tui.ui.events.participants import ParticipantsScreen
from shk_tui.ui.widgets.bar_chart import BarChart
from tests.helpers.events_pilot import open_checkin, seed_people, type_text
from tests.helpers.tables import table_rows
from tests.ui.conftest import SIZE, settle


async def test_event_from_creation_to_follow_up(app_db, make_app):
    seed_people(app_db)
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        if isinstance(app.screen, ConfirmScreen):  # the first-run offer of example data
            await pilot.press("n")
        await pilot.press("4")
        await settle(pilot)
        assert isinstance(app.screen, EventsScreen)

        # bad input: nothing saved, messages beside the fields
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, EventFormScreen)
        form.query_one("#f-title", Input).value = ""
        form.query_one("#f-starts_at", Input).value = "2026-12-03 13:00"
        form.query_one("#f-ends_at", Input).value = "2026-12-03 12:00"
        form.query_one("#f-capacity", Input).value = "-1"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert "Titel måste anges" in str(form.query_one("#err-title", Static).render())
        assert "efter starttiden" in str(form.query_one("#err-ends_at", Static).render())
        assert "0 eller mer" in str(form.query_one("#err-capacity", Static).render())
        with app_db.session() as s:
            assert s.exec(select(Event)).all() == []

        # good input
        form.query_one("#f-title", Input).value = "Samhällsforum om äldres hälsa"
        form.query_one("#f-ends_at", Input).value = "2026-12-03 16:00"
        form.query_one("#f-capacity", Input).value = "3"
        form.query_one("#f-location", Input).value = "Aros Congress Center"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, EventsScreen)
        table = app.screen.query_one("#table", DataTable)
        rows = table_rows(table)
        assert rows[0][:3] == ["2026-12-03", "49", "Samhällsforum om äldres hälsa"]
        assert rows[0][4] == "0/3"
        with app_db.session() as s:
            (event,) = s.exec(select(Event)).all()
        assert event.capacity == 3 and event.ends_at == datetime(2026, 12, 3, 16, 0)

        # open the participant list and add five people by type-ahead
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ParticipantsScreen)
        await pilot.press("a")
        for query in ("åsa", "beng", "cec", "dav", "sjöb"):
            await type_text(pilot, query)
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
        await pilot.press("escape")  # close the picker
        await settle(pilot)
        assert app.screen is screen
        with app_db.session() as s:
            parts = {c.first_name: p for p, c in s.exec(select(Participation, Contact).join(Contact)).all()}
        assert {k: p.status for k, p in parts.items()} == {
            "Åsa": PS.ANMALD, "Bengt": PS.ANMALD, "Cecilia": PS.ANMALD, "David": PS.RESERV, "Eva": PS.RESERV,
        }
        pl = screen.query_one("#table", DataTable)
        assert pl.row_count == 5
        shown = {r[1]: r[3] for r in table_rows(pl)}
        assert shown["David Holm"] == "Reserv 1" and shown["Eva Sjöberg"] == "Reserv 2" and shown["Åsa Öberg"] == "Anmäld"
        counts = str(screen.query_one("#counts", Static).render())
        assert "3/3 platser" in counts and "reserv 2" in counts

        # cancel Bengt → the first reserve (David) is offered the seat
        pl.move_cursor(row=[r[1] for r in table_rows(pl)].index("Bengt Lind"))
        await pilot.press("s")
        await settle(pilot)
        options = app.screen.query_one(OptionList)
        options.highlighted = list(PS).index(PS.AVBOKAD)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "David Holm" in str(app.screen.query_one("#confirm-text", Static).render())
        await pilot.press("y")
        await settle(pilot)
        with app_db.session() as s:
            status = {c.first_name: p.status for p, c in s.exec(select(Participation, Contact).join(Contact)).all()}
        assert status["Bengt"] == PS.AVBOKAD and status["David"] == PS.ANMALD and status["Eva"] == PS.RESERV

        # check-in mode: a few letters and enter mark deltog with the time
        await open_checkin(pilot)
        assert isinstance(app.screen, CheckinScreen)
        await type_text(pilot, "åsa")
        await pilot.press("enter")
        await settle(pilot)
        assert "Åsa Öberg incheckad" in str(app.screen.query_one("#result", Static).render())
        await type_text(pilot, "xyz")
        await pilot.press("enter")
        assert "Ingen träff" in str(app.screen.query_one("#result", Static).render())
        await pilot.press("escape")  # Esc steps back: first the typed name goes, then check-in
        await settle(pilot)
        assert isinstance(app.screen, CheckinScreen) and app.screen.query_one("#input", Input).value == ""
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ParticipantsScreen)
        with app_db.session() as s:
            asa = s.exec(select(Participation).join(Contact).where(Contact.first_name == "Åsa")).one()
        assert asa.status == PS.DELTOG and asa.checked_in_at is not None

        # mark the rest uteblev: only after the event, so move the event into the past first
        with app_db.session() as s:
            s.get(Event, event.id).starts_at = datetime(2026, 11, 20, 13, 0)
            s.get(Event, event.id).ends_at = datetime(2026, 11, 20, 16, 0)
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        with app_db.session() as s:
            status = {c.first_name: p.status for p, c in s.exec(select(Participation, Contact).join(Contact)).all()}
        assert status == {
            "Åsa": PS.DELTOG, "Bengt": PS.AVBOKAD, "Cecilia": PS.UTEBLEV, "David": PS.UTEBLEV, "Eva": PS.RESERV,
        }

        # undo the last change (ctrl+z)
        await pilot.press("ctrl+z")
        await settle(pilot)
        with app_db.session() as s:
            cecilia = s.exec(select(Participation).join(Contact).where(Contact.first_name == "Cecilia")).one()
        assert cecilia.status == PS.ANMALD
        await pilot.press("m")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)

        # follow-up numbers
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, FollowupScreen)
        summary = str(app.screen.query_one("#summary", Static).render())
        assert "deltog 1" in summary and "uteblev 2" in summary and "33 %" in summary
        party = table_rows(app.screen.query_one("#party", DataTable))
        assert party == [["Västerås stad", "1", "100 %"]]
        assert "Västerås stad" in str(app.screen.query_one("#party-chart", BarChart).render())
        noshow = table_rows(app.screen.query_one("#noshow", DataTable))
        assert ["Mälardalens universitet", "0", "1", "100 %"] in noshow
