"""A funding application (modal, on the form kit): title, funder, whether it is external money or the parties'
own (board goal 5 counts external only), amount, Samhällskontraktet's share of a consortium application,
status, dates, focus area, initiative and a note."""

from __future__ import annotations

from typing import Any

from shk_tui.enums import ApplicationStatus, FocusArea, FunderKind
from shk_tui.services.budget import applications as svc
from shk_tui.ui.base.form import FormDialog
from shk_tui.ui.base.form_fields import CHOICE, FormField

TEXTS = ("title", "funder", "amount", "sk_share", "submitted_on", "decided_on", "note")


def form_values(data: svc.ApplicationInput) -> dict[str, Any]:
    """The application as the form shows it (the initiative's id as the choice's text)."""
    return {**vars(data), "initiative_id": "" if data.initiative_id is None else str(data.initiative_id)}


class ApplicationFormScreen(FormDialog[int | None]):
    READ_FAILED = "Kunde inte läsa ansökan (se loggfilen)"

    def __init__(self, application_id: int | None) -> None:
        super().__init__("Ändra ansökan" if application_id else "Ny ansökan")
        self.application_id = application_id
        self.version: int | None = None  # of the application as loaded; passed back on save

    def form_fields(self) -> list[FormField]:
        data = svc.get(self.db, self.application_id) if self.application_id is not None else svc.ApplicationInput()
        self.version = data.version
        v = form_values(data)
        initiatives = [(name, str(i)) for name, i in svc.initiative_choices(self.db, include=data.initiative_id)]
        return [
            FormField("title", "Titel", value=v["title"], required=True),
            FormField("funder", "Finansiär", value=v["funder"]),
            FormField("funder_kind", "Slag", CHOICE, v["funder_kind"], options=FunderKind.choices(), allow_blank=False,
                      help="Mål 5 räknar bara extern finansiering"),
            FormField("amount", "Belopp (kr)", value=v["amount"]),
            FormField("sk_share", "Vår andel (kr)", value=v["sk_share"],
                      help="Vår del av en konsortieansökan; tomt: hela"),
            FormField("status", "Status", CHOICE, v["status"], required=True, options=ApplicationStatus.choices(),
                      allow_blank=False, help="Med ett datum för inskickad (och inget beslut) blir den inskickad"),
            FormField("submitted_on", "Inskickad", value=v["submitted_on"], placeholder="ÅÅÅÅ-MM-DD"),
            FormField("decided_on", "Beslut", value=v["decided_on"], placeholder="ÅÅÅÅ-MM-DD"),
            FormField("focus_area", "Fokusområde", CHOICE, v["focus_area"], options=FocusArea.choices(), prompt="Inget"),
            FormField("initiative_id", "Initiativ", CHOICE, v["initiative_id"], options=initiatives, prompt="Inget"),
            FormField("note", "Anteckning", value=v["note"]),
        ]

    def submit(self, values: dict[str, Any]) -> int:
        initiative = values["initiative_id"]
        data = svc.ApplicationInput(**{key: values[key] for key in TEXTS}, status=str(values["status"]),
                                    focus_area=str(values["focus_area"]), funder_kind=str(values["funder_kind"]),
                                    initiative_id=int(initiative) if initiative else None, version=self.version)
        return svc.save(self.db, data, self.application_id)

    def stored_values(self) -> dict[str, Any] | None:
        if self.application_id is None:  # a new application: nothing stored to reload
            return None
        data = svc.get(self.db, self.application_id)
        self.version = data.version
        return form_values(data)
