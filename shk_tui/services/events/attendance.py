"""At the door and after it: check-in (one by one, walk-ins included) and marking the no-shows.

When: both belong to the event's day. Check-in opens on the day the event starts (``door_open``);
marking no-shows too (the UI asks before either on an earlier day: ``EARLY_CHECKIN``/``EARLY_NO_SHOWS``).
Seats: ``seats`` defines them; checking in someone without a seat at a full event raises
``seats.EventFull`` unless ``beyond_capacity`` (the user was asked)."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import select

from shk_tui.db.engine import Database
from shk_tui.db.models import Contact, Participation
from shk_tui.enums import EventStatus
from shk_tui.enums import ParticipationStatus as PS
from shk_tui.errors import BadInput
from shk_tui.fmt import count
from shk_tui.services.events import seats as seat_rules
from shk_tui.services.events.participants import Added, Change, _event, _snapshot
from shk_tui.services.rows import existing


def door_open(starts_at: datetime, today: date) -> bool:
    """Check-in and no-shows belong to the event's day or later."""
    return today >= starts_at.date()


def days_until(starts_at: datetime, today: date) -> str:
    """``om 13 dagar`` / ``i morgon`` before the event's day."""
    days = (starts_at.date() - today).days
    return "i morgon" if days == 1 else f"om {count(days, 'dag', 'dagar')}"


def early_checkin(starts_at: datetime, today: date) -> str:
    return (f"Evenemanget är {starts_at:%Y-%m-%d} ({days_until(starts_at, today)}); incheckningen öppnar den dagen. "
            "Öppna incheckningen ändå?")


def early_no_shows(starts_at: datetime, today: date, n: int) -> str:
    return (f"Evenemanget är {starts_at:%Y-%m-%d} ({days_until(starts_at, today)}) och har inte ägt rum än. "
            f"Markera ändå {count(n, 'anmäld', 'anmälda')} som uteblev?")


def _check_in(s, p: Participation, now: datetime, beyond_capacity: bool, before: tuple | None = None) -> Change:
    if not seat_rules.holds_seat(p.status) and not beyond_capacity:
        seats = seat_rules.counted(s, p.event_id)
        if seats.full:
            contact = s.get(Contact, p.contact_id)
            raise seat_rules.EventFull(contact.full_name if contact else "deltagaren", seats)
    before = before or (_snapshot(p),)
    p.status = PS.DELTOG
    p.checked_in_at = now
    return Change(p.event_id, "incheckad", before)


def check_in(db: Database, participation_id: int, now: datetime, *, beyond_capacity: bool = False) -> Change:
    """Mark one participation *deltog* with the check-in time (now, even if checked in before). Someone
    without a seat (a reserve, an invited person, a no-show) takes one; at a full event that raises
    ``EventFull`` unless ``beyond_capacity``."""
    with db.session() as s:
        p = existing(s, Participation, participation_id, f"Deltagande {participation_id} finns inte")
        return _check_in(s, p, now, beyond_capacity)


def walk_in(db: Database, event_id: int, contact_id: int, now: datetime, *,
            beyond_capacity: bool = False) -> tuple[Added, Change]:
    """Someone at the door: put on the list and checked in, in one transaction. A person not on the list
    is registered at the door (so undoing the check-in leaves them registered, or on the reserve list
    when the event is full); an invited or cancelled person gets the registration time now. At a full
    event ``EventFull`` (nothing written) unless ``beyond_capacity``. ``Added.already``: was on the
    list (not cancelled) before."""
    with db.session() as s:
        _event(s, event_id)
        contact = existing(s, Contact, contact_id, f"Kontakt {contact_id} finns inte")
        if contact.erased_on is not None:
            raise BadInput("Kontakten är raderad (GDPR) och kan inte läggas till")
        p = s.exec(
            select(Participation).where(Participation.event_id == event_id, Participation.contact_id == contact_id)
        ).first()
        already = p is not None and p.status != PS.AVBOKAD
        if p is None:
            full = seat_rules.counted(s, event_id).full
            p = Participation(event_id=event_id, contact_id=contact_id, status=PS.RESERV if full else PS.ANMALD,
                              registered_at=now)
            s.add(p)
            s.flush()
        before = (_snapshot(p),)
        was = PS(p.status)
        if was in (PS.INBJUDEN, PS.AVBOKAD) or p.registered_at is None:
            p.registered_at = now
        change = _check_in(s, p, now, beyond_capacity, before)
        return Added(p.saved_id, contact.full_name, was, already), change


def no_shows(db: Database, event_id: int) -> Change:
    """After the event: everyone still *anmäld* becomes *uteblev*, and a planned event becomes
    *genomförd* (both undone together)."""
    with db.session() as s:
        event = _event(s, event_id)
        parts = s.exec(
            select(Participation).where(Participation.event_id == event_id, Participation.status == PS.ANMALD)
        ).all()
        before = tuple(_snapshot(p) for p in parts)
        for p in parts:
            p.status = PS.UTEBLEV
        status_before = None
        if event.status == EventStatus.PLANERAD:
            status_before = event.status
            event.status = EventStatus.GENOMFORD
        text = f"{count(len(parts), 'anmäld', 'anmälda')} → uteblev" + (", evenemanget genomfört" if status_before else "")
        return Change(event_id, text, before, event_status_before=status_before)


def mark_no_shows(db: Database, event_id: int) -> int:
    """After the event: everyone still *anmäld* becomes *uteblev*. Returns how many were changed."""
    return no_shows(db, event_id).count
