"""The organisation form (modal): name (unique), short name, kind, city, note. Dismisses with the id."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from shk_tui.enums import OrganisationKind
from shk_tui.errors import ShkError
from shk_tui.services.contacts import organisations as svc
from shk_tui.ui.base import saving, stale


class OrganisationFormScreen(ModalScreen[int | None]):
    CSS_PATH = "contacts.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Spara", id="organisation_form.save"),
        Binding("escape", "cancel", "Avbryt", id="organisation_form.cancel"),
    ]

    def __init__(self, org_id: int | None) -> None:
        super().__init__()
        self.org_id = org_id
        self.version: int | None = None  # of the organisation as loaded; passed back on save

    def compose(self) -> ComposeResult:
        try:
            d = svc.get(self.app.db, self.org_id) if self.org_id is not None else svc.OrganisationDetail(None)
        except ShkError as exc:
            self._gone(exc)
            return
        self.version = d.version
        with Vertical(classes="form-dialog"):
            yield Static("Ändra organisation" if self.org_id else "Ny organisation", classes="form-title")
            for key, label, value in (("name", "Namn *", d.name), ("short_name", "Kortnamn", d.short_name)):
                yield Label(label, classes="form-label")
                yield Input(value, id=key)
                yield Static("", id=f"err-{key}", classes="field-error")
            yield Label("Typ", classes="form-label")
            yield Select(OrganisationKind.choices(), value=d.kind, allow_blank=False, id="kind")
            yield Static("", id="err-kind", classes="field-error")
            for key, label, value in (("city", "Ort", d.city), ("note", "Anteckning", d.note)):
                yield Label(label, classes="form-label")
                yield Input(value, id=key)
                yield Static("", id=f"err-{key}", classes="field-error")
            with Horizontal(classes="form-buttons"):
                yield Button("Spara (ctrl+s)", variant="primary", id="form-save")
                yield Button("Avbryt (esc)", id="form-cancel")

    def on_mount(self) -> None:
        for name in self.query("#name"):
            name.focus()

    def _gone(self, exc: ShkError) -> None:
        """The record went away (another user removed it): say so and close instead of failing."""
        self.notify(exc.message, severity="error")
        self.call_after_refresh(lambda: self.dismiss(None) and None)  # not awaited: from its own handler

    @on(Button.Pressed, "#form-save")
    def action_save(self) -> None:
        value = {k: self.query_one(f"#{k}", Input).value for k in ("name", "short_name", "city", "note")}
        data = svc.OrganisationDetail(self.org_id, kind=str(self.query_one("#kind", Select).value),
                                      version=self.version, **value)
        saving.save(self, lambda: svc.save(self.app.db, data), self.dismiss, on_error=stale.on_error(self, self.reload))

    def show_errors(self, errors: dict[str, str]) -> None:
        for err in self.query(".field-error"):
            message = errors.get((err.id or "").removeprefix("err-"), "")
            err.update(message)
            err.set_class(bool(message), "-shown")

    def reload(self) -> None:
        """Show the organisation as stored now (after a refused stale save)."""
        try:
            d = svc.get(self.app.db, self.org_id)
        except ShkError as exc:
            self._gone(exc)
            return
        stale.fill(self, {"name": d.name, "short_name": d.short_name, "kind": d.kind, "city": d.city, "note": d.note})
        self.version = d.version
        self.show_errors({})

    @on(Button.Pressed, "#form-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
