"""The rows behind :func:`shk_tui.services.search.global_search.find`: which ids match (per kind, best
first), then their titles and context lines, read for those few ids only."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import sqlalchemy as sa
from sqlmodel import select

from shk_tui.db import search_index, search_query
from shk_tui.db.engine import Database
from shk_tui.db.models import Contact, Contract, Event, FundingApplication, Initiative, Organisation, Payment
from shk_tui.fmt import format_date, format_kr
from shk_tui.services.search.global_search import KINDS, SECTION_OF, Hit


def find(db: Database, typed: str, *, limit_per_kind: int = 8) -> list[Hit]:
    t = search_query.terms(typed)
    if t is None or not (t.long or t.prefix or t.anywhere):
        return []
    with db.read() as s:
        conn = s.connection()
        out: list[Hit] = []
        for kind in KINDS:
            ids = _matching_ids(conn, kind, t, limit_per_kind)
            if ids:
                out.extend(_BUILD[kind](conn, ids))
    return out


# --- which ids, from the search index -------------------------------------------------------------

def _matching_ids(conn: sa.Connection, kind: str, t: search_query.Terms, limit: int) -> list[int]:
    """Up to ``limit`` ids of ``kind``: those with every word in the title first, then the others."""
    codes = (search_index.CODES[kind],)  # contacts: the active ones only (as Kontakter shows them)
    refs = search_query.refs(conn, t, codes, limit=limit, title=True) if t.long else []
    if len(refs) < limit:
        seen = set(refs)
        refs += [r for r in search_query.refs(conn, t, codes, limit=limit + len(refs), ordered=bool(t.long))
                 if r not in seen]
    return [r & search_index.MASK for r in refs[:limit]]


# --- titles and context lines -------------------------------------------------------------------

def _joined(*parts: str | None) -> str:
    return " · ".join(p.strip() for p in parts if p and p.strip())


def _in_order(ids: Sequence[int], rows: dict[int, Hit]) -> list[Hit]:
    return [rows[i] for i in ids if i in rows]


def _hit(kind: str, item_id: int, title: str, context: str, target_id: int | None = None) -> Hit:
    return Hit(kind, item_id, title, context, SECTION_OF[kind], item_id if target_id is None else target_id)


def _contacts(conn: sa.Connection, ids: Sequence[int]) -> list[Hit]:
    q = (select(Contact.id, Contact.first_name, Contact.last_name, Organisation.name, Contact.email)
         .join(Organisation, Organisation.id == Contact.organisation_id, isouter=True)
         .where(Contact.id.in_(ids), Contact.erased_on.is_(None)))
    return _in_order(ids, {r[0]: _hit("contact", r[0], f"{r[1]} {r[2]}".strip(), _joined(r[3], r[4]))
                           for r in conn.execute(q)})


def _organisations(conn: sa.Connection, ids: Sequence[int]) -> list[Hit]:
    q = select(Organisation.id, Organisation.name, Organisation.short_name, Organisation.kind,
               Organisation.city).where(Organisation.id.in_(ids), Organisation.archived.is_(False))
    return _in_order(ids, {r[0]: _hit("organisation", r[0], r[1], _joined(r[2], r[3].label if r[3] else "", r[4]))
                           for r in conn.execute(q)})


def _events(conn: sa.Connection, ids: Sequence[int]) -> list[Hit]:
    q = select(Event.id, Event.title, Event.starts_at, Event.location, Event.city, Event.kind).where(Event.id.in_(ids))
    return _in_order(ids, {r[0]: _hit("event", r[0], r[1], _joined(format_date(r[2].date()), r[3], r[4], r[5].label))
                           for r in conn.execute(q)})


def _contracts(conn: sa.Connection, ids: Sequence[int]) -> list[Hit]:
    q = (select(Contract.id, Contract.title, Contract.diarienummer, Organisation.name)
         .join(Organisation, Organisation.id == Contract.counterparty_id, isouter=True).where(Contract.id.in_(ids)))
    return _in_order(ids, {r[0]: _hit("contract", r[0], r[1], _joined(r[2], r[3])) for r in conn.execute(q)})


def _payments(conn: sa.Connection, ids: Sequence[int]) -> list[Hit]:
    q = (select(Payment.id, Payment.reference, Payment.contract_id, Contract.title, Payment.due_on, Payment.amount_ore)
         .join(Contract, Contract.id == Payment.contract_id).where(Payment.id.in_(ids)))
    return _in_order(ids, {
        r[0]: _hit("payment", r[0], r[1] or "", _joined(f"Avtal: {r[3]}", format_date(r[4]), format_kr(r[5]) + " kr"),
                   r[2])
        for r in conn.execute(q)})


def _initiatives(conn: sa.Connection, ids: Sequence[int]) -> list[Hit]:
    q = (select(Initiative.id, Initiative.name, Initiative.phase, Contact.first_name, Contact.last_name)
         .join(Contact, Contact.id == Initiative.owner_id, isouter=True).where(Initiative.id.in_(ids)))
    return _in_order(ids, {
        r[0]: _hit("initiative", r[0], r[1], _joined(r[2].label, f"{r[3] or ''} {r[4] or ''}")) for r in conn.execute(q)})


def _applications(conn: sa.Connection, ids: Sequence[int]) -> list[Hit]:
    q = (select(FundingApplication.id, FundingApplication.title, Organisation.name, FundingApplication.status)
         .join(Organisation, Organisation.id == FundingApplication.funder_id, isouter=True)
         .where(FundingApplication.id.in_(ids)))
    return _in_order(ids, {r[0]: _hit("application", r[0], r[1], _joined(r[2], r[3].label)) for r in conn.execute(q)})


_BUILD: dict[str, Callable[[sa.Connection, Sequence[int]], list[Hit]]] = {
    "contact": _contacts, "organisation": _organisations, "event": _events, "contract": _contracts,
    "payment": _payments, "initiative": _initiatives, "application": _applications,
}
