"""Triage (``t`` in Portfölj): proposals one at a time, oldest first, with the proposal's text.
From the proposal card one key sends it on: 1 utforskas, 2 planeras, 3 fas 1, 4 pausad, 5 avslagen
(with a reason). Focus area, budget, budget source and the decision are set on the way, as an
explicit step: ``e`` edits the fields (``b`` goes straight to the budget), tab moves between them,
enter or esc goes back to the card. While a field is edited a digit is typed into it, never taken as
a triage key, and the line under the fields says so. What was typed is never dropped silently: esc
(leaving) or s (the next proposal) with changed fields asks "Kasta ändringarna?" first. The decision
rule is shown before a key is pressed: over 200 000 kr (the processledare's own mandate) a start (fas 1) needs a decision by Core
Team or styrelse with a date."""

from __future__ import annotations

from collections.abc import Callable

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.events import Click
from textual.widget import Widget
from textual.widgets import Header, Input, Label, Select, Static

from shk_tui.enums import BudgetSource, DecisionLevel, FocusArea, Phase
from shk_tui.errors import ShkError, StaleEdit, ValidationError
from shk_tui.fmt import format_kr, parse_date, parse_kr
from shk_tui.services.portfolio import portfolio, triage
from shk_tui.services.portfolio.portfolio import DECIDERS, mandate_text
from shk_tui.services.portfolio.triage import Proposal, TriageDecision
from shk_tui.ui import keys
from shk_tui.ui.base import stale
from shk_tui.ui.base.confirm import ConfirmScreen
from shk_tui.ui.base.titles import screen_title
from shk_tui.ui.base.work import ShkScreen
from shk_tui.ui.widgets.footer import Footer

KEYS = {"1": Phase.UTFORSKAS, "2": Phase.PLANERAS, "3": Phase.FAS_1, "4": Phase.PAUSAD, "5": Phase.AVSLAGEN}
KEY_LINE = ("Från förslaget: [b]1[/] utforskas · [b]2[/] planeras · [b]3[/] fas 1 (start) · [b]4[/] pausad · "
            "[b]5[/] avslagen (skäl krävs) · [b]s[/] hoppa över · [b]e[/] ändra fälten · [b]b[/] budget")
EDIT_LINE = ("[b]Du ändrar ett fält[/]: det du skriver (även siffror) hamnar i fältet · [b]tab[/] nästa fält · "
             "[b]enter[/]/[b]esc[/] tillbaka till förslaget, där 1–5 triagerar")
#: The fields in tab order (widget ids).
FIELDS = ("focus_area", "budget", "budget_source", "pilot", "decided_by", "decided_on", "reason")


def rule_text(budget_ore: int | None, decided_by: str, decided_on: str) -> tuple[str, bool]:
    """What applies to this budget, shown before a key is pressed; the flag says a start is blocked."""
    if budget_ore is None:
        return "Budgeten kan inte läsas – skriv t.ex. 288 000", True
    rule = mandate_text(budget_ore)
    if portfolio.decision_level(budget_ore) is DecisionLevel.PROCESSLEDARE:
        return f"{rule} Kan startas (3).", False
    if decided_by in ("Core Team", "Styrelse") and decided_on.strip():
        return f"{rule} Beslut av {decided_by} {decided_on.strip()} angivet: kan startas (3).", False
    return f"{rule} Ange Beslutat av och Beslutsdatum (e), eller välj 1/2 utan beslut.", True


def proposal_text(p: Proposal) -> str:
    parts = [f"[b]{escape(p.name)}[/b]   ({p.focus_area.label}; inkom {p.created_on or '–'}"
             f"{'; ' + escape(p.owner) if p.owner else ''})"]
    for label, value in (("Förslag på start", p.proposed_start), ("Beskrivning", p.description),
                         ("Kontext", p.context), ("Resurser parterna", p.party_resources)):
        if value:
            parts.append(f"[b]{label}:[/b] {escape(value)}")
    budget = f"{format_kr(p.budget_ore)} {p.budget_note}".strip() if p.budget_ore else (p.budget_note or "ingen")
    parts.append(f"[b]Budget processtöd:[/b] {escape(budget)} ({p.budget_source.label.lower()})")
    return "\n\n".join(parts)


def _kr_input(ore: int) -> str:
    return f"{ore // 100:,}".replace(",", " ") if ore else ""


class TriageFields(Vertical):
    """The fields under the card. Tab reaches them only while one of them is being edited (entered
    with ``e``/``b`` or a click), so tab and the triage keys on the card never land in a field."""

    def allow_focus_children(self) -> bool:
        focused = self.screen.focused
        return focused is not None and self in focused.ancestors

    @property
    def editing(self) -> bool:
        return self.allow_focus_children()


