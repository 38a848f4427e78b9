"""The app shell: sections on keys 1–6, header, help, command palette, errors as notifications."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from shk_tui.app import SECTIONS, ShkApp
from shk_tui.ui.base.help import HelpScreen
from shk_tui.ui.budget.budget import BudgetScreen
from shk_tui.ui.contacts.contacts import ContactsScreen
from shk_tui.ui.contracts.contracts import ContractsScreen
from shk_tui.ui.events.events import EventsScreen
from shk_tui.ui.overview.overview import OverviewScreen
from shk_tui.ui.portfolio.portfolio import PortfolioScreen
from shk_tui.ui.widgets.screen_commands import PaletteCommands
from tests.helpers.seed import seed
from tests.helpers.tables import table_rows, table_text
from tests.ui.conftest import SIZE, notices, settle


def section_rows(app: ShkApp) -> list[tuple[str, ...]]:
    return [tuple(r) for r in table_rows(app.screen.query_one("#section DataTable", DataTable))]


def shows(app: ShkApp, text: str) -> bool:
    return any(text in row for row in section_rows(app))


@pytest.fixture
def seeded_db(app_db):
    seed(app_db)
    return app_db


EXPECTED = [
    ("1", OverviewScreen, "Kontakter"),
    ("2", PortfolioScreen, "Samverkansmöjligheter för fler i förskolan"),
    ("3", ContactsScreen, "Mälardalens universitet"),
    ("4", EventsScreen, "Styrelsemöte"),
    ("5", ContractsScreen, "Samarbetsavtal MDU"),
    ("6", BudgetScreen, "Följeforskning"),
]


async def test_keys_switch_sections_and_show_rows(seeded_db, make_app):
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key, screen_cls, known in EXPECTED:
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, screen_cls)
            assert app.current_mode == next(s.mode for s in SECTIONS if s.key == key)
            assert len(section_rows(app)) > 0
            assert shows(app, known), (key, known, section_rows(app))


async def test_sections_format_rows_in_swedish(seeded_db, make_app):
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        assert ("Förfallna utbetalningar", "1") in section_rows(app)
        assert ("Evenemang kommande 30 dagar", "1") in section_rows(app)
        await pilot.press("2")
        await settle(pilot)
        # the list view (behind the board) has the rows; the decision level follows the budget
        # columns: Namn, Fokusområde, Fas, Budget, Ägare, Källa, Beslutsnivå, …
        first = section_rows(app)[0]
        assert first[:4] + first[5:7] == (
            "Samverkansmöjligheter för fler i förskolan",
            "Barn och unga",
            "Fas 1",
            "300 000 kr",
            "Ordinarie",
            "Styrelse/Core Team",
        )
        assert section_rows(app)[1][6] == "Processledare"
        await pilot.press("3")
        await settle(pilot)
        # Swedish order: Ö after Z
        assert [r[0] for r in section_rows(app)] == ["Anna Andersson", "Zlatan Zetterberg", "Örjan Östlund"]
        assert section_rows(app)[0][5] == "forskare, styrelse"
        await pilot.press("4")
        await settle(pilot)
        # upcoming first (soonest first), then past
        assert [r[2] for r in section_rows(app)] == [
            "Styrelsemöte",
            "Labb om äldres hälsa",
            "Samhällsforum 2025",
        ]
        assert section_rows(app)[0][:2] == ("2026-12-03", "49")  # the time is in the participant list
        assert section_rows(app)[0][4] == "1/12"  # registered/capacity next to the title
        await pilot.press("5")
        await settle(pilot)
        # counterparty, diarienummer, period, notice deadline (no notice period), amount, paid
        assert section_rows(app)[0][3:9] == (
            "Mälardalens universitet", "MDU 2024/123", "2024-01-01–2027-12-31", "", "1 272 000 kr", "0 kr (0 %)")
        await pilot.press("6")
        await settle(pilot)
        # budget line, its group's subtotal and the grand total; budget, outcome, remaining for 2025 (the
        # year's first three columns; Bundet, Prognos and Avvikelse follow, and then the next year's)
        assert [row[:4] for row in section_rows(app)] == [
            ("Följeforskning", "1 500 000 kr", "1 200 000 kr", "300 000 kr"),
            ("Summa verksamhet", "1 500 000 kr", "1 200 000 kr", "300 000 kr"),
            ("TOTALT", "1 500 000 kr", "1 200 000 kr", "300 000 kr"),
        ]


async def test_header_shows_database_and_section(app_db, make_app):
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")  # the example-data question on an empty database
        await pilot.press("3")
        await settle(pilot)
        header = str(app.screen.query_one("HeaderTitle").render())
        assert app_db.config.display in header
        assert "Kontakter" in header


async def test_help_lists_every_key(seeded_db, make_app):
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one(DataTable)
        rows = [tuple(r) for r in table_rows(table)]
        for section in SECTIONS:
            assert (section.key, section.label) in rows
        keys = [k for k, _ in rows]
        assert "?" in keys and "f1" in keys
        assert any(k in ("^p", "ctrl+p") for k in keys)
        assert ("↓", "Ned") in rows  # the focused table's keys, in Swedish
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ContactsScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_every_app_binding_has_an_id(make_app, app_db):
    app = make_app(app_db)
    assert all(b.id for b in ShkApp.BINDINGS)
    assert len({b.id for b in ShkApp.BINDINGS}) == len(ShkApp.BINDINGS)
    assert app.today.isoformat() == "2026-11-25"


async def test_palette_provider_offers_sections_and_example_data(seeded_db, make_app):
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        provider = PaletteCommands(app.screen)
        discovered = [str(hit.display) async for hit in provider.discover()]
        for section in SECTIONS:
            assert f"Gå till {section.label}" in discovered
        assert "Ladda exempeldata" in discovered
        hits = [hit async for hit in provider.search("kontakter")]
        assert hits and hits[0].text == "Gå till Kontakter"
        hits[0].command()
        await settle(pilot)
        assert isinstance(app.screen, ContactsScreen)


async def test_palette_runs_section_command(seeded_db, make_app):
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Gå till Budget")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BudgetScreen)
        assert shows(app, "Följeforskning")


async def palette_titles(pilot, typed: str) -> list[str]:
    """Type into the open palette (after clearing it) and return the titles it lists."""
    from textual.command import CommandInput, CommandList

    palette = pilot.app.screen
    palette.query_one(CommandInput).value = ""
    await pilot.press(*typed)
    await pilot.pause(0.5)  # the palette searches in the background
    await settle(pilot)
    return [str(option.prompt).split("\n")[0] for option in palette.query_one(CommandList).options]


async def test_palette_is_swedish_with_textuals_commands_translated(seeded_db, make_app):
    """ctrl+p: the placeholder "Sök …"; Textual's own commands under Swedish names ("tema" finds the theme
    command), a section's own command found; none of Textual's English titles."""
    from textual.command import CommandInput, CommandPalette

    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("6")  # Budget offers commands of its own
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(CommandInput).placeholder == "Sök …"
        discovered = await palette_titles(pilot, "")
        assert {"Tema", "Avsluta", "Tangentpanel", "Skärmbild", "Gå till Kontakter"} <= set(discovered)
        assert "Finansieringsansökningar" in discovered  # the screen's own
        assert not {"Theme", "Quit", "Keys", "Screenshot", "Maximize", "Minimize"} & set(discovered)
        assert (await palette_titles(pilot, "tema"))[0] == "Tema"
        assert "Exportera budget" in await palette_titles(pilot, "exportera")
        await palette_titles(pilot, "tema")
        await pilot.press("enter")  # the theme list, searched in Swedish too
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(CommandInput).placeholder == "Sök tema …"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, BudgetScreen)


async def test_worker_error_becomes_a_notification(seeded_db, make_app, monkeypatch):
    def broken(db, **kwargs):
        raise RuntimeError("database went away")

    from shk_tui.services.contacts import contact_list

    monkeypatch.setattr(contact_list, "search", broken)
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        assert app.is_running
        assert isinstance(app.screen, ContactsScreen)
        assert any("Kunde inte läsa kontakter" in t for t in notices(app, "error"))
        await pilot.press("4")  # the rest of the app still works
        await settle(pilot)
        assert shows(app, "Styrelsemöte")


async def test_first_showing_of_a_section_does_not_reparse_the_stylesheet(seeded_db, make_app, monkeypatch):
    """A section's first showing styles its widgets with the stylesheet as it is; re-parsing every
    stylesheet (Textual does that twice for a new mode's screen) cost ~70 ms per section."""
    from textual.css.stylesheet import Stylesheet

    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        reparses = []
        original = Stylesheet.reparse
        monkeypatch.setattr(Stylesheet, "reparse", lambda self: (reparses.append(1), original(self))[1])
        for key, screen_cls, known in EXPECTED[1:]:
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, screen_cls) and shows(app, known)
        assert reparses == []
        # a theme change still restyles every section screen, those shown before it included
        assert app.screen.styles.background.brightness < 0.5
        app.theme = "textual-light"
        await settle(pilot)
        assert reparses
        for key, screen_cls, _known in EXPECTED:
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, screen_cls) and app.screen.styles.background.brightness > 0.5


