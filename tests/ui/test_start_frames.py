"""The work a screen's first showing leaves out (#17): no frame is rendered while the app holds its updates
(it is drawn once when they are released); the breakpoint classes are set before the widgets are composed
and the first resume does not restyle the screen (no restyle of every widget right after mounting them);
the footer has its keys in its first compose (no rebuild at the start); the collector is off while the
modules load and on again once the first frame is drawn or a command runs."""

from __future__ import annotations

import gc
from datetime import date

import pytest
from textual.dom import DOMNode
from textual.widgets._footer import FooterKey

from shk_tui import cli
from shk_tui.commands import contracts as contracts_cmd
from shk_tui.ui.events.events import EventsScreen
from shk_tui.ui.overview.overview import OverviewScreen
from shk_tui.ui.widgets.footer import Footer
from tests.helpers.events_pilot import seed_events
from tests.ui.conftest import SIZE, settle


async def test_a_held_frame_is_not_rendered_and_is_drawn_when_released(demo_db, make_app, monkeypatch):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        renders: list[int] = []
        real = type(screen._compositor).render_update

        def counted(compositor, *args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            renders.append(1)
            return real(compositor, *args, **kwargs)

        monkeypatch.setattr(type(screen._compositor), "render_update", counted)
        app._begin_batch()
        await pilot.resize_terminal(100, 40)  # a layout while updates are held (as at the start)
        await pilot.pause()
        await pilot.pause()
        assert renders == [] and app._frame_held  # laid out, not rendered
        app._end_batch()
        await pilot.pause()
        await pilot.pause()
        assert renders and not app._frame_held


@pytest.mark.parametrize(("width", "wanted", "other"), [(120, "-wide", "-narrow"), (80, "-narrow", "-wide")])
async def test_breakpoint_classes_are_there_when_the_screen_composes(demo_db, make_app, monkeypatch, width, wanted,
                                                                     other):
    seen: list[tuple[bool, bool]] = []
    compose = OverviewScreen.compose

    def recorded(self):  # noqa: ANN001, ANN202
        seen.append((self.has_class(wanted), self.has_class(other)))
        return compose(self)

    monkeypatch.setattr(OverviewScreen, "compose", recorded)
    app = make_app(demo_db)
    async with app.run_test(size=(width, 40)) as pilot:
        await settle(pilot)
        assert seen and seen[0] == (True, False)
        assert app.screen.has_class(wanted) and not app.screen.has_class(other)


async def test_a_first_showing_does_not_restyle_the_whole_screen(app_db, make_app, monkeypatch):
    seed_events(app_db)
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        if app.screen is not app.screen_stack[0]:
            await pilot.press("n")  # the example-data offer
            await settle(pilot)
        restyled: list[str] = []
        real = DOMNode.update_node_styles

        def counted(node, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
            if isinstance(node, EventsScreen) and node.children:  # a screen's widgets, all of them
                restyled.append(type(node).__name__)
            return real(node, *args, **kwargs)

        monkeypatch.setattr(DOMNode, "update_node_styles", counted)
        await pilot.press("4")
        await settle(pilot)
        assert isinstance(app.screen, EventsScreen) and app.screen.table.row_count == 2
        assert restyled == []
        await pilot.press("1")
        await settle(pilot)
        await pilot.press("4")  # a later showing restyles as Textual does (the theme may have changed meanwhile)
        await settle(pilot)
        assert restyled == ["EventsScreen"]


async def test_the_footer_has_its_keys_without_a_rebuild_at_the_start(demo_db, make_app, monkeypatch):
    rebuilt: list[int] = []
    real = Footer.recompose

    async def counted(self):  # noqa: ANN001, ANN202
        rebuilt.append(1)
        await real(self)

    monkeypatch.setattr(Footer, "recompose", counted)
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
        keys = [k.description for k in app.screen.query_one(Footer).query(FooterKey) if k.display]
        assert "Uppdatera" in keys and "Gallring" in keys and "Öppna" not in keys
        assert rebuilt == []


async def test_a_filters_choices_are_read_once_the_first_rows_are_drawn(demo_db, make_app, monkeypatch):
    """Evenemang's initiative choices (5 000 at scale, sorted in Swedish order) are read after its first frame
    with rows, not beside the rows and the mounting; they still arrive, and the first frame's hold does not
    wait for them."""
    from textual._compositor import Compositor
    from textual.widgets import Select

    from shk_tui.services.events import events as svc

    renders: list[int] = []
    real_render = Compositor.render_update

    def counted(compositor, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        renders.append(1)
        return real_render(compositor, *args, **kwargs)

    monkeypatch.setattr(Compositor, "render_update", counted)
    seen: list[tuple[int, int]] = []  # (frames since the press, rows in the list) when the choices are read
    real_choices = svc.initiative_choices
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pressed = len(renders)

        def choices(db):  # noqa: ANN001, ANN202
            screen = app.screen
            seen.append((len(renders) - pressed, screen.table.row_count if isinstance(screen, EventsScreen) else 0))
            return real_choices(db)

        monkeypatch.setattr(svc, "initiative_choices", choices)
        await pilot.press("4")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EventsScreen) and screen.table.row_count
        assert len(seen) == 1 and seen[0][0] >= 1 and seen[0][1] == screen.table.row_count
        options = screen.query_one("#initiative", Select)._options
        assert [label for label, _ in options[1:]] == [str(name) for name, _ in real_choices(demo_db)]
        assert not screen._holding


async def test_kontakters_first_frame_has_the_first_rows_detail(demo_db, make_app, monkeypatch):
    """The first showing's frame waits for the loads its loads start too: Kontakter's first row's detail pane
    is in its first frame, not drawn a frame later."""
    from textual._compositor import Compositor

    from shk_tui.ui.contacts.contacts import ContactsScreen
    from shk_tui.ui.widgets.contact_detail import ContactDetailPane

    app = make_app(demo_db)
    frames: list[tuple[int, bool]] = []  # (rows, detail shown) of each frame drawn of Kontakter
    real_render = Compositor.render_update

    def counted(compositor, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        screen = app.screen
        if isinstance(screen, ContactsScreen):
            frames.append((screen.table.row_count, bool(str(screen.query_one(ContactDetailPane).render()).strip())))
        return real_render(compositor, *args, **kwargs)

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        monkeypatch.setattr(Compositor, "render_update", counted)
        await pilot.press("3")
        await settle(pilot)
        assert isinstance(app.screen, ContactsScreen) and app.screen.table.row_count
        assert frames and frames[0][0] and frames[0][1], frames[:3]


async def test_the_collector_is_on_once_the_first_frame_is_drawn(demo_db, make_app):
    gc.disable()
    try:
        app = make_app(demo_db)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.pause(0.1)
            assert gc.isenabled()
    finally:
        gc.enable()


def test_a_command_runs_with_the_collector_on_and_main_leaves_it_on(sqlite_db, monkeypatch):
    seen: list[bool] = []

    def due_items(db, today: date, days: int) -> list:  # noqa: ANN001
        seen.append(gc.isenabled())
        return []

    monkeypatch.setattr(contracts_cmd, "due_items", due_items)
    assert cli.main(["--db", str(sqlite_db.config.sqlite_path), "due"]) == 0
    assert seen == [True] and gc.isenabled()
    assert cli.main(["--version"]) == 0 and gc.isenabled()
