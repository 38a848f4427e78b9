"""Undoable (ui/base/undo.py): ctrl+z takes back the newest change through the save path, says what it
undid and reloads; nothing to undo says so; a refused undo is a notice and is dropped."""

from __future__ import annotations

from typing import Any

from textual.app import App, ComposeResult
from textual.widgets import Static

from shk_tui.errors import StaleEdit
from shk_tui.ui.base.undo import Undoable
from shk_tui.ui.base.work import ShkScreen
from tests.ui.conftest import notices, record_notices


class UndoScreen(Undoable, ShkScreen):
    BINDINGS = [("ctrl+z", "undo", "Ångra")]

    def __init__(self) -> None:
        super().__init__()
        self.value = "arkiverad"
        self.reloads = 0

    def compose(self) -> ComposeResult:
        yield Static(self.value, id="value")

    def reload(self) -> None:
        self.reloads += 1
        self.query_one("#value", Static).update(self.value)


class UndoApp(App):
    db: Any = None

    def on_mount(self) -> None:
        self.push_screen(UndoScreen())


def restore(screen: UndoScreen) -> None:
    screen.value = "aktiv"


async def test_ctrl_z_undoes_the_newest_change_and_reloads():
    app = record_notices(UndoApp())  # type: ignore[arg-type]
    async with app.run_test() as pilot:
        screen = app.screen
        assert isinstance(screen, UndoScreen)
        order: list[str] = []
        screen.remember_undo("Arkiverade avtalet A", lambda: order.append("A"))
        screen.remember_undo("Arkiverade avtalet B", lambda: (order.append("B"), restore(screen)))
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert order == ["B"]
        assert notices(app)[-1] == "Ångrade: Arkiverade avtalet B"
        assert screen.reloads == 1
        assert str(screen.query_one("#value", Static).render()) == "aktiv"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert order == ["B", "A"]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert notices(app)[-1] == "Inget att ångra"
        assert order == ["B", "A"]


async def test_a_refused_undo_is_a_notice_and_is_dropped():
    app = record_notices(UndoApp())  # type: ignore[arg-type]
    async with app.run_test() as pilot:
        screen = app.screen
        assert isinstance(screen, UndoScreen)

        def stale() -> None:
            raise StaleEdit()

        screen.remember_undo("Flyttade kortet", stale)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "Posten har ändrats av någon annan" in notices(app, "error")[-1]
        assert screen.undo_stack == []
        assert screen.reloads == 1


def test_the_stack_keeps_the_newest_entries():
    screen = UndoScreen.__new__(UndoScreen)
    for n in range(UndoScreen.UNDO_LIMIT + 5):
        Undoable.remember_undo(screen, f"ändring {n}", lambda: None)
    assert len(screen.undo_stack) == UndoScreen.UNDO_LIMIT
    assert screen.undo_stack[-1].label == f"ändring {UndoScreen.UNDO_LIMIT + 4}"
    assert screen.undo_stack[0].label == "ändring 5"
