"""The organisation form (modal, on the form kit): name (unique), short name, kind, city, note.
Dismisses with the id."""

from __future__ import annotations

from typing import Any

from shk_tui.enums import OrganisationKind
from shk_tui.services.contacts import organisations as svc
from shk_tui.ui.base.form import FormDialog
from shk_tui.ui.base.form_fields import CHOICE, FormField

TEXTS = ("name", "short_name", "city", "note")


class OrganisationFormScreen(FormDialog[int | None]):
    def __init__(self, org_id: int | None) -> None:
        super().__init__("Ändra organisation" if org_id else "Ny organisation")
        self.org_id = org_id
        self.version: int | None = None  # of the organisation as loaded; passed back on save

    def form_fields(self) -> list[FormField]:
        d = svc.get(self.db, self.org_id) if self.org_id is not None else svc.OrganisationDetail(None)
        self.version = d.version
        return [
            FormField("name", "Namn", value=d.name, required=True),
            FormField("short_name", "Kortnamn", value=d.short_name),
            FormField("kind", "Typ", CHOICE, d.kind, options=OrganisationKind.choices(), allow_blank=False),
            FormField("city", "Ort", value=d.city),
            FormField("note", "Anteckning", value=d.note),
        ]

    def submit(self, values: dict[str, Any]) -> int:
        name, short_name, city, note = (str(values[key]) for key in TEXTS)
        data = svc.OrganisationDetail(self.org_id, name, short_name, str(values["kind"]), city, note,
                                      version=self.version)
        return svc.save(self.db, data)

    def stored_values(self) -> dict[str, Any] | None:
        if self.org_id is None:
            return None
        d = svc.get(self.db, self.org_id)
        self.version = d.version
        return {"name": d.name, "short_name": d.short_name, "kind": d.kind, "city": d.city, "note": d.note}
