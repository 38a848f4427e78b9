"""One search for every list and type-ahead, the same on SQLite and PostgreSQL.

Text is compared folded (``shk_tui.fmt.fold``: casefold, é → e, ø → ö, æ → ä; å, ä, ö stay
themselves). In SQL, ``shk_fold(column)`` applies that fold: on SQLite it is the Python function,
registered on every connection (:func:`register_sqlite`); on PostgreSQL it is the plain SQL function
migration 0007 creates. Columns that already hold folded text (``Contact.search_text``) are matched
as they are. Every typed word must occur in at least one of the columns, in any order; ``%``, ``_``
and the escape character match themselves (SQLAlchemy's ``autoescape``)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from functools import lru_cache

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement

from shk_tui.fmt import fold

__all__ = ["fold", "folded", "matches", "matches_text", "register_sqlite", "words"]

FUNCTION = "shk_fold"


def words(typed: str | None) -> list[str] | None:
    """The folded words of ``typed``; None when something was typed but nothing visible (only NUL or
    other control characters): such a search matches nothing."""
    found = fold(typed).split()
    if not found and typed and typed.strip():
        return None
    return found


def folded(column) -> ColumnElement[str]:
    """``column``'s text folded in SQL."""
    return getattr(sa.func, FUNCTION)(column, type_=sa.String())


def matches(columns: Iterable, typed: str | None, *, prefolded: bool = False) -> ColumnElement[bool]:
    """The SQL condition: every word of ``typed`` (folded) occurs in at least one of ``columns``.
    ``prefolded``: the columns already hold folded text. Nothing typed matches every row."""
    found = words(typed)
    if found is None:
        return sa.false()
    cols = [c if prefolded else folded(c) for c in columns]
    return sa.and_(sa.true(), *(sa.or_(*(c.contains(w, autoescape=True) for c in cols)) for w in found))


def matches_text(text: str, found: list[str]) -> bool:
    """The same test in Python, for rows already in memory: every word occurs in ``fold(text)``."""
    haystack = fold(text)
    return all(w in haystack for w in found)


@lru_cache(maxsize=65536)
def _sql_fold(value: object) -> str | None:
    # a list is searched keystroke after keystroke over the same rows: the cache makes that cheap
    return None if value is None else fold(str(value))


def register_sqlite(dbapi_conn: sqlite3.Connection) -> None:
    """Make ``shk_fold`` available on a new SQLite connection (deterministic: usable in an index)."""
    dbapi_conn.create_function(FUNCTION, 1, _sql_fold, deterministic=True)
