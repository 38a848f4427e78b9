"""Shows the e-mail addresses just copied (``;``-separated for Outlook), since a terminal's
clipboard may not work: the text can be selected and copied from here too."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static, TextArea


class EmailListScreen(ModalScreen[None]):
    CSS_PATH = "../styles/contacts.tcss"
    BINDINGS = [Binding("escape,enter", "close", "Stäng", id="email_list.close")]

    def __init__(self, text: str, count: int) -> None:
        super().__init__()
        self.text = text
        self.count = count

    def compose(self) -> ComposeResult:
        noun = "adress" if self.count == 1 else "adresser"
        with Vertical(classes="form-dialog", id="email-dialog"):
            yield Static(f"{self.count} e-post{noun} kopierade", classes="form-title")
            yield Static("Klistra in i Outlooks Till/Hemlig kopia. Fungerar inte urklipp i terminalen: "
                         "markera texten nedan och kopiera den.", classes="form-help")
            yield TextArea(self.text, read_only=True, soft_wrap=True, id="email-text")
            with Horizontal(classes="form-buttons"):
                yield Button("Stäng (esc)", variant="primary", id="email-close")

    @on(Button.Pressed, "#email-close")
    def action_close(self) -> None:
        self.dismiss(None)
