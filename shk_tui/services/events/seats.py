"""The seats of one event read from the database. What the seats mean (registered, capacity, reserve,
beyond the capacity) is defined once in ``seat_rules`` and re-exported here."""

from __future__ import annotations

import sqlalchemy as sa
from sqlmodel import select

from shk_tui.db.engine import Database
from shk_tui.db.models import Event, Participation
from shk_tui.enums import ParticipationStatus as PS
from shk_tui.errors import NotFound
from shk_tui.services.events.seat_rules import (  # noqa: F401  (re-exported: the seats API in one place)
    RESERVE,
    SEATED,
    EventFull,
    Seats,
    from_counts,
    full_question,
    holds_seat,
    of_statuses,
)


def counted(s, event_id: int) -> Seats:
    """The seats of one event, read in the session ``s`` (inside a write: the figures it decides by)."""
    event = s.get(Event, event_id)
    if event is None:
        raise NotFound(f"Evenemang {event_id} finns inte")
    counts = {
        PS(status): n
        for status, n in s.exec(
            select(Participation.status, sa.func.count())
            .where(Participation.event_id == event_id, Participation.status.in_((*SEATED, RESERVE)))
            .group_by(Participation.status)
        ).all()
    }
    return from_counts(counts, event.capacity)


def for_event(db: Database, event_id: int) -> Seats:
    with db.read() as s:
        return counted(s, event_id)
