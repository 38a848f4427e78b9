"""Kontakter at a laptop's 80×24 and at 120×40 (issue #15): the footer shows the most used keys and the
help all of them; the phone column is in view when the width allows, never squeezing the name; the
columns follow a resize."""

from __future__ import annotations

from rich.cells import cell_len
from textual.widgets import DataTable

from shk_tui.ui.contacts.contacts import ContactsScreen
from shk_tui.ui.widgets.footer import Footer
from tests.helpers.contacts_pilot import CONTACT_TABLE, names, open_contacts
from tests.helpers.dialogs import fully_shown
from tests.helpers.tables import table_rows
from tests.ui.conftest import settle

MOST_USED = {"focus_search", "new", "edit", "tags", "organisations", "duplicates", "import", "export", "gdpr"}


def footer_actions(screen) -> set[str]:
    """The actions of the footer keys drawn whole on the screen."""
    return {key.action for key in screen.query_one(Footer).query("FooterKey") if fully_shown(key)}


def columns_in_view(table: DataTable) -> list[str]:
    """The headings of the columns drawn whole within the table's width (no sideways scroll)."""
    seen, used, width = [], 0, table.scrollable_content_region.width
    for column in table.ordered_columns:
        used += column.get_render_width(table)
        if used > width:
            break
        seen.append(str(column.label))
    return seen


def name_width(table: DataTable) -> int:
    return table.ordered_columns[0].width


async def test_footer_shows_the_most_used_keys_at_120x40_and_help_lists_every_key(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_contacts(app, pilot)
        assert MOST_USED <= footer_actions(screen)
        await pilot.press("question_mark")
        await settle(pilot)
        listed = " ".join(" ".join(row) for row in table_rows(app.screen.query_one("#help-keys", DataTable)))
        for label in ("Dubbletter", "Import", "Export", "GDPR", "Arkivera/återställ", "Ta bort",
                      "Kopiera e-post", "Ångra", "Rensa sökning och filter", "Organisationer", "Taggar"):
            assert label in listed, label


async def test_footer_at_80x24_starts_with_the_most_used_keys(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_contacts(app, pilot)
        assert {"focus_search", "new", "edit", "tags", "organisations"} <= footer_actions(screen)


async def test_phone_column_in_view_at_120x40_and_the_name_whole_at_80x24(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_contacts(app, pilot)
        table = screen.query_one(CONTACT_TABLE, DataTable)
        assert columns_in_view(table) == ["Namn", "Organisation", "E-post", "Telefon"]
        longest = max(cell_len(n) for n in names(screen))
        assert name_width(table) >= longest
        phones = [row[3] for row in table_rows(table)]
        assert "+46 70 198 38 74" in phones  # Björn Andersson's, in the table itself
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert columns_in_view(table) == ["Namn", "Organisation"]  # the phone would squeeze the name
        assert name_width(table) >= longest
        assert len(names(screen)) == 60  # the rows stay after the columns are laid out again
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert columns_in_view(table) == ["Namn", "Organisation", "E-post", "Telefon"]


async def test_opens_at_80x24_with_the_table_focused_and_every_column_whole(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_contacts(app, pilot)
        assert isinstance(screen, ContactsScreen)
        table = screen.query_one(CONTACT_TABLE, DataTable)
        assert app.focused is table
        assert columns_in_view(table) == ["Namn", "Organisation"]
        assert name_width(table) >= max(cell_len(n) for n in names(screen))
        search = screen.query_one("#contacts-search")
        assert fully_shown(search) and search.region.width >= 20  # the search keeps room beside the filters
        for select in screen.query("#contacts-filters Select"):
            assert fully_shown(select)


async def test_gdpr_and_import_dialogs_fit_80x24(demo_db, make_app):
    """Their fields were tall (three lines each): at 80×24 the extract had no height and the import's
    preview, options and buttons were cut away."""
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contacts(app, pilot)
        await pilot.press("g")
        await settle(pilot)
        gdpr = app.screen
        assert gdpr.query_one("#gdpr-extract").region.height >= 4
        for selector in ("#gdpr-path", "#gdpr-save", "#gdpr-reason", "#gdpr-erase", "#gdpr-restrict", "#gdpr-close"):
            assert fully_shown(gdpr.query_one(selector)), selector
        await pilot.press("escape", "i")
        await settle(pilot)
        dialog = app.screen
        assert dialog.query_one("#import-preview").region.height >= 5
        for selector in ("#import-path", "#import-encoding", "#import-delimiter", "#import-check", "#import-columns",
                         "#import-duplicates", "#import-run", "#import-cancel"):
            assert fully_shown(dialog.query_one(selector)), selector


async def test_duplicates_and_organisations_show_whole_columns_at_80x24(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contacts(app, pilot)
        await pilot.press("d")
        await settle(pilot)
        assert columns_in_view(app.screen.query_one("#section DataTable", DataTable)) == [
            "Poäng", "Kontakt A", "Kontakt B", "Skäl"]  # the pair in view, not A's details only
        await pilot.press("escape", "o")
        await settle(pilot)
        assert columns_in_view(app.screen.query_one("#section DataTable", DataTable)) == [
            "Namn", "Typ", "Ort", "Kontakter"]
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert columns_in_view(app.screen.query_one("#section DataTable", DataTable)) == [
            "Namn", "Typ", "Ort", "Kontakter", "Kortnamn"]
