"""The generic yes/no dialog: buttons, y/n keys, escape; it dismisses with True or False."""

from __future__ import annotations

import pytest
from textual.app import App

from shk_tui.ui.base.confirm import ConfirmScreen
from tests.ui.conftest import SIZE


class Host(App):
    def __init__(self) -> None:
        super().__init__()
        self.answers: list[bool | None] = []

    def on_mount(self) -> None:
        self.push_screen(ConfirmScreen("Ta bort?", "Raden tas bort."), self.answers.append)


@pytest.mark.parametrize(
    ("keys", "expected"),
    [(["y"], True), (["n"], False), (["escape"], False), (["enter"], True), (["right", "enter"], False)],
)
async def test_keys_answer(keys, expected):
    app = Host()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert str(app.screen.query_one("#confirm-title").render()) == "Ta bort?"
        await pilot.press(*keys)
        await pilot.pause()
        assert app.answers == [expected]
        assert not isinstance(app.screen, ConfirmScreen)


async def test_buttons_answer():
    app = Host()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.click("#confirm-no")
        await pilot.pause()
        assert app.answers == [False]
