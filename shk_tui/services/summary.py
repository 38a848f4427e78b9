"""Översikt's summary beside the attention list: how many rows each section holds, overdue payments,
events in the coming 30 days. Read-only; every value is a display string."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from sqlmodel import select

from shk_tui.db.engine import Database
from shk_tui.db.models import BudgetLine, Contact, Contract, Event, Initiative, Organisation, Payment


@dataclass(frozen=True)
class Table:
    """Rows ready for a read-only table: every value is already a display string."""

    columns: list[str]
    rows: list[tuple[str, ...]] = field(default_factory=list)
    total: int = 0

    @property
    def truncated(self) -> bool:
        return self.total > len(self.rows)


def _count(session, model) -> int:
    return session.exec(select(sa.func.count()).select_from(model)).one()


def overview(db: Database, *, today: date) -> Table:
    """A small summary: rows per section, overdue payments, upcoming events in 30 days."""
    start = datetime.combine(today, time.min)
    end = start + timedelta(days=31)
    overdue = sa.and_(Payment.due_on < today, sa.func.coalesce(Payment.paid_amount_ore, 0) < Payment.amount_ore)
    with db.read() as s:
        counts = [
            ("Initiativ i portföljen", _count(s, Initiative)),
            ("Kontakter", s.exec(select(sa.func.count()).where(
                Contact.archived.is_(False), Contact.restricted_on.is_(None))).one()),
            ("Organisationer", _count(s, Organisation)),
            ("Evenemang", _count(s, Event)),
            (
                "Evenemang kommande 30 dagar",
                s.exec(select(sa.func.count()).where(Event.starts_at >= start, Event.starts_at < end)).one(),
            ),
            ("Avtal", _count(s, Contract)),
            ("Förfallna utbetalningar", s.exec(select(sa.func.count()).where(overdue)).one()),
            ("Budgetrader", _count(s, BudgetLine)),
        ]
    rows: list[tuple[str, ...]] = [(label, str(n)) for label, n in counts]
    return Table(["Område", "Antal"], rows, len(rows))
