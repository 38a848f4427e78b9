"""Ask for one line of text: ``TextInputScreen(title, value)`` dismisses with the text (enter) or
None (escape)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class TextInputScreen(ModalScreen[str | None]):
    CSS_PATH = "../events/events.tcss"
    BINDINGS = [Binding("escape", "cancel", "Avbryt", id="text_input.cancel")]

    def __init__(self, title: str, value: str = "", *, placeholder: str = "", hint: str = "") -> None:
        super().__init__()
        self.question = title
        self.value = value
        self.placeholder = placeholder
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(id="choice-dialog"):
            yield Static(self.question, classes="form-title")
            yield Input(self.value, placeholder=self.placeholder, id="text-input")
            yield Static(self.hint or "enter sparar, esc avbryter", classes="form-hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _done(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
