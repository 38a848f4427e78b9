"""Gallring's plan: what each retention rule (``services.retention``) says must go now, with counts, and
the inactive contacts proposed for review. Read with plain SQL (``db.light``), so it is light: Översikt's
first rows and ``shk due`` count it from a cold process. ``services.gallring`` carries the plan out (in
its own transaction, computed there by :func:`survey`, so a dry run shows exactly what a run does) and
adds the count of audit entries left to scrub, which only it can read.

- ``kost``: dietary needs of events that ended more than the period ago.
- ``inaktiva``: contacts with samtycke or berättigat intresse with no participation, contract,
  initiative or change for the period (a contract in force, or ended within it, is activity), and
  not reviewed within it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from shk_tui import fmt
from shk_tui.db import light
from shk_tui.enums import ContractStatus, LegalBasis
from shk_tui.fmt import sv_key
from shk_tui.services import retention
from shk_tui.services.attention import AttentionItem
from shk_tui.services.contracts.contract_rules import add_months
from shk_tui.services.retention import Rule

if TYPE_CHECKING:
    from shk_tui.db.engine import Database

CATEGORY = "Gallring att göra"
SECTION = "gallring"  # Översikt opens the gallring dialog for it
REVIEWED_BASES = (LegalBasis.SAMTYCKE, LegalBasis.BERATTIGAT_INTRESSE)
#: Contracts that are activity of their responsible person however old they are.
LIVE_CONTRACTS = (ContractStatus.AKTIVT, ContractStatus.UNDER_SIGNERING)
_CHUNK = 500


@dataclass(frozen=True)
class Step:
    """What one rule does now."""

    rule: Rule
    count: int  # rows changed (kost: participations, historik: entries, inaktiva: contacts proposed)
    text: str  # Swedish, e.g. "12 kostuppgifter i 3 evenemang tas bort"


@dataclass(frozen=True)
class Proposal:
    """An inactive contact proposed for review."""

    id: int
    name: str
    organisation: str
    legal_basis: str
    last_activity: date | None


@dataclass(frozen=True)
class Plan:
    today: date
    steps: list[Step]
    review: list[Proposal]

    @property
    def counts(self) -> dict[str, int]:
        return {step.rule.key: step.count for step in self.steps}

    @property
    def removals(self) -> int:
        """Rows a run changes (the review proposals are not changed by a run)."""
        return sum(step.count for step in self.steps if step.rule.action != retention.REVIEW)

    @property
    def due(self) -> bool:
        return any(step.count for step in self.steps)


_KOST_DUE = """
SELECT p.id, p.event_id FROM participation p JOIN event e ON e.id = p.event_id
WHERE p.dietary IS NOT NULL AND coalesce(e.ends_at, e.starts_at) < :cutoff
ORDER BY p.id
"""

_INACTIVE = """
SELECT c.id, c.first_name, c.last_name, o.name, c.legal_basis, c.updated_at
FROM contact c LEFT JOIN organisation o ON o.id = c.organisation_id
WHERE c.legal_basis IN :bases AND c.erased_on IS NULL AND c.restricted_on IS NULL AND c.updated_at < :cutoff
  AND (c.reviewed_on IS NULL OR c.reviewed_on < :cutoff_day)
  AND NOT EXISTS (SELECT p.id FROM participation p JOIN event e ON e.id = p.event_id
                  WHERE p.contact_id = c.id AND (e.starts_at >= :cutoff OR p.updated_at >= :cutoff))
  AND NOT EXISTS (SELECT k.id FROM contract k
                  WHERE k.responsible_id = c.id
                    AND (k.updated_at >= :cutoff OR k.ends_on >= :cutoff_day OR k.status IN :live))
  AND NOT EXISTS (SELECT i.id FROM initiative i WHERE i.owner_id = c.id AND i.updated_at >= :cutoff)
