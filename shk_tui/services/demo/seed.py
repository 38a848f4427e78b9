"""Example data (``shk demo`` and the first-run dialog).

Built from Samhällskontraktet's own documents (``demo_facts``) plus fictional people and activity
placed relative to today (``demo_people``, ``demo_activity``), all written in one transaction and
through the ORM, so the audit trail shows who loaded it. Deterministic: the same ``today`` always
gives the same data."""

from __future__ import annotations

import random
from datetime import date
from typing import Any, cast

import sqlalchemy as sa
from sqlmodel import Session, SQLModel, select

from shk_tui.db import audit
from shk_tui.db.engine import Database, lock_tables
from shk_tui.db.models import (
    BudgetLine,
    BudgetYear,
    Contact,
    ContactTag,
    Contract,
    ContractNote,
    Event,
    Funder,
    FundingApplication,
    Indicator,
    Initiative,
    InitiativePartner,
    Organisation,
    Participation,
    Payment,
    Tag,
)
from shk_tui.errors import BadInput
from shk_tui.services.demo import activity as demo_activity
from shk_tui.services.demo import budget_links as demo_budget_links
from shk_tui.services.demo import facts as demo_facts
from shk_tui.services.demo import money as demo_money
from shk_tui.services.demo import people as demo_people

SEED = 2024

#: Tables holding user data, children before parents (the order ``--force`` empties them in).
DATA_TABLES: list[type[SQLModel]] = [
    Participation, Payment, ContractNote, Contract, Event, FundingApplication, Indicator, InitiativePartner,
    Initiative, ContactTag, Tag, Contact, Organisation, BudgetYear, BudgetLine, Funder,
]

NOT_EMPTY = (
    "Databasen innehåller redan data; använd --force för att ersätta den med exempeldata "
    "(ta gärna en säkerhetskopia först med shk backup)"
)


def has_data(db: Database) -> bool:
    """Whether any user data is in the database (the audit trail does not count)."""
    with db.read() as session:
        return any(session.exec(select(model).limit(1)).first() is not None for model in DATA_TABLES)


def _table_name(model: type[SQLModel]) -> str:
    return sa.inspect(model).local_table.name


def _clear(session: Session) -> dict[str, int]:
    """Delete every row of user data, recording the counts in the audit trail (rows are not listed:
    they may be many). The deleted rows' earlier entries keep no personal values: the audit hook
    scrubs them on every bulk delete of a table holding personal data (``audit.PERSONAL``)."""
    removed: dict[str, int] = {}
    for model in DATA_TABLES:
        # a DML statement's result is a CursorResult (Session.execute is typed for any statement)
        result = cast("sa.CursorResult[Any]", session.execute(sa.delete(model)))
        if result.rowcount:
            removed[_table_name(model)] = result.rowcount
    audit.record(session, "*", None, "delete", {"reason": "shk demo --force", "removed": removed})
    return removed


def load(db: Database, *, force: bool = False, today: date | None = None) -> dict[str, int]:
    """Fill the database with the example data; returns how many rows of each kind were added.

    Refuses (BadInput) when the database already holds data, unless ``force``: then everything is
    replaced, in the same transaction (a failure leaves the old data in place)."""
    today = today or date.today()
    rng = random.Random(SEED)
    if has_data(db) and not force:
        raise BadInput(NOT_EMPTY)
    with db.session() as session:
        # PostgreSQL: no import or other bulk writer may interleave with the replacement (it left
        # imported contacts without their organisation); SQLite's IMMEDIATE transaction already excludes them.
        lock_tables(session, *(_table_name(m) for m in DATA_TABLES), exclusive=True)
        if force:
            _clear(session)
        orgs = demo_facts.load_organisations(session)
        session.flush()
        budget_lines = demo_facts.load_budget(session)
        funders = demo_facts.load_funders(session)
        initiatives = demo_facts.load_initiatives_2023(session, orgs)
        proposals = demo_facts.load_beslutsunderlag(session)
        session.flush()
        applications = demo_facts.load_applications(session, orgs, initiatives)
        contacts = demo_people.load_contacts(session, orgs, today, rng)
        all_initiatives = {**initiatives, **proposals}
        extra = demo_activity.load_portfolio_extras(session, contacts, all_initiatives, today)
        past = demo_facts.load_events(session)
        session.flush()
        events, participations = demo_activity.load_events(session, past, contacts, initiatives, today, rng)
        contracts, payments = demo_activity.load_contracts(session, orgs, contacts, all_initiatives, today)
        demo_budget_links.mark_income(session)  # before the attest step: inbetalningar need no attest
        more_contracts, more_payments = demo_money.apply(session, orgs, contacts, today)  # LOU, attest, goal 5
        contracts, payments = contracts + more_contracts, payments + more_payments
        demo_budget_links.link(session, today)  # contracts and decided initiatives on budget lines
        session.flush()
        counts = {
            "organisationer": session.execute(sa.select(sa.func.count()).select_from(Organisation)).scalar_one(),
            "kontakter": len(contacts),
            "initiativ": len(all_initiatives) + extra,
            "evenemang": len(past) + events,
            "deltaganden": participations,
            "avtal": contracts,
            "utbetalningar": payments,
            "budgetrader": budget_lines,
            "finansiärer": funders,
            "ansökningar": applications,
        }
    return counts


def summary(counts: dict[str, int]) -> str:
    """'Exempeldata laddad: 17 organisationer, 61 kontakter, …' for the CLI and the app."""
    parts = [f"{n} {label}" for label, n in counts.items() if n]
    return "Exempeldata laddad: " + ", ".join(parts)

