"""The audit trail: every insert, update and delete made through an ORM session leaves an
AuditEntry row (table, row id, action, changed fields old→new, actor, time), written in the
same transaction by an ``after_flush`` hook. Services that do something more than a plain write
(merge, GDPR erasure) add their own entry with :func:`record`.

Personal values are kept only while the row they describe exists (:data:`PERSONAL`, per table):
the entry of a deleted row says that it was deleted, by whom and when, without those values, and
the row's earlier entries lose theirs (:func:`forget`). The hook applies this to every delete made
through a session: ``session.delete(obj)`` and bulk ``session.execute(sa.delete(Model))``."""

from __future__ import annotations

import getpass
import os
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event, inspect
from sqlalchemy.orm import ORMExecuteState, Session

from shk_tui.db import search_hooks
from shk_tui.db.models import AuditEntry, now

_SKIP_FIELDS = {"created_at", "updated_at", "search_text", "sort_key", "version"}  # derived columns
_ATTACHED = "_shk_audit_attached"
_DB_USER = "_shk_audit_db_user"

#: What replaces a value the audit trail no longer keeps (deleted rows, GDPR erasure).
SCRUBBED = "[raderat]"
#: Every audited field of the table is personal.
ALL = "*"
#: Per table, the audited fields whose values are personal data. A contact is a person through and
#: through; a participation holds dietary needs and a note about the person; an organisation or an
#: event is not a person, but their free-text notes may name one. Contracts, payments and contract
#: notes are accounting records: their entries keep every value.
PERSONAL: dict[str, frozenset[str] | str] = {
    "contact": ALL,
    "participation": frozenset({"dietary", "note"}),
    "organisation": frozenset({"note"}),
    "event": frozenset({"booking_note", "follow_up_note"}),
}
_CHUNK = 500


def actor(session: Session | None = None) -> str:
    """Who makes the change (at most 100 characters, as the columns holding it).

    On PostgreSQL (given the session) it is the database user, ``current_user`` of the session's
    connection (asked once per connection, cached in ``connection.info``): that is whom the server
    authenticated, so it wins over ``SHK_ACTOR`` and the OS user, which anyone can set. On SQLite, or
    without a session, it is ``SHK_ACTOR`` when set, else the OS user."""
    if session is not None:
        user = _database_user(session)
        if user:
            return user[:100]
    try:
        return (os.environ.get("SHK_ACTOR") or getpass.getuser())[:100]
    except Exception:  # pragma: no cover - no passwd entry
        return "okänd"


def _database_user(session: Session) -> str | None:
    conn = session.connection()
    if conn.dialect.name != "postgresql":
        return None
    info = conn.info  # the DBAPI connection's: survives returning the connection to the pool
    if _DB_USER not in info:
        info[_DB_USER] = conn.exec_driver_sql("SELECT current_user").scalar()
    return info[_DB_USER]