"""

_LAST_EVENT = """
SELECT p.contact_id, max(e.starts_at) FROM participation p JOIN event e ON e.id = p.event_id
WHERE p.contact_id IN :ids GROUP BY p.contact_id
"""


def kost_due(rows: light.Reader, rule: Rule, today: date) -> list[tuple[int, int]]:
    """(participation id, event id) of the dietary needs due for removal."""
    cutoff = datetime.combine(today - timedelta(days=rule.period or 0), time.min)
    return [(pid, eid) for pid, eid in rows.all(_KOST_DUE, cutoff=cutoff)]


def _kost_step(rule: Rule, due: list[tuple[int, int]]) -> Step:
    events = len({e for _, e in due})
    text = (f"{fmt.count(len(due), 'kostuppgift', 'kostuppgifter')} i {fmt.count(events, 'evenemang', 'evenemang')} tas bort "
            f"({rule.period_text}); antalet per kost sparas") if due else "Inga kostuppgifter att ta bort"
    return Step(rule, len(due), text)


def inactive(rows: light.Reader, rule: Rule, today: date) -> list[Proposal]:
    """The contacts the rule ``inaktiva`` proposes for review, in Swedish order of their names."""
    cutoff_day = add_months(today, -(rule.period or 0))
    cutoff = datetime.combine(cutoff_day, time.min)
    found = rows.all(_INACTIVE, bases=REVIEWED_BASES, cutoff=cutoff, cutoff_day=cutoff_day, live=LIVE_CONTRACTS)
    found = sorted(found, key=lambda r: (sv_key(f"{r[2]} {r[1]}"), r[0]))
    last_event: dict[int, datetime | None] = {}
    ids = [r[0] for r in found]
    for start in range(0, len(ids), _CHUNK):
        last_event.update((cid, light.moment(when))
                          for cid, when in rows.all(_LAST_EVENT, ids=tuple(ids[start:start + _CHUNK])))
    out = []
    for cid, first, last, org, basis, changed in found:
        seen = [d.date() for d in (light.moment(changed), last_event.get(cid)) if d is not None]
        out.append(Proposal(cid, f"{first} {last}".strip(), org or "", LegalBasis(basis).label,
                            max(seen) if seen else None))
    return out


def _review_step(rule: Rule, review: list[Proposal]) -> Step:
    text = (f"{fmt.count(len(review), 'kontakt', 'kontakter')} utan aktivitet på {rule.period} månader föreslås för "
            "granskning (raderas inte automatiskt)") if review else "Inga kontakter att granska"
    return Step(rule, len(review), text)


def _history_step(rule: Rule, count: int) -> Step:
    text = (f"{fmt.count(count, 'historikpost', 'historikposter')} om borttagna rader rensas från personuppgifter"
            if count else "Ingen historik att rensa")
    return Step(rule, count, text)


def _keep_step(rule: Rule) -> Step:
    return Step(rule, 0, f"Bevaras {rule.period_text}")


def survey(rows: light.Reader, today: date, *, history: int | None = None) -> tuple[Plan, list[tuple[int, int]]]:
    """The plan on ``today`` and the dietary needs it removes ((participation id, event id)), read by
    ``rows``. ``history``: the audit entries left to scrub (``services.gallring`` counts them); None
    leaves that rule's step out."""
    rules = retention.rules(today)
    kost = kost_due(rows, rules["kost"], today)
    review = inactive(rows, rules["inaktiva"], today)
    steps = [_kost_step(rules["kost"], kost), _review_step(rules["inaktiva"], review)]
    if history is not None:
        steps.append(_history_step(rules["historik"], history))
    steps += [_keep_step(rules[key]) for key in ("deltaganden", "avtal", "beslut")]
    return Plan(today, steps, review), kost


def plan(db: Database | light.Reader, today: date) -> Plan:
    """What a run would do on ``today``, without the audit entries left to scrub (they only arise from
    deletes made before migration 0006; ``gallring.plan`` counts them)."""
    return survey(light.rows_of(db), today)[0]


def attention_items(db: Database | light.Reader, today: date) -> list[AttentionItem]:
    """Översikt: one row per rule with something to do."""
    return [AttentionItem(CATEGORY, 1, today, step.text, SECTION) for step in plan(db, today).steps if step.count]
