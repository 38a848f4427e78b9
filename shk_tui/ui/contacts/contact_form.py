"""The contact form (modal): new or edit. Validation messages appear beside the field; nothing is
saved until every field is valid. A duplicate e-mail address names the existing contact and
ctrl+o opens it instead."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from shk_tui.errors import ShkError, ValidationError
from shk_tui.services.contacts import contacts as svc
from shk_tui.services.contacts import organisations as org_svc
from shk_tui.ui.base import saving, stale
from shk_tui.ui.widgets.org_picker import OrgPicker

FIELDS = (
    ("first_name", "Förnamn *"),
    ("last_name", "Efternamn"),
    ("title", "Titel"),
    ("email", "E-post"),
    ("phone", "Telefon"),
    ("source", "Källa"),
    ("note", "Anteckning"),
)


@dataclass(frozen=True)
class FormResult:
    saved_id: int | None = None
    name: str = ""
    open_id: int | None = None  # open this (existing) contact instead


class ContactFormScreen(ModalScreen[FormResult | None]):
    CSS_PATH = "contacts.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Spara", id="contact_form.save"),
        Binding("escape", "cancel", "Avbryt", id="contact_form.cancel"),
        Binding("ctrl+o", "open_existing", "Öppna befintlig", id="contact_form.open_existing"),
    ]

    def __init__(self, contact_id: int | None) -> None:
        super().__init__()
        self.contact_id = contact_id
        self.existing_id: int | None = None
        self.version: int | None = None  # of the contact as loaded; passed back on save

    def compose(self) -> ComposeResult:
        try:
            detail = svc.get(self.app.db, self.contact_id) if self.contact_id is not None else None
        except ShkError as exc:
            self._gone(exc)
            return
        values = {key: getattr(detail, key) if detail else "" for key, _ in FIELDS}
        self.version = detail.version if detail else None
        with Vertical(id="contact-form", classes="form-dialog"):
            yield Static("Ändra kontakt" if detail else "Ny kontakt", classes="form-title")
            with VerticalScroll():
                for key, label in FIELDS[:3]:
                    yield from self._field(key, label, values[key])
                yield Label("Organisation", classes="form-label")
                yield OrgPicker(partial(org_svc.names_starting, self.app.db), detail.organisation if detail else "")
                yield Static("", id="err-organisation", classes="field-error")
                for key, label in FIELDS[3:]:
                    yield from self._field(key, label, values[key])
                yield Label("Rättslig grund (GDPR)", classes="form-label")
                yield Select(svc.legal_bases(), prompt="Saknas", id="legal_basis",
                             value=detail.legal_basis if detail and detail.legal_basis else Select.NULL)
                yield Static("", id="err-legal_basis", classes="field-error")
                yield from self._field("consent_on", "Datum för grunden (ÅÅÅÅ-MM-DD)", detail.consent_on if detail else "")
            with Horizontal(classes="form-buttons"):
                yield Button("Spara (ctrl+s)", variant="primary", id="form-save")
                yield Button("Avbryt (esc)", id="form-cancel")

    def _field(self, key: str, label: str, value: str) -> ComposeResult:
        yield Label(label, classes="form-label")
        yield Input(value, id=key)
        yield Static("", id=f"err-{key}", classes="field-error")

    def on_mount(self) -> None:
        for first in self.query("#first_name"):
            first.focus()

    def _gone(self, exc: ShkError) -> None:
        """The record went away (another user removed it): say so and close instead of failing."""
        self.notify(exc.message, severity="error")
        self.call_after_refresh(lambda: self.dismiss(None) and None)  # not awaited: from its own handler

    def collect(self) -> svc.ContactInput:
        value = self.query_one("#legal_basis", Select).value
        return svc.ContactInput(
            **{key: self.query_one(f"#{key}", Input).value for key, _ in FIELDS},
            organisation=self.query_one(OrgPicker).value,
            legal_basis="" if value is Select.NULL else str(value),
            consent_on=self.query_one("#consent_on", Input).value,
        )

    def show_errors(self, errors: dict[str, str]) -> None:
        for err in self.query(".field-error"):
            field = (err.id or "").removeprefix("err-")
            message = errors.get(field, "")
            err.update(message)
            err.set_class(bool(message), "-shown")
            for widget in self.query(f"#{field}"):
                widget.set_class(bool(message), "-invalid")

    @on(Input.Blurred, "#phone")
    def _normalise_phone(self, event: Input.Blurred) -> None:
        try:
            normalised = svc.normalise_phone(event.value)
        except ValueError:
            return  # shown when saving
        if normalised and normalised != event.value:
            event.input.value = normalised

    @on(Input.Blurred, "#email")
    def _check_email(self, event: Input.Blurred) -> None:
        email = event.value.strip()
        other = svc.find_by_email(self.app.db, email, exclude_id=self.contact_id) if email else None
        self.existing_id = other[0] if other else None
        message = f"E-postadressen finns redan hos {other[1]} (ctrl+o öppnar)" if other else ""
        err = self.query_one("#err-email", Static)
        err.update(message)
        err.set_class(bool(message), "-shown")

    @on(Button.Pressed, "#form-save")
    def action_save(self) -> None:
        data = self.collect()
        saving.save(self, lambda: svc.save(self.app.db, data, self.contact_id, expected_version=self.version),
                    lambda saved: self.dismiss(FormResult(saved, f"{data.first_name} {data.last_name}".strip())),
                    on_error=partial(self._save_failed, data))

    def _save_failed(self, data: svc.ContactInput, exc: ShkError) -> None:
        if isinstance(exc, ValidationError):
            self.show_errors(exc.errors)
            other = svc.find_by_email(self.app.db, data.email, exclude_id=self.contact_id) if "email" in exc.errors else None
            self.existing_id = other[0] if other else None
            self.notify("Rätta de markerade fälten", severity="error")
        else:
            stale.on_error(self, self.reload)(exc)

    def reload(self) -> None:
        """Show the contact as stored now (after a refused stale save)."""
        try:
            detail = svc.get(self.app.db, self.contact_id)
        except ShkError as exc:
            self._gone(exc)
            return
        for key, _ in FIELDS:
            self.query_one(f"#{key}", Input).value = getattr(detail, key)
        self.query_one("#consent_on", Input).value = detail.consent_on
        self.query_one(OrgPicker).input.value = detail.organisation
        self.query_one("#legal_basis", Select).value = detail.legal_basis or Select.NULL
        self.version = detail.version
        self.show_errors({})

    def action_open_existing(self) -> None:
        if self.existing_id is not None:
            self.dismiss(FormResult(open_id=self.existing_id))
        else:
            self.notify("Ingen befintlig kontakt med samma e-post", severity="warning")

    @on(Button.Pressed, "#form-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
