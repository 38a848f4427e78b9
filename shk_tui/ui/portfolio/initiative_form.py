"""The initiative form (modal, on the form kit): every field of the model, one row each, in three
groups – what, where and when, money and decision – with the decision rule shown live under the
last group (who may decide this budget). The money group names the budget line and year the budget is
charged to (Budget's forecast counts a decided initiative's remaining budget there); "Beslutat av" also
records the deciding body (processledare, Core Team, styrelse) that the attest check reads. Errors appear
under the fields."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual import on
from textual.widget import Widget
from textual.widgets import Input, Static

from shk_tui.enums import BudgetSource, DecisionLevel, FocusArea, Function, InitiativeKind, Phase
from shk_tui.fmt import parse_kr
from shk_tui.services.budget import links
from shk_tui.services.portfolio import initiatives as svc
from shk_tui.services.portfolio.portfolio import DECIDERS, decision_level, mandate_text
from shk_tui.ui.base.form import FormDialog
from shk_tui.ui.base.form_fields import CHOICE, FormField

DATE = "ÅÅÅÅ-MM-DD"
#: The text fields: (name, label, placeholder).
TEXTS = {
    "description": ("Beskrivning", "förslagets text"),
    "societal_goal": ("Samhällsmål", ""),
    "proposed_start": ("Förslag på start", ""),
    "context": ("Kontext", ""),
    "party_resources": ("Resurser parterna", ""),
    "starts_on": ("Start", DATE),
    "ends_on": ("Slut", DATE),
    "next_step": ("Nästa steg", ""),
    "next_step_on": ("Nästa steg datum", DATE),
    "note": ("Anteckning", ""),
    "budget": ("Budget processtöd (kr)", "t.ex. 288 000"),
    "pilot": ("Varav pilot (kr)", "vid blandad budgetkälla"),
    "budget_note": ("Budgettillägg", "t.ex. + del av …"),
    "budget_year": ("Budgetår", "t.ex. 2027 (med budgetraden)"),
    "decided_on": ("Beslutsdatum", DATE),
    "decision_note": ("Beslutsanteckning", "diarienummer: Dnr …"),
}
#: The choices: (name, label, enum, may be empty).
CHOICES = {
    "focus_area": ("Fokusområde", FocusArea, False),
    "phase": ("Fas", Phase, False),
    "kind": ("Typ", InitiativeKind, False),
    "function": ("Funktion", Function, True),
    "budget_source": ("Budgetkälla", BudgetSource, False),
}
ORDER = ("name", "description", "societal_goal", "proposed_start", "context", "party_resources",
         "focus_area", "phase", "kind", "function", "owner_id", "starts_on", "ends_on", "next_step", "next_step_on",
         "note", "budget_source", "budget", "pilot", "budget_note", "budget_line_id", "budget_year", "decided_by",
         "decided_on", "decision_note")


def decision_hint(budget_text: str) -> tuple[str, bool]:
    """The line under the budget: who decides (and whether a board/Core Team decision is needed)."""
    try:
        ore = parse_kr(budget_text) if budget_text.strip() else 0
    except ValueError:
        return "Budgeten kan inte läsas – skriv t.ex. 288 000", False
    if decision_level(ore) is DecisionLevel.STYRELSE:
        return f"{mandate_text(ore)} Ange Beslutat av och Beslutsdatum.", True
    return mandate_text(ore), False


def form_values(data: svc.InitiativeInput) -> dict[str, Any]:
    """The initiative as the form shows it (the owner's id as the choice's text)."""
    return {**vars(data), "owner_id": "" if data.owner_id is None else str(data.owner_id)}


class InitiativeFormScreen(FormDialog[int | None]):
    def __init__(self, initiative_id: int | None, *, focus_area: FocusArea | None = None) -> None:
        super().__init__("Ändra initiativ" if initiative_id else "Nytt initiativ")
        self.initiative_id = initiative_id
        self.default_focus = focus_area
        self.version: int | None = None  # of the initiative as loaded; passed back on save
        self.budget_text = ""

    def form_fields(self) -> list[FormField]:
        data = svc.get(self.db, self.initiative_id).values if self.initiative_id is not None else \
            svc.InitiativeInput(focus_area=(self.default_focus or FocusArea.OVERGRIPANDE).value)
        self.version = data.version
        self.budget_text = data.budget
        v = form_values(data)
        owners = [(name, str(i)) for name, i in svc.owner_choices(self.db, include=data.owner_id)]
        deciders = [(d, d) for d in DECIDERS]
        if data.decided_by and data.decided_by not in DECIDERS:
            deciders.append((data.decided_by, data.decided_by))
        fields = {
            "name": FormField("name", "Namn", value=v["name"], required=True),
            "owner_id": FormField("owner_id", "Ägare", CHOICE, v["owner_id"], options=owners, prompt="Ingen"),
            "decided_by": FormField("decided_by", "Beslutat av", CHOICE, v["decided_by"], options=deciders,
                                    prompt="Inget beslut"),
            "budget_line_id": FormField("budget_line_id", "Budgetrad", CHOICE, v["budget_line_id"],
                                        options=links.choices(self.db), prompt="Ingen"),
        }
        for key, (label, enum, optional) in CHOICES.items():
            fields[key] = FormField(key, label, CHOICE, v[key], required=not optional, options=enum.choices(),
                                    allow_blank=optional, prompt="Ingen")
        for key, (label, placeholder) in TEXTS.items():
            fields[key] = FormField(key, label, value=v[key], placeholder=placeholder)
        return [fields[key] for key in ORDER]

    def extra_rows(self) -> Iterable[Widget]:
        hint, high = decision_hint(self.budget_text)
        yield Static(hint, id="decision-hint", classes="decision-hint" + (" -high" if high else ""))

    @on(Input.Changed, "#budget")
    def _budget_changed(self, event: Input.Changed) -> None:
        hint, high = decision_hint(event.value)
        widget = self.query_one("#decision-hint", Static)
        widget.update(hint)
        widget.set_class(high, "-high")

    def submit(self, values: dict[str, Any]) -> int:
        owner = values["owner_id"]
        data = svc.InitiativeInput(**{key: str(value) for key, value in values.items() if key != "owner_id"},
                                   owner_id=int(owner) if owner else None, version=self.version)
        return svc.save(self.db, data, self.initiative_id)

    def saved(self, result: Any) -> None:
        self.notify("Initiativet sparat")
        self.dismiss(result)

    def stored_values(self) -> dict[str, Any] | None:
        if self.initiative_id is None:  # a new initiative: nothing stored to reload
            return None
        data = svc.get(self.db, self.initiative_id).values
        self.version = data.version
        return form_values(data)
