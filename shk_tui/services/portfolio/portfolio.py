"""The initiative portfolio: the decision rule, board and list queries and phase moves. Triage lives in
``services.portfolio.triage``; detail, form and indicators in ``initiatives``; Översikt's rows in
``portfolio_attention``."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlmodel import select

from shk_tui.db import search_query
from shk_tui.db.engine import Database
from shk_tui.db.models import Contact, Initiative
from shk_tui.enums import BudgetSource, DecisionLevel, FocusArea, Function, InitiativeKind, Phase
from shk_tui.errors import NotFound, StaleEdit, ValidationError
from shk_tui.fmt import format_kr, sv_key
from shk_tui.services import versioning
from shk_tui.services.portfolio.portfolio_rules import DECISION_THRESHOLD_ORE as DECISION_THRESHOLD_ORE
from shk_tui.services.portfolio.portfolio_rules import HIGH_DECIDERS
from shk_tui.services.portfolio.portfolio_rules import STARTED_PHASES as STARTED_PHASES
from shk_tui.services.portfolio.portfolio_rules import decision_level as decision_level
from shk_tui.services.rows import existing

#: The board's columns in order; pausad and avslagen are folded into one column at the end.
BOARD_PHASES: tuple[Phase, ...] = (
    Phase.FORSLAG, Phase.UTFORSKAS, Phase.PLANERAS, Phase.FAS_1, Phase.FAS_2, Phase.AVSLUTAD,
)
FOLDED_PHASES: tuple[Phase, ...] = (Phase.PAUSAD, Phase.AVSLAGEN)
#: Who may decide, as offered in forms; the first may decide only up to the threshold.
DECIDERS = ("Processledare", "Core Team", "Styrelse")


def mandate_text(budget_ore: int) -> str:
    """The decision rule for this budget in plain words: the processledare's own mandate covers
    decisions up to and including 200 000 kr; above it a start needs Core Team or styrelse."""
    limit = format_kr(DECISION_THRESHOLD_ORE)
    if decision_level(budget_ore) is DecisionLevel.PROCESSLEDARE:
        amount = format_kr(budget_ore) if budget_ore else "ingen budget"
        return f"Inom processledarens mandat: processledaren beslutar själv upp till {limit} (här {amount})."
    return (f"Över processledarens mandat (beslutar själv upp till {limit}): {format_kr(budget_ore)} kräver "
            "beslut av Core Team eller styrelsen för att starta.")


def decision_errors(phase: Phase, budget_ore: int, decided_by: str | None, decided_on: date | None) -> dict[str, str]:
    """The decision rule as field errors: starting an initiative over 200 000 kr needs a decision by
    Core Team or styrelse with a date."""
    if phase not in STARTED_PHASES or decision_level(budget_ore) is DecisionLevel.PROCESSLEDARE:
        return {}
    errors: dict[str, str] = {}
    if (decided_by or "").strip().casefold() not in HIGH_DECIDERS:
        errors["decided_by"] = (
            f"Budget över {format_kr(DECISION_THRESHOLD_ORE)}: beslut av Core Team eller styrelse krävs för att starta"
        )
    if decided_on is None:
        errors["decided_on"] = "Ange beslutsdatum (ÅÅÅÅ-MM-DD)"
    return errors


def ordinary_ore(source: BudgetSource, budget_ore: int, pilot_ore: int) -> int:
    """The part of the budget taken from the ordinary budget."""
    if source is BudgetSource.ORDINARIE:
        return budget_ore
    if source is BudgetSource.BLANDAD:
        return budget_ore - pilot_ore
    return 0


def pilot_part_ore(source: BudgetSource, budget_ore: int, pilot_ore: int) -> int:
    """The part of the budget taken from the pilot budget."""
    if source is BudgetSource.PILOT:
        return budget_ore
    if source is BudgetSource.BLANDAD:
        return pilot_ore
    return 0


def phase_step(phase: Phase, step: int) -> Phase | None:
    """The board phase before (-1) or after (+1); pausad/avslagen go back to förslag or stay."""
    if phase in FOLDED_PHASES:
        return Phase.FORSLAG if step > 0 else None
    index = BOARD_PHASES.index(phase) + step
    if 0 <= index < len(BOARD_PHASES):
        return BOARD_PHASES[index]
    return None


@dataclass(frozen=True)
class Card:
    """One initiative as the board and the list show it."""

    id: int
    name: str
    focus_area: FocusArea
    phase: Phase
    kind: InitiativeKind
    function: Function | None
    budget_ore: int
    budget_source: BudgetSource
    owner: str
    next_step: str
    next_step_on: date | None
    decided_by: str
    version: int = 1  # of the row when read: passed back to move_phase

    @property
    def decision_level(self) -> DecisionLevel:
        return decision_level(self.budget_ore)

    @property
    def budget_text(self) -> str:
        return format_kr(self.budget_ore) if self.budget_ore else "–"

    @property
    def next_text(self) -> str:
        when = f"{self.next_step_on.isoformat()} " if self.next_step_on else ""
        return f"{when}{self.next_step}".strip()


@dataclass(frozen=True)
class Filters:
    text: str = ""
    focus_area: FocusArea | None = None
    phase: Phase | None = None
    kind: InitiativeKind | None = None
    function: Function | None = None
    budget_source: BudgetSource | None = None
    owner_id: int | None = None
    decision_level: DecisionLevel | None = None


@dataclass
class ListResult:
    cards: list[Card]
    total: int


@dataclass
class Board:
    focus_area: FocusArea | None
    columns: dict[Phase, list[Card]] = field(default_factory=dict)  # BOARD_PHASES + PAUSAD (folded)
    counts: dict[Phase, int] = field(default_factory=dict)


def owner_name(first: str | None, last: str | None) -> str:
    return f"{first or ''} {last or ''}".strip()


def _card_query():
    return (
        select(
            Initiative.id, Initiative.name, Initiative.focus_area, Initiative.phase, Initiative.kind,
            Initiative.function, Initiative.budget_ore, Initiative.budget_source, Contact.first_name,
            Contact.last_name, Initiative.next_step, Initiative.next_step_on, Initiative.decided_by,
            Initiative.version,
        )
        .select_from(Initiative)
        .outerjoin(Contact, Contact.id == Initiative.owner_id)
    )


def _card(row: Any) -> Card:
    return Card(
        id=row[0], name=row[1], focus_area=row[2], phase=row[3], kind=row[4], function=row[5],
        budget_ore=row[6] or 0, budget_source=row[7], owner=owner_name(row[8], row[9]),
        next_step=row[10] or "", next_step_on=row[11], decided_by=row[12] or "", version=row[13],
    )


def _where(query, filters: Filters, dialect: str):
    if filters.text.strip():  # every word in the name, owner, description, context or next step (the index's row)
        query = query.where(search_query.restrict(Initiative.id, dialect, filters.text, "initiative"))
    for column, value in (
        (Initiative.focus_area, filters.focus_area), (Initiative.phase, filters.phase),
        (Initiative.kind, filters.kind), (Initiative.function, filters.function),
        (Initiative.budget_source, filters.budget_source), (Initiative.owner_id, filters.owner_id),
    ):
        if value is not None:
            query = query.where(column == value)
    if filters.decision_level is DecisionLevel.STYRELSE:
        query = query.where(Initiative.budget_ore > DECISION_THRESHOLD_ORE)
    elif filters.decision_level is DecisionLevel.PROCESSLEDARE:
        query = query.where(Initiative.budget_ore <= DECISION_THRESHOLD_ORE)
    return query


#: Cards read per query by id (a bounded number of parameters on either backend).
_ID_CHUNK = 500


def _swedish_order(rows) -> list:
    """Rows ``(id, name, …)`` sorted by name in Swedish order (ties: the raw name, then the id). Sorting in
    Python with one key per row is far cheaper than SQLite calling the Swedish collation per comparison."""
    return sorted(rows, key=lambda r: (sv_key(r[1]), r[1], r[0]))


def _cards_of(s, ids: list[int]) -> dict[int, Card]:
    """The cards of ``ids`` by id (one removed meanwhile is missing). Only the cards shown are read in full:
    sorting 5 000 initiatives needs their names alone, and building every card (enums, dates, the owner)
    would cost more than the rest."""
    found: dict[int, Card] = {}
    for start in range(0, len(ids), _ID_CHUNK):
        query = _card_query().where(Initiative.id.in_(ids[start:start + _ID_CHUNK]))
        found.update((card.id, card) for card in map(_card, s.exec(query).all()))
    return found


def _in_order(ids: list[int], cards: dict[int, Card]) -> list[Card]:
    return [cards[i] for i in ids if i in cards]


def list_initiatives(db: Database, filters: Filters = Filters(), *, limit: int = 200) -> ListResult:
    """Initiatives matching ``filters`` in Swedish name order (at most ``limit``) and the total count."""
    query = select(Initiative.id, Initiative.name).select_from(Initiative)
    with db.read() as s:
        keys = _swedish_order(s.exec(_where(query, filters, db.dialect)).all())
        ids = [k[0] for k in keys[:limit]]
        return ListResult(_in_order(ids, _cards_of(s, ids)), len(keys))


def board(db: Database, focus_area: FocusArea | None = None, *, per_column: int = 300) -> Board:
    """Cards per phase for one focus area (None = all); pausad and avslagen share the last column.
    Each column holds at most ``per_column`` cards (``counts`` has the real numbers)."""
    result = Board(focus_area, {p: [] for p in (*BOARD_PHASES, Phase.PAUSAD)}, {p: 0 for p in (*BOARD_PHASES, Phase.PAUSAD)})
    query = select(Initiative.id, Initiative.name, Initiative.phase)
    if focus_area is not None:
        query = query.where(Initiative.focus_area == focus_area)
    shown: dict[Phase, list[int]] = {column: [] for column in result.columns}
    with db.read() as s:
        for initiative_id, _name, phase in _swedish_order(s.exec(query).all()):
            column = Phase.PAUSAD if phase in FOLDED_PHASES else phase
            result.counts[column] += 1
            if len(shown[column]) < per_column:
                shown[column].append(initiative_id)
        cards = _cards_of(s, [i for ids in shown.values() for i in ids])
    for column, ids in shown.items():
        result.columns[column] = _in_order(ids, cards)
    return result


def card(db: Database, initiative_id: int) -> Card:
    with db.read() as s:
        row = s.exec(_card_query().where(Initiative.id == initiative_id)).first()
        if row is None:
            raise NotFound(f"Initiativet {initiative_id} finns inte")
        return _card(row)


LABELS = {"name": "Namn", "phase": "Fas", "focus_area": "Fokusområde", "budget_ore": "Budget",
           "budget_source": "Budgetkälla", "decided_by": "Beslutad av", "decided_on": "Beslutsdatum"}


def move_phase(db: Database, initiative_id: int, step: int, *, expected_version: int | None = None) -> Card:
    """Move an initiative one phase back (-1) or forward (+1) on the board. The change lands in the
    audit trail (with its date). Starting an initiative over 200 000 kr needs a recorded decision.
    StaleEdit when the initiative changed since the card was read at ``expected_version``."""
    with versioning.session(db) as s:
        initiative = existing(s, Initiative, initiative_id, f"Initiativet {initiative_id} finns inte")
        if expected_version is not None and initiative.version != expected_version:
            raise StaleEdit({"Fas": ("", initiative.phase.label)})
        target = phase_step(initiative.phase, step)
        if target is None:
            raise ValidationError({"phase": f"{initiative.name} står redan i {initiative.phase.label}"})
        errors = decision_errors(target, initiative.budget_ore, initiative.decided_by, initiative.decided_on)
        if errors:
            raise ValidationError({"phase": next(iter(errors.values())), **errors})
        initiative.phase = target
        s.flush()
        return card_from(initiative, s)


def restore_phase(db: Database, initiative_id: int, phase: Phase, *, expected_version: int) -> Card:
    """Undo a move on the board: the initiative back in ``phase``, unless it changed since the move
    (its version is no longer ``expected_version``: StaleEdit, nothing changes). Audited like a move."""
    with versioning.session(db) as s:
        initiative = existing(s, Initiative, initiative_id, f"Initiativet {initiative_id} finns inte")
        if initiative.version != expected_version:
            raise StaleEdit({"Fas": (phase.label, initiative.phase.label)}, message=(
                f"{initiative.name} har ändrats sedan flytten (nu i {initiative.phase.label}); flytten ångras inte"))
        errors = decision_errors(phase, initiative.budget_ore, initiative.decided_by, initiative.decided_on)
        if errors:
            raise ValidationError({"phase": next(iter(errors.values())), **errors})
        initiative.phase = phase
        s.flush()
        return card_from(initiative, s)


def card_from(initiative: Initiative, s: Any) -> Card:
    owner = s.get(Contact, initiative.owner_id) if initiative.owner_id else None
    return Card(
        id=initiative.saved_id, name=initiative.name, focus_area=initiative.focus_area, phase=initiative.phase,
        kind=initiative.kind, function=initiative.function, budget_ore=initiative.budget_ore,
        budget_source=initiative.budget_source,
        owner=owner_name(owner.first_name, owner.last_name) if owner else "",
        next_step=initiative.next_step or "", next_step_on=initiative.next_step_on,
        decided_by=initiative.decided_by or "", version=initiative.version,
    )
