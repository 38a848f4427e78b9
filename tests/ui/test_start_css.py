"""The first frame parses only the stylesheets it needs (#17): the app's, the dialogs' and Översikt's; the
other screens' (``LATER_CSS``) are read once it is drawn, without restyling what is shown, and before a
section is first opened, so that opening re-parses nothing."""

from __future__ import annotations

from pathlib import Path

from textual.css.stylesheet import Stylesheet

from shk_tui.app import ShkApp
from shk_tui.ui.contacts.contacts import ContactsScreen
from shk_tui.ui.overview.overview import OverviewScreen
from shk_tui.ui.stylesheets import LATER_CSS, START_CSS
from tests.helpers.seed import seed
from tests.ui.conftest import SIZE, settle


def ours(stylesheet: Stylesheet) -> set[Path]:
    """Which of the app's stylesheet files the stylesheet holds."""
    return {path for path in (*START_CSS, *LATER_CSS) if stylesheet.has_source(str(path), "")}


def styles_of(screen) -> dict[int, str]:  # noqa: ANN001
    return {id(node): node._css_styles.css for node in screen.walk_children(with_self=True)}


async def test_the_first_frame_has_the_start_css_only_and_the_rest_follows(app_db, make_app, monkeypatch):
    seed(app_db)
    app = make_app(app_db)
    seen: list[tuple[set[str], int]] = []
    original = ShkApp._read_later_css

    def read_later(self: ShkApp) -> None:
        screen = self.screen
        rows = screen.table.row_count if isinstance(screen, OverviewScreen) else -1
        seen.append((ours(self.stylesheet), rows))
        original(self)

    monkeypatch.setattr(ShkApp, "_read_later_css", read_later)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert len(seen) == 1
        at_first_frame, rows = seen[0]
        assert at_first_frame == set(START_CSS)
        assert rows > 0  # Översikt was drawn with its rows before the rest was read
        assert ours(app.stylesheet) == set(START_CSS) | set(LATER_CSS)
        # the order of the sources is the order of the old single list: app.tcss first, the rest after
        assert [Path(path) for path, _ in app.stylesheet.source if path.endswith(".tcss")] == [*START_CSS, *LATER_CSS]


async def test_reading_the_later_css_changes_nothing_shown(app_db, make_app):
    """No rule of the later stylesheets applies to a widget of Översikt: restyling the shown screen with
    the whole stylesheet gives every widget the styles it already had."""
    seed(app_db)
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
        before = styles_of(app.screen)
        app.stylesheet.update(app.screen)
        await settle(pilot)
        assert styles_of(app.screen) == before


async def test_a_section_opened_before_the_later_css_is_read_is_styled_all_the_same(app_db, make_app, monkeypatch):
    """A key pressed in the first frame (the later stylesheets not read yet): the screen reads its own,
    as Textual does, and is styled by it; the later read then adds the rest and nothing twice."""
    seed(app_db)
    app = make_app(app_db)
    monkeypatch.setattr(ShkApp, "_read_later_css", lambda self: None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert ours(app.stylesheet) == set(START_CSS)
        await pilot.press("3")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ContactsScreen)
        assert screen.query_one("#contacts-filters").styles.height.value == 1  # contacts.tcss
        sources = len(app.stylesheet.source)
        monkeypatch.undo()
        app._read_later_css()
        assert ours(app.stylesheet) == set(START_CSS) | set(LATER_CSS)
        assert len(app.stylesheet.source) == sources + len(LATER_CSS) - 1  # contacts.tcss was there already
        await pilot.press("1")
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
