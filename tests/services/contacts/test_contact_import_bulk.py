"""The bulk path of the contact import (``contact_bulk``): a contact it writes is stored exactly as one
written through the ORM (every column, the search columns, the audit entry, the tag links), on both
backends, and across batches every audit entry and tag link belongs to its own contact."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlmodel import select

from shk_tui.db.models import AuditEntry, Contact, ContactTag, Organisation, Tag
from shk_tui.enums import LegalBasis
from shk_tui.services.contacts import contact_import as imp

HEADER = "Förnamn;Efternamn;Titel;Organisation;E-post;Telefon;Taggar;Anteckning;Rättslig grund;Datum för grund\r\n"
ROW = ("Åsa;Öberg;Forskare;Mälardalens universitet;asa.oberg@example.se;+46 70 123 45 67;styrelse, forskare;"
       "Träffades i Årby;samtycke;2026-03-01\r\n")
#: Columns that differ between any two rows by nature.
OWN = {"id", "created_at", "updated_at", "source"}


def _stored(db, contact_id: int) -> dict:
    """The contact's row as the database holds it (no ORM in between)."""
    with db.engine.connect() as conn:
        row = conn.execute(sa.select(Contact.__table__).where(Contact.__table__.c.id == contact_id)).mappings().one()
    return {k: v for k, v in row.items() if k not in OWN}


def _audit(db, table: str, row_id: int | None = None) -> list[dict]:
    with db.read() as s:
        query = select(AuditEntry).where(AuditEntry.table_name == table).order_by(AuditEntry.id)
        if row_id is not None:
            query = query.where(AuditEntry.row_id == row_id)
        return [e.changes or {} for e in s.exec(query).all()]


def test_an_imported_contact_is_stored_as_the_orm_stores_it(db):
    with db.session() as s:
        org = Organisation(name="Mälardalens universitet")
        tags = [Tag(name="styrelse"), Tag(name="forskare")]
        s.add_all([org, *tags])
    written = imp.apply(db, imp.plan(db, (HEADER + ROW).encode("utf-8-sig"), "k.csv"))
    assert written == 1
    with db.read() as s:
        imported = s.exec(select(Contact)).one()
        imported_id, phone, source = imported.id, imported.phone, imported.source
    with db.session() as s:
        org = s.exec(select(Organisation)).one()
        by_name = {t.name: t for t in s.exec(select(Tag)).all()}
        twin = Contact(first_name="Åsa", last_name="Öberg", title="Forskare", organisation_id=org.id,
                       email="asa.oberg@example.se", phone=phone, note="Träffades i Årby",
                       legal_basis=LegalBasis("samtycke"), consent_on=date(2026, 3, 1), source=source,
                       tags=[by_name["styrelse"], by_name["forskare"]])
        s.add(twin)
        s.flush()
        twin_id = twin.id
    assert _stored(db, imported_id) == _stored(db, twin_id)
    assert "åsa öberg" in _stored(db, imported_id)["search_text"]
    assert _audit(db, "contact", imported_id) == _audit(db, "contact", twin_id)
    assert _audit(db, "contact", imported_id)[0]["legal_basis"] == [None, "samtycke"]
    assert _audit(db, "contact", imported_id)[0]["consent_on"] == [None, "2026-03-01"]
    with db.read() as s:
        links = s.exec(select(ContactTag.contact_id, ContactTag.tag_id)).all()
    tag_ids = sorted(t.id for t in by_name.values())
    assert sorted(t for c, t in links if c == imported_id) == sorted(t for c, t in links if c == twin_id) == tag_ids
    link_entries = [e["key"] for e in _audit(db, "contact_tag")]
    assert sorted(e["tag_id"] for e in link_entries if e["contact_id"] == imported_id) == tag_ids


def test_every_entry_and_link_belongs_to_its_contact_across_batches(db, monkeypatch):
    monkeypatch.setattr(imp, "BATCH", 3)
    rows = "".join(f"Person{i};Efter{i};;Förening {i % 2};p{i}@example.se;;{'tagg' if i % 3 == 0 else ''};;;\r\n"
                   for i in range(8))
    plan = imp.plan(db, (HEADER + rows).encode("utf-8"), "k.csv")
    steps: list[tuple[int, int]] = []
    assert imp.apply(db, plan, progress=lambda done, total: steps.append((done, total))) == 8
    assert steps == [(3, 8), (6, 8), (8, 8)]
    with db.read() as s:
        contacts = {c.id: c for c in s.exec(select(Contact)).all()}
        tagged = {cid for cid, _ in s.exec(select(ContactTag.contact_id, ContactTag.tag_id)).all()}
        orgs = {o.id: o.name for o in s.exec(select(Organisation)).all()}
    assert len(contacts) == 8 and sorted(orgs.values()) == ["Förening 0", "Förening 1"]
    for cid, c in contacts.items():
        (entry,) = _audit(db, "contact", cid)
        assert entry["email"] == [None, c.email] and entry["first_name"] == [None, c.first_name]
        assert entry["organisation_id"] == [None, c.organisation_id]
        number = int(c.first_name.removeprefix("Person"))
        assert orgs[c.organisation_id] == f"Förening {number % 2}"
        assert c.search_text.startswith(f"person{number} efter{number}")
        assert (cid in tagged) == (number % 3 == 0)
    assert len(_audit(db, "contact_tag")) == len(tagged) == 3
    assert len(_audit(db, "organisation")) == 2
