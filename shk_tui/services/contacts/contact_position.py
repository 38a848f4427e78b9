"""Kontakter opened at one contact (the global search's Enter): the list's first page when the contact is
on it, otherwise the page that starts at the contact (keyset paging goes on from there), with the list's
total either way."""

from __future__ import annotations

from sqlmodel import select

from shk_tui.db.engine import Database
from shk_tui.db.models import Contact
from shk_tui.services.contacts import contact_list as lst


def page_with(db: Database, flt: lst.ContactFilter, contact_id: int) -> lst.Page:
    """A page of ``flt``'s list holding ``contact_id`` when the filter lets it through (else the first)."""
    first = lst.search(db, flt)
    if first.cursor is None or any(r.id == contact_id for r in first.rows):
        return first
    with db.read() as s:
        key = s.exec(select(Contact.sort_key).where(Contact.id == contact_id)).one_or_none()
    if key is None:
        return first
    # (key, id - 1) < (key, id): the page starts at the contact (ids are integers)
    later = lst.search(db, flt, after=(key, contact_id - 1), with_total=False)
    if not any(r.id == contact_id for r in later.rows):
        return first
    return lst.Page(later.rows, first.total, later.cursor)
