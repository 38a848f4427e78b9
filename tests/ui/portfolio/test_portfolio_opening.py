"""Opening Portfölj (issue #17): the board's first frame is drawn before the list view is mounted and
filled (its prefetch waits for the board's load and the next frame), and the list is still ready after."""

from __future__ import annotations

from textual.screen import Screen

from shk_tui.ui.portfolio.portfolio import PortfolioScreen
from tests.helpers.portfolio_pilot import open_portfolio
from tests.ui.conftest import SIZE, settle


async def test_the_board_is_drawn_before_the_list_is_built(demo_db, make_app, monkeypatch):
    frames: list[tuple[bool, bool]] = []  # per frame drawn of the screen: (board has cards, list mounted)
    draw = Screen._compositor_refresh

    def drawn(screen: Screen) -> None:
        if isinstance(screen, PortfolioScreen) and screen is screen.app.screen and not screen.app._batch_count:
            frames.append((any(c.cards for c in screen.kanban.columns), bool(screen.query("#list-view"))))
        draw(screen)

    monkeypatch.setattr(Screen, "_compositor_refresh", drawn)
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_portfolio(pilot)
        await settle(pilot)
        first = next(frame for frame in frames if frame[0])
        assert first == (True, False)  # the board with its cards, the list not yet built
        assert screen._list_ready and screen.listing.table.row_count > 0  # prefetched all the same
        assert not screen._stale["list"]
