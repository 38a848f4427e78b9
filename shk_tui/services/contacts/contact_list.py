"""The contact list: search (paged, as you type), filters, and what the list's actions read (the
e-mail addresses shown, the ids for an export, the tag names).

Search runs on the search index (``shk_tui.db.search_index``: each contact's ``search_text``, folded in
Python by ``shk_tui.db.contact_search``), the list restricted to the ids it finds and counted there,
ordered by the indexed ``Contact.sort_key`` (Swedish order), one page at a time (keyset paging). The form's rules and
the writes for one contact live in ``shk_tui.services.contacts.contacts``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlmodel import select

from shk_tui.db import search_index, search_query
from shk_tui.db.engine import Database
from shk_tui.db.models import Contact, ContactTag, Organisation, Tag
from shk_tui.enums import OrganisationKind
from shk_tui.fmt import sv_sorted
from shk_tui.services.files import write_private

PAGE = 100
ARCHIVED_NO, ARCHIVED_ONLY, ARCHIVED_ALL = "aktiva", "arkiverade", "alla"


@dataclass(frozen=True)
class ContactFilter:
    text: str = ""
    tag: str | None = None
    organisation_id: int | None = None
    organisation_kind: str | None = None
    archived: str = ARCHIVED_NO
    no_legal_basis: bool = False
    ids: tuple[int, ...] | None = None  # an explicit selection (e.g. duplicates of one contact)


@dataclass(frozen=True)
class ContactRow:
    id: int
    name: str
    title: str
    organisation: str
    email: str
    phone: str
    tags: str
    archived: bool
    legal_basis: str

    def cells(self) -> tuple[str, ...]:
        name = f"{self.name} (arkiverad)" if self.archived else self.name
        return (name, self.organisation, self.email, self.phone, self.title, self.tags)


#: In the order Kontakter shows them: what tells people apart and reaches them first.
COLUMNS = ("Namn", "Organisation", "E-post", "Telefon", "Titel", "Taggar")


@dataclass(frozen=True)
class Page:
    rows: list[ContactRow]
    total: int
    cursor: tuple[str, int] | None  # pass as ``after`` for the next page; None when no more rows


def _where(flt: ContactFilter, dialect: str, *, walk: bool = False) -> list:
    """The conditions of ``flt``. ``walk``: the search's matches are a set each row of the Swedish order
    is checked against (``id + 0`` keeps SQLite from looking every match up and sorting them all)."""
    conds: list = [Contact.restricted_on.is_(None)]  # restricted (GDPR art. 18): in no list, search or export
    if flt.text.strip():  # NUL and other control characters fold to spaces
        terms = search_query.terms(flt.text)
        column = Contact.id + 0 if walk else Contact.id
        conds.append(sa.false() if terms is None else
                     column.in_(search_query.ids(dialect, terms, _codes(flt.archived))))
    if flt.archived == ARCHIVED_NO:
        conds.append(Contact.archived.is_(False))
    elif flt.archived == ARCHIVED_ONLY:
        conds.append(Contact.archived.is_(True))
    if flt.no_legal_basis:
        conds.append(Contact.legal_basis.is_(None))
        conds.append(Contact.erased_on.is_(None))
    if flt.organisation_id is not None:
        conds.append(Contact.organisation_id == flt.organisation_id)
    if flt.organisation_kind:
        kind = OrganisationKind(flt.organisation_kind)
        conds.append(Contact.organisation_id.in_(select(Organisation.id).where(Organisation.kind == kind)))
    if flt.tag:
        conds.append(
            Contact.id.in_(
                select(ContactTag.contact_id).join(Tag, Tag.id == ContactTag.tag_id).where(Tag.name == flt.tag)
            )
        )
    if flt.ids is not None:
        conds.append(Contact.id.in_(flt.ids or (-1,)))
    return conds


def _codes(archived: str) -> tuple[int, ...]:
    """The search index's codes of the contacts ``archived`` shows."""
    active, archived_code = search_index.CODES["contact"], search_index.CODES["contact_archived"]
    return {ARCHIVED_NO: (active,), ARCHIVED_ONLY: (archived_code,)}.get(archived, (active, archived_code))


def _index_count(s, flt: ContactFilter) -> int | None:
    """The count straight from the search index when the filter is a search alone (no table scan)."""
    if flt.tag or flt.organisation_id is not None or flt.organisation_kind or flt.no_legal_basis or flt.ids is not None:
        return None
    terms = search_query.terms(flt.text)
    if terms is None:
        return 0
    if not (terms.long or terms.prefix or terms.anywhere):
        return None
    return search_query.count(s.connection(), terms, _codes(flt.archived))


def _sort_col(dialect: str):
    return sa.collate(Contact.sort_key, "C") if dialect == "postgresql" else Contact.sort_key


