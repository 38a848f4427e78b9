"""Read-only overviews of each section's main table, formatted for display.

One function per section of the TUI. Each opens its own session and returns a :class:`Table` of
plain strings (amounts via ``format_kr``, dates ISO, enum labels in Swedish), sorted sensibly and
limited to the first ``limit`` rows; ``total`` says how many rows there are in all."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from sqlmodel import select

from shk_tui.db.engine import Database, sv_order
from shk_tui.db.models import (
    BudgetLine,
    BudgetYear,
    Contact,
    ContactTag,
    Contract,
    Event,
    Initiative,
    Organisation,
    Participation,
    Payment,
    Tag,
)
from shk_tui.enums import ParticipationStatus
from shk_tui.fmt import format_date, format_kr, iso_week, sv_key
from shk_tui.services.portfolio.portfolio import decision_level

DEFAULT_LIMIT = 500
REGISTERED = (ParticipationStatus.ANMALD, ParticipationStatus.DELTOG, ParticipationStatus.UTEBLEV)


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


def _overdue_filter(today: date):
    return sa.and_(Payment.due_on < today, sa.func.coalesce(Payment.paid_amount_ore, 0) < Payment.amount_ore)


def overview(db: Database, *, today: date) -> Table:
    """A small summary: rows per section, overdue payments, upcoming events in 30 days."""
    start = datetime.combine(today, time.min)
    end = start + timedelta(days=31)
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
            ("Förfallna utbetalningar", s.exec(select(sa.func.count()).where(_overdue_filter(today))).one()),
            ("Budgetrader", _count(s, BudgetLine)),
        ]
    rows = [(label, str(n)) for label, n in counts]
    return Table(["Område", "Antal"], rows, len(rows))


def portfolio(db: Database, *, limit: int = DEFAULT_LIMIT) -> Table:
    columns = ["Namn", "Fokusområde", "Fas", "Budget", "Källa", "Beslutsnivå"]
    with db.read() as s:
        total = _count(s, Initiative)
        found = s.exec(
            select(Initiative).order_by(sv_order(Initiative.name), Initiative.id).limit(limit)
        ).all()
        rows = [
            (
                i.name,
                i.focus_area.label,
                i.phase.label,
                format_kr(i.budget_ore),
                i.budget_source.label,
                decision_level(i.budget_ore).label,
            )
            for i in found
        ]
    return Table(columns, rows, total)


def contacts(db: Database, *, limit: int = DEFAULT_LIMIT) -> Table:
    columns = ["Namn", "Titel", "Organisation", "E-post", "Telefon", "Taggar"]
    with db.session() as s:
        active = sa.and_(Contact.archived.is_(False), Contact.restricted_on.is_(None))
        total = s.exec(select(sa.func.count()).select_from(Contact).where(active)).one()
        found = s.exec(
            select(
                Contact.id,
                Contact.first_name,
                Contact.last_name,
                Contact.title,
                Organisation.name,
                Contact.email,
                Contact.phone,
            )
            .join(Organisation, Contact.organisation_id == Organisation.id, isouter=True)
            .where(active)
            .order_by(sv_order(Contact.last_name), sv_order(Contact.first_name), Contact.id)
            .limit(limit)
        ).all()
        ids = [row[0] for row in found]
        tags: dict[int, list[str]] = {}
        if ids:
            for contact_id, name in s.exec(
                select(ContactTag.contact_id, Tag.name)
                .join(Tag, Tag.id == ContactTag.tag_id)
                .where(ContactTag.contact_id.in_(ids))
            ).all():
                tags.setdefault(contact_id, []).append(name)
    rows = [
        (
            f"{first} {last}".strip(),
            title or "",
            org or "",
            email or "",
            phone or "",
            ", ".join(sorted(tags.get(cid, []), key=sv_key)),
        )
        for cid, first, last, title, org, email, phone in found
    ]
    return Table(columns, rows, total)


def events(db: Database, *, today: date, limit: int = DEFAULT_LIMIT) -> Table:
    """Upcoming events first (soonest first), then past events (latest first)."""
    columns = ["Datum", "v.", "Titel", "Typ", "Plats", "Status", "Anmälda/kapacitet"]
    start = datetime.combine(today, time.min)
    upcoming = Event.starts_at >= start
    with db.session() as s:
        total = _count(s, Event)
        registered = (
            select(Participation.event_id, sa.func.count().label("n"))
            .where(Participation.status.in_(REGISTERED))
            .group_by(Participation.event_id)
            .subquery()
        )
        found = s.exec(
            select(Event, registered.c.n)
            .join(registered, registered.c.event_id == Event.id, isouter=True)
            .order_by(
                sa.case((upcoming, 0), else_=1),
                sa.case((upcoming, Event.starts_at), else_=None).asc(),
                Event.starts_at.desc(),
                Event.id,
            )
            .limit(limit)
        ).all()
        rows = []
        for event, n in found:
            place = ", ".join(p for p in (event.location, event.city) if p)
            capacity = f"{n or 0}/{event.capacity}" if event.capacity is not None else str(n or 0)
            rows.append(
                (
                    format_date(event.starts_at),
                    str(iso_week(event.starts_at)),
                    event.title,
                    event.kind.label,
                    place,
                    event.status.label,
                    capacity,
                )
            )
    return Table(columns, rows, total)


def contracts(db: Database, *, limit: int = DEFAULT_LIMIT) -> Table:
    columns = ["Titel", "Typ", "Motpart", "Diarienummer", "Period", "Belopp", "Status"]
    with db.session() as s:
        total = _count(s, Contract)
        found = s.exec(
            select(Contract, Organisation.name)
            .join(Organisation, Contract.counterparty_id == Organisation.id, isouter=True)
            .order_by(sv_order(Contract.title), Contract.id)
            .limit(limit)
        ).all()
        rows = []
        for c, org in found:
            period = (
                f"{format_date(c.starts_on)} – {format_date(c.ends_on)}" if (c.starts_on or c.ends_on) else ""
            )
            rows.append(
                (
                    c.title,
                    c.kind.label,
                    org or "",
                    c.diarienummer or "",
                    period,
                    format_kr(c.amount_ore),
                    c.status.label,
                )
            )
    return Table(columns, rows, total)


def budget(db: Database, *, limit: int = DEFAULT_LIMIT) -> Table:
    """Budget lines × year, newest year first, lines in their own order within a year."""
    columns = ["Rad", "Grupp", "År", "Budget", "Utfall", "Kvar"]
    with db.read() as s:
        total = _count(s, BudgetYear)
        found = s.exec(
            select(
                BudgetLine.name,
                BudgetLine.group,
                BudgetYear.year,
                BudgetYear.budget_ore,
                BudgetYear.outcome_ore,
            )
            .join(BudgetLine, BudgetLine.id == BudgetYear.line_id)
            .order_by(BudgetYear.year.desc(), BudgetLine.position, sv_order(BudgetLine.name), BudgetLine.id)
            .limit(limit)
        ).all()
    rows = []
    for name, group, year, budget_ore, outcome_ore in found:
        left = None if budget_ore is None else budget_ore - (outcome_ore or 0)
        rows.append((name, group, str(year), format_kr(budget_ore), format_kr(outcome_ore), format_kr(left)))
    return Table(columns, rows, total)
