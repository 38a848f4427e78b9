"""Översikt's summary beside the attention list: how many rows each section holds, overdue payments,
events in the coming 30 days. Read-only; every value is a display string. Light (``db.light`` reads, no
SQLAlchemy): the start paints it from a cold process."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from shk_tui.db import light

if TYPE_CHECKING:
    from shk_tui.db.engine import Database


@dataclass(frozen=True)
class Table:
    """Rows ready for a read-only table: every value is already a display string."""

    columns: list[str]
    rows: list[tuple[str, ...]] = field(default_factory=list)
    total: int = 0

    @property
    def truncated(self) -> bool:
        return self.total > len(self.rows)


#: (label, the count's SELECT), in the order shown.
_COUNTS = (
    ("Initiativ i portföljen", "SELECT count(*) FROM initiative"),
    ("Kontakter", "SELECT count(*) FROM contact WHERE archived = :no AND restricted_on IS NULL"),
    ("Organisationer", "SELECT count(*) FROM organisation"),
    ("Evenemang", "SELECT count(*) FROM event"),
    ("Evenemang kommande 30 dagar", "SELECT count(*) FROM event WHERE starts_at >= :start AND starts_at < :end"),
    ("Avtal", "SELECT count(*) FROM contract"),
    ("Förfallna utbetalningar",
     "SELECT count(*) FROM payment WHERE due_on < :today AND coalesce(paid_amount_ore, 0) < amount_ore"),
    ("Budgetrader", "SELECT count(*) FROM budget_line"),
)
_OVERVIEW = "SELECT " + ", ".join(f"({sql})" for _, sql in _COUNTS)


def overview(db: Database | light.Reader, *, today: date) -> Table:
    """A small summary: rows per section, overdue payments, upcoming events in 30 days."""
    start = datetime.combine(today, time.min)
    found = light.rows_of(db).all(_OVERVIEW, no=False, start=start, end=start + timedelta(days=31), today=today)[0]
    rows: list[tuple[str, ...]] = [(label, str(n)) for (label, _), n in zip(_COUNTS, found, strict=True)]
    return Table(["Område", "Antal"], rows, len(rows))
