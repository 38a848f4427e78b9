"""Rows for the portfolio unit tests, written directly."""

from __future__ import annotations

from shk_tui.db.models import Contact, Initiative


def add_initiative(db, name: str, **kw) -> int:
    with db.session() as s:
        i = Initiative(name=name, **kw)
        s.add(i)
        s.flush()
        return i.id


def add_contact(db, first: str, last: str) -> int:
    with db.session() as s:
        contact = Contact(first_name=first, last_name=last)
        s.add(contact)
        s.flush()
        return contact.id
