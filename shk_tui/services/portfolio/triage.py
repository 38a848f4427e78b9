"""Triage: the proposals waiting (phase förslag) and sending one on, with the portfolio's decision rule
(``services.portfolio.portfolio``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import select

from shk_tui.db.engine import Database
from shk_tui.db.models import Contact, Initiative
from shk_tui.enums import BudgetSource, DecisionLevel, FocusArea, Phase
from shk_tui.errors import ValidationError
from shk_tui.fmt import MAX_ORE
from shk_tui.services import versioning
from shk_tui.services.portfolio.portfolio import (
    LABELS,
    STARTED_PHASES,
    Card,
    card_from,
    decision_errors,
    decision_level,
    owner_name,
)
from shk_tui.services.rows import existing

#: Triage targets in key order.
TRIAGE_PHASES: tuple[Phase, ...] = (Phase.UTFORSKAS, Phase.PLANERAS, Phase.FAS_1, Phase.PAUSAD, Phase.AVSLAGEN)


@dataclass(frozen=True)
class Proposal:
    id: int
    name: str
    focus_area: FocusArea
    description: str
    proposed_start: str
    context: str
    party_resources: str
    budget_ore: int
    budget_source: BudgetSource
    pilot_ore: int
    budget_note: str
    owner: str
    created_on: date | None
    version: int = 1  # of the row when read: passed back to triage

    @property
    def decision_level(self) -> DecisionLevel:
        return decision_level(self.budget_ore)


def triage_queue(db: Database) -> list[Proposal]:
    """Proposals (phase förslag), oldest first."""
    with db.read() as s:
        rows = s.exec(
            select(Initiative, Contact.first_name, Contact.last_name)
            .outerjoin(Contact, Contact.id == Initiative.owner_id)
            .where(Initiative.phase == Phase.FORSLAG)
            .order_by(Initiative.created_at, Initiative.id)
        ).all()
        return [
            Proposal(
                id=i.saved_id, name=i.name, focus_area=i.focus_area, description=i.description or "",
                proposed_start=i.proposed_start or "", context=i.context or "",
                party_resources=i.party_resources or "", budget_ore=i.budget_ore,
                budget_source=i.budget_source, pilot_ore=i.pilot_ore, budget_note=i.budget_note or "",
                owner=owner_name(first, last), created_on=i.created_at.date() if i.created_at else None,
                version=i.version,
            )
            for i, first, last in rows
        ]


@dataclass(frozen=True)
class TriageDecision:
    phase: Phase
    focus_area: FocusArea
    budget_ore: int
    budget_source: BudgetSource
    pilot_ore: int = 0
    decided_by: str = ""
    decided_on: date | None = None
    reason: str = ""


def triage(db: Database, initiative_id: int, decision: TriageDecision, today: date, *,
           expected_version: int | None = None) -> Card:
    """Send a proposal on: to utforskas, planeras, fas 1, pausad or avslagen (avslagen needs a reason).
    Starting it (fas 1) over 200 000 kr needs a decision by Core Team or styrelse with a date; up to
    200 000 kr the processledare decides (recorded as such, dated today unless given). StaleEdit when
    the proposal changed since it was read at ``expected_version``."""
    errors: dict[str, str] = {}
    if decision.phase not in TRIAGE_PHASES:
        errors["phase"] = f"Triagering kan inte skicka till {decision.phase.label}"
    if decision.budget_ore < 0:
        errors["budget"] = "Budgeten kan inte vara negativ"
    elif decision.budget_ore > MAX_ORE:
        errors["budget"] = "Budgeten är för stor"
    if decision.budget_source is BudgetSource.BLANDAD and not 0 <= decision.pilot_ore <= decision.budget_ore:
        errors["pilot"] = "Pilotdelen måste ligga mellan 0 och budgeten"
    if decision.phase is Phase.AVSLAGEN and not decision.reason.strip():
        errors["reason"] = "Ange skäl till avslaget"
    decided_by, decided_on = decision.decided_by.strip(), decision.decided_on
    if decision.phase in STARTED_PHASES and decision_level(decision.budget_ore) is DecisionLevel.PROCESSLEDARE:
        decided_by = decided_by or "Processledare"
        decided_on = decided_on or today
    errors.update(decision_errors(decision.phase, decision.budget_ore, decided_by, decided_on))
    if errors:
        raise ValidationError(errors)
    with versioning.session(db) as s:
        initiative = existing(s, Initiative, initiative_id, f"Initiativet {initiative_id} finns inte")
        mine = {"phase": decision.phase, "focus_area": decision.focus_area, "budget_ore": decision.budget_ore,
                "budget_source": decision.budget_source}
        versioning.check_version(initiative, expected_version, mine, LABELS)
        if initiative.phase is not Phase.FORSLAG:
            raise ValidationError({"phase": f"{initiative.name} är redan triagerat ({initiative.phase.label})"})
        initiative.phase = decision.phase
        initiative.focus_area = decision.focus_area
        initiative.budget_ore = decision.budget_ore
        initiative.budget_source = decision.budget_source
        initiative.pilot_ore = decision.pilot_ore if decision.budget_source is BudgetSource.BLANDAD else (
            decision.budget_ore if decision.budget_source is BudgetSource.PILOT else 0)
        if decided_by:
            initiative.decided_by, initiative.decided_on = decided_by, decided_on
        if decision.reason.strip():
            initiative.decision_note = f"{today.isoformat()} {decision.phase.label}: {decision.reason.strip()}"
        s.flush()
        return card_from(initiative, s)