#: From this many matches on, a page walks the Swedish order (an index of the list's order) checking each row
#: against the matches, instead of looking every match up and sorting them: measured at 100 000
#: contacts, "s" (98 000 matches) 48 → 11 ms, "lind" (7 800, all near L) 9 → 7 ms as it was.
WALK_FROM = 5000


def search(db: Database, flt: ContactFilter = ContactFilter(), *, after: tuple[str, int] | None = None,
           limit: int = PAGE, with_total: bool = True) -> Page:
    """One page of contacts matching ``flt`` in Swedish order; ``after`` is the previous page's cursor.

    The page's ids are found first (only the ids and the sort key sorted or walked), then their
    columns; a search alone is counted in the index before the page, and that count chooses the plan."""
    key = _sort_col(db.dialect)
    with db.read() as s:
        counted = _index_count(s, flt)
        if counted == 0:  # nothing in the index matches: no page to read
            return Page([], 0, None)
        walk = (db.dialect == "sqlite" and counted is not None and counted >= WALK_FROM
                and flt.archived in (ARCHIVED_NO, ARCHIVED_ONLY))
        page_ids = select(Contact.id).where(*_where(flt, db.dialect, walk=walk)).order_by(key, Contact.id)
        if after is not None:
            page_ids = page_ids.where(
                sa.tuple_(key, Contact.id) > sa.tuple_(sa.literal(after[0]), sa.literal(after[1])))
        query = (
            select(Contact.id, Contact.first_name, Contact.last_name, Contact.title, Organisation.name,
                   Contact.email, Contact.phone, Contact.archived, Contact.legal_basis, Contact.sort_key)
            .join(Organisation, Contact.organisation_id == Organisation.id, isouter=True)
            .where(Contact.id.in_(page_ids.limit(limit + 1)))
            .order_by(key, Contact.id)
        )
        found = s.exec(query).all()
        more = len(found) > limit
        found = found[:limit]
        if not with_total:
            total = -1
        elif counted is not None:
            total = counted
        elif after is None and not more:  # the whole result is on this page: no second scan to count it
            total = len(found)
        else:
            total = s.exec(select(sa.func.count()).select_from(Contact).where(*_where(flt, db.dialect))).one()
        tags = _tags_of(s, [r[0] for r in found])
    rows = [
        ContactRow(r[0], f"{r[1]} {r[2]}".strip(), r[3] or "", r[4] or "", r[5] or "", r[6] or "",
                   ", ".join(sv_sorted(tags.get(r[0], []))), bool(r[7]), r[8].label if r[8] else "")
        for r in found
    ]
    cursor = (found[-1][9], found[-1][0]) if more and found else None
    return Page(rows, total, cursor)


def _tags_of(s, ids: list[int]) -> dict[int, list[str]]:
    tags: dict[int, list[str]] = {}
    if ids:
        for contact_id, name in s.exec(
            select(ContactTag.contact_id, Tag.name).join(Tag, Tag.id == ContactTag.tag_id)
            .where(ContactTag.contact_id.in_(ids))
        ).all():
            tags.setdefault(contact_id, []).append(name)
    return tags


def emails(db: Database, flt: ContactFilter) -> list[str]:
    """The e-mail addresses of every contact matching ``flt`` (all pages), unique, in list order."""
    with db.read() as s:
        found = s.exec(
            select(Contact.email).where(*_where(flt, db.dialect), Contact.email.is_not(None), Contact.email != "")
            .order_by(_sort_col(db.dialect), Contact.id)
        ).all()
    seen: dict[str, str] = {}
    for e in found:
        assert e is not None  # WHERE email IS NOT NULL
        seen.setdefault(e.strip().lower(), e.strip())
    return list(seen.values())


def email_list(db: Database, flt: ContactFilter) -> str:
    """``a@x.se; b@y.se`` for Outlook's recipient field."""
    return "; ".join(emails(db, flt))


def ids_matching(db: Database, flt: ContactFilter) -> list[int]:
    with db.read() as s:
        return list(s.exec(select(Contact.id).where(*_where(flt, db.dialect))
                           .order_by(_sort_col(db.dialect), Contact.id)).all())


def tag_names(db: Database) -> list[str]:
    with db.read() as s:
        return sv_sorted(s.exec(select(Tag.name)).all())


def organisation_kinds() -> list[tuple[str, str]]:
    return OrganisationKind.choices()


def save_email_list(db: Database, flt: ContactFilter, path: Path) -> int:
    """Write ``email_list`` to ``path`` (readable by its owner only); returns how many addresses."""
    found = emails(db, flt)
    write_private(path, "; ".join(found) + "\n")
    return len(found)