def test_gc_is_tuned_once_per_process():
    import gc

    from shk_tui import app as app_module

    app_module.tune_gc()
    assert gc.get_threshold()[0] == app_module.GC_THRESHOLD
    assert gc.get_freeze_count() > 0


async def test_an_unexpected_error_closes_the_app_with_a_swedish_line_not_a_traceback(seeded_db, make_app,
                                                                                    monkeypatch, caplog, capsys):
    """A bug in a key's action: the traceback goes to the log, the user gets one Swedish line on exit.
    (run_test raises the error when the app closes, so tests still fail on bugs.)"""
    def broken(self) -> None:
        raise RuntimeError("trasig åtgärd")

    monkeypatch.setattr(OverviewScreen, "action_refresh", broken)
    app = make_app(seeded_db)
    with pytest.raises(RuntimeError, match="trasig åtgärd"):
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("r")
            await pilot.pause()
    assert app.return_code == 1
    shown = capsys.readouterr().err  # what the terminal shows after the app has closed
    lines = shown.splitlines()
    assert lines[:2] == ["shk: oväntat fel (RuntimeError); programmet avslutades.",
                         "Inget halvsparat finns kvar. Detaljer i loggfilen:"]
    assert "".join(lines[2:]).endswith("shk-tui.log") and "Traceback" not in shown and "trasig" not in shown
    logged = [r for r in caplog.records if r.getMessage() == "unexpected error in the TUI"]
    assert logged and "trasig åtgärd" in str(logged[0].exc_info[1])


