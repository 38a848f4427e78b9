"""The audit trail: every insert, update and delete made through an ORM session leaves an
AuditEntry row (table, row id, action, changed fields old→new, OS user, time), written in the
same transaction by an ``after_flush`` hook. Services that do something more than a plain write
(merge, GDPR erasure) add their own entry with :func:`record`."""

from __future__ import annotations

import getpass
import os
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from shk_tui.db.models import AuditEntry, now

_SKIP_FIELDS = {"created_at", "updated_at", "search_text", "sort_key"}  # derived columns
_ATTACHED = "_shk_audit_attached"


def actor() -> str:
    """The OS user making the change (at most 100 characters, as the columns holding it)."""
    try:
        return (os.environ.get("SHK_ACTOR") or getpass.getuser())[:100]
    except Exception:  # pragma: no cover - no passwd entry
        return "okänd"


def jsonable(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


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
    return {
        key: [jsonable(getattr(obj, key)), None]
        for key in _column_attrs(obj)
        if key != "id" and getattr(obj, key) is not None
    }


def _after_flush(session: Session, _flush_context) -> None:
    rows: list[dict[str, Any]] = []
    at = now()
    who = actor()

    def add(obj: Any, action: str, changes: dict[str, Any]) -> None:
        if isinstance(obj, AuditEntry):
            return
        row_id = _row_id(obj)
        if row_id is None:
            changes = {"key": _key_of(obj), **changes}
        rows.append(
            {"at": at, "table_name": obj.__tablename__, "row_id": row_id, "action": action,
             "changes": changes, "actor": who}
        )

    for obj in session.new:
        add(obj, "insert", _insert_changes(obj))
    deleted = set(map(id, session.deleted))
    for obj in session.dirty:
        if id(obj) not in deleted and session.is_modified(obj):
            changes = _update_changes(obj)
            if changes:
                add(obj, "update", changes)
    for obj in session.deleted:
        add(obj, "delete", _delete_changes(obj))
    if rows:
        session.connection().execute(sa.insert(AuditEntry), rows)


def attach(session: Session) -> None:
    """Install the audit hook on a session (idempotent)."""
    if session.info.get(_ATTACHED):
        return
    event.listen(session, "after_flush", _after_flush)
    session.info[_ATTACHED] = True


def record(session: Session, table: str, row_id: int | None, action: str, changes: dict[str, Any] | None) -> None:
    """Add an explicit audit entry (merges, erasures) in the session's transaction."""
    session.add(AuditEntry(table_name=table, row_id=row_id, action=action, changes=changes, actor=actor()))
