"""The contact form (modal, on the form kit): new or edit. Validation messages appear under the
field; nothing is saved until every field is valid. A duplicate e-mail address names the existing
contact and ctrl+o opens it instead. A new organisation is only created after a yes."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any

from textual import on
from textual.widgets import Input, Static

from shk_tui.errors import ShkError, ValidationError
from shk_tui.services.contacts import contacts as svc
from shk_tui.services.contacts import organisations as org_svc
from shk_tui.ui import keys
from shk_tui.ui.base.form import FormDialog
from shk_tui.ui.base.form_fields import CHOICE, DATE, TYPE_AHEAD, FormField

TEXTS = ("first_name", "last_name", "title", "organisation", "email", "phone", "source", "note")


@dataclass(frozen=True)
class FormResult:
    saved_id: int | None = None
    name: str = ""
    open_id: int | None = None  # open this (existing) contact instead


class ContactFormScreen(FormDialog[FormResult | None]):
    BINDINGS = keys.of("contact_form")
    ENTER_SAVES = False

    def __init__(self, contact_id: int | None) -> None:
        super().__init__("Ändra kontakt" if contact_id is not None else "Ny kontakt")
        self.contact_id = contact_id
        self.existing_id: int | None = None
        self.version: int | None = None  # of the contact as loaded; passed back on save

    def form_fields(self) -> list[FormField]:
        detail = svc.get(self.db, self.contact_id) if self.contact_id is not None else None
        self.version = detail.version if detail else None
        now = self._values(detail)
        return [
            FormField("first_name", "Förnamn", value=now["first_name"], required=True),
            FormField("last_name", "Efternamn", value=now["last_name"]),
            FormField("title", "Titel", value=now["title"]),
            FormField("organisation", "Organisation", TYPE_AHEAD, now["organisation"],
                      placeholder="Skriv för att söka (→ fyller i)",
                      lookup=partial(org_svc.names_starting, self.db),
                      new_hint="Ny organisation skapas: {}", confirm_new="Skapa organisationen ”{}”?"),
            FormField("email", "E-post", value=now["email"]),
            FormField("phone", "Telefon", value=now["phone"]),
            FormField("source", "Källa", value=now["source"]),
            FormField("note", "Anteckning", value=now["note"]),
            FormField("legal_basis", "Rättslig grund (GDPR)", CHOICE, now["legal_basis"],
                      options=svc.legal_bases(), prompt="Saknas"),
            FormField("consent_on", "Datum för grunden", DATE, now["consent_on"]),
        ]

    @staticmethod
    def _values(detail: Any) -> dict[str, Any]:
        keys = (*TEXTS, "legal_basis", "consent_on")
        return {key: (getattr(detail, key) or "") if detail else "" for key in keys}

    def collect(self) -> svc.ContactInput:
        values = self.values()
        return svc.ContactInput(**{key: str(values[key]) for key in (*TEXTS, "legal_basis", "consent_on")})

    def submit(self, values: dict[str, Any]) -> int:
        data = self.collect()
        return svc.save(self.db, data, self.contact_id, expected_version=self.version)

    def saved(self, result: Any) -> None:
        values = self.values()
        self.dismiss(FormResult(result, f"{values['first_name']} {values['last_name']}".strip()))

    def failed(self, exc: ShkError) -> None:
        if isinstance(exc, ValidationError) and "email" in exc.errors:
            email = str(self.values()["email"])
            other = self.attempt(lambda: svc.find_by_email(self.db, email, exclude_id=self.contact_id))
            self.existing_id = other[0] if other else None
        super().failed(exc)

    def stored_values(self) -> dict[str, Any] | None:
        if self.contact_id is None:
            return None
        detail = svc.get(self.db, self.contact_id)
        self.version = detail.version
        return self._values(detail)

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
        other = self.attempt(lambda: svc.find_by_email(self.db, email, exclude_id=self.contact_id)) if email else None
        self.existing_id = other[0] if other else None
        message = f"E-postadressen finns redan hos {other[1]} (ctrl+o öppnar)" if other else ""
        line = self.query_one("#err-email", Static)
        line.update(message)
        line.set_class(bool(message), "-shown")

    def action_open_existing(self) -> None:
        if self.existing_id is not None:
            self.dismiss(FormResult(open_id=self.existing_id))
        else:
            self.notify("Ingen befintlig kontakt med samma e-post", severity="warning")
