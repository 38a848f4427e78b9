"""A contract's follow-up notes: one typed by a user, and the note each persisted auto-renewal leaves
(the end date rolled forward, audited). Every write is one transaction (``shk_tui.db.audit``)."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date

from shk_tui.db import audit
from shk_tui.db.engine import Database
from shk_tui.db.light import ConnectionReader
from shk_tui.db.models import Contract, ContractNote
from shk_tui.errors import NotFound, ValidationError
from shk_tui.fmt import format_date
from shk_tui.services.contracts import contract_rules as rules
from shk_tui.services.contracts import renewal_due
from shk_tui.services.contracts.contract_attention import RENEWAL_NOTE_PREFIX
from shk_tui.services.rows import saved

# Screens may roll renewals from two workers at once; on SQLite the second writer would fail with
# "database is locked" (a read transaction cannot be upgraded after another commit), so serialise.
_ROLL_LOCK = threading.Lock()


def add_note(db: Database, contract_id: int, text: str, noted_on: str = "", *, today: date) -> int:
    errors: dict[str, str] = {}
    if not text.strip():
        errors["text"] = "Skriv en anteckning"
    day = rules.parse_day(noted_on, "noted_on", errors, default=today)
    if errors or day is None:  # None only with an error
        raise ValidationError(errors)
    with db.session() as s:
        if s.get(Contract, contract_id) is None:
            raise NotFound(f"Avtalet finns inte (id {contract_id})")
        note = ContractNote(contract_id=contract_id, noted_on=day, text=text.strip(), author=audit.actor(s))
        return saved(s, note)


@dataclass(frozen=True)
class Rolled:
    id: int
    title: str
    old_end: date
    new_end: date


def roll_renewals(db: Database, today: date, contract_id: int | None = None) -> list[Rolled]:
    """Persist due auto-renewals (end date rolled forward, audited) and log each in the contract's
    follow-up notes; returns what was rolled."""
    done: list[Rolled] = []
    with _ROLL_LOCK:
        if not renewal_due.due(db, today, contract_id):  # the usual day: no write transaction at all
            return done
        with db.session() as s:
            return _roll(s, today, contract_id)


def _roll(s, today: date, contract_id: int | None) -> list[Rolled]:
    """In the write transaction: the due ones asked again (another process may have rolled them since)."""
    done: list[Rolled] = []
    for cid in renewal_due.due(ConnectionReader(s.connection()), today, contract_id):
        c = s.get(Contract, cid)
        r = rules.renewal(c.ends_on, auto_renew=c.auto_renew, renewal_months=c.renewal_months,
                          status=c.status, today=today) if c is not None else None
        if c is None or r is None:
            continue
        c.ends_on = r.new_end
        s.add(c)
        periods = "" if r.periods == 1 else f" ({r.periods} perioder)"
        text = (f"{RENEWAL_NOTE_PREFIX} med {r.months} mån{periods}: slutdatum "
                f"{format_date(r.old_end)} → {format_date(r.new_end)}")
        s.add(ContractNote(contract_id=c.saved_id, noted_on=today, text=text, author="shk"))
        done.append(Rolled(c.saved_id, c.title, r.old_end, r.new_end))
    return done
