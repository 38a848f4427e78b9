"""The derived search columns of ``Contact`` (pure functions, shared by the service's ORM hook and
the migrations that fill them): ``search_text`` is text folded with ``shk_tui.fmt.fold`` in Python
(``shk_tui.db.search.matches(..., prefolded=True)`` searches it), ``sort_key`` is a binary-comparable
Swedish sort key, so ``ORDER BY sort_key`` can use an index instead of a per-row collation."""

from __future__ import annotations

import re
from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Session

from shk_tui.fmt import fold, sv_key

SORT_KEY_LENGTH = 250


def digits(text: str | None) -> str:
    return re.sub(r"\D", "", text or "")


def search_text(
    first_name: str | None,
    last_name: str | None,
    title: str | None,
    email: str | None,
    phone: str | None,
    organisation: Iterable[str | None] = (),
    tags: Iterable[str] = (),
) -> str:
    """Everything the Kontakter search box matches, folded, ``|``-separated."""
    phone_digits = digits(phone)
    parts = [
        f"{first_name or ''} {last_name or ''}",
        title,
        email,
        phone,
        phone_digits,
        # 0701234567 as typed in Sweden, when stored as +46 70 …
        "0" + phone_digits[2:] if phone_digits.startswith("46") else "",
        *organisation,
        *tags,
    ]
    # one fold over the joined text (fast for bulk imports); parts are stripped as fold would strip them
    return fold("|".join(stripped for p in parts if p and (stripped := p.strip())))


def sort_key(last_name: str | None, first_name: str | None) -> str:
    """Swedish order by last name, then first name, as plain text (compare it binary / COLLATE "C")."""
    key = f"{sv_key((last_name or '').strip())} {sv_key((first_name or '').strip())}".strip()
    return key[:SORT_KEY_LENGTH]


def refill(conn: sa.Connection) -> int:
    """Recompute both columns of every contact from its fields in SQL (a migration's bulk fill, outside
    the ORM); only rows whose values change are written. Returns how many."""
    tags: dict[int, list[str]] = {}
    for contact_id, name in conn.execute(sa.text(
        "SELECT ct.contact_id, t.name FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id"
    )):
        tags.setdefault(contact_id, []).append(name)
    rows = conn.execute(sa.text(
        "SELECT c.id, c.first_name, c.last_name, c.title, c.email, c.phone, o.name, o.short_name, "
        "c.search_text, c.sort_key FROM contact c LEFT JOIN organisation o ON o.id = c.organisation_id"
    )).all()
    updates = []
    for r in rows:
        text = search_text(r[1], r[2], r[3], r[4], r[5], (r[6], r[7]), tags.get(r[0], []))
        key = sort_key(r[2], r[1])
        if (text, key) != (r[8], r[9]):
            updates.append({"id": r[0], "search_text": text, "sort_key": key})
    if updates:
        conn.execute(
            sa.text("UPDATE contact SET search_text = :search_text, sort_key = :sort_key WHERE id = :id"), updates
        )
    return len(updates)


# --- keeping the columns in sync -----------------------------------------------------------


def _organisation_names(session, organisation_id: int | None) -> tuple[str | None, ...]:
    if organisation_id is None:
        return ()
    from shk_tui.db.models import Organisation

    org = session.get(Organisation, organisation_id)
    return (org.name, org.short_name) if org is not None else ()


def refresh(session, contact) -> None:
    """Recompute ``contact``'s search columns from its fields, organisation and tags."""
    org_id = contact.organisation_id
    names: tuple[str | None, ...]
    if org_id is None and contact.organisation is not None:
        names = (contact.organisation.name, contact.organisation.short_name)
    else:
        names = _organisation_names(session, org_id)
    text = search_text(
        contact.first_name, contact.last_name, contact.title, contact.email, contact.phone,
        names, [t.name for t in contact.tags],
    )
    key = sort_key(contact.last_name, contact.first_name)
    if contact.search_text != text:
        contact.search_text = text
    if contact.sort_key != key:
        contact.sort_key = key


def _before_flush(session, _flush_context, _instances) -> None:
    from shk_tui.db.models import Contact, Organisation, Tag

    with session.no_autoflush:
        contacts = {id(o): o for o in (*session.new, *session.dirty) if isinstance(o, Contact)}
        for obj in session.dirty:
            if isinstance(obj, Organisation | Tag) and session.is_modified(obj):
                state = sa.inspect(obj)
                names = ("name", "short_name") if isinstance(obj, Organisation) else ("name",)
                if any(state.attrs[n].history.has_changes() for n in names) and obj.id is not None:
                    for c in obj.contacts:
                        contacts[id(c)] = c
        for contact in contacts.values():
            if contact in session.deleted:
                continue
            refresh(session, contact)


def install() -> None:
    """Register the hook on every ORM session (idempotent)."""
    if not event.contains(Session, "before_flush", _before_flush):
        event.listen(Session, "before_flush", _before_flush)


install()
