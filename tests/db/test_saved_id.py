"""``Base.saved_id``: the id of a row in the database, typed ``int``; a row not yet flushed has none."""

from __future__ import annotations

import pytest
from sqlmodel import select

from shk_tui.db.models import Contact


def test_a_new_row_has_no_saved_id_until_it_is_flushed(sqlite_db):
    contact = Contact(first_name="Anna", last_name="Berg")
    with pytest.raises(RuntimeError, match="Contact has no id before it is flushed"):
        _ = contact.saved_id
    with sqlite_db.session() as s:
        s.add(contact)
        s.flush()
        assert contact.saved_id == contact.id and contact.id > 0


def test_a_row_read_from_the_database_has_its_id(sqlite_db):
    with sqlite_db.session() as s:
        s.add(Contact(first_name="Bo", last_name="Ek"))
    with sqlite_db.read() as s:
        found = s.exec(select(Contact)).one()
        assert found.saved_id == found.id


def test_saved_id_is_not_a_column_or_field():
    assert "saved_id" not in Contact.model_fields
    assert "saved_id" not in Contact.__table__.c
