"""Gallring on a constructed database, SQLite and PostgreSQL: dietary needs removed on day 31 after the
event's end and kept on day 30 with the follow-up's counts unchanged; the review list of inactive
contacts; a dry run equals the real run; the settings file overrides a rule."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import sqlalchemy as sa
from sqlmodel import select

from shk_tui.db.models import AuditEntry, Contact, Contract, Event, Participation
from shk_tui.enums import ContractStatus, LegalBasis
from shk_tui.enums import ParticipationStatus as PS
from shk_tui.errors import BadInput
from shk_tui.services import gallring, gallring_plan, retention
from shk_tui.services.events import followup

END = datetime(2026, 10, 1, 16)  # the event's end; day 30 is 2026-10-31, day 31 2026-11-01
DAY_30, DAY_31 = date(2026, 10, 31), date(2026, 11, 1)


def person(s, first: str, last: str, basis: LegalBasis | None = LegalBasis.BERATTIGAT_INTRESSE, **kw) -> Contact:
    c = Contact(first_name=first, last_name=last, legal_basis=basis, **kw)
    s.add(c)
    s.flush()
    return c


@pytest.fixture
def catered(db):
    """An event that ended on 2026-10-01 with three dietary needs (one of someone who cancelled), and a
    later event whose needs are not due."""
    with db.session() as s:
        ev = Event(title="Samhällsforum", starts_at=datetime(2026, 10, 1, 9), ends_at=END)
        later = Event(title="Labb", starts_at=datetime(2026, 10, 20, 9))
        s.add_all([ev, later])
        s.flush()
        a, b, c = person(s, "Åsa", "Öberg"), person(s, "Bo", "Ek"), person(s, "Cia", "Al")
        s.add_all([
            Participation(event_id=ev.id, contact_id=a.id, status=PS.DELTOG, dietary="Vegetarisk, glutenfri"),
            Participation(event_id=ev.id, contact_id=b.id, status=PS.ANMALD, dietary="vegetarisk"),
            Participation(event_id=ev.id, contact_id=c.id, status=PS.AVBOKAD, dietary="laktosfri"),
            Participation(event_id=later.id, contact_id=a.id, status=PS.ANMALD, dietary="vegan"),
        ])
        db.event, db.later = ev.id, later.id
    return db


def test_dietary_needs_kept_on_day_30_and_gone_on_day_31_with_the_counts_unchanged(catered):
    db = catered
    before = followup.for_event(db, db.event)
    assert before.dietary == [("vegetarisk", 2), ("glutenfri", 1)]
    assert gallring.run(db, DAY_30).counts["kost"] == 0
    with db.read() as s:
        assert s.exec(select(sa.func.count()).where(Participation.dietary.is_not(None))).one() == 4
    done = gallring.run(db, DAY_31)
    assert done.counts["kost"] == 3
    with db.read() as s:
        left = s.exec(select(Participation.event_id, Participation.dietary)
                      .where(Participation.dietary.is_not(None))).all()
        assert left == [(db.later, "vegan")]
        assert s.get(Event, db.event).dietary_counts == {"glutenfri": 1, "vegetarisk": 2}
        entries = s.exec(select(AuditEntry).where(AuditEntry.table_name == "participation")).all()
        gall = s.exec(select(AuditEntry).where(AuditEntry.action == "gallring")).one()
    history = " ".join(str(e.changes) for e in entries)
    assert "laktosfri" not in history and "glutenfri" not in history and "vegetarisk" not in history
    assert "vegan" in history  # the later event's needs are not due yet
    assert gall.changes == {"today": "2026-11-01", "rules": {"kost": 3}} and gall.row_id is None
    after = followup.for_event(db, db.event)
    assert (after.dietary, after.eating) == (before.dietary, before.eating)
    assert followup.for_period(db, date(2026, 10, 1), date(2026, 10, 1)).dietary == before.dietary
    assert gallring.plan(db, DAY_31).counts["kost"] == 0  # nothing left to do, and nothing counted twice
    gallring.run(db, DAY_31)
    with db.read() as s:
        assert s.get(Event, db.event).dietary_counts == {"glutenfri": 1, "vegetarisk": 2}


def test_dry_run_equals_the_real_run(catered):
    db = catered
    with db.session() as s:
        old = person(s, "Gammal", "Kontakt", LegalBasis.SAMTYCKE)
    _age(db, old.id, datetime(2023, 1, 1))
    today = date(2026, 12, 1)
    dry = gallring.plan(db, today)
    assert dry.counts["kost"] == 4 and dry.counts["inaktiva"] == 1
    with db.read() as s:
        assert s.exec(select(sa.func.count()).where(Participation.dietary.is_not(None))).one() == 4
    done = gallring.run(db, today)
    assert done.counts == dry.counts and [s.text for s in done.steps] == [s.text for s in dry.steps]
    assert done.review == dry.review
    again = gallring.plan(db, today)
    assert again.counts["kost"] == 0 and again.counts["inaktiva"] == 1  # proposals are never removed by a run
    with db.read() as s:
        assert s.get(Contact, old.id).first_name == "Gammal"


def _age(db, contact_id: int, when: datetime) -> None:
    """Make a contact look untouched since ``when`` (the ORM would set updated_at to now)."""
    with db.engine.begin() as conn:
        conn.execute(sa.update(Contact.__table__).where(Contact.__table__.c.id == contact_id)
                     .values(updated_at=when, created_at=when))


def test_review_list_of_inactive_contacts(db):
    today = date(2026, 12, 1)  # 24 months back: 2024-12-01
    with db.session() as s:
        idle = person(s, "Ida", "Inaktiv", LegalBasis.SAMTYCKE)
        idle_org = person(s, "Olle", "Ordförande")
        contract_basis = person(s, "Avtal", "Grund", LegalBasis.AVTAL)
        went = person(s, "Gick", "Nyss")
        signs = person(s, "Skriver", "Avtal")
        restricted = person(s, "Dold", "Person", restricted_on=date(2026, 1, 1), restriction_reason="begäran")
        reviewed = person(s, "Granskad", "Nyss", reviewed_on=date(2025, 3, 1))
        reviewed_long_ago = person(s, "Granskad", "Förr", reviewed_on=date(2024, 6, 1))
        erased = person(s, "Raderad", "person 9", erased_on=date(2025, 1, 1))
        person(s, "Ny", "Kontakt")  # new: active
        ev = Event(title="Forum", starts_at=datetime(2025, 6, 1, 9))
        s.add(ev)
        s.flush()
        s.add(Participation(event_id=ev.id, contact_id=went.id, status=PS.DELTOG))
        s.add(Contract(title="Avtal", responsible_id=signs.id, status=ContractStatus.AKTIVT))
    for c in (idle, idle_org, contract_basis, went, signs, restricted, reviewed, reviewed_long_ago, erased):
        _age(db, c.id, datetime(2024, 1, 1))
    with db.engine.begin() as conn:  # the participation and the contract are old too; the event is not
        conn.execute(sa.update(Participation.__table__).values(updated_at=datetime(2024, 1, 1)))
        conn.execute(sa.update(Contract.__table__).values(updated_at=datetime(2024, 1, 1)))  # but in force
    review = gallring.plan(db, today).review
    assert [(p.id, p.name, p.legal_basis) for p in review] == [
        (reviewed_long_ago.id, "Granskad Förr", "Berättigat intresse"),
        (idle.id, "Ida Inaktiv", "Samtycke"),
        (idle_org.id, "Olle Ordförande", "Berättigat intresse"),
    ]
    assert review[1].last_activity == date(2024, 1, 1)
    step = next(s for s in gallring.plan(db, today).steps if s.rule.key == "inaktiva")
    assert step.text == "3 kontakter utan aktivitet på 24 månader föreslås för granskning (raderas inte automatiskt)"
    assert gallring.mark_reviewed(db, [idle.id], today) == 1
    assert [p.id for p in gallring.plan(db, today).review] == [reviewed_long_ago.id, idle_org.id]
    items = gallring_plan.attention_items(db, today)
    assert [(i.category, i.section) for i in items] == [("Gallring att göra", "gallring")]
    assert "2 kontakter" in items[0].text


def test_settings_file_overrides_a_rule_from_its_date(db, tmp_path, monkeypatch, _isolated_data_dir):
    _isolated_data_dir.mkdir(parents=True, exist_ok=True)
    path = retention.settings_path()
    path.write_text('[kost]\nperiod = 10\nsource = "MDU:s gallringsbeslut 2027:1"\neffective = 2027-01-01\n',
                    encoding="utf-8")
    assert retention.rules(date(2026, 12, 31))["kost"].period == 30
    rule = retention.rules(date(2027, 1, 1))["kost"]
    assert (rule.period, rule.source, rule.period_text) == (10, "MDU:s gallringsbeslut 2027:1",
                                                           "10 dagar efter evenemangets slut")
    for text, message in (
        ("[okand]\nperiod = 1\n", "okänd regel \\[okand\\]"),
        ("[avtal]\nperiod = 5\n", "utanför det tillåtna \\(minst 7 år\\)"),
        ("[kost]\nperiod = 'tio'\n", "ska vara ett heltal"),
        ("[kost]\nvilken = 1\n", "okänt fält vilken"),
        ("[kost]\neffective = 'snart'\n", "ska vara ett datum"),
        ("[kost\n", "ogiltig TOML"),
        ("[deltaganden]\nperiod = 3\n", "ingen tidsgräns"),
    ):
        path.write_text(text, encoding="utf-8")
        with pytest.raises(BadInput, match=message):
            retention.rules(date(2027, 1, 1))
    path.write_bytes(b"[kost]\nsource = '\xff'\n")
    with pytest.raises(BadInput, match="inte UTF-8"):
        gallring.plan(db, date(2027, 1, 1))
