"""Gallring: doing what the retention rules (``services.retention``) say must go.

The plan (what each rule would remove or anonymise now, with counts, and the inactive contacts
proposed for review) is ``services.gallring_plan``; :func:`plan` adds the audit entries left to scrub.
Inactive contacts are never removed automatically: the user erases, restricts or keeps them
(:func:`mark_reviewed`). :func:`run` does what the plan says in one transaction, computed in that very
transaction by the same functions (so a dry run, :func:`plan`, shows exactly what a run does), and
leaves one audit entry with the counts per rule only, no personal values.

- ``kost``: dietary needs of events that ended more than the period ago are removed; their counts
  per diet (of the people expected or present, as the follow-up counts them) are kept on the event
  (``Event.dietary_counts``) and the follow-up adds them, so its figures do not change. The audit
  entries of those participations lose the dietary values too.
- ``inaktiva``: proposed for review only (``gallring_plan``).
- ``historik``: audit entries of rows that no longer exist lose their personal values
  (``audit.forget``).
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from sqlmodel import select

from shk_tui.db import audit
from shk_tui.db.engine import Database
from shk_tui.db.light import ConnectionReader
from shk_tui.db.models import Contact, Event, Participation
from shk_tui.fmt import format_date
from shk_tui.services import gallring_plan
from shk_tui.services.events.followup import EATING, diet_parts
from shk_tui.services.gallring_plan import Plan


def _history_pending(s) -> int:
    return sum(audit.pending(s, table) for table in audit.PERSONAL)


def _survey(s, today: date) -> tuple[Plan, list[tuple[int, int]]]:
    """The plan with the audit entries left to scrub, read in the session ``s`` (inside a run: the
    transaction that carries it out)."""
    return gallring_plan.survey(ConnectionReader(s.connection()), today, history=_history_pending(s))


def plan(db: Database, today: date, *, history: bool = True) -> Plan:
    """What a run would do on ``today`` (reads only). ``history`` False skips counting the audit
    entries left to scrub (they only arise from deletes made before migration 0006)."""
    if not history:
        return gallring_plan.plan(db, today)
    with db.read() as s:
        return _survey(s, today)[0]


def run(db: Database, today: date) -> Plan:
    """Do what :func:`plan` shows, in one transaction; returns the plan that was carried out."""
    with db.session() as s:
        done, kost = _survey(s, today)
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


def describe(p: Plan) -> list[str]:
    """Lines for ``shk gallra``: each rule with its period, source and what it does now."""
    lines = []
    for step in p.steps:
        r = step.rule
        lines.append(f"{r.name} ({r.action}, {r.period_text}; {r.source}; gäller från {format_date(r.effective)}):")
        lines.append(f"  {step.text}")
    return lines
