"""Gallring: what the retention rules (``services.retention``) say must go, and doing it.

:func:`plan` reads what each rule would remove or anonymise now, with counts, and the inactive
contacts proposed for review (never removed automatically: the user erases, restricts or keeps them,
:func:`mark_reviewed`). :func:`run` does what the plan says in one transaction, computed in that very
transaction by the same functions (so a dry run, :func:`plan`, shows exactly what a run does), and
leaves one audit entry with the counts per rule only, no personal values.

- ``kost``: dietary needs of events that ended more than the period ago are removed; their counts
  per diet (of the people expected or present, as the follow-up counts them) are kept on the event
  (``Event.dietary_counts``) and the follow-up adds them, so its figures do not change. The audit
  entries of those participations lose the dietary values too.
- ``inaktiva``: contacts with samtycke or berättigat intresse with no participation, contract,
  initiative or change for the period (a contract in force, or ended within it, is activity), and
  not reviewed within it.
- ``historik``: audit entries of rows that no longer exist lose their personal values
  (``audit.forget``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from sqlmodel import select

from shk_tui import fmt
from shk_tui.db import audit
from shk_tui.db.engine import Database
from shk_tui.db.models import Contact, Contract, Event, Initiative, Organisation, Participation
from shk_tui.enums import ContractStatus, LegalBasis
from shk_tui.fmt import format_date, sv_key
from shk_tui.services import retention
from shk_tui.services.attention import AttentionItem
from shk_tui.services.contracts.contract_rules import add_months
from shk_tui.services.events.followup import EATING, diet_parts
from shk_tui.services.retention import Rule

CATEGORY = "Gallring att göra"
SECTION = "gallring"  # Översikt opens the gallring dialog for it
REVIEWED_BASES = (LegalBasis.SAMTYCKE, LegalBasis.BERATTIGAT_INTRESSE)


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


def _kost_due(s, rule: Rule, today: date) -> list[tuple[int, int]]:
    """(participation id, event id) of the dietary needs due for removal."""
    cutoff = datetime.combine(today - timedelta(days=rule.period or 0), time.min)
    return [tuple(r) for r in s.exec(
        select(Participation.id, Participation.event_id).join(Event, Event.id == Participation.event_id)
        .where(Participation.dietary.is_not(None), sa.func.coalesce(Event.ends_at, Event.starts_at) < cutoff)
        .order_by(Participation.id)
    ).all()]


def _kost_step(rule: Rule, due: list[tuple[int, int]]) -> Step:
    events = len({e for _, e in due})
    text = (f"{fmt.count(len(due), 'kostuppgift', 'kostuppgifter')} i {fmt.count(events, 'evenemang', 'evenemang')} tas bort "
            f"({rule.period_text}); antalet per kost sparas") if due else "Inga kostuppgifter att ta bort"
    return Step(rule, len(due), text)


def _inactive(s, rule: Rule, today: date) -> list[Proposal]:
    cutoff_day = add_months(today, -(rule.period or 0))
    cutoff = datetime.combine(cutoff_day, time.min)
    recent_part = select(Participation.id).join(Event, Event.id == Participation.event_id).where(
        Participation.contact_id == Contact.id,
        sa.or_(Event.starts_at >= cutoff, Participation.updated_at >= cutoff))
    recent_contract = select(Contract.id).where(Contract.responsible_id == Contact.id, sa.or_(
        Contract.updated_at >= cutoff, Contract.ends_on >= cutoff_day,
        Contract.status.in_((ContractStatus.AKTIVT, ContractStatus.UNDER_SIGNERING))))
    recent_initiative = select(Initiative.id).where(Initiative.owner_id == Contact.id,
                                                    Initiative.updated_at >= cutoff)
    rows = s.exec(
        select(Contact.id, Contact.first_name, Contact.last_name, Organisation.name, Contact.legal_basis,
               Contact.updated_at)
        .join(Organisation, Organisation.id == Contact.organisation_id, isouter=True)
        .where(Contact.legal_basis.in_(REVIEWED_BASES), Contact.erased_on.is_(None),
               Contact.restricted_on.is_(None), Contact.updated_at < cutoff,
               sa.or_(Contact.reviewed_on.is_(None), Contact.reviewed_on < cutoff_day),
               ~sa.exists(recent_part), ~sa.exists(recent_contract), ~sa.exists(recent_initiative))
    ).all()
    rows = sorted(rows, key=lambda r: (sv_key(f"{r[2]} {r[1]}"), r[0]))
    last_event: dict[int, datetime] = {}
    ids = [r[0] for r in rows]
    for start in range(0, len(ids), 500):
        last_event.update(s.exec(
            select(Participation.contact_id, sa.func.max(Event.starts_at))
            .join(Event, Event.id == Participation.event_id)
            .where(Participation.contact_id.in_(ids[start:start + 500])).group_by(Participation.contact_id)
        ).all())
    out = []
    for cid, first, last, org, basis, changed in rows:
        seen = [d.date() for d in (changed, last_event.get(cid)) if d is not None]
        out.append(Proposal(cid, f"{first} {last}".strip(), org or "", LegalBasis(basis).label,
                            max(seen) if seen else None))
    return out


def _review_step(rule: Rule, review: list[Proposal]) -> Step:
    text = (f"{fmt.count(len(review), 'kontakt', 'kontakter')} utan aktivitet på {rule.period} månader föreslås för "
            "granskning (raderas inte automatiskt)") if review else "Inga kontakter att granska"
    return Step(rule, len(review), text)


def _history_pending(s) -> int:
    return sum(audit.pending(s, table) for table in audit.PERSONAL)


def _history_step(rule: Rule, count: int) -> Step:
    text = (f"{fmt.count(count, 'historikpost', 'historikposter')} om borttagna rader rensas från personuppgifter"
            if count else "Ingen historik att rensa")
    return Step(rule, count, text)


def _keep_step(rule: Rule) -> Step:
    return Step(rule, 0, f"Bevaras {rule.period_text}")


def _plan(s, today: date, rules: dict[str, Rule], *, history: bool = True) -> tuple[Plan, list[tuple[int, int]]]:
    kost = _kost_due(s, rules["kost"], today)
    review = _inactive(s, rules["inaktiva"], today)
    steps = [_kost_step(rules["kost"], kost), _review_step(rules["inaktiva"], review)]
    if history:
        steps.append(_history_step(rules["historik"], _history_pending(s)))
    steps += [_keep_step(rules[key]) for key in ("deltaganden", "avtal", "beslut")]
    return Plan(today, steps, review), kost


def plan(db: Database, today: date, *, history: bool = True) -> Plan:
    """What a run would do on ``today`` (reads only). ``history`` False skips counting the audit
    entries left to scrub (Översikt: they only arise from deletes made before migration 0006)."""
    rules = retention.rules(today)
    with db.read() as s:
        return _plan(s, today, rules, history=history)[0]


def run(db: Database, today: date) -> Plan:
    """Do what :func:`plan` shows, in one transaction; returns the plan that was carried out."""
    rules = retention.rules(today)
    with db.session() as s:
        done, kost = _plan(s, today, rules)
        _remove_dietary(s, kost)
        for table in audit.PERSONAL:
            audit.forget(s, table)
        if done.removals:
            audit.record(s, "gallring", None, "gallring",
                         {"today": today.isoformat(), "rules": {k: n for k, n in done.counts.items() if n}})
        return done


def _remove_dietary(s, due: list[tuple[int, int]]) -> None:
    by_event: dict[int, list[int]] = {}
    for pid, eid in due:
        by_event.setdefault(eid, []).append(pid)
    for eid, pids in by_event.items():
        event = s.get(Event, eid)
        kept = Counter(event.dietary_counts or {})
        for start in range(0, len(pids), 500):
            for p in s.exec(select(Participation).where(Participation.id.in_(pids[start:start + 500]))).all():
                if p.status in EATING:
                    kept.update(diet_parts(p.dietary))
                p.dietary = None
                s.add(p)
        event.dietary_counts = dict(sorted(kept.items())) or None
        s.add(event)
    s.flush()
    ids = [pid for pid, _ in due]
    for start in range(0, len(ids), 500):
        audit.forget(s, "participation", ids[start:start + 500], frozenset({"dietary"}))


def mark_reviewed(db: Database, contact_ids: list[int], today: date) -> int:
    """Inactive contacts reviewed and kept: not proposed again for the rule's period. Returns how many."""
    with db.session() as s:
        found = s.exec(select(Contact).where(Contact.id.in_(contact_ids or [-1]))).all()
        for c in found:
            c.reviewed_on = today
            s.add(c)
        return len(found)


def attention_items(db: Database, today: date) -> list[AttentionItem]:
    """Översikt: one row per rule with something to do."""
    return [AttentionItem(CATEGORY, 1, today, step.text, SECTION) for step in plan(db, today, history=False).steps
            if step.count]


def describe(p: Plan) -> list[str]:
    """Lines for ``shk gallra``: each rule with its period, source and what it does now."""
    lines = []
    for step in p.steps:
        r = step.rule
        lines.append(f"{r.name} ({r.action}, {r.period_text}; {r.source}; gäller från {format_date(r.effective)}):")
        lines.append(f"  {step.text}")
    return lines