class TriageScreen(ShkScreen):
    CSS_PATH = "dialogs.tcss"
    BINDINGS = keys.of("triage")

    def __init__(self, start_id: int | None = None) -> None:
        super().__init__()
        self.title = screen_title("Triagering")
        self.start_id = start_id
        self.queue: list[Proposal] = []
        self.index = 0
        self.done = 0
        self._shown: dict[str, object] = {}  # the fields' values as the current proposal was shown

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="triage-count")
        with VerticalScroll(id="triage-proposal", can_focus=True):
            yield Static("", id="triage-text")
        with TriageFields(id="triage-fields"):
            with Grid(id="triage-grid"):
                yield from self._cell(Select([(a.short, a.value) for a in FocusArea], id="focus_area",
                                             allow_blank=False, value=FocusArea.BARN.value, compact=True), "Fokus")
                yield from self._cell(Input(id="budget", placeholder="0", compact=True), "Budget (kr)")
                yield from self._cell(Select(BudgetSource.choices(), id="budget_source", allow_blank=False,
                                             value=BudgetSource.INGEN.value, compact=True), "Källa")
                yield from self._cell(Input(id="pilot", placeholder="vid blandad", compact=True), "Pilot (kr)")
                yield from self._cell(Select([(d, d) for d in DECIDERS], id="decided_by", prompt="Inget beslut",
                                             compact=True), "Beslutat av")
                yield from self._cell(Input(id="decided_on", placeholder="ÅÅÅÅ-MM-DD", compact=True), "Beslutsdatum")
            with Horizontal(classes="cell reason"):
                yield Label("Skäl")
                yield Input(id="reason", placeholder="vid avslag (5)", compact=True)
        yield Static("", id="triage-rule")
        yield Static(KEY_LINE, id="triage-keys")
        yield Footer()

    def _cell(self, widget: Widget, label: str) -> ComposeResult:
        with Horizontal(classes="cell"):
            yield Label(label)
            yield widget

    def on_mount(self) -> None:
        self.reload(self.start_id)

    def reload(self, at_id: int | None = None) -> None:
        """Read the queue (in a worker) and show it at the proposal ``at_id`` (if still there)."""
        db = self.db
        self.load(lambda: triage.triage_queue(db), lambda queue: self._show_queue(queue, at_id),
                  failed="Kunde inte läsa förslagen (se loggfilen)")

    def _show_queue(self, queue: list[Proposal], at_id: int | None) -> None:
        self.queue = queue
        self.index = next((i for i, p in enumerate(queue) if p.id == at_id), 0)
        self.show_current()

    def _reload_current(self) -> None:
        """After a refused stale triage: the queue as it is now, at the same proposal if still there."""
        current = self.current
        self.reload(current.id if current else None)

    @property
    def current(self) -> Proposal | None:
        return self.queue[self.index] if 0 <= self.index < len(self.queue) else None

    @property
    def card(self) -> VerticalScroll:
        return self.query_one("#triage-proposal", VerticalScroll)

    @property
    def editing(self) -> bool:
        """A field has the focus: what is typed goes into it."""
        return self.query_one(TriageFields).editing

    def show_current(self) -> None:
        p = self.current
        count = self.query_one("#triage-count", Static)
        if p is None:
            count.update(f"Inga fler förslag att triagera ({self.done} triagerade nu) – esc går tillbaka")
            self.query_one("#triage-text", Static).update("")
            self.query_one("#triage-fields").display = False
            self.query_one("#triage-rule").display = False
            self.card.focus()
            return
        count.update(f"Förslag {self.index + 1} av {len(self.queue)} (äldst först)")
        self.query_one("#triage-text", Static).update(proposal_text(p))
        self.card.scroll_home(animate=False)
        self.query_one("#focus_area", Select).value = p.focus_area.value
        self.query_one("#budget", Input).value = _kr_input(p.budget_ore)
        self.query_one("#budget_source", Select).value = p.budget_source.value
        self.query_one("#pilot", Input).value = _kr_input(p.pilot_ore) if p.budget_source is BudgetSource.BLANDAD else ""
        self.query_one("#decided_by", Select).value = Select.NULL
        self.query_one("#decided_on", Input).value = ""
        self.query_one("#reason", Input).value = ""
        self._shown = self._values()
        self.card.focus()
        self.update_rule()

    def _values(self) -> dict[str, object]:
        return {field: getattr(self.query_one(f"#{field}"), "value", None) for field in FIELDS}

    def _changed(self) -> list[str]:
        """The labels of the fields changed since the proposal was shown (typed, not yet triaged)."""
        if self.current is None:
            return []
        now = self._values()
        return [str(self.query_one(f"#{field}").query_ancestor(".cell").query_one(Label).render())
                for field in FIELDS if now[field] != self._shown.get(field)]

    def _unless_changed(self, then: Callable[[], None]) -> None:
        """``then()`` at once when nothing was typed; else after "Kasta ändringarna?" is answered Kasta."""
        changed, p = self._changed(), self.current
        if not changed or p is None:
            then()
            return
        self.app.push_screen(ConfirmScreen(
            "Kasta ändringarna?", f"Du har ändrat {', '.join(changed)} för {p.name}. Det sparas först när "
            "förslaget triageras (1–5).", yes="Kasta", no="Fortsätt redigera"),
            lambda discard: then() if discard else None)

    def _budget_ore(self) -> int | None:
        text = self.query_one("#budget", Input).value
        try:
            return parse_kr(text) if text.strip() else 0
        except ValueError:
            return None

    def _decided_by(self) -> str:
        value = self.query_one("#decided_by", Select).value
        return "" if value is Select.NULL else str(value)

    def update_rule(self) -> None:
        text, blocked = rule_text(self._budget_ore(), self._decided_by(), self.query_one("#decided_on", Input).value)
        rule = self.query_one("#triage-rule", Static)
        rule.update(text)
        rule.set_class(blocked, "-high")

    @on(Input.Changed)
    @on(Select.Changed)
    def _field_changed(self) -> None:
        if self.current is not None:
            self.update_rule()

    @on(Input.Submitted)
    def _field_done(self) -> None:
        self.card.focus()

    def on_descendant_focus(self) -> None:
        self._show_mode()

    def on_descendant_blur(self) -> None:
        self.call_after_refresh(self._show_mode)

    def _show_mode(self) -> None:
        """The line under the fields: the triage keys from the card, or that a field is being edited."""
        if self.is_attached:
            keys_line = self.query_one("#triage-keys", Static)
            keys_line.update(EDIT_LINE if self.editing else KEY_LINE)
            keys_line.set_class(self.editing, "-editing")

    @on(Click, "#triage-fields .cell")
    def _clicked_field(self, event: Click) -> None:
        """A click on a field's label edits that field (a click on the field itself focuses it)."""
        cell = event.widget if event.widget is not None and event.widget.has_class("cell") else None
        if cell is None and event.widget is not None:
            cell = next((a for a in event.widget.ancestors if isinstance(a, Widget) and a.has_class("cell")), None)
        if cell is not None:
            field = cell.query(f"{', '.join('#' + f for f in FIELDS)}").first()
            if self.focused is not field:
                field.focus()

    def action_edit(self, field: str = "focus_area") -> None:
        """``e`` (the first field) or ``b`` (the budget): the explicit step into the fields."""
        if self.current is not None:
            self.query_one(f"#{field}").focus()

    def action_back(self) -> None:
        if self.editing:
            self.card.focus()
        else:
            self._unless_changed(self._leave)

    def _leave(self) -> None:
        self.dismiss(None)

    def _refuse_while_editing(self) -> bool:
        """A triage key while a choice field has the focus (a text field takes the key itself)."""
        if self.editing:
            self.notify("Du ändrar ett fält: enter eller esc tillbaka till förslaget, sedan 1–5.",
                        severity="warning", title="Inte triagerat")
            return True
        return False

    def action_skip(self) -> None:
        if self.queue and not self._refuse_while_editing():
            self._unless_changed(self._next)

    def _next(self) -> None:
        self.index = (self.index + 1) % len(self.queue)
        self.show_current()

    def action_send(self, key: str) -> None:
        p = self.current
        if p is None or self._refuse_while_editing():
            return
        phase = KEYS[key]
        budget = self._budget_ore()
        errors: dict[str, str] = {}
        if budget is None:
            errors["budget"] = "Budgeten kan inte läsas"
        pilot_text = self.query_one("#pilot", Input).value
        try:
            pilot = parse_kr(pilot_text) if pilot_text.strip() else 0
        except ValueError as exc:
            errors["pilot"] = str(exc)
            pilot = 0
        on_text = self.query_one("#decided_on", Input).value
        try:
            decided_on = parse_date(on_text) if on_text.strip() else None
        except ValueError as exc:
            errors["decided_on"] = str(exc)
            decided_on = None
        if errors:
            self.notify("; ".join(errors.values()), severity="error", title="Kan inte triageras")
            return
        decision = TriageDecision(
            phase=phase, focus_area=FocusArea(str(self.query_one("#focus_area", Select).value)), budget_ore=budget or 0,
            budget_source=BudgetSource(str(self.query_one("#budget_source", Select).value)), pilot_ore=pilot,
            decided_by=self._decided_by(), decided_on=decided_on, reason=self.query_one("#reason", Input).value,
        )
        db, today = self.db, self.today

        def refused(exc: ShkError) -> None:
            if isinstance(exc, StaleEdit):
                stale.offer_reload(self, exc, self._reload_current)
            elif isinstance(exc, ValidationError):
                self.notify("\n".join(exc.errors.values()), severity="error", title=f"{p.name}: inte triagerat")
                if "reason" in exc.errors:  # the step into the reason field is the app's, and the line says so
                    self.query_one("#reason", Input).focus()
            else:
                self.report_error(exc)

        self.write(lambda: triage.triage(db, p.id, decision, today, expected_version=p.version), self._triaged,
                   on_error=refused, failed="Förslaget kunde inte triageras (se loggfilen)")

    def _triaged(self, card: portfolio.Card) -> None:
        self.done += 1
        self.notify(f"{card.name} → {card.phase.label}", timeout=3)
        if self.current is not None and self.current.id == card.id:
            self.queue.pop(self.index)
        if self.index >= len(self.queue):
            self.index = 0
        self.show_current()
