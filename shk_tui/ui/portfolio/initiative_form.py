"""The initiative form (modal): every field of the model. Errors appear beside the fields; the
decision rule is shown live below the budget (who may decide this budget)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from shk_tui.enums import BudgetSource, DecisionLevel, FocusArea, Function, InitiativeKind, Phase
from shk_tui.errors import ShkError, ValidationError
from shk_tui.fmt import format_kr, parse_kr
from shk_tui.services.portfolio import initiatives as svc
from shk_tui.services.portfolio.portfolio import DECIDERS, DECISION_THRESHOLD_ORE, decision_level
from shk_tui.ui.base import saving, stale
from shk_tui.ui.base.input_dialog import show_field_errors
from shk_tui.ui.base.work import error_message, report_error

SELECTS = (
    ("focus_area", "Fokusområde *", FocusArea, False),
    ("phase", "Fas *", Phase, False),
    ("kind", "Typ *", InitiativeKind, False),
    ("function", "Funktion", Function, True),
    ("budget_source", "Budgetkälla *", BudgetSource, False),
)
INPUTS = (
    ("budget", "Budget processtöd (kr)"),
    ("pilot", "Varav pilotbudget (kr, vid blandad)"),
    ("starts_on", "Start (ÅÅÅÅ-MM-DD)"),
    ("ends_on", "Slut (ÅÅÅÅ-MM-DD)"),
    ("next_step_on", "Nästa steg datum"),
    ("decided_on", "Beslutsdatum"),
)
LONG = {"description", "proposed_start", "context", "party_resources"}


def decision_hint(budget_text: str) -> tuple[str, bool]:
    """The line under the budget: who decides (and whether a board/Core Team decision is needed)."""
    try:
        ore = parse_kr(budget_text) if budget_text.strip() else 0
    except ValueError:
        return "Budgeten kan inte läsas – skriv t.ex. 288 000", False
    level = decision_level(ore)
    if level is DecisionLevel.STYRELSE:
        return (f"Beslutsnivå: {level.label} – över {format_kr(DECISION_THRESHOLD_ORE)} kan processledaren inte "
                "starta initiativet ensam; ange beslut av Core Team eller styrelse med datum", True)
    return f"Beslutsnivå: {level.label} (upp till och med {format_kr(DECISION_THRESHOLD_ORE)})", False


class InitiativeFormScreen(ModalScreen[int | None]):
    CSS_PATH = "dialogs.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Spara", id="initiative_form.save"),
        Binding("escape", "cancel", "Avbryt", id="initiative_form.cancel"),
    ]

    def __init__(self, initiative_id: int | None, *, focus_area: FocusArea | None = None) -> None:
        super().__init__()
        self.initiative_id = initiative_id
        self.default_focus = focus_area
        self.load_error = ""
        self.version: int | None = None  # of the initiative as loaded; passed back on save

    def compose(self) -> ComposeResult:
        db = self.app.db
        try:
            values = svc.get(db, self.initiative_id).values if self.initiative_id is not None else \
                svc.InitiativeInput(focus_area=(self.default_focus or FocusArea.OVERGRIPANDE).value)
        except Exception as exc:  # e.g. deleted meanwhile by someone else: say so on mount and close
            self.load_error = error_message(exc, "Kunde inte läsa initiativet (se loggfilen)")
            return
        self.version = values.version
        with Vertical(classes="form-dialog"):
            yield Static("Ändra initiativ" if self.initiative_id else "Nytt initiativ", classes="form-title")
            with VerticalScroll():
                yield from self._input("name", "Namn *", values.name)
                with Grid(classes="form-grid"):
                    for key, label, enum, optional in SELECTS:
                        with Vertical(classes="form-cell"):
                            yield Label(label, classes="form-label")
                            value = getattr(values, key)
                            yield Select(enum.choices(), prompt="Ingen" if optional else label, id=key,
                                         allow_blank=optional, value=value if value else Select.NULL)
                            yield Static("", id=f"err-{key}", classes="field-error")
                    with Vertical(classes="form-cell"):
                        yield Label("Ägare", classes="form-label")
                        owners = svc.owner_choices(db, include=values.owner_id)
                        yield Select(owners, prompt="Ingen", id="owner_id",
                                     value=values.owner_id if values.owner_id in {v for _, v in owners} else Select.NULL)
                    for key, label in INPUTS:
                        with Vertical(classes="form-cell"):
                            yield from self._input(key, label, getattr(values, key))
                    with Vertical(classes="form-cell"):
                        yield Label("Beslutat av", classes="form-label")
                        choices = [(d, d) for d in DECIDERS]
                        if values.decided_by and values.decided_by not in DECIDERS:
                            choices.append((values.decided_by, values.decided_by))
                        yield Select(choices, prompt="Inget beslut", id="decided_by",
                                     value=values.decided_by or Select.NULL)
                        yield Static("", id="err-decided_by", classes="field-error")
                hint, high = decision_hint(values.budget)
                yield Static(hint, id="decision-hint", classes="decision-hint" + (" -high" if high else ""))
                for key, label in svc.TEXT_FIELDS[1:]:
                    yield from self._input(key, label, getattr(values, key))
            with Horizontal(classes="form-buttons"):
                yield Button("Spara (ctrl+s)", variant="primary", id="form-save")
                yield Button("Avbryt (esc)", id="form-cancel")

    def _input(self, key: str, label: str, value: str) -> ComposeResult:
        yield Label(label, classes="form-label")
        yield Input(value or "", id=key)
        yield Static("", id=f"err-{key}", classes="field-error")

    def on_mount(self) -> None:
        if self.load_error:
            self.notify(self.load_error, severity="error")
            self.dismiss(None)
            return
        self.query_one("#name", Input).focus()

    @on(Input.Changed, "#budget")
    def _budget_changed(self, event: Input.Changed) -> None:
        hint, high = decision_hint(event.value)
        widget = self.query_one("#decision-hint", Static)
        widget.update(hint)
        widget.set_class(high, "-high")

    def collect(self) -> svc.InitiativeInput:
        data = svc.InitiativeInput(version=self.version)
        for key, _ in svc.TEXT_FIELDS:
            setattr(data, key, self.query_one(f"#{key}", Input).value)
        for key, _ in INPUTS:
            setattr(data, key, self.query_one(f"#{key}", Input).value)
        for key, *_ in SELECTS:
            value = self.query_one(f"#{key}", Select).value
            setattr(data, key, "" if value is Select.NULL else str(value))
        owner = self.query_one("#owner_id", Select).value
        data.owner_id = None if owner is Select.NULL else int(owner)
        decided = self.query_one("#decided_by", Select).value
        data.decided_by = "" if decided is Select.NULL else str(decided)
        return data

    def show_errors(self, errors: dict[str, str]) -> None:
        show_field_errors(self, errors, mark_fields=True)

    @on(Button.Pressed, "#form-save")
    def action_save(self) -> None:
        data = self.collect()
        saving.save(self, lambda: svc.save(self.app.db, data, self.initiative_id), self._saved,
                    on_error=self._failed, failed="Kunde inte sparas (se loggfilen)")

    def _saved(self, saved: int) -> None:
        self.notify("Initiativet sparat")
        self.dismiss(saved)

    def _failed(self, exc: ShkError) -> None:
        if isinstance(exc, ValidationError):
            self.show_errors(exc.errors)
            self.notify("Rätta de markerade fälten", severity="error")
        else:
            stale.on_error(self, self.reload)(exc)

    def reload(self) -> None:
        """Show the initiative as stored now (after a refused stale save)."""
        try:
            values = svc.get(self.app.db, self.initiative_id).values
        except ShkError as exc:
            report_error(self, exc, "Kunde inte läsa initiativet (se loggfilen)")
            return
        stale.fill(self, vars(values))
        self.version = values.version
        self.show_errors({})

    @on(Button.Pressed, "#form-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
