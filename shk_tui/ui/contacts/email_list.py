"""The e-mail addresses of the contacts now shown in Kontakter (all pages of the current search and
filters), ``;``-separated for Outlook: copied to the clipboard and shown, since a terminal's
clipboard may not work — the text can be selected and copied from here too."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static, TextArea

from shk_tui.services.contacts import contact_list
from shk_tui.services.contacts.contact_list import ContactFilter
from shk_tui.ui import keys
from shk_tui.ui.base.work import ShkDialog, error_message


class EmailListScreen(ShkDialog[None]):
    CSS_PATH = "contacts.tcss"
    BINDINGS = keys.of("email_list")

    def __init__(self, flt: ContactFilter) -> None:
        super().__init__()
        self.filter = flt
        self.text = ""
        self.count = 0

    def compose(self) -> ComposeResult:
        with Vertical(classes="form-dialog", id="email-dialog"):
            yield Static("Hämtar e-postadresser …", classes="form-title")
            yield Static("Klistra in i Outlooks Till/Hemlig kopia. Fungerar inte urklipp i terminalen: "
                         "markera texten nedan och kopiera den.", classes="form-help")
            yield TextArea("", read_only=True, soft_wrap=True, id="email-text")
            with Horizontal(classes="form-buttons"):
                yield Button("Stäng (esc)", variant="primary", id="email-close")

    def on_mount(self) -> None:
        db, flt = self.db, self.filter
        self.load(lambda: contact_list.emails(db, flt), self._show, on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        message = error_message(exc, "Kunde inte läsa e-postadresserna (se loggfilen)")
        self.query_one(".form-title", Static).update(message)
        self.notify(message, severity="error", title="Fel")

    def _show(self, addresses: list[str]) -> None:
        title = self.query_one(".form-title", Static)
        if not addresses:
            title.update("Inga e-postadresser bland de visade kontakterna")
            return
        self.text, self.count = "; ".join(addresses), len(addresses)
        self.app.copy_to_clipboard(self.text)
        title.update(f"{self.count} e-post{'adress' if self.count == 1 else 'adresser'} kopierade")
        self.query_one("#email-text", TextArea).text = self.text

    @on(Button.Pressed, "#email-close")
    def action_close(self) -> None:
        self.dismiss(None)
