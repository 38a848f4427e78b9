"""Attest and decision mandates: the checks of the money's paper trail.

- A payment records who decided it (``Payment.decided_by``, beslutsattestant) and who attested it
  (``attested_by``). One person in both roles is flagged; names are compared without case and spaces
  ("Anna Berg" = "annaberg"). Shown for unpaid payments and those due within the last 12 months.
- An initiative's decided spending is its budget once it is started (fas 1/fas 2) or, when larger, the
  sum of the utbetalningar of its contracts that are past draft — so spending that grows in steps (a
  second contract, a raised budget) is seen as a whole. Past the processledare's mandate (200 000 kr,
  ``portfolio_rules.DECISION_THRESHOLD_ORE``) it needs a decision by Core Team or styrelse
  (``Initiative.decision_body``, or an older record's ``decided_by``); without one it is flagged
  "beslut saknas". Proposals (triage asks for the decision there) and rejected initiatives are skipped.

Read-only; plain SQL through ``db.light``, light to import (#17)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, cast

from shk_tui.db import light
from shk_tui.enums import ContractStatus, DecisionBody, PaymentDirection, Phase
from shk_tui.fmt import fold, format_date, format_kr
from shk_tui.services.attention import AttentionItem
from shk_tui.services.contracts.contract_rules import add_months
from shk_tui.services.portfolio.portfolio_rules import DECISION_THRESHOLD_ORE, HIGH_DECIDERS, STARTED_PHASES

if TYPE_CHECKING:
    from shk_tui.db.engine import Database
    from shk_tui.db.light import Reader

SAME_PERSON = "Attest: samma person beslutar och attesterar"
NO_DECISION = "Beslut saknas"
HIGH_BODIES = (DecisionBody.CORE_TEAM, DecisionBody.STYRELSE)
#: Phases whose spending is not checked here.
SKIPPED_PHASES = (Phase.FORSLAG, Phase.AVSLAGEN)
RECENT_MONTHS = 12


def same_person(a: str | None, b: str | None) -> bool:
    """Whether two recorded names are the same person: equal ignoring case, accents' fold and spaces."""
    if not (a and a.strip() and b and b.strip()):
        return False
    return fold("".join(a.split())) == fold("".join(b.split()))


@dataclass(frozen=True)
class AttestConflict:
    payment_id: int
    contract_id: int
    contract: str
    due_on: date
    amount_ore: int
    person: str


_CONFLICTS = """
SELECT payment.id, contract.id, contract.title, payment.due_on, payment.amount_ore, payment.decided_by,
       payment.attested_by
FROM payment JOIN contract ON contract.id = payment.contract_id
WHERE payment.decided_by IS NOT NULL AND payment.attested_by IS NOT NULL
  AND (payment.due_on > :since OR coalesce(payment.paid_amount_ore, 0) < payment.amount_ore)
ORDER BY payment.due_on, payment.id
"""


def attest_conflicts(db: Database | Reader, today: date) -> list[AttestConflict]:
    """Payments decided and attested by one person (unpaid, or due within the last 12 months)."""
    found = light.rows_of(db).all(_CONFLICTS, since=add_months(today, -RECENT_MONTHS))  # due_on NOT NULL
    return [AttestConflict(pid, cid, title, cast(date, light.day(due)), amount, (decided or "").strip())
            for pid, cid, title, due, amount, decided, attested in found if same_person(decided, attested)]


@dataclass(frozen=True)
class MissingDecision:
    initiative_id: int
    name: str
    spending_ore: int  # the larger of the started budget and the paid-out sum of its contracts
    budget_ore: int
    paid_out_ore: int


def high_decision(body: DecisionBody | None, decided_by: str | None) -> bool:
    """Whether the recorded decision is Core Team's or the board's."""
    if body is not None:
        return body in HIGH_BODIES
    return " ".join((decided_by or "").split()).casefold() in HIGH_DECIDERS


#: Each initiative (not skipped) with the sum of the utbetalningar of its contracts past draft.
_SPENDING = """
SELECT initiative.id, initiative.name, initiative.phase, initiative.budget_ore, initiative.decision_body,
       initiative.decided_by,
       (SELECT coalesce(sum(payment.amount_ore), 0) FROM payment JOIN contract ON contract.id = payment.contract_id
        WHERE contract.initiative_id = initiative.id AND contract.status <> :draft AND payment.direction = :out)
FROM initiative
WHERE initiative.phase NOT IN :skipped
ORDER BY initiative.id
"""


def missing_decisions(db: Database | Reader) -> list[MissingDecision]:
    """Initiatives whose decided spending is past 200 000 kr without a Core Team or board decision."""
    found = light.rows_of(db).all(_SPENDING, draft=ContractStatus.UTKAST, out=PaymentDirection.UT,
                                  skipped=SKIPPED_PHASES)
    missing = []
    for iid, name, phase, budget, body, decided_by, paid_out in found:
        spending = max(budget if Phase(phase) in STARTED_PHASES else 0, int(paid_out or 0))
        if spending > DECISION_THRESHOLD_ORE and not high_decision(DecisionBody(body) if body else None, decided_by):
            missing.append(MissingDecision(iid, name, spending, budget, int(paid_out or 0)))
    return missing


def attention_items(db: Database | Reader, today: date) -> list[AttentionItem]:
    items = [
        AttentionItem(SAME_PERSON, 1, c.due_on,
                      f"{c.contract}: {format_kr(c.amount_ore)} {format_date(c.due_on)} beslutad och attesterad "
                      f"av {c.person}", "avtal", c.contract_id)
        for c in attest_conflicts(db, today)
    ]
    for m in missing_decisions(db):
        items.append(AttentionItem(
            NO_DECISION, 1, None,
            f"{m.name}: beslutade utgifter {format_kr(m.spending_ore)} över {format_kr(DECISION_THRESHOLD_ORE)} "
            f"utan beslut av Core Team eller styrelse", "portfolj", m.initiative_id))
    return items
