"""Duplicate candidates and merge; GDPR register extract and erasure (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from sqlmodel import select

from shk_tui.db.models import AuditEntry, Contact, Contract, Event, Participation
from shk_tui.enums import ParticipationStatus
from shk_tui.errors import BadInput, ShkError
from shk_tui.services.contacts import contacts, duplicates, gdpr
from shk_tui.services.contacts.contacts import ContactInput

TODAY = date(2026, 11, 25)


def add(db, first, last, **kw) -> int:
    return contacts.save(db, ContactInput(first_name=first, last_name=last, **kw))


def event(db, title: str, day: int) -> int:
    with db.session() as s:
        ev = Event(title=title, starts_at=datetime(2026, 3, day, 9))
        s.add(ev)
        s.flush()
        return ev.id


def take_part(db, event_id, contact_id, status=ParticipationStatus.ANMALD, **kw) -> None:
    with db.session() as s:
        s.add(Participation(event_id=event_id, contact_id=contact_id, status=status, **kw))


def test_candidates_with_scores(db):
    a = add(db, "Anna", "Andersson", email="anna@mdu.se", organisation="MDU")
    with db.session() as s:  # the form refuses a second contact with the address; an old register may not
        s.add(Contact(first_name="Annie", last_name="Berg", email="ANNA@mdu.se"))
        s.flush()
        b = s.exec(select(Contact.id).where(Contact.last_name == "Berg")).one()
    c = add(db, "anna", "andersson", organisation="MDU")
    d = add(db, "Émile", "Ekberg")
    e = add(db, "EMILE", "Ekberg")
    f = add(db, "Karin", "Lundqvist")
    g = add(db, "Karin", "Lundqvsit")
    add(db, "Karin", "Holm")
    found = {(x.a_id, x.b_id): (x.score, x.reason) for x in duplicates.candidates(db)}
    assert found[(a, b)] == (100, "samma e-post")
    assert found[(a, c)] == (90, "samma namn och organisation")
    assert found[(d, e)] == (70, "samma namn (skiftläge/accenter)")
    assert found[(f, g)] == (60, "liknande namn (stavfel?)")
    assert len(found) == 4
    assert [x.score for x in duplicates.candidates(db)] == [100, 90, 70, 60]
    assert {(x.a_id, x.b_id) for x in duplicates.candidates(db, contact_id=a)} == {(a, b), (a, c)}


def test_merge_moves_participations_contracts_and_tags(db):
    keep = add(db, "Anna", "Andersson", email="anna@mdu.se", phone="0701234567")
    drop = add(db, "Anna", "Anderson", email="anna.a@gmail.com", title="Lektor", organisation="MDU")
    contacts.set_tags(db, keep, ["styrelse"])
    contacts.set_tags(db, drop, ["forskare", "styrelse"])
    forum, labb = event(db, "Forum", 1), event(db, "Labb", 2)
    take_part(db, forum, keep, ParticipationStatus.INBJUDEN)
    take_part(db, forum, drop, ParticipationStatus.DELTOG, dietary="vegan")
    take_part(db, labb, drop, ParticipationStatus.ANMALD)
    with db.session() as s:
        s.add(Contract(title="Avtal", responsible_id=drop))
    a, b = duplicates.sides(db, keep, drop)
    assert (a.participations, b.participations, b.contracts, b.values["organisation_id"]) == (1, 2, 1, "MDU")
    moved = duplicates.merge(db, keep, drop, {"title", "organisation_id"})
    assert moved == {"participations": 1, "contracts": 1, "initiatives": 0, "tags": 1, "conflicts": 1}
    detail = contacts.get(db, keep)
    assert (detail.email, detail.title, detail.organisation, detail.tags) == (
        "anna@mdu.se", "Lektor", "MDU", ["forskare", "styrelse"])
    assert sorted(detail.events) == [("2026-03-01", "Forum", "Deltog"), ("2026-03-02", "Labb", "Anmäld")]
    assert detail.contracts == [("Avtal", "Utkast")]
    with db.session() as s:
        assert s.get(Contact, drop) is None
        forum_part = s.exec(select(Participation).where(Participation.event_id == forum)).one()
        assert forum_part.dietary == "vegan"
        entry = s.exec(select(AuditEntry).where(AuditEntry.action == "merge")).one()
        assert entry.row_id == keep and entry.changes["merged_from"] == drop


def test_merge_refuses_nonsense(db):
    a = add(db, "A", "A")
    with pytest.raises(BadInput):
        duplicates.merge(db, a, a)
    with pytest.raises(BadInput):
        duplicates.merge(db, a, add(db, "B", "B"), {"id"})


@pytest.fixture
def person(db):
    cid = add(db, "Kerstin", "Qvarnström", email="kerstin.q@example.se", phone="070-999 88 77",
              title="Rektor", organisation="Kvarnbyskolan", legal_basis="samtycke", consent_on="2025-01-10",
              note="Vill ha inbjudan till Samhällsforum")
    contacts.set_tags(db, cid, ["skola"])
    contacts.save(db, ContactInput(first_name="Kerstin", last_name="Qvarnström", email="kerstin.q@example.se",
                                   phone="070-999 88 77", title="Biträdande rektor", organisation="Kvarnbyskolan",
                                   legal_basis="samtycke", consent_on="2025-01-10"), cid)
    forum = event(db, "Forum", 3)
    take_part(db, forum, cid, ParticipationStatus.DELTOG, dietary="glutenfri, nötallergi")
    with db.session() as s:
        s.add(Contract(title="Skolavtal", responsible_id=cid, diarienummer="DNR 1"))
    db.person, db.forum = cid, forum
    return db


def test_extract_holds_everything(person):
    data = gdpr.extract(person, person.person)
    assert data["fields"]["email"] == "kerstin.q@example.se" and data["fields"]["organisation"] == "Kvarnbyskolan"
    assert data["tags"] == ["skola"]
    assert data["participations"][0]["dietary"] == "glutenfri, nötallergi"
    assert data["contracts_responsible"] == [{"title": "Skolavtal", "diarienummer": "DNR 1", "status": "utkast"}]
    assert {e["action"] for e in data["audit"]} == {"Skapad", "Ändrad"}
    assert {"field": "Taggar", "from": "–", "to": "skola"} in [c for e in data["audit"] for c in e["changes"]]
    assert json.loads(gdpr.to_json(data))["contact_id"] == person.person
    md = gdpr.to_markdown(data, today=TODAY)
    assert md.startswith("# Registerutdrag – Kerstin Qvarnström")
    assert "| E-post | kerstin.q@example.se |" in md and "Skolavtal (DNR 1)" in md and "| Forum | 2026-03-03" in md


def test_erase_leaves_no_value_but_keeps_statistics(person):
    secrets = ["Qvarnström", "kerstin.q@example.se", "+46 70 999 88 77", "Biträdande rektor", "nötallergi",
               "Samhällsforum", "Kerstin"]
    assert gdpr.remaining_values(person, secrets)  # before: everywhere
    gdpr.erase(person, person.person, "Begäran från personen 2026-11-20", today=TODAY)
    assert gdpr.remaining_values(person, secrets) == []
    with person.session() as s:
        c = s.get(Contact, person.person)
        assert (c.first_name, c.email, c.phone, c.erased_on, c.archived, c.tags) == (
            "Raderad", None, None, TODAY, True, [])
        part = s.exec(select(Participation).where(Participation.event_id == person.forum)).one()
        assert part.contact_id == person.person and part.status == ParticipationStatus.DELTOG
        entry = s.exec(select(AuditEntry).where(AuditEntry.action == "erase")).one()
        assert entry.changes["reason"] == "Begäran från personen 2026-11-20" and entry.changes["participations_kept"] == 1
    assert contacts.get(person, person.person).contracts == [("Skolavtal", "Utkast")]
    with pytest.raises(ShkError, match="redan raderad"):
        gdpr.erase(person, person.person, "igen", today=TODAY)


def test_erase_needs_a_reason_and_keeps_other_people(person):
    other = add(person, "Kerstin", "Berg", email="kberg@example.se")
    with pytest.raises(BadInput, match="skäl"):
        gdpr.erase(person, person.person, "  ", today=TODAY)
    gdpr.erase(person, person.person, "begäran", today=TODAY)
    assert contacts.get(person, other).first_name == "Kerstin"
    assert gdpr.remaining_values(person, ["kberg@example.se"]) != []


def test_erase_scrubs_the_person_from_other_rows_too(person):
    other = add(person, "Bo", "Berg", note="Kollega till KERSTIN QVARNSTRÖM, nås via kerstin.q@example.se")
    with person.session() as s:
        ev = s.get(Event, person.forum)
        ev.booking_note = "Bokat av Kerstin Qvarnström (+46 70 999 88 77)"
        ev.follow_up_note = "Skicka bilder till kerstin.q@example.se och till Bo"
        s.add(ev)
        contract = s.exec(select(Contract)).one()
        contract.note = "Kontakt: KERSTIN QVARNSTRÖM"
        s.add(contract)
    secrets = ["Qvarnström", "kerstin.q@example.se", "+46 70 999 88 77"]
    assert {"event.booking_note", "event.follow_up_note", "contract.note", "contact.note", "contact.email",
            "contact.last_name"} <= set(gdpr.remaining_values(person, secrets))
    gdpr.erase(person, person.person, "begäran", today=TODAY)
    assert gdpr.remaining_values(person, secrets) == []
    with person.session() as s:
        ev = s.get(Event, person.forum)
        assert ev.booking_note == "Bokat av [raderat] ([raderat])"
        assert ev.follow_up_note == "Skicka bilder till [raderat] och till Bo"
        assert s.exec(select(Contract)).one().note == "Kontakt: [raderat]"
    bo = contacts.get(person, other)
    assert (bo.name, bo.note) == ("Bo Berg", "Kollega till [raderat], nås via [raderat]")


def test_typos_anywhere_in_the_name_and_the_best_first_within_the_limit(db):
    karin = add(db, "Karin", "Lundqvist")
    carin = add(db, "Carin", "Lundqvist")  # the first letter differs
    swap = add(db, "Karin", "Lundqvsit")  # two letters swapped
    add(db, "Bo", "Ek")  # short names: one letter apart is not a typo ("Bo Ek", "Bo Ed")
    add(db, "Bo", "Ed")
    a = add(db, "Per", "Holm", email="per@example.se")
    with db.session() as s:
        s.add(Contact(first_name="Pelle", last_name="Holm", email="PER@example.se"))
    found = {(x.a_id, x.b_id): x.score for x in duplicates.candidates(db)}
    assert found[(karin, carin)] == 60 and found[(karin, swap)] == 60 and (carin, swap) not in found
    assert len(found) == 3
    top = duplicates.candidates(db, limit=2)
    assert [(c.a_id, c.b_id, c.score) for c in top] == [(a, a + 1, 100), (karin, carin, 60)]


def test_erase_leaves_other_peoples_history_alone(person):
    """A shared last name, title or source is not the erased person's: others' audit entries keep them."""
    lars = add(person, "Lars", "Qvarnström", title="Biträdande rektor", source="Skolregistret 2025")
    gdpr.erase(person, person.person, "begäran", today=TODAY)
    with person.session() as s:
        entry = s.exec(select(AuditEntry).where(AuditEntry.table_name == "contact", AuditEntry.row_id == lars,
                                                AuditEntry.action == "insert")).one()
    assert entry.changes["last_name"] == [None, "Qvarnström"]
    assert entry.changes["title"] == [None, "Biträdande rektor"]
    assert contacts.get(person, lars).name == "Lars Qvarnström"
