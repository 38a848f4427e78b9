"""GDPR and the payments' decision and attest fields (``Payment.decided_by``, ``attested_by``): the
register extract lists the payments the person decided or attested; erasure puts the erased contact's
pseudonym in place of the name (the payment and its amount stay), in one audited transaction, and the
search no longer finds the name. Someone whose name merely contains the erased name keeps theirs.
SQLite and PostgreSQL."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from sqlmodel import select

from shk_tui.db.models import AuditEntry, Contract, ContractNote, Payment
from shk_tui.services.contacts import contacts, gdpr
from shk_tui.services.contacts.contacts import ContactInput
from shk_tui.services.contracts import attest, payments
from shk_tui.services.search import global_search

TODAY = date(2026, 12, 2)
#: "Anna Berg" anywhere, but not "Anna Bergström".
ANNA_BERG = re.compile(r"anna\s+berg(?!ström)", re.IGNORECASE)


def add(db, first: str, last: str, **kw) -> int:
    return contacts.save(db, ContactInput(first_name=first, last_name=last, **kw))


@pytest.fixture
def books(db):
    """Anna Berg decided one payment and attested another (her name typed differently); Anna Bergström,
    someone else, decided and attested a third; Bo Ek attested the first."""
    db.anna = add(db, "Anna", "Berg", email="anna.berg@example.se")
    db.other = add(db, "Anna", "Bergström", email="anna.bergstrom@example.se")
    db.bo = add(db, "Bo", "Ek")
    with db.session() as s:
        k = Contract(title="Skolavtal", diarienummer="MDU 2026/7")
        s.add(k)
        s.flush()
        db.contract = k.id
    db.p1 = payments.add_payment(db, db.contract, "2026-03-31", "1272000", decided_by="Anna Berg",
                                 attested_by="Bo Ek")
    payments.mark_paid(db, db.p1, "2026-04-02", "1272000", "Arvode Anna Berg", today=TODAY)
    db.p2 = payments.add_payment(db, db.contract, "2026-06-30", "50000", decided_by="Bo Ek",
                                 attested_by="anna  BERG")
    db.p3 = payments.add_payment(db, db.contract, "2026-09-30", "8000", decided_by="Anna Bergström",
                                 attested_by="Anna Bergström")
    return db


def payment(db, pid: int) -> tuple[str | None, str | None, int, int | None]:
    with db.read() as s:
        p = s.get(Payment, pid)
        return p.decided_by, p.attested_by, p.amount_ore, p.paid_amount_ore


def test_the_extract_lists_the_payments_she_decided_or_attested(books):
    data = gdpr.extract(books, books.anna, today=TODAY)
    assert data["payments_attest"] == [
        {"contract": "Skolavtal", "diarienummer": "MDU 2026/7", "due_on": "2026-03-31", "amount_ore": 127_200_000,
         "amount": "1 272 000 kr", "role": "beslutade"},
        {"contract": "Skolavtal", "diarienummer": "MDU 2026/7", "due_on": "2026-06-30", "amount_ore": 5_000_000,
         "amount": "50 000 kr", "role": "attesterade"},
    ]
    md = gdpr.to_markdown(data, today=TODAY)
    section = md.split("## Beslut och attest av utbetalningar", 1)[1].split("##", 1)[0]
    assert "| Skolavtal (MDU 2026/7) | 2026-03-31 | 1 272 000 kr | beslutade |" in section
    assert "| Skolavtal (MDU 2026/7) | 2026-06-30 | 50 000 kr | attesterade |" in section
    assert "2026-09-30" not in section  # Anna Bergström's
    assert "Beslut och attest av utbetalningar" in [k["what"] for k in data["kept"]]
    assert json.loads(gdpr.to_json(data))["payments_attest"][0]["amount"] == "1 272 000 kr"


def test_both_roles_and_none(books):
    data = gdpr.extract(books, books.other, today=TODAY)
    assert [(p["due_on"], p["role"]) for p in data["payments_attest"]] == [
        ("2026-09-30", "beslutade och attesterade")]
    nobody = add(books, "Cecilia", "Ek")
    data = gdpr.extract(books, nobody, today=TODAY)
    assert data["payments_attest"] == []
    assert "## Beslut och attest av utbetalningar\n\nInga." in gdpr.to_markdown(data)


def test_erasure_puts_the_pseudonym_in_her_payments_and_keeps_the_amounts(books):
    assert {h.kind for h in global_search.find(books, "Anna Berg") if h.item_id in (books.anna, books.p1)} == {
        "contact", "payment"}
    gdpr.erase(books, books.anna, "Begäran från personen", today=TODAY)
    pseudonym = f"Raderad person {books.anna}"
    assert payment(books, books.p1) == (pseudonym, "Bo Ek", 127_200_000, 127_200_000)
    assert payment(books, books.p2) == ("Bo Ek", pseudonym, 5_000_000, None)
    # Anna Bergström's payment is hers, untouched
    assert payment(books, books.p3) == ("Anna Bergström", "Anna Bergström", 800_000, None)
    with books.read() as s:
        assert s.get(Payment, books.p1).reference == "Arvode [raderat]"
        changes = json.dumps(s.exec(select(AuditEntry.changes)).all(), ensure_ascii=False)
        erase = s.exec(select(AuditEntry).where(AuditEntry.action == "erase")).one()
        updates = s.exec(select(AuditEntry).where(AuditEntry.table_name == "payment",
                                                  AuditEntry.row_id == books.p2, AuditEntry.action == "update")
                         ).all()
    assert not ANNA_BERG.search(changes) and "anna.berg@example.se" not in changes
    assert "Anna Bergström" in changes  # the other Anna's history is hers
    assert erase.changes["payments_pseudonymised"] == 2
    assert updates[-1].changes["attested_by"] == ["[raderat]", pseudonym]  # audited, the old name scrubbed
    # the search finds nothing of hers: not the contact, not the payment's reference
    hits = global_search.find(books, "Anna Berg")
    assert {(h.kind, h.item_id) for h in hits} == {("contact", books.other)}
    assert global_search.find(books, "Arvode") and not [h for h in global_search.find(books, "Arvode")
                                                        if ANNA_BERG.search(h.title + h.context)]
    history = gdpr.to_markdown(gdpr.extract(books, books.anna, today=TODAY))
    assert "Utbetalningar där namnet ersatts: 2" in history and not ANNA_BERG.search(history)


def test_erasing_two_people_keeps_the_attest_check_honest(books):
    """Two erased people are two pseudonyms: their payment is not flagged as one person in both roles;
    one person in both roles still is."""
    solo = payments.add_payment(books, books.contract, "2026-10-31", "1000", decided_by="Bo  Ek", attested_by="bo ek")
    assert {c.payment_id for c in attest.attest_conflicts(books, TODAY)} == {solo, books.p3}
    gdpr.erase(books, books.anna, "begäran", today=TODAY)
    gdpr.erase(books, books.bo, "begäran", today=TODAY)
    assert payment(books, books.p1)[:2] == (f"Raderad person {books.anna}", f"Raderad person {books.bo}")
    assert payment(books, solo)[:2] == (f"Raderad person {books.bo}",) * 2
    assert {c.payment_id for c in attest.attest_conflicts(books, TODAY)} == {solo, books.p3}
    with books.read() as s:
        changes = json.dumps(s.exec(select(AuditEntry.changes)).all(), ensure_ascii=False)
    assert not re.search(r"bo\s+ek\b", changes, re.IGNORECASE)


def test_erasure_leaves_names_that_merely_contain_hers(books):
    """Other free text: a contract note's author (listed in the extract) and text, another contact's note."""
    lisa = add(books, "Lisa", "Holm", note="Jobbar med Anna Bergström och Annika Berg; Anna Bergs chef")
    with books.session() as s:
        s.add(ContractNote(contract_id=books.contract, noted_on=TODAY, text="Ring Berg, Anna om fakturan",
                           author="Anna Berg"))
        s.add(ContractNote(contract_id=books.contract, noted_on=TODAY, text="Klart", author="Anna Bergström"))
    data = gdpr.extract(books, books.anna, today=TODAY)
    assert data["contract_notes_written"] == [{"contract": "Skolavtal", "diarienummer": "MDU 2026/7",
                                               "noted_on": "2026-12-02"}]
    assert "## Författare till avtalsanteckningar\n\n- Skolavtal (MDU 2026/7), 2026-12-02\n" in gdpr.to_markdown(data)
    gdpr.erase(books, books.anna, "begäran", today=TODAY)
    assert contacts.get(books, lisa).note == "Jobbar med Anna Bergström och Annika Berg; [raderat] chef"
    with books.read() as s:
        notes = {(n.author, n.text) for n in s.exec(select(ContractNote)).all()}
    assert notes == {("[raderat]", "Ring [raderat] om fakturan"), ("Anna Bergström", "Klart")}
