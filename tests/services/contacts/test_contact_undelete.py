"""contacts.delete and its inverse contacts.undelete (ctrl+z in Kontakter, issue #15): the same row back
with the same id, its tags and values; an id is never used by another contact; both audited; refused
when it no longer applies. On SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from shk_tui.db.models import AuditEntry, Contact
from shk_tui.enums import LegalBasis
from shk_tui.errors import ShkError
from shk_tui.services.contacts import contact_list, contacts, organisations
from shk_tui.services.contacts.contacts import ContactInput
from tests.helpers.contacts_pilot import add_participation


def _kim(db) -> int:
    kim = contacts.save(db, ContactInput(first_name="Kim", last_name="Kvist", title="Samordnare",
                                         organisation="Västerås stad", email="kim@example.se", phone="0701234567",
                                         note="Ring efter lunch", legal_basis="samtycke", consent_on="2026-03-01",
                                         source="Mässa"))
    contacts.set_tags(db, kim, ["styrelse", "Forskare"])
    return kim


def test_undelete_puts_the_same_row_back_with_its_id_values_and_tags(db):
    kim = _kim(db)
    before = contacts.get(db, kim)
    removed = contacts.delete(db, kim)
    assert removed.id == kim and removed.name == "Kim Kvist"
    assert contact_list.search(db).rows == []
    assert contacts.undelete(db, removed) == kim
    after = contacts.get(db, kim)
    assert after == before.__class__(**{**before.__dict__, "version": after.version})
    assert after.legal_basis == LegalBasis.SAMTYCKE.value and after.consent_on == "2026-03-01"
    assert [r.name for r in contact_list.search(db, contact_list.ContactFilter(text="kvist")).rows] == ["Kim Kvist"]
    with db.read() as s:
        row = s.get(Contact, kim)
        assert row is not None and row.created_at.date() <= date.today()


def test_an_id_is_never_used_by_another_contact(db):
    first = _kim(db)
    last = contacts.save(db, ContactInput(first_name="Lo", last_name="Lind"))
    removed = contacts.delete(db, last)  # the highest id: SQLite without AUTOINCREMENT would hand it out again
    newer = contacts.save(db, ContactInput(first_name="Mo", last_name="Mattsson"))
    assert newer > last > first
    assert contacts.undelete(db, removed) == last
    assert contacts.get(db, last).name == "Lo Lind" and contacts.get(db, newer).name == "Mo Mattsson"


def test_both_the_delete_and_the_restore_are_audited(db):
    kim = _kim(db)
    contacts.undelete(db, contacts.delete(db, kim))
    with db.read() as s:
        actions = [e.action for e in s.exec(select(AuditEntry).where(
            AuditEntry.table_name == "contact", AuditEntry.row_id == kim).order_by(AuditEntry.id)).all()]
    assert actions[-3:] == ["delete", "insert", "restore"]


def test_undelete_is_refused_when_it_no_longer_applies(db):
    kim = _kim(db)
    removed = contacts.delete(db, kim)
    other = contacts.save(db, ContactInput(first_name="Kim", last_name="Annan", email="KIM@example.se"))
    with pytest.raises(ShkError, match="e-postadressen finns nu hos Kim Annan"):
        contacts.undelete(db, removed)
    contacts.delete(db, other)
    contacts.undelete(db, removed)
    with pytest.raises(ShkError, match="Kim Kvist finns redan"):
        contacts.undelete(db, removed)


def test_undelete_without_the_organisation_removed_meanwhile(db):
    kim = _kim(db)
    removed = contacts.delete(db, kim)
    org = organisations.list_organisations(db, "Västerås")[0][0]
    organisations.delete(db, org.id)
    contacts.undelete(db, removed)
    assert contacts.get(db, kim).organisation == ""


def test_delete_with_history_is_refused_in_words_of_the_right_number(db):
    kim = _kim(db)
    add_participation(db, kim)
    with pytest.raises(ShkError, match=r"historik \(1 deltagande\)"):
        contacts.delete(db, kim)
    assert contacts.history_text({"deltaganden": 2, "avtal": 1, "initiativ": 1}) == "2 deltaganden, 1 avtal, 1 initiativ"
