"""Evenemang's exports ask where to save (issue #15): one "Spara som" field defaulting to the user's
documents folder (not the hidden data folder), the folder remembered for the next export, the notice
naming the saved file; a folder that does not exist is refused beside the field."""

from __future__ import annotations

from textual.widgets import Input, OptionList, Static

from shk_tui.ui.events.export_dialog import SaveExportScreen
from shk_tui.ui.events.participant_export import EXPORTS, SENSITIVE
from tests.helpers.events_pilot import open_events, open_participants, save_export, seed_events
from tests.ui.conftest import SIZE, notices, settle


async def test_calendar_file_defaults_to_documents_and_remembers_the_folder(app_db, make_app, tmp_path):
    seed_events(app_db)
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_events(app, pilot)
        await pilot.press("x")
        await settle(pilot)
        first = await save_export(pilot)
        assert first == tmp_path / "Dokument" / "2026-12-09-Styrelsemöte.ics" and first.read_bytes().startswith(
            b"BEGIN:VCALENDAR")
        assert notices(app)[-1] == f"Sparade kalenderfilen i {first}"
        (tmp_path / "ut").mkdir()
        await pilot.press("x")
        await settle(pilot)
        second = await save_export(pilot, tmp_path / "ut")
        await pilot.press("x")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, SaveExportScreen)
        assert dialog.query_one("#export-path", Input).value == str(second)  # the folder is remembered

        dialog.query_one("#export-path", Input).value = str(tmp_path / "finns-inte" / "x.ics")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is dialog and str(dialog.query_one("#err-path", Static).render())


async def test_participant_list_export_warns_about_dietary_needs_and_names_the_file(app_db, make_app, tmp_path):
    ids = seed_events(app_db)  # the board meeting's people have dietary needs
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_participants(app, pilot, ids["board"])
        await pilot.press("x")
        await settle(pilot)
        app.screen.query_one(OptionList).highlighted = [kind for _, kind in EXPORTS].index("csv")
        await pilot.press("enter")
        await settle(pilot)
        assert SENSITIVE in str(app.screen.query_one(".fk-intro", Static).render())
        path = await save_export(pilot)
        assert path == tmp_path / "Dokument" / "2026-12-09-Styrelsemöte-deltagare-kansligt.csv" and path.exists()
        assert f"Sparade deltagarlistan i {path}\n{SENSITIVE}" in notices(app, "warning")
