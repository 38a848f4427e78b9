"""The app and the preferences file: the theme chosen in ctrl+p is saved and comes back at the next
start, [keys] remaps keys by binding id, a broken file gives the defaults and one warning notice."""

from __future__ import annotations

from shk_tui import prefs
from shk_tui.prefs import Prefs
from shk_tui.ui.contacts.contacts import ContactsScreen
from shk_tui.ui.overview.overview import OverviewScreen
from tests.ui.conftest import SIZE, notices, settle


async def test_a_theme_chosen_in_the_palette_is_saved_and_restored(app_db, make_app):
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # the example-data question of an empty database
        await settle(pilot)
        default = app.theme
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Tema")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press(*"nord")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.theme == "nord" != default
    assert prefs.load().prefs.theme == "nord"
    again = make_app(app_db)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.theme == "nord"
        assert notices(again, "warning") == []
    assert prefs.load().prefs.theme == "nord"


async def test_a_broken_settings_file_gives_defaults_and_one_warning(app_db, make_app):
    prefs.config_dir().mkdir(parents=True)
    prefs.path().write_text('theme = "nord\n')
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
        warned = notices(app, "warning")
        assert len(warned) == 1 and "kunde inte läsas" in warned[0] and str(prefs.path()) in warned[0]
        assert app.is_running


async def test_keys_remapped_by_binding_id(app_db, make_app):
    prefs.save(Prefs(keys={"section.kontakter": "k", "nosuch.key": "z"}))
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("3")  # no longer Kontakter
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
        await pilot.press("k")
        await settle(pilot)
        assert isinstance(app.screen, ContactsScreen)
        warned = notices(app, "warning")
        assert len(warned) == 1 and "nosuch.key" in warned[0]


async def test_an_unknown_theme_is_one_warning(app_db, make_app):
    prefs.save(Prefs(theme="finns-inte"))
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
        assert notices(app, "warning") == ["Okänt tema i inställningarna: finns-inte; standardtemat används."]
