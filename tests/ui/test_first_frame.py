"""Opening a screen (#17): its first frame waits for its first loads (at most ShkScreen.FIRST_FRAME_HOLD), so
it is drawn with its rows rather than empty first; a load slower than that lets the "Laddar …" state show;
the footer is rebuilt once per round of binding changes, and only when its keys change; Evenemang reads
its list once and its initiative filter's choices in a load of their own."""

from __future__ import annotations

import asyncio
import threading

from shk_tui.services.events import events as events_svc
from shk_tui.ui.base.work import ShkScreen
from shk_tui.ui.events.events import EventsScreen
from shk_tui.ui.widgets.footer import Footer
from tests.helpers.events_pilot import seed_events
from tests.ui.conftest import SIZE, settle


def _blocking(monkeypatch, gate: threading.Event) -> list[int]:
    calls: list[int] = []
    real = events_svc.list_events

    def slow(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        calls.append(1)
        gate.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(events_svc, "list_events", slow)
    return calls


async def test_the_first_frame_waits_for_the_rows(app_db, make_app, monkeypatch):
    seed_events(app_db)
    gate = threading.Event()
    calls = _blocking(monkeypatch, gate)
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EventsScreen) and screen._holding and app._batch_count > 0  # nothing drawn yet
        gate.set()
        await settle(pilot)
        assert not screen._holding and app._batch_count == 0
        assert screen.table.row_count == 2
        assert len(calls) == 1  # the list once: the initiative choices arriving do not load it again


async def test_a_slow_load_shows_the_screen_loading_after_the_hold(app_db, make_app, monkeypatch):
    seed_events(app_db)
    gate = threading.Event()
    _blocking(monkeypatch, gate)
    monkeypatch.setattr(ShkScreen, "FIRST_FRAME_HOLD", 0.05)
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await asyncio.sleep(0.2)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EventsScreen) and not screen._holding and app._batch_count == 0
        assert str(screen.query_one("#count").render()) == "Laddar …"  # drawn while the list loads
        gate.set()
        await settle(pilot)
        assert screen.table.row_count == 2


async def test_the_footer_is_rebuilt_only_when_its_keys_change(demo_db, make_app, monkeypatch):
    rebuilt: list[str] = []
    real = Footer.recompose

    async def counting(self):  # noqa: ANN001, ANN202
        rebuilt.append(type(self.screen).__name__)
        return await real(self)

    monkeypatch.setattr(Footer, "recompose", counting)
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key in "23456":
            rebuilt.clear()
            await pilot.press(key)
            await settle(pilot)
            assert len(rebuilt) <= 2, (key, rebuilt)  # a dozen binding changes while a screen opens
        await pilot.press("tab")  # the focus moves: whatever keys are active then, the footer shows them
        await settle(pilot)
        shown = {k.action for k in app.screen.query_one(Footer).query("FooterKey")}
        active = {b.action for (_, b, _e, _t) in app.screen.active_bindings.values() if b.show}
        assert shown == active | {"command_palette"}
