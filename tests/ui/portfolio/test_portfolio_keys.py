"""Portfölj's keys: triage keys work from the card and editing a field is an explicit step (e/b in,
enter/esc out), so a digit meant for triage never lands in the budget; ctrl+z undoes a card move
(refused with a Swedish notice when the card changed since); the list's SearchBox (/ focuses it, Esc
clears it, then the filters) and the section opening with its board or list focused; exports ask
where (the one "Spara som" field), remember the folder and name the saved path."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Select

from shk_tui import prefs
from shk_tui.enums import FocusArea, Phase
from shk_tui.services.portfolio import portfolio
from shk_tui.ui.portfolio.export import ExportScreen
from shk_tui.ui.portfolio.triage import EDIT_LINE, KEY_LINE
from shk_tui.ui.widgets.kanban import Kanban
from tests.helpers.portfolio_pilot import initiative, open_portfolio, open_triage, text
from tests.ui.conftest import SIZE, notices, open_section, settle


async def test_triage_keys_work_from_the_card_and_fields_are_an_explicit_step(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        triage = await open_triage(pilot)
        card = triage.query_one("#triage-proposal")
        budget = triage.query_one("#budget", Input)
        assert triage.focused is card and text(triage.query_one("#triage-keys")) == text_of(KEY_LINE)
        # tab from the card never lands in a field (it did, and the next digits went into the budget)
        await pilot.press("tab")
        assert triage.focused is card
        # b: the explicit step into the budget; the line says typing goes into the field
        await pilot.press("b")
        await settle(pilot)
        assert triage.focused is budget
        assert text(triage.query_one("#triage-keys")) == text_of(EDIT_LINE)
        await pilot.press("end", "ctrl+u", *"150000")
        assert budget.value == "150000"
        await pilot.press("enter")  # back to the card
        await settle(pilot)
        assert triage.focused is card and text(triage.query_one("#triage-keys")) == text_of(KEY_LINE)
        await pilot.press("3")  # now a triage key: 150 000 kr is within the processledare's mandate
        await settle(pilot)
        started = initiative(demo_db, "Samverkansmöjligheter för fler i förskolan")
        assert started.phase is Phase.FAS_1 and started.budget_ore == 150_000_00  # not 1 500 003 kr
        # e: into the fields; a digit while a choice field has the focus does not triage
        assert "Perspektivskifte tidiga insatser" in text(triage.query_one("#triage-text"))
        await pilot.press("e")
        await settle(pilot)
        assert triage.focused is triage.query_one("#focus_area", Select)
        await pilot.press("tab")
        assert triage.focused is budget  # tab moves between the fields while editing
        await pilot.press("shift+tab")
        await pilot.press("2")
        await settle(pilot)
        assert initiative(demo_db, "Perspektivskifte tidiga insatser").phase is Phase.FORSLAG
        assert "Du ändrar ett fält: enter eller esc tillbaka till förslaget, sedan 1–5." in notices(app, "warning")
        await pilot.press("escape")  # esc leaves the field, a second esc leaves triage
        await settle(pilot)
        assert triage.focused is card and app.screen is triage
        await pilot.press("2")
        await settle(pilot)
        assert initiative(demo_db, "Perspektivskifte tidiga insatser").phase is Phase.PLANERAS
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is not triage


def text_of(markup: str) -> str:
    from rich.text import Text

    return Text.from_markup(markup).plain


async def test_ctrl_z_undoes_a_card_move(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_portfolio(pilot)
        kanban = screen.kanban
        target = initiative(demo_db, "Framtidens äldreboende")
        kanban.select(target.id)
        await pilot.press("greater_than_sign")
        await settle(pilot)
        assert initiative(demo_db, target.name).phase is Phase.PLANERAS
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert initiative(demo_db, target.name).phase is Phase.UTFORSKAS
        assert "Ångrade: Flyttade Framtidens äldreboende från Utforskas till Planeras" in notices(app)
        assert target.id in [c.id for c in kanban.column(Phase.UTFORSKAS).cards]
        assert kanban.current is not None and kanban.current.id == target.id
        assert kanban.column(Phase.PLANERAS).title == "Planeras 4"
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert "Inget att ångra" in notices(app, "warning")


async def test_ctrl_z_after_someone_else_moved_the_card_is_refused(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_portfolio(pilot)
        target = initiative(demo_db, "Framtidens äldreboende")
        screen.kanban.select(target.id)
        await pilot.press("greater_than_sign")
        await settle(pilot)
        now = initiative(demo_db, target.name)
        portfolio.move_phase(demo_db, target.id, -1, expected_version=now.version)  # another user moves it back
        portfolio.move_phase(demo_db, target.id, 1)  # ... and forward again: planeras, a newer version
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert initiative(demo_db, target.name).phase is Phase.PLANERAS  # not undone
        assert ("Framtidens äldreboende har ändrats sedan flytten (nu i Planeras); flytten ångras inte"
                in notices(app, "error"))
        assert isinstance(app.focused, Kanban)  # the board is shown as it is now, the app open


async def test_section_opens_focused_and_the_search_box(demo_db, make_app):
    from shk_tui.ui.portfolio.portfolio import PortfolioScreen

    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_portfolio(pilot)
        assert isinstance(app.focused, Kanban)
        await pilot.press("slash")  # / goes to the list and its search
        await settle(pilot)
        search = screen.query_one("#initiative-search", Input)
        table = screen.listing.table
        assert app.focused is search
        await pilot.press(*"förskolan")
        await settle(pilot)
        assert table.row_count == 1
        await pilot.press("escape")  # with text: cleared, back in the table
        await settle(pilot)
        assert search.value == "" and app.focused is table and table.row_count == 27
        screen.query_one("#filter-phase", Select).value = Phase.FORSLAG.value
        screen.query_one("#filter-focus_area", Select).value = FocusArea.BARN.value
        await settle(pilot)
        assert table.row_count == 8
        search.focus()
        await pilot.press("escape")  # already empty: the filters go (focus area too), back in the table
        await settle(pilot)
        assert table.row_count == 27 and app.focused is table
        assert screen.query_one("#filter-phase", Select).value is Select.NULL and screen.focus_area is None
        # leaving and coming back: the list (the view kept) has the focus, never the search
        await pilot.press("slash", *"zzz")
        await pilot.press("3")  # typed into the search, as it has the focus
        assert search.value == "zzz3"
        table.focus()
        await pilot.press("1")
        await settle(pilot)
        screen = await open_section(pilot, "2", PortfolioScreen)
        assert app.focused is screen.listing.table and search.value == ""  # the app cleared the search


async def test_exports_ask_where_remember_the_folder_and_name_the_path(demo_db, make_app, tmp_path):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_portfolio(pilot)
        await pilot.press("x")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        target = tmp_path / "ut" / "initiativ.csv"
        target.parent.mkdir()
        field = dialog.query_one("#path", Input)
        assert Path(field.value).name == "initiativ-2026-11-25.xlsx"
        field.value = str(target)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert target.read_bytes().decode("utf-8-sig").startswith("Namn;")
        assert f"Sparade 27 initiativ i {target}" in notices(app)
        assert prefs.load().prefs.export_dir == str(target.parent)
        # the beslutsunderlag's m: the same field, now in the remembered folder
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        path = dialog.query_one("#path", Input).value
        assert path == str(target.parent / "beslutsunderlag-barn-2026-11-25.md")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert Path(path).read_text(encoding="utf-8").startswith("## Beslutsunderlag – Alla barn och unga lyckas")
        assert f"Sparade beslutsunderlaget (8 initiativ) i {path}" in notices(app)
        # a name the format cannot be told from is refused beside the field
        await pilot.press("x")
        await settle(pilot)
        dialog = app.screen
        dialog.query_one("#path", Input).value = str(tmp_path / "underlag.pdf")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is dialog and "Filnamnet ska sluta på .md eller .xlsx" in text(dialog.query_one("#err-path"))
