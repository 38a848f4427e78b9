"""GDPR for one contact (modal, from Kontakter with ``g``): the register extract shown and saved as
Markdown and JSON, and erasure with a reason and a confirmation. Dismisses with True after erasure."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static, TextArea

from shk_tui.errors import ShkError
from shk_tui.screens.confirm import ConfirmScreen
from shk_tui.services import gdpr as svc


class GdprScreen(ModalScreen[bool]):
    CSS_PATH = "../styles/contacts.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save_extract", "Spara utdrag", id="gdpr.save"),
        Binding("escape", "close", "Stäng", id="gdpr.close"),
    ]

    def __init__(self, contact_id: int) -> None:
        super().__init__()
        self.contact_id = contact_id

    def compose(self) -> ComposeResult:
        try:
            self.extract_data = svc.extract(self.app.db, self.contact_id)
        except ShkError as exc:
            self.notify(exc.message, severity="error")
            self.call_after_refresh(lambda: self.dismiss(False) and None)  # not awaited: from its own handler
            return
        self.markdown = svc.to_markdown(self.extract_data, today=self.app.today)
        f = self.extract_data["fields"]
        self.person_name = f"{f['first_name']} {f['last_name']}".strip()
        with Vertical(classes="form-dialog wide-dialog"):
            yield Static(f"GDPR – {self.person_name}", classes="form-title")
            yield TextArea(self.markdown, read_only=True, id="gdpr-extract")
            yield Label("Spara registerutdrag som (.md och .json)", classes="form-label")
            with Horizontal(classes="import-options"):
                yield Input(str(Path.home() / f"registerutdrag-{self.contact_id}-{self.app.today}.md"),
                            id="gdpr-path")
                yield Button("Spara (ctrl+s)", id="gdpr-save")
            yield Static("", id="err-path", classes="field-error")
            if not f.get("erased_on"):
                yield Label("Radera personen: skäl (krävs)", classes="form-label")
                with Horizontal(classes="import-options"):
                    yield Input(placeholder="t.ex. begäran från personen 2026-11-20", id="gdpr-reason")
                    yield Button("Radera …", variant="error", id="gdpr-erase")
                yield Static("", id="err-reason", classes="field-error")
            with Horizontal(classes="form-buttons"):
                yield Button("Stäng (esc)", id="gdpr-close")

    def _error(self, which: str, message: str) -> None:
        err = self.query_one(f"#err-{which}", Static)
        err.update(message)
        err.set_class(bool(message), "-shown")

    @on(Button.Pressed, "#gdpr-save")
    @on(Input.Submitted, "#gdpr-path")
    def action_save_extract(self) -> None:
        text = self.query_one("#gdpr-path", Input).value.strip()
        if not text:
            self._error("path", "Ange en fil, inte en katalog")
            return
        try:
            md, _ = svc.save_extract(self.extract_data, Path(text).expanduser(), today=self.app.today)
        except ShkError as exc:
            self._error("path", exc.message)
            return
        self._error("path", "")
        self.notify(f"Registerutdrag sparat: {md} och .json")

    @on(Button.Pressed, "#gdpr-erase")
    @on(Input.Submitted, "#gdpr-reason")
    def _ask_erase(self) -> None:
        reason = self.query_one("#gdpr-reason", Input).value.strip()
        if not reason:
            self._error("reason", "Ange ett skäl för raderingen")
            return
        self._error("reason", "")
        text = (f"Alla uppgifter som identifierar {self.person_name} tas bort, även ur historiken. Deltaganden finns "
                f"kvar anonymt för statistiken. Det går inte att ångra.")
        self.app.push_screen(ConfirmScreen("Radera enligt GDPR?", text, yes="Radera"),
                             lambda yes: yes and self._erase(reason))

    def _erase(self, reason: str) -> None:
        try:
            svc.erase(self.app.db, self.contact_id, reason, today=self.app.today)
        except ShkError as exc:
            self.notify(exc.message, severity="error")
            return
        self.notify("Personen är raderad (anonymiserad)")
        self.dismiss(True)

    @on(Button.Pressed, "#gdpr-close")
    def action_close(self) -> None:
        self.dismiss(False)
