"""Reading one row by id inside a service's session: the row, or NotFound with the caller's Swedish
message (which names the kind of row: "Kontakten 12 finns inte")."""

from __future__ import annotations

from typing import TypeVar

from sqlmodel import Session, SQLModel

from shk_tui.db.models import Base
from shk_tui.errors import NotFound

M = TypeVar("M", bound=SQLModel)


def existing(s: Session, model: type[M], row_id: int, missing: str) -> M:
    """The ``model`` row ``row_id``; NotFound(``missing``) when there is none."""
    row = s.get(model, row_id)
    if row is None:
        raise NotFound(missing)
    return row


def saved(s: Session, row: Base) -> int:
    """Add ``row`` (new or changed) to the session and flush it: its id."""
    s.add(row)
    s.flush()
    return row.saved_id