def jsonable(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def is_personal(table: str, field: str) -> bool:
    policy = PERSONAL.get(table)
    return policy == ALL or (policy is not None and field in policy)


def scrub_changes(table: str, changes: dict[str, Any] | None,
                  fields: frozenset[str] | None = None) -> tuple[dict[str, Any] | None, bool]:
    """``changes`` with the values of the table's personal fields (or only of ``fields`` among them)
    replaced by :data:`SCRUBBED` (the field names stay: the history still shows *that* a field
    changed); (new changes, changed?)."""
    if not changes:
        return changes, False
    out: dict[str, Any] = {}
    for key, change in changes.items():
        if is_personal(table, key) and (fields is None or key in fields) and isinstance(change, list):
            change = [v if v in (None, "", [], SCRUBBED) else SCRUBBED for v in change]
        out[key] = change
    return out, out != changes


def forget(session: Session, table: str, row_ids: Iterable[int] | None = None,
           fields: frozenset[str] | None = None) -> int:
    """Scrub the personal values (:data:`PERSONAL`; only ``fields`` of them when given) from every audit
    entry of the given rows of ``table``, or, with ``row_ids`` None, of every row of ``table`` that no
    longer exists. Written in the session's transaction, without entries of its own (the delete is the
    entry). Returns how many entries changed."""
    updates = _scrubbed(session, table, row_ids, fields)
    if updates:
        column = AuditEntry.__table__.c.changes
        session.connection().execute(
            sa.update(AuditEntry.__table__).where(AuditEntry.__table__.c.id == sa.bindparam("entry_id"))
            .values(changes=sa.bindparam("new_changes", type_=column.type)),
            updates,
        )
    return len(updates)


def pending(session: Session, table: str) -> int:
    """How many entries :func:`forget` (``row_ids`` None) would change now; reads only."""
    return len(_scrubbed(session, table, None, None))


def _scrubbed(session: Session, table: str, row_ids: Iterable[int] | None,
              fields: frozenset[str] | None) -> list[dict[str, Any]]:
    if table not in PERSONAL:
        return []
    conn = session.connection()
    base = sa.select(AuditEntry.id, AuditEntry.changes).where(
        AuditEntry.table_name == table, AuditEntry.row_id.is_not(None), AuditEntry.changes.is_not(None))
    if row_ids is None:
        rows = AuditEntry.metadata.tables[table]
        queries = [base.where(AuditEntry.row_id.not_in(sa.select(rows.c.id)))]
    else:
        ids = sorted(set(row_ids))
        queries = [base.where(AuditEntry.row_id.in_(ids[i:i + _CHUNK])) for i in range(0, len(ids), _CHUNK)]
    updates = []
    for query in queries:
        for entry_id, changes in conn.execute(query).all():
            new, changed = scrub_changes(table, changes, fields)
            if changed:
                updates.append({"entry_id": entry_id, "new_changes": new})
    return updates


def _row_id(obj: Any) -> int | None:
    ident = inspect(obj).mapper.primary_key_from_instance(obj)
    if len(ident) == 1 and isinstance(ident[0], int):
        return ident[0]
    return None


def _key_of(obj: Any) -> dict[str, Any]:
    """For link tables without an id, the composite key goes into changes."""
    mapper = inspect(obj).mapper
    return {col.key: jsonable(getattr(obj, col.key)) for col in mapper.primary_key}


def _column_attrs(obj: Any) -> list[str]:
    return [attr.key for attr in inspect(obj).mapper.column_attrs if attr.key not in _SKIP_FIELDS]


def _insert_changes(obj: Any) -> dict[str, Any]:
    return {
        key: [None, jsonable(getattr(obj, key))]
        for key in _column_attrs(obj)
        if key != "id" and getattr(obj, key) is not None
    }


def _update_changes(obj: Any) -> dict[str, Any]:
    state = inspect(obj)
    changes: dict[str, Any] = {}
    for key in _column_attrs(obj):
        hist = state.attrs[key].history
        if not hist.has_changes():
            continue
        old = hist.deleted[0] if hist.deleted else None
        new = hist.added[0] if hist.added else None
        if old != new:
            changes[key] = [jsonable(old), jsonable(new)]
    # Many-to-many collections (e.g. Contact.tags) are written through their link table.
    for rel in state.mapper.relationships:
        if rel.secondary is None:
            continue
        hist = state.attrs[rel.key].history
        if hist.added or hist.deleted:
            changes[rel.key] = [
                sorted(_row_id(o) or 0 for o in hist.deleted),
                sorted(_row_id(o) or 0 for o in hist.added),
            ]
    return changes


def _delete_changes(obj: Any) -> dict[str, Any]:
    """The values the row had, except the personal ones (a deleted person leaves no values behind)."""
    table = obj.__tablename__
    return {
        key: [jsonable(getattr(obj, key)), None]
        for key in _column_attrs(obj)
        if key != "id" and getattr(obj, key) is not None and not is_personal(table, key)
    }


def _after_flush(session: Session, _flush_context) -> None:
    rows: list[dict[str, Any]] = []
    at = now()
    who: list[str] = []  # asked once, and only when something is written

    def add(obj: Any, action: str, changes: dict[str, Any]) -> None:
        if isinstance(obj, AuditEntry):
            return
        row_id = _row_id(obj)
        if row_id is None:
            changes = {"key": _key_of(obj), **changes}
        if not who:
            who.append(actor(session))
        rows.append(
            {"at": at, "table_name": obj.__tablename__, "row_id": row_id, "action": action,
             "changes": changes or None, "actor": who[0]}
        )

    for obj in session.new:
        add(obj, "insert", _insert_changes(obj))
    deleted = set(map(id, session.deleted))
    for obj in session.dirty:
        if id(obj) not in deleted and session.is_modified(obj):
            changes = _update_changes(obj)
            if changes:
                add(obj, "update", changes)
    forgotten: dict[str, list[int]] = {}
    for obj in session.deleted:
        add(obj, "delete", _delete_changes(obj))
        row_id = _row_id(obj)
        if row_id is not None and obj.__tablename__ in PERSONAL:
            forgotten.setdefault(obj.__tablename__, []).append(row_id)
    if rows:
        session.connection().execute(sa.insert(AuditEntry), rows)
    for table, ids in forgotten.items():
        forget(session, table, ids)


def _on_execute(state: ORMExecuteState) -> Any:
    """A bulk delete of a table holding personal data: its rows' entries forget their values too."""
    statement = state.statement
    if not isinstance(statement, sa.Delete) or not isinstance(table := statement.table, sa.TableClause | sa.Alias):
        return None
    if table.name not in PERSONAL:
        return None
    result = state.invoke_statement()
    forget(state.session, table.name)
    return result


def attach(session: Session) -> None:
    """Install the audit hooks on a session (idempotent)."""
    if session.info.get(_ATTACHED):
        return
    event.listen(session, "after_flush", _after_flush)
    event.listen(session, "do_orm_execute", _on_execute)
    search_hooks.attach(session)  # the search index is kept in step by the same writes
    session.info[_ATTACHED] = True


def record(session: Session, table: str, row_id: int | None, action: str, changes: dict[str, Any] | None) -> None:
    """Add an explicit audit entry (merges, erasures) in the session's transaction."""
    session.add(AuditEntry(table_name=table, row_id=row_id, action=action, changes=changes, actor=actor(session)))
