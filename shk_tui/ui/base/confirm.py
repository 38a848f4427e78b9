"""A generic yes/no question: ``ConfirmScreen(title, text)`` dismisses with True (Ja) or False (Nej).

Use it with a callback: ``app.push_screen(ConfirmScreen("Ta bort?", "…"), on_answer)``."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from shk_tui.ui import keys
from shk_tui.ui.base.work import ShkDialog


class ConfirmScreen(ShkDialog[bool]):
    BINDINGS = keys.of("confirm")

    def __init__(self, title: str, text: str, *, yes: str = "Ja", no: str = "Nej") -> None:
        super().__init__()
        self.question = title
        self.text = text
        self.yes_label = yes
        self.no_label = no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog"):
            yield Static(self.question, id="confirm-title")
            yield Static(self.text, id="confirm-text")
            with Horizontal(id="confirm-buttons"):
                yield Button(f"{self.yes_label} (y)", variant="primary", id="confirm-yes")
                yield Button(f"{self.no_label} (n)", id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-yes", Button).focus()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    def action_switch_button(self) -> None:
        self.focus_next(Button)

    @on(Button.Pressed, "#confirm-yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#confirm-no")
    def _no(self) -> None:
        self.dismiss(False)
