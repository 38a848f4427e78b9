"""Participant list operations: registration with capacity and waitlist, cancellation with promotion."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import select

from shk_tui.db.engine import Database
from shk_tui.db.models import Event, Participation
from shk_tui.enums import ParticipationStatus as PS
from shk_tui.errors import NotFound

_TAKING_SEAT = (PS.ANMALD, PS.DELTOG)


def register(db: Database, event_id: int, contact_id: int, now: datetime) -> PS:
    """Register a contact; beyond capacity the person is put on *reserv* (ordered by registered_at)."""
    with db.session() as s:
        event = s.get(Event, event_id)
        if event is None:
            raise NotFound(f"Evenemang {event_id} finns inte")
        parts = s.exec(select(Participation).where(Participation.event_id == event_id)).all()
        taken = sum(1 for p in parts if p.status in _TAKING_SEAT)
        status = PS.RESERV if event.capacity is not None and taken >= event.capacity else PS.ANMALD
        existing = next((p for p in parts if p.contact_id == contact_id), None)
        if existing is None:
            existing = Participation(event_id=event_id, contact_id=contact_id)
            s.add(existing)
        existing.status = status
        existing.registered_at = now
        return status


def first_reserve(db: Database, event_id: int) -> int | None:
    """Participation id of the reserve who registered first, or None."""
    with db.session() as s:
        row = s.exec(
            select(Participation.id)
            .where(Participation.event_id == event_id, Participation.status == PS.RESERV)
            .order_by(Participation.registered_at, Participation.id)
        ).first()
        return row


def cancel(db: Database, participation_id: int) -> int | None:
    """Mark a participation *avbokad*; return the first reserve to offer promotion to (if a seat opened)."""
    with db.session() as s:
        p = s.get(Participation, participation_id)
        if p is None:
            raise NotFound(f"Deltagande {participation_id} finns inte")
        freed = p.status in _TAKING_SEAT
        p.status = PS.AVBOKAD
        event_id = p.event_id
    return first_reserve(db, event_id) if freed else None


def promote(db: Database, participation_id: int) -> None:
    """Move a reserve up to *anmäld*."""
    with db.session() as s:
        p = s.get(Participation, participation_id)
        if p is None:
            raise NotFound(f"Deltagande {participation_id} finns inte")
        p.status = PS.ANMALD


def attendance_rate(counts: dict[PS, int]) -> float | None:
    """deltog / (deltog + uteblev), None when nobody has been followed up."""
    done = counts.get(PS.DELTOG, 0) + counts.get(PS.UTEBLEV, 0)
    return counts.get(PS.DELTOG, 0) / done if done else None


def status_counts(db: Database, event_id: int) -> dict[PS, int]:
    """Number of participations per status for one event (every status present, zero if none)."""
    from sqlalchemy import func

    counts = dict.fromkeys(PS, 0)
    with db.session() as s:
        for status, n in s.exec(
            select(Participation.status, func.count())
            .where(Participation.event_id == event_id)
            .group_by(Participation.status)
        ).all():
            counts[PS(status)] = n
    return counts


def check_in(db: Database, participation_id: int, now: datetime) -> None:
    """Mark one participation *deltog* with the check-in time."""
    with db.session() as s:
        p = s.get(Participation, participation_id)
        if p is None:
            raise NotFound(f"Deltagande {participation_id} finns inte")
        p.status = PS.DELTOG
        p.checked_in_at = now


def mark_no_shows(db: Database, event_id: int) -> int:
    """After the event: everyone still *anmäld* becomes *uteblev*. Returns how many were changed."""
    with db.session() as s:
        parts = s.exec(
            select(Participation).where(Participation.event_id == event_id, Participation.status == PS.ANMALD)
        ).all()
        for p in parts:
            p.status = PS.UTEBLEV
        return len(parts)
