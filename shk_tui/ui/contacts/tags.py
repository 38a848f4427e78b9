"""Edit one contact's tags (modal): a comma-separated line with completion from existing tags."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Button, Input, Static

from shk_tui.errors import ShkError, ValidationError
from shk_tui.services.contacts import contact_list
from shk_tui.services.contacts import contacts as svc


class _LastTagSuggester(Suggester):
    """Completes the tag being typed (after the last comma) from the existing tags."""

    def __init__(self, tags: list[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=False)
        self.tags = tags

    async def get_suggestion(self, value: str) -> str | None:
        last = value.rpartition(",")[2].lstrip()
        if not last:
            return None
        for tag in self.tags:
            if tag.casefold().startswith(last):
                return value + tag[len(last):]
        return None


class TagsScreen(ModalScreen[bool]):
    CSS_PATH = "contacts.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Avbryt", id="tags.cancel"),
        Binding("ctrl+s", "save", "Spara", id="tags.save"),
    ]

    def __init__(self, contact_id: int) -> None:
        super().__init__()
        self.contact_id = contact_id

    def compose(self) -> ComposeResult:
        try:
            detail = svc.get(self.app.db, self.contact_id)
            existing = contact_list.tag_names(self.app.db)
        except ShkError as exc:
            self._gone(exc)
            return
        with Vertical(classes="form-dialog", id="tags-dialog"):
            yield Static(f"Taggar – {detail.name}", classes="form-title")
            yield Static("Skriv taggar åtskilda med komma; → fyller i en befintlig tagg.", classes="form-help")
            yield Input(", ".join(detail.tags), id="tags-input", suggester=_LastTagSuggester(existing))
            yield Static("", id="err-tags", classes="field-error")
            yield Static("Befintliga: " + (", ".join(existing) or "–"), classes="form-help", id="tags-existing")
            with Horizontal(classes="form-buttons"):
                yield Button("Spara (enter)", variant="primary", id="tags-save")
                yield Button("Avbryt (esc)", id="tags-cancel")

    def on_mount(self) -> None:
        for field in self.query("#tags-input"):
            field.focus()

    def _gone(self, exc: ShkError) -> None:
        """The record went away (another user removed it): say so and close instead of failing."""
        self.notify(exc.message, severity="error")
        self.call_after_refresh(lambda: self.dismiss(None) and None)  # not awaited: from its own handler

    @on(Input.Submitted, "#tags-input")
    @on(Button.Pressed, "#tags-save")
    def action_save(self) -> None:
        text = self.query_one("#tags-input", Input).value
        try:
            svc.set_tags(self.app.db, self.contact_id, svc.parse_tags(text))
        except ValidationError as exc:
            err = self.query_one("#err-tags", Static)
            err.update(exc.errors.get("tags", exc.message))
            err.add_class("-shown")
            return
        except ShkError as exc:
            self.notify(exc.message, severity="error")
            return
        self.dismiss(True)

    @on(Button.Pressed, "#tags-cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
