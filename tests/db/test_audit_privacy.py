"""The audit trail keeps personal values only while the row they describe exists: every way of
deleting a contact (or a participation, or a note that may name someone) leaves an entry that says
what was deleted, by whom and when, and the row's earlier entries lose their personal values.
Accounting records keep theirs. On PostgreSQL the actor is the database user. SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import select

from shk_tui.db import audit
from shk_tui.db.models import AuditEntry, Contact, ContactTag, Contract, Event, Participation
from shk_tui.services.contacts import contacts, duplicates
from shk_tui.services.contacts.contacts import ContactInput
from shk_tui.services.demo import seed as demo
from shk_tui.services.events import event_edit

TODAY = date(2026, 11, 25)
ASTRID = ("Astrid", "Fjällström", "astrid.fjallstrom@example.se", "070-123 45 67")


def add_astrid(db, **kw) -> int:
    first, last, email, phone = ASTRID
    cid = contacts.save(db, ContactInput(first_name=first, last_name=last, email=email, phone=phone,
                                         title="Rektor", organisation="Fjällskolan", legal_basis="samtycke",
                                         consent_on="2025-01-10", note="Ring efter lunch", **kw))
    contacts.save(db, ContactInput(first_name=first, last_name=last, email=email, phone=phone,
                                   title="Biträdande rektor", organisation="Fjällskolan"), cid)
    contacts.set_tags(db, cid, ["skola"])
    return cid


def audit_text(db) -> str:
    """Every audit entry's changes as one searchable text."""
    with db.session() as s:
        rows = s.exec(select(AuditEntry.changes)).all()
    return json.dumps(rows, ensure_ascii=False).casefold()


def entries(db, table: str, row_id: int) -> list[AuditEntry]:
    with db.session() as s:
        return list(s.exec(select(AuditEntry).where(AuditEntry.table_name == table, AuditEntry.row_id == row_id)
                           .order_by(AuditEntry.id)).all())


def assert_forgotten(db, *values: str) -> None:
    text = audit_text(db)
    assert [v for v in values if v.casefold() in text] == []


def test_deleting_a_contact_leaves_no_personal_value_in_the_audit_trail(db):
    cid = add_astrid(db)
    assert ASTRID[2] in audit_text(db)  # while the contact exists, its history holds the values
    contacts.delete(db, cid)
    assert_forgotten(db, "Astrid", "Fjällström", ASTRID[2], "123 45 67", "Biträdande rektor", "Ring efter lunch",
                     "2025-01-10", "samtycke")
    history = entries(db, "contact", cid)
    last = history[-1]
    assert (last.action, last.changes, last.actor) == ("delete", None, "testare" if db.dialect == "sqlite"
                                                       else "postgres")
    assert last.at is not None
    # The earlier entries are still there: they say which fields changed, not to what.
    insert = history[0]
    assert insert.action == "insert" and insert.changes["email"] == [None, audit.SCRUBBED]
    update = next(e for e in history if e.action == "update" and "title" in e.changes)
    assert update.changes["title"] == [audit.SCRUBBED, audit.SCRUBBED]
    assert "fjällskolan" in audit_text(db)  # the organisation is not the person: its own entries stay


def test_other_peoples_history_is_kept(db):
    keep = contacts.save(db, ContactInput(first_name="Bertil", last_name="Ek", email="bertil@example.se"))
    gone = add_astrid(db)
    contacts.delete(db, gone)
    assert entries(db, "contact", keep)[0].changes["email"] == [None, "bertil@example.se"]


def test_a_merge_forgets_the_merged_away_contact(db):
    keep = contacts.save(db, ContactInput(first_name="Astrid", last_name="Fjällström", email="astrid@mdu.se"))
    drop = add_astrid(db)
    duplicates.merge(db, keep, drop, {"title"})
    text = audit_text(db)
    assert ASTRID[2] not in text and "ring efter lunch" not in text
    assert "astrid@mdu.se" in text and "biträdande rektor" in text  # the kept contact took the title
    assert entries(db, "contact", drop)[-1].changes is None


