"""Optimistic concurrency for the edit paths: a form remembers the ``version`` of the row it was loaded
from and passes it back on save. A save based on an older version is refused with
:class:`shk_tui.errors.StaleEdit`, which lists the fields where the user's form and the row now differ
(Swedish label -> (your value, value now)), so the screen can offer to reload.

Two layers: :func:`check_version` compares the version the user opened with the row read in the saving
transaction; SQLAlchemy's version counter (``version_id_col`` on every model) adds ``AND version = …`` to
the UPDATE itself, so a concurrent save committed between that read and the write raises StaleDataError
at flush, which :func:`session` turns into StaleEdit as well."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session

from shk_tui.db.engine import Database
from shk_tui.errors import StaleEdit
from shk_tui.fmt import format_date, format_kr


def shown(key: str, value: Any) -> str:
    """A stored or typed value as the user reads it (amounts in kr, dates ISO, enums by label)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, Enum):
        return str(getattr(value, "label", value.value))
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, int) and key.endswith("_ore"):
        return format_kr(value)
    return str(value).strip()


def differences(row: Any, mine: Mapping[str, Any], labels: Mapping[str, str]) -> dict[str, tuple[str, str]]:
    """{label: (your value, value now)} for each labelled field where ``mine`` and ``row`` (an ORM row or
    a mapping of its current values) differ."""
    out: dict[str, tuple[str, str]] = {}
    for key, label in labels.items():
        if key not in mine:
            continue
        current = row.get(key) if isinstance(row, Mapping) else getattr(row, key, None)
        yours, now = shown(key, mine[key]), shown(key, current)
        if yours != now:
            out[label] = (yours, now)
    return out


def check_version(row: Any, expected: int | None, mine: Mapping[str, Any] | None = None,
                  labels: Mapping[str, str] | None = None) -> None:
    """Raise StaleEdit when ``row`` is no longer at the version the user opened (``expected``; None: the
    caller read and writes in one go, e.g. the CLI, and nothing is checked)."""
    if expected is None or row.version == expected:
        return
    raise StaleEdit(differences(row, mine or {}, labels or {}))


@contextmanager
def session(db: Database) -> Iterator[Session]:
    """``db.session()`` whose flush or commit refused by the version counter raises StaleEdit."""
    try:
        with db.session() as s:
            yield s
    except StaleDataError:
        raise StaleEdit() from None
