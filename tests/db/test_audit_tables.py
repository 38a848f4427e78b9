"""Every table of the data model leaves an AuditEntry on insert, update and delete, and the
models round-trip (money, dates, enums) on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlmodel import select

from shk_tui.db import models as m
from shk_tui.enums import (
    ApplicationStatus,
    BudgetSource,
    ContractKind,
    ContractStatus,
    EventKind,
    FocusArea,
    OrganisationKind,
    ParticipationStatus,
    Phase,
)


def _parents(s):
    org = m.Organisation(name="Eskilstuna kommun", kind=OrganisationKind.STRATEGISK_PART, city="Eskilstuna")
    s.add(org)
    s.flush()
    contact = m.Contact(first_name="Åsa", last_name="Öberg", organisation_id=org.id, email="asa@example.se")
    ini = m.Initiative(name="Physical literacy", focus_area=FocusArea.BARN, budget_ore=28_800_000,
                       budget_source=BudgetSource.PILOT, phase=Phase.FAS_1)
    ev = m.Event(title="Samhällsforum", kind=EventKind.FORUM, starts_at=datetime(2026, 12, 1, 9, 0),
                 ends_at=datetime(2026, 12, 1, 12, 0), capacity=40)
    con = m.Contract(title="Samarbetsavtal", kind=ContractKind.SAMARBETSAVTAL, counterparty_id=org.id,
                     diarienummer="KS 2016-254/322", amount_ore=127_200_000, starts_on=date(2024, 1, 1),
                     ends_on=date(2025, 12, 31), notice_months=6, status=ContractStatus.AKTIVT)
    line = m.BudgetLine(name="Följeforskning", group="verksamhet")
    tag = m.Tag(name="forskare")
    s.add_all([contact, ini, ev, con, line, tag])
    s.flush()
    return {"org": org, "contact": contact, "ini": ini, "ev": ev, "con": con, "line": line, "tag": tag}


# table -> (factory(parents) -> new row, field to update, new value)
CASES = {
    "organisation": (lambda p: m.Organisation(name="RF-SISU", kind=OrganisationKind.CIVILSAMHALLE), "city", "Västerås"),
    "tag": (lambda p: m.Tag(name="styrelse"), "name", "Styrelse"),
    "contact": (lambda p: m.Contact(first_name="Erik", last_name="Zetterberg"), "title", "Rektor"),
    "contact_tag": (lambda p: m.ContactTag(contact_id=p["contact"].id, tag_id=p["tag"].id), None, None),
    "initiative": (lambda p: m.Initiative(name="Existentiell hälsa", focus_area=FocusArea.ALDRE), "phase", Phase.PLANERAS),
    "initiative_partner": (
        lambda p: m.InitiativePartner(initiative_id=p["ini"].id, organisation_id=p["org"].id), None, None),
    "indicator": (lambda p: m.Indicator(initiative_id=p["ini"].id, name="Deltagare", target=100, unit="st"),
                  "current", 42.0),
    "event": (lambda p: m.Event(title="Labb", kind=EventKind.LABB, starts_at=datetime(2026, 12, 2, 13, 0)),
              "capacity", 25),
    "participation": (lambda p: m.Participation(event_id=p["ev"].id, contact_id=p["contact"].id),
                      "status", ParticipationStatus.ANMALD),
    "contract": (lambda p: m.Contract(title="Konsultavtal", kind=ContractKind.KONSULTAVTAL), "diarienummer",
                 "MDU 2023/1234"),
    "payment": (lambda p: m.Payment(contract_id=p["con"].id, due_on=date(2026, 1, 31), amount_ore=31_800_000),
                "paid_on", date(2026, 2, 2)),
    "contract_note": (lambda p: m.ContractNote(contract_id=p["con"].id, text="Påminnelse skickad"), "text",
                      "Svar mottaget"),
    "budget_line": (lambda p: m.BudgetLine(name="Samhällslabbet", group="funktion"), "position", 3),
    "budget_year": (lambda p: m.BudgetYear(line_id=p["line"].id, year=2023, budget_ore=110_000_000),
                    "outcome_ore", 90_602_700),
    "funder": (lambda p: m.Funder(name="Västerås stad", amount_ore=2_000_000_000, period="2022–2025"),
               "amount_ore", 2_100_000_000),
    "funding_application": (
        lambda p: m.FundingApplication(title="Physical literacy i Årby", funder_id=p["org"].id,
                                       amount_ore=600_000_000), "status", ApplicationStatus.INSKICKAD),
}


def test_every_audited_table_has_a_case():
    assert {t.__tablename__ for t in m.AUDITED_TABLES} == set(CASES)


@pytest.mark.parametrize("table", sorted(CASES))
def test_audit_for_table(db, table):
    factory, field, value = CASES[table]
    with db.session() as s:
        parents = _parents(s)
        row = factory(parents)
        s.add(row)
        s.flush()
        model = type(row)
        ident = tuple(getattr(row, c.key) for c in row.__table__.primary_key.columns)
    first_entry = _max_audit_id(db)
    if field is not None:
        with db.session() as s:
            obj = s.get(model, ident if len(ident) > 1 else ident[0])
            setattr(obj, field, value)
        # While the row exists its history holds the values (a deleted person's are forgotten).
        update = next(e for e in _entries(db, table) if e.id > first_entry and e.action == "update")
        assert field in update.changes
        assert update.changes[field][1] == (value.value if hasattr(value, "value") else
                                            value.isoformat() if isinstance(value, date) else value)
    with db.session() as s:
        s.delete(s.get(model, ident if len(ident) > 1 else ident[0]))
    entries = _entries(db, table)
    actions = [e.action for e in entries]
    assert "insert" in actions and actions[-1] == "delete"
    # On PostgreSQL the database user is the actor; on SQLite SHK_ACTOR (set by the tests).
    assert all(e.actor == ("postgres" if db.dialect == "postgresql" else "testare") for e in entries)


def _entries(db, table: str) -> list[m.AuditEntry]:
    with db.session() as s:
        return list(s.exec(select(m.AuditEntry).where(m.AuditEntry.table_name == table)
                           .order_by(m.AuditEntry.id)).all())


def _max_audit_id(db) -> int:
    with db.session() as s:
        ids = s.exec(select(m.AuditEntry.id)).all()
    return max(ids or [0])


def test_round_trip_types(db):
    with db.session() as s:
        p = _parents(s)
        ids = {k: v.id for k, v in p.items()}
    with db.session() as s:
        con = s.get(m.Contract, ids["con"])
        assert con.amount_ore == 127_200_000 and isinstance(con.amount_ore, int)
        assert con.ends_on == date(2025, 12, 31)
        assert con.status is ContractStatus.AKTIVT
        ev = s.get(m.Event, ids["ev"])
        assert ev.starts_at == datetime(2026, 12, 1, 9, 0)
        ini = s.get(m.Initiative, ids["ini"])
        assert ini.focus_area is FocusArea.BARN and ini.budget_ore == 28_800_000
        assert s.get(m.Contact, ids["contact"]).last_name == "Öberg"


@pytest.mark.parametrize(
    "bad",
    [
        lambda p: m.Contract(title="X", amount_ore=-1),
        lambda p: m.Contract(title="X", starts_on=date(2025, 1, 2), ends_on=date(2025, 1, 1)),
        lambda p: m.Contract(title="X", notice_months=37),
        lambda p: m.Event(title="X", starts_at=datetime(2025, 1, 2), ends_at=datetime(2025, 1, 1)),
        lambda p: m.Event(title="X", starts_at=datetime(2025, 1, 2), capacity=-5),
        lambda p: m.Payment(contract_id=p["con"].id, due_on=date(2025, 1, 1), amount_ore=-100),
        lambda p: m.Initiative(name="X", budget_ore=100, pilot_ore=200),
        lambda p: m.Organisation(name="Eskilstuna kommun"),
        lambda p: m.Contract(title="Y", diarienummer="KS 2016-254/322"),
        lambda p: m.Participation(event_id=p["ev"].id, contact_id=9999),
    ],
    ids=["negative-amount", "end-before-start", "notice-37", "event-end-before-start", "negative-capacity",
         "negative-payment", "pilot-over-budget", "duplicate-org", "duplicate-diarienummer", "fk-contact"],
)
def test_constraints_reject_bad_rows(db, bad):
    import sqlalchemy as sa

    with pytest.raises(sa.exc.IntegrityError):
        with db.session() as s:
            p = _parents(s)
            s.add(bad(p))
            s.flush()
    with db.session() as s:
        assert s.exec(select(m.Organisation)).all() == []
