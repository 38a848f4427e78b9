"""Writing imported contacts in bulk (``contact_import.apply``): one pass over a batch of records builds
each contact's row with its search columns and its audit entry, then Core inserts them with executemany.

What is stored is what an ORM write stores: each value goes through its column's own SQLAlchemy bind
processor (worked out once per distinct value: a batch shares its timestamps, its source and most of
its organisations), and the audit entry has the changes the ORM hook would write. On SQLite the rows
go straight to the driver's executemany as tuples (no per-row SQLAlchemy work), with each audit entry's
JSON written by :func:`dumps_change` (the same text as ``json.dumps``); PostgreSQL gets a Core ``insert``
with ``RETURNING`` in parameter order. The search index rows of all batches are added at the end
(:meth:`Writer.finish`); what SQLite does besides for a large import is ``contact_bulk_sqlite``."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from json.encoder import encode_basestring_ascii
from typing import Any

import sqlalchemy as sa

from shk_tui.db import contact_search, search_index
from shk_tui.db.models import AuditEntry, Contact, ContactTag
from shk_tui.enums import LegalBasis
from shk_tui.errors import ShkError
from shk_tui.fmt import parse_date
from shk_tui.formats.csv_contacts import ContactRecord

#: A contact's columns as the import writes them; the first eleven are audited (as the ORM hook would:
#: not the timestamps, not the derived search columns), in this order.
COLUMNS = ("first_name", "last_name", "title", "organisation_id", "email", "phone", "note", "legal_basis",
           "consent_on", "source", "archived", "created_at", "updated_at", "search_text", "sort_key")
AUDITED = COLUMNS[:11]
_AUDIT_COLUMNS = ("at", "table_name", "row_id", "action", "actor", "changes")
CLASH = "Importen krockade med en samtidig ändring av kontakterna; försök igen"


@dataclass(frozen=True)
class Batch:
    """A batch's contacts as Python values (column order: ``COLUMNS``) and their tags; each contact's
    audit changes are its row's audited values (:func:`change_of`, :func:`dumps_change`)."""

    rows: list[tuple]
    tags: list[list[int]]


def build(records: Sequence[ContactRecord], org_ids: dict[str, int], tag_ids: dict[str, int], *, at: datetime,
          source: str) -> Batch:
    """The batch's rows and tag ids, in one pass over its records."""
    rows: list[tuple] = []
    tags: list[list[int]] = []
    search_text = contact_search.search_text
    bases: dict[str, LegalBasis] = {}
    days: dict[str, date | None] = {}
    orgs: dict[str, int | None] = {}
    for r in records:
        org_id = None
        if r.organisation:
            org_id = orgs[r.organisation] if r.organisation in orgs else orgs.setdefault(
                r.organisation, org_ids.get(r.organisation.casefold()))
        first, last = (r.first_name or r.last_name), (r.last_name if r.first_name else "")
        basis = None
        if r.legal_basis:
            basis = bases.get(r.legal_basis) or bases.setdefault(r.legal_basis, LegalBasis(r.legal_basis))
        consent = None
        if r.consent_on:
            consent = days[r.consent_on] if r.consent_on in days else days.setdefault(
                r.consent_on, parse_date(r.consent_on))
        values = (first, last, r.title or None, org_id, r.email or None, r.phone or None, r.note or None, basis,
                  consent, source, False)
        rows.append((*values, at, at, search_text(first, last, r.title, r.email, r.phone, (r.organisation,), r.tags),
                     _sort_key(last, first)))
        tags.append([tag_ids[key] for key in dict.fromkeys(t.casefold() for t in r.tags) if key in tag_ids]
                    if r.tags else [])
    return Batch(rows, tags)


#: A name's sort key, worked out once per distinct name (names repeat: a register has few of them).
_sort_key = lru_cache(maxsize=1 << 16)(contact_search.sort_key)


def _audited(value: Any) -> Any:
    """An audited value as the ORM hook records it (an enum by its value, a date as ISO text)."""
    if isinstance(value, LegalBasis):
        return value.value
    return value.isoformat() if isinstance(value, date) else value


def change_of(row: Sequence[Any]) -> dict[str, list[Any]]:
    """A new contact's audit changes, ``{column: [None, value]}`` for its audited columns that hold a
    value (in ``AUDITED`` order), as the ORM hook writes them."""
    return {name: [None, _audited(value)] for name, value in zip(AUDITED, row, strict=False) if value is not None}


_KEYS = tuple(f"{encode_basestring_ascii(name)}: [null, " for name in AUDITED)


def _json_value(value: Any) -> str:
    """``json.dumps(_audited(value))`` for what an audited contact column holds."""
    if isinstance(value, str):  # text, and LegalBasis (a str enum) by its value
        return encode_basestring_ascii(value.value if isinstance(value, LegalBasis) else value)
    if value is False or value is True:
        return "true" if value else "false"
    if value.__class__ is int:
        return int.__repr__(value)
    return json.dumps(_audited(value))


def dumps_change(row: Sequence[Any]) -> str:
    """``json.dumps(change_of(row))``, several times quicker: it is run for every imported contact."""
    enc, other = encode_basestring_ascii, _json_value
    return "{" + ", ".join([key + (enc(value) if value.__class__ is str else other(value)) + "]"
                            for key, value in zip(_KEYS, row, strict=False) if value is not None]) + "}"