async def test_footer_groups_the_section_keys_so_help_stays_in_view(seeded_db, make_app):
    """At 120 columns the footer shows "1 2 3 4 5 6 Avsnitt" as one entry and "? Hjälp" after it; the help
    screen still names every section key."""
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        footer = app.screen.query_one("Footer")
        groups = list(footer.query("KeyGroup"))  # Footer's parts, found by their CSS type names
        assert len(groups) == 1 and [k.key for k in groups[0].query("FooterKey")] == list("123456")
        assert "Avsnitt" in str(footer.query_one("FooterLabel").render())
        help_key = next(k for k in footer.query("FooterKey") if k.key == "question_mark")
        palette = next(k for k in footer.query("FooterKey") if k.key == "ctrl+p")
        assert footer.region.contains_region(help_key.region)  # not cut off: docked beside the palette's key
        assert help_key.region.right <= palette.region.x
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        shown = table_text(app.screen.query_one(DataTable))
        assert all(s.label in shown for s in SECTIONS)


async def test_help_is_titled_with_the_section(seeded_db, make_app):
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key, _screen_cls, _known in EXPECTED:
            await pilot.press(key)
            await settle(pilot)
            section = next(s.label for s in SECTIONS if s.key == key)
            await pilot.press("question_mark")
            await settle(pilot)
            assert isinstance(app.screen, HelpScreen) and app.screen.help_title == f"Tangenter – {section}"
            await pilot.press("escape")
            await settle(pilot)