def test_a_participation_forgets_dietary_needs_when_deleted(db):
    cid = contacts.save(db, ContactInput(first_name="Bertil", last_name="Ek"))
    with db.session() as s:
        ev = Event(title="Forum", starts_at=datetime(2026, 3, 1, 9), booking_note="Bokat av Bertil Ek")
        s.add(ev)
        s.flush()
        s.add(Participation(event_id=ev.id, contact_id=cid, dietary="nötallergi", note="Rullstol"))
        event_id = ev.id
    assert "nötallergi" in audit_text(db)
    event_edit.delete_event(db, event_id)  # the participant list goes with the event
    assert_forgotten(db, "nötallergi", "Rullstol", "Bokat av Bertil Ek")
    assert "forum" in audit_text(db)  # the event's title is not personal: its delete entry keeps it
    assert entries(db, "contact", cid)[0].changes["first_name"] == [None, "Bertil"]  # the person still exists


def test_accounting_records_keep_their_values(db):
    with db.session() as s:
        s.add(Contract(title="Samarbetsavtal med Astrid", diarienummer="KS 2026/1", note="Astrid ringer"))
    with db.session() as s:
        s.delete(s.exec(select(Contract)).one())
    with db.session() as s:
        gone = s.exec(select(AuditEntry).where(AuditEntry.action == "delete")).one()
    assert gone.changes["title"] == ["Samarbetsavtal med Astrid", None]
    assert gone.changes["note"] == ["Astrid ringer", None]


def test_a_bulk_delete_forgets_only_the_rows_it_deleted(db):
    gone = add_astrid(db)
    keep = contacts.save(db, ContactInput(first_name="Bertil", last_name="Ek", email="bertil@example.se"))
    with db.session() as s:
        s.execute(sa.delete(ContactTag).where(ContactTag.contact_id == gone))
        result = s.execute(sa.delete(Contact).where(Contact.id == gone))
        assert result.rowcount == 1
    assert_forgotten(db, ASTRID[2], "Fjällström")
    assert entries(db, "contact", keep)[0].changes["email"] == [None, "bertil@example.se"]


def test_demo_force_leaves_no_old_personal_value(db):
    demo.load(db, today=TODAY)
    with db.session() as s:
        anna = s.exec(select(Contact).where(Contact.first_name == "Anna", Contact.last_name == "Lundberg")).one()
        anna.email, anna.note = "anna.privat@example.se", "Har bytt adress till Storgatan 5"
        s.add(anna)
        ev = Event(title="Extra träff", starts_at=datetime(2026, 12, 1, 9))
        s.add(ev)
        s.flush()
        s.add(Participation(event_id=ev.id, contact_id=anna.id, dietary="laktosfri och sojaallergi"))
    add_astrid(db)
    demo.load(db, force=True, today=TODAY)
    assert_forgotten(db, "anna.privat@example.se", "Storgatan 5", "sojaallergi", *ASTRID[:3], "123 45 67")
    with db.session() as s:
        reset = s.exec(select(AuditEntry).where(AuditEntry.table_name == "*")).one()
    assert reset.changes["reason"] == "shk demo --force" and reset.changes["removed"]["contact"] > 50
    assert "anna.lundberg" in audit_text(db)  # the new example data has its own history


def test_the_database_user_is_the_actor_on_postgresql(db):
    """SHK_ACTOR (set to "testare" by the tests) is what anyone can claim; on PostgreSQL the user the
    server authenticated wins. SQLite has no users: SHK_ACTOR, else the OS user."""
    cid = contacts.save(db, ContactInput(first_name="Bertil", last_name="Ek"))
    duplicates.merge(db, cid, contacts.save(db, ContactInput(first_name="Bertil", last_name="Ekk")))
    expected = "postgres" if db.dialect == "postgresql" else "testare"
    with db.session() as s:
        actors = set(s.exec(select(AuditEntry.actor)).all())
        assert audit.actor(s) == expected
    assert actors == {expected}
    assert audit.actor() == "testare"  # without a session: no database to ask