def _memo(proc: Callable[[Any], Any] | None) -> Callable[[Any], Any] | None:
    """A bind processor that works each distinct value out once (the caller passes no None)."""
    if proc is None:
        return None
    seen: dict[Any, Any] = {}

    def process(value: Any) -> Any:
        try:
            return seen[value]
        except KeyError:
            return seen.setdefault(value, proc(value))
        except TypeError:  # not hashable
            return proc(value)

    return process


class Writer:
    """Inserts built batches on one connection of the import's transaction."""

    def __init__(self, conn: sa.Connection, *, at: datetime, who: str) -> None:
        self.conn, self.at, self.who = conn, at, who
        self.sqlite = conn.dialect.name == "sqlite"
        dialect = conn.dialect
        table = Contact.__table__
        self._procs = [_memo(table.c[name].type._cached_bind_processor(dialect)) for name in COLUMNS]
        audit = AuditEntry.__table__
        self._json = audit.c.changes.type._cached_bind_processor(dialect) or (lambda v: v)
        #: contacts' changes as the processor writes them when that is plain json.dumps (SQLite's default)
        plain = (getattr(dialect, "_json_serializer", None) is None
                 and sa.String().bind_processor(dialect) is None)  # JSON's own text processor
        self._dump_change = dumps_change if plain else lambda row: self._json(change_of(row))
        self._index: list[tuple[int, str, str, str]] = []  # (id, first name, last name, search text)
        at_proc = audit.c.at.type._cached_bind_processor(dialect)
        self._at = at_proc(at) if at_proc is not None else at
        quote = dialect.identifier_preparer.quote
        self._contact_sql = (f"INSERT INTO contact ({', '.join(quote(c) for c in COLUMNS)}) "
                             f"VALUES ({', '.join('?' * len(COLUMNS))})")
        self._audit_sql = (f"INSERT INTO audit_entry ({', '.join(quote(c) for c in _AUDIT_COLUMNS)}) "
                           f"VALUES ({', '.join('?' * len(_AUDIT_COLUMNS))})")

    def write(self, batch: Batch) -> list[int]:
        """Insert the batch's contacts, tag links and audit entries; returns the new ids in row order."""
        ids = self._insert_sqlite(batch.rows) if self.sqlite else self._insert_core(batch.rows)
        self._index += [(cid, row[0], row[1], row[13]) for cid, row in zip(ids, batch.rows, strict=True)]
        links = [(cid, tid) for cid, tids in zip(ids, batch.tags, strict=True) for tid in tids]
        if self.sqlite:
            at, who, dump, dump_change = self._at, self.who, self._json, self._dump_change
            stored: list[tuple[Any, str, int | None, str, str, str]] = [
                (at, "contact", cid, "insert", who, dump_change(row)) for cid, row in zip(ids, batch.rows, strict=True)]
            if links:
                self.conn.exec_driver_sql("INSERT INTO contact_tag (contact_id, tag_id) VALUES (?, ?)", links)
                stored += [(at, "contact_tag", None, "insert", who, dump({"key": {"contact_id": c, "tag_id": t}}))
                           for c, t in links]
            self.conn.exec_driver_sql(self._audit_sql, stored)
        else:
            audits: list[tuple[Any, str, int | None, str, str, dict[str, Any]]] = [
                (self._at, "contact", cid, "insert", self.who, change_of(row))
                for cid, row in zip(ids, batch.rows, strict=True)]
            audits += [(self._at, "contact_tag", None, "insert", self.who, {"key": {"contact_id": c, "tag_id": t}})
                       for c, t in links]
            if links:
                self.conn.execute(sa.insert(ContactTag), [{"contact_id": c, "tag_id": t} for c, t in links])
            self.conn.execute(sa.insert(AuditEntry), [
                dict(zip(_AUDIT_COLUMNS, (self.at, *a[1:]), strict=True)) for a in audits])
        return ids

    def finish(self) -> None:
        """Add the search index rows of every contact written, in one go after the last batch: on
        SQLite, a statement on another table in between makes FTS5 write its pending rows out (a
        savepoint), so batch by batch they would be written as many small pieces, merged again and again."""
        search_index.add_contacts(self.conn, self._index)
        self._index = []

    def _insert_core(self, rows: list[tuple]) -> list[int]:
        return list(self.conn.execute(
            sa.insert(Contact).returning(Contact.id, sort_by_parameter_order=True),
            [dict(zip(COLUMNS, row, strict=True)) for row in rows],
        ).scalars().all())

    def _insert_sqlite(self, rows: list[tuple]) -> list[int]:
        """SQLite cannot guarantee the order of RETURNING rows for a multi-row insert (SQLAlchemy would
        fall back to one statement per row), so: executemany, then read the ids back. Rows are numbered in
        insertion order and this transaction holds the write lock; a count that differs is refused."""
        before = self.conn.exec_driver_sql("SELECT coalesce(max(id), 0) FROM contact").scalar_one()
        self.conn.exec_driver_sql(self._contact_sql, self._stored(rows))
        ids = [cid for (cid,) in self.conn.exec_driver_sql(
            "SELECT id FROM contact WHERE id > ? ORDER BY id", (before,))]
        if len(ids) != len(rows):
            raise ShkError(CLASH)
        return ids

    def _stored(self, rows: list[tuple]) -> list[tuple]:
        """The rows as the driver stores them: each value through its column's processor (memoised;
        only five of the columns have one)."""
        procs = [(i, p) for i, p in enumerate(self._procs) if p is not None]
        out = []
        for row in rows:
            values = list(row)
            for i, p in procs:
                value = values[i]
                if value is not None:
                    values[i] = p(value)
            out.append(tuple(values))
        return out


