"""Keeps the search index (``shk_tui.db.search_index``) in step with a session's writes, on the write path of
the audit (``shk_tui.db.audit.attach`` calls :func:`attach`): after each flush every item it touched is
re-read and its rows rewritten, with the items whose text names it (an organisation's contracts and
applications, a contact's initiatives, an initiative's contracts) when a name changed or the item went;
a bulk ORM delete sweeps the rows whose item is gone."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session

from shk_tui.db.search_index import KIND_OF_TABLE, has_index, refresh, sweep

_PENDING = "_shk_search_pending"


def _touched(session: Session) -> dict[str, set[int]]:
    from shk_tui.db.models import Contact, Initiative, Organisation

    out: dict[str, set[int]] = {}
    conn = session.connection()
    deleted = set(map(id, session.deleted))
    for obj in (*session.new, *session.dirty, *session.deleted):
        kind = KIND_OF_TABLE.get(getattr(obj, "__tablename__", ""))
        if kind is None or (obj in session.dirty and id(obj) not in deleted and not session.is_modified(obj)):
            continue
        item_id = obj.id
        if item_id is None:
            continue
        out.setdefault(kind, set()).add(item_id)
        if obj in session.new or not (id(obj) in deleted or _renamed(obj)):
            continue
        if isinstance(obj, Organisation):
            for dep, sql in (("contract", "SELECT id FROM contract WHERE counterparty_id = :i"),
                             ("application", "SELECT id FROM funding_application WHERE funder_id = :i")):
                out.setdefault(dep, set()).update(i for (i,) in conn.execute(sa.text(sql), {"i": item_id}))
        elif isinstance(obj, Contact):
            out.setdefault("initiative", set()).update(i for (i,) in conn.execute(
                sa.text("SELECT id FROM initiative WHERE owner_id = :i"), {"i": item_id}))
        elif isinstance(obj, Initiative):
            out.setdefault("contract", set()).update(i for (i,) in conn.execute(
                sa.text("SELECT id FROM contract WHERE initiative_id = :i"), {"i": item_id}))
    return out


#: Per table: the columns of an item that other items' text holds (a contract names its counterparty
#: and initiative, an application its funder, an initiative its owner).
_NAMED_BY_OTHERS = {"organisation": ("name", "short_name"), "contact": ("first_name", "last_name"),
                    "initiative": ("name",)}


def _renamed(obj: Any) -> bool:
    """Whether a name that other items' text holds changed (an organisation's, a contact's, an
    initiative's)."""
    state = sa.inspect(obj)
    names = _NAMED_BY_OTHERS.get(getattr(obj, "__tablename__", ""), ())
    return any(state.attrs[n].history.has_changes() for n in names if n in state.attrs)


def _before_flush(session: Session, _context, _instances) -> None:
    """What a delete will unlink (ON DELETE SET NULL) is found before the flush, while it still points
    at the deleted row."""
    if not session.deleted:
        return
    with session.no_autoflush:
        pending = session.info.setdefault(_PENDING, {})
        for kind, ids in _touched(session).items():
            pending.setdefault(kind, set()).update(ids)


def _after_flush(session: Session, _context) -> None:
    touched = _touched(session)
    for kind, ids in session.info.pop(_PENDING, {}).items():
        touched.setdefault(kind, set()).update(ids)
    if not touched:
        return
    conn = session.connection()
    if not has_index(conn):
        return
    for kind, ids in touched.items():
        refresh(conn, kind, ids)


def _on_execute(state: ORMExecuteState) -> Any:
    """A bulk ORM delete of an indexed table: its items' rows go too."""
    statement = state.statement
    if not isinstance(statement, sa.Delete) or not isinstance(table := statement.table, sa.TableClause | sa.Alias):
        return None
    kind = KIND_OF_TABLE.get(table.name)
    if kind is None:
        return None
    result = state.invoke_statement()
    conn = state.session.connection()
    if has_index(conn):
        sweep(conn, kind)
        if kind == "contract":
            sweep(conn, "payment")
    return result


def attach(session: Session) -> None:
    """Keep the index in step with ``session``'s writes (called by ``shk_tui.db.audit.attach``: the same
    write path as the audit)."""
    event.listen(session, "before_flush", _before_flush)
    event.listen(session, "after_flush", _after_flush)
    event.listen(session, "do_orm_execute", _on_execute)
