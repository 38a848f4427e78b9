"""#15 acceptance pass, Deltagarlista: a change's notice (and its undo) names whom it changed, as the
status question does ("Sofia Berglund → Anmäld", "2 deltagare: Sofia Berglund, Nils Eklund → Anmäld"),
never a bare count ("2 → Anmäld")."""

from __future__ import annotations

from textual.widgets import DataTable

from shk_tui.ui.events.participants import ParticipantsScreen
from tests.helpers.events_pilot import open_events, type_text
from tests.helpers.tables import table_rows
from tests.ui.conftest import notices, settle

WORKSHOP = "Workshop: Demokratisk infrastruktur"


async def open_workshop(app, pilot) -> ParticipantsScreen:
    """Evenemang at 80x24 as a user gets there: / workshop, enter, enter."""
    await open_events(app, pilot)
    await pilot.press("slash")
    await type_text(pilot, "workshop")
    await settle(pilot)
    await pilot.press("enter", "enter")
    await settle(pilot)
    assert isinstance(app.screen, ParticipantsScreen), app.screen
    return app.screen


def statuses(screen) -> dict[str, str]:
    return {row[1]: row[3] for row in table_rows(screen.query_one("#table", DataTable))}


async def test_status_notice_and_undo_name_the_people(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_workshop(app, pilot)
        assert statuses(screen)["Sofia Berglund"] == "Deltog"
        await pilot.press("space", "space", "s")  # mark the first two, then Status
        await settle(pilot)
        await pilot.press("2")  # Anmäld
        await settle(pilot)
        shown = statuses(screen)
        assert (shown["Sofia Berglund"], shown["Nils Eklund"]) == ("Anmäld", "Anmäld")
        assert notices(app)[-1] == "2 deltagare: Sofia Berglund, Nils Eklund → Anmäld (ctrl+z ångrar)"
        await pilot.press("s")  # one, the row under the cursor (Josefin Falk, third)
        await settle(pilot)
        await pilot.press("4")  # Deltog
        await settle(pilot)
        assert statuses(screen)["Josefin Falk"] == "Deltog"
        assert notices(app)[-1] == "Josefin Falk → Deltog (ctrl+z ångrar)"
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert notices(app)[-1] == "Ångrade: Josefin Falk → Deltog"
        assert statuses(screen)["Josefin Falk"] == "Uteblev"
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert notices(app)[-1] == "Ångrade: 2 deltagare: Sofia Berglund, Nils Eklund → Anmäld"
        shown = statuses(screen)
        assert (shown["Sofia Berglund"], shown["Nils Eklund"]) == ("Deltog", "Deltog")
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert notices(app)[-1] == "Inget att ångra"
