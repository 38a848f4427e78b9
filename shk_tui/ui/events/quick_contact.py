"""A new contact without leaving the participant list (on the form kit): first name, last name,
organisation and e-mail, prefilled from the typed text. Dismisses with the new contact
(``picker.Hit``) or None."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from shk_tui.services.contacts import picker
from shk_tui.services.contacts.picker import Hit
from shk_tui.ui.base.form import FormDialog
from shk_tui.ui.base.form_fields import CHOICE, FormField
from shk_tui.ui.base.work import ShkScreen

FIELDS = ("first_name", "last_name", "organisation_id", "email")
LEGAL_BASIS = "Rättslig grund: berättigat intresse (deltagande i evenemang)."


class QuickContactScreen(FormDialog[Hit | None]):
    FIELD_ID = "q-{}"
    ERROR_ID = "qerr-{}"

    def __init__(
        self,
        first_name: str,
        last_name: str,
        organisations: Sequence[tuple[str, int]],
        create: Callable[..., Hit],
    ) -> None:
        super().__init__("Ny kontakt", intro=LEGAL_BASIS)
        self.first_name = first_name
        self.last_name = last_name
        self.organisations = list(organisations)
        self.create = create

    def form_fields(self) -> list[FormField]:
        return [
            FormField("first_name", "Förnamn", value=self.first_name, required=True),
            FormField("last_name", "Efternamn", value=self.last_name),
            FormField("organisation_id", "Organisation", CHOICE,
                      options=[(name, str(oid)) for name, oid in self.organisations]),
            FormField("email", "E-post", placeholder="namn@exempel.se"),
        ]

    def submit(self, values: dict[str, Any]) -> Hit:
        org = values["organisation_id"]
        return self.create(first_name=values["first_name"], last_name=values["last_name"],
                           organisation_id=int(org) if org else None, email=values["email"])


def new_contact(screen: ShkScreen, event_id: int, text: str, created: Callable[[picker.Hit | None], None]) -> None:
    """The quick form for someone not among the contacts, filled from ``text`` (the name typed);
    ``created`` gets the new contact (None when the form was closed). Its source names the event."""
    db = screen.db
    read = screen.attempt(lambda: (picker.event_source(db, event_id), picker.organisation_choices(db)),
                          screen.LOAD_FAILED)
    if read is None:
        return
    source, organisations = read
    first, last = picker.split_name(text)

    def create(**fields: Any) -> picker.Hit:
        return picker.create_contact(db, source=source, **fields)

    screen.app.push_screen(QuickContactScreen(first, last, organisations, create), created)
