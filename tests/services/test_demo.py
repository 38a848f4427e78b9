"""The example data: the documented totals, computed from the database (not from the CSVs), on SQLite
and PostgreSQL; the fictional activity placed relative to today; refusal without --force."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from sqlmodel import select

from shk_tui.db.models import (
    AuditEntry,
    BudgetLine,
    BudgetYear,
    Contact,
    Contract,
    Event,
    Funder,
    FundingApplication,
    Initiative,
    InitiativePartner,
    Organisation,
    Participation,
    Payment,
)
from shk_tui.enums import BudgetSource, ContractStatus, FocusArea, LegalBasis, ParticipationStatus, Phase
from shk_tui.errors import BadInput
from shk_tui.services.demo import seed as demo

TODAY = date(2026, 11, 25)


@pytest.fixture
def loaded(db):
    demo.load(db, today=TODAY)
    return db


def total(db, column, *where) -> int:
    with db.session() as s:
        return s.scalar(select(sa.func.coalesce(sa.func.sum(column), 0)).where(*where))


def test_budget_and_outcome_totals(loaded):
    assert total(loaded, BudgetYear.budget_ore, BudgetYear.year == 2022) == 15_250_000_00
    assert total(loaded, BudgetYear.budget_ore, BudgetYear.year == 2023) == 18_100_000_00
    assert total(loaded, BudgetYear.outcome_ore, BudgetYear.year == 2022) == 8_242_920_00
    # the printed Delsumma (verksamhet) is 6 342 808 by rounding; its lines sum to 6 342 807, + pilot 111 091
    assert total(loaded, BudgetYear.outcome_ore, BudgetYear.year == 2023) == 6_342_807_00 + 111_091_00
    with loaded.session() as s:
        lines = s.exec(select(BudgetLine).order_by(BudgetLine.position)).all()
        assert [line.name for line in lines][:3] == ["Övergripande processtöd", "Följeforskning", "Event och kommunikation"]
        assert {line.group for line in lines} == {"verksamhet", "pilot", "funktion", "reserverat"}


def test_funders_and_applications(loaded):
    assert total(loaded, Funder.amount_ore) == 48_550_000_00
    with loaded.session() as s:
        apps = s.exec(select(FundingApplication)).all()
        assert len(apps) == 4
        physical = next(a for a in apps if a.title == "Physical literacy i Årby")
        assert physical.amount_ore == 6_000_000_00
        assert physical.focus_area is FocusArea.BARN
        assert s.get(Organisation, physical.funder_id).name == "Formas"
        assert s.get(Initiative, physical.initiative_id).name == "Physical literacy"


def test_beslutsunderlag_sums_and_split(loaded):
    proposals = (Initiative.focus_area == FocusArea.BARN, Initiative.phase == Phase.FORSLAG)
    assert total(loaded, Initiative.budget_ore, *proposals) == 1_272_000_00
    with loaded.session() as s:
        rows = s.exec(select(Initiative).where(*proposals)).all()
    assert len(rows) == 8
    ordinary = sum(
        r.budget_ore - r.pilot_ore if r.budget_source is BudgetSource.BLANDAD else r.budget_ore
        for r in rows if r.budget_source in (BudgetSource.ORDINARIE, BudgetSource.BLANDAD)
    )
    pilot = sum(r.pilot_ore for r in rows)
    assert (ordinary, pilot) == (472_000_00, 800_000_00)
    uvas = next(r for r in rows if r.name.startswith("UVAS"))
    assert uvas.budget_ore == 192_000_00  # the printed text, not the CSV's mistyped 19200
    assert uvas.budget_note == "+ del av den tvärvetenskapliga satsningen"
    zero = next(r for r in rows if r.name == "Styrning och ledning KUG trygghet")
    assert (zero.budget_ore, zero.budget_source, zero.budget_note) == (0, BudgetSource.INGEN, "Ordinarie personal i processtödet")


def test_organisations_initiatives_and_partners(loaded):
    with loaded.session() as s:
        names = set(s.exec(select(Organisation.name)).all())
        assert {"Mälardalens universitet", "Västerås stad", "Eskilstuna kommun", "Formas"} <= names
        demokratisk = s.exec(select(Initiative).where(Initiative.name == "Demokratisk infrastruktur")).one()
        assert demokratisk.phase is Phase.FAS_1
        partners = s.exec(
            select(Organisation.name).join(InitiativePartner).where(InitiativePartner.initiative_id == demokratisk.id)
        ).all()
        assert sorted(partners) == ["Mälardalens universitet", "Västerås stad"]
        assert s.exec(select(Initiative).where(Initiative.name == "Studentcoacher")).one().phase is Phase.PAUSAD
        assert s.scalar(select(sa.func.count()).select_from(Initiative)) == 16 + 8 + 3


def test_contacts_are_fictional_and_complete(loaded):
    with loaded.session() as s:
        contacts = s.exec(select(Contact)).all()
    assert 55 <= len(contacts) <= 70
    assert all(c.email and c.email.endswith(".example.se") for c in contacts)
    assert len({c.email for c in contacts}) == len(contacts)
    assert all(c.phone is None or c.phone.startswith("+46 70 1") for c in contacts)
    assert any(c.legal_basis is None for c in contacts)  # something for the GDPR filter
    assert all(c.consent_on for c in contacts if c.legal_basis is LegalBasis.SAMTYCKE)
    assert sum(c.archived for c in contacts) == 1
    assert {"Åberg", "Ängel", "Ödman", "Zetterberg"} <= {c.last_name for c in contacts}


def test_events_around_today(loaded):
    with loaded.session() as s:
        events = s.exec(select(Event)).all()
        upcoming = [e for e in events if e.starts_at.date() >= TODAY]
        assert len(upcoming) >= 5
        assert all(e.starts_at.weekday() < 5 for e in upcoming)
        board = next(e for e in events if e.starts_at.date() == date(2023, 11, 30))
        deltog = [p for p in board.participations if p.status is ParticipationStatus.DELTOG]
        assert len(deltog) == 8  # "8 närvarande"
        forum = next(e for e in events if e.title.startswith("Samhällsforum"))
        statuses = [p.status for p in forum.participations]
        assert statuses.count(ParticipationStatus.ANMALD) == forum.capacity
        assert statuses.count(ParticipationStatus.RESERV) == 3
        workshop = next(e for e in events if e.title.startswith("Workshop"))
        assert workshop.starts_at.date() < TODAY
        assert ParticipationStatus.ANMALD in [p.status for p in workshop.participations]  # to follow up
        assert s.scalar(select(sa.func.count()).select_from(Participation)) > 100
        # nobody registered (or checked in) after today, nor after the event they came to
        registered = [p for p in s.exec(select(Participation)).all() if p.registered_at is not None]
        assert registered and all(p.registered_at.date() <= TODAY for p in registered)
        assert all(p.registered_at <= p.event.starts_at for p in registered)


def test_contracts_have_cases_relative_to_today(loaded):
    with loaded.session() as s:
        contracts = s.exec(select(Contract)).all()
        payments = s.exec(select(Payment)).all()
    assert 8 <= len(contracts) <= 10
    overdue = [p for p in payments if p.due_on < TODAY and (p.paid_amount_ore or 0) < p.amount_ore]
    due_soon = [p for p in payments if TODAY <= p.due_on <= TODAY + timedelta(days=30) and p.paid_on is None]
    assert len(overdue) >= 2 and len(due_soon) >= 3
    assert any(p.paid_amount_ore and p.paid_amount_ore < p.amount_ore for p in payments)  # partly paid
    active = [c for c in contracts if c.status is ContractStatus.AKTIVT]
    assert any(c.diarienummer is None for c in active)
    assert any(c.ends_on < TODAY and c.archived_on is None and c.status is ContractStatus.AVSLUTAT for c in contracts)
    assert any(c.auto_renew and c.ends_on < TODAY for c in active)  # a period passed without notice
    assert any(c.archived_on for c in contracts)
    by_contract: dict[int, int] = {}
    for p in payments:
        by_contract[p.contract_id] = by_contract.get(p.contract_id, 0) + p.amount_ore
    for c in contracts:
        if c.id in by_contract and c.kind.value != "upphandling/ramavtal" and c.title != "Licens Samhällshubben":
            assert by_contract[c.id] == c.amount_ore, c.title


def test_refuses_non_empty_database_without_force(loaded):
    with pytest.raises(BadInput, match="--force"):
        demo.load(loaded, today=TODAY)
    assert demo.has_data(loaded)


def test_force_replaces_everything_and_is_audited(loaded):
    with loaded.session() as s:
        s.add(Organisation(name="Egen organisation"))
    demo.load(loaded, force=True, today=TODAY + timedelta(days=7))
    with loaded.session() as s:
        assert s.exec(select(Organisation).where(Organisation.name == "Egen organisation")).first() is None
        assert s.scalar(select(sa.func.count()).select_from(Contract)) == 10  # nine follow-up cases + one over the direktupphandlingsgräns (#18)
        reset = s.exec(select(AuditEntry).where(AuditEntry.table_name == "*")).one()
        assert reset.changes["reason"] == "shk demo --force"
        assert s.scalar(select(sa.func.count()).select_from(AuditEntry).where(AuditEntry.table_name == "contact")) > 100


def test_empty_database_has_no_data(db):
    assert not demo.has_data(db)


def test_same_day_gives_same_data(sqlite_db, tmp_path):
    first = demo.load(sqlite_db, today=TODAY)
    with sqlite_db.session() as s:
        before = [(c.email, c.phone) for c in s.exec(select(Contact).order_by(Contact.id)).all()]
    second = demo.load(sqlite_db, force=True, today=TODAY)
    with sqlite_db.session() as s:
        after = [(c.email, c.phone) for c in s.exec(select(Contact).order_by(Contact.id)).all()]
    assert first == second and before == after
