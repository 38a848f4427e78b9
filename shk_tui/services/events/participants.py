"""Participant list operations: the list of one event, adding people (registration with capacity and
waitlist, or invitation), status and role changes of one or many with undo, cancellation with
promotion of the first reserve, check-in and marking no-shows."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

import sqlalchemy as sa
from sqlmodel import select

from shk_tui.db import audit
from shk_tui.db.engine import Database
from shk_tui.db.models import Contact, Event, Organisation, Participation
from shk_tui.enums import EventStatus
from shk_tui.enums import ParticipationRole as PR
from shk_tui.enums import ParticipationStatus as PS
from shk_tui.errors import BadInput, NotFound, StaleEdit
from shk_tui.fmt import sv_key
from shk_tui.services.events.seats import SEATED
from shk_tui.services.rows import existing

#: Statuses holding a seat against the capacity: ``seats.SEATED``, the one definition.
TAKING_SEAT = SEATED
_TAKING_SEAT = SEATED
#: The name a participant list shows for a restricted person (services.restriction).
HIDDEN_NAME = "Begränsad uppgift"
STALE_LIST = "Någon annan har ändrat deltagarlistan sedan den visades; inget sparades. Listan är uppdaterad."


@dataclass(frozen=True)
class ParticipantRow:
    id: int
    contact_id: int
    name: str
    organisation: str
    email: str | None
    status: PS
    role: PR
    dietary: str | None
    registered_at: datetime | None
    checked_in_at: datetime | None
    organisation_short: str = ""  # the organisation's short name (MDU), when it has one


@dataclass(frozen=True)
class Added:
    participation_id: int
    name: str
    status: PS
    already: bool  # the person was on the list already (nothing changed)
    reserve_place: int | None = None  # 1-based place on the reserve list


class Before(NamedTuple):
    """One participation as it was before a change."""

    id: int
    status: PS
    role: PR
    registered_at: datetime | None
    checked_in_at: datetime | None
    dietary: str | None


def _snapshot(p: Participation) -> Before:
    return Before(p.saved_id, p.status, p.role, p.registered_at, p.checked_in_at, p.dietary)


@dataclass(frozen=True)
class Change:
    """What one change of one or many participations did, enough to undo it."""

    event_id: int
    description: str
    before: tuple[Before, ...]
    promote_candidate: int | None = None  # first reserve to offer a freed seat to
    event_status_before: EventStatus | None = None  # set when the change also moved the event's status

    @property
    def count(self) -> int:
        return len(self.before)


def list_participants(db: Database, event_id: int) -> list[ParticipantRow]:
    """Everyone on one event's list, in Swedish name order (last name, first name)."""
    with db.read() as s:
        rows = s.exec(
            select(
                Participation.id,
                Participation.contact_id,
                Contact.first_name,
                Contact.last_name,
                Organisation.name,
                Organisation.short_name,
                Contact.email,
                Participation.status,
                Participation.role,
                Participation.dietary,
                Participation.registered_at,
                Participation.checked_in_at,
                Contact.restricted_on,
            )
            .join(Contact, Contact.id == Participation.contact_id)
            .join(Organisation, Organisation.id == Contact.organisation_id, isouter=True)
            .where(Participation.event_id == event_id)
        ).all()
    out = [
        ParticipantRow(
            pid, cid, f"{first} {last}".strip(), org or "", email, PS(st), PR(role), diet, reg, chk, short or ""
        ) if restricted is None else
        # restricted (GDPR art. 18): the participation counts, nothing shows who it is
        ParticipantRow(pid, cid, HIDDEN_NAME, "", None, PS(st), PR(role), None, reg, chk)
        for pid, cid, first, last, org, short, email, st, role, diet, reg, chk, restricted in rows
    ]
    return sort_rows(out)


def sort_rows(rows: Iterable[ParticipantRow], by: str = "name") -> list[ParticipantRow]:
    """Rows by name (last name first, Swedish order), status (list order of the statuses, then name),
    organisation (then name) or registration time (earliest first, then name)."""
    def name(r: ParticipantRow) -> tuple:
        return (sv_key(r.name.split(" ")[-1]), sv_key(r.name), r.id)

    order = list(PS)
    keys = {
        "name": name,
        "status": lambda r: (order.index(r.status), *name(r)),
        "organisation": lambda r: (r.organisation == "", sv_key(r.organisation), *name(r)),
        "registered": lambda r: (r.registered_at is None, r.registered_at or datetime.min, *name(r)),
    }
    if by not in keys:
        raise BadInput(f"Okänd sortering: {by}")
    return sorted(rows, key=keys[by])


def _event(s, event_id: int) -> Event:
    return existing(s, Event, event_id, f"Evenemang {event_id} finns inte")


def _seats_taken(s, event_id: int) -> int:
    return s.exec(
        select(sa.func.count())
        .select_from(Participation)
        .where(Participation.event_id == event_id, Participation.status.in_(_TAKING_SEAT))
    ).one()


def _reserve_place(s, event_id: int, participation: Participation) -> int:
    reserves = s.exec(
        select(Participation.id)
        .where(Participation.event_id == event_id, Participation.status == PS.RESERV)
        .order_by(Participation.registered_at, Participation.id)
    ).all()
    return reserves.index(participation.id) + 1


def register(db: Database, event_id: int, contact_id: int, now: datetime) -> PS:
    """Register a contact; beyond capacity the person is put on *reserv* (ordered by registered_at)."""
    return add(db, event_id, contact_id, now).status


def add(db: Database, event_id: int, contact_id: int, now: datetime, *, invite: bool = False) -> Added:
    """Put a contact on the list: registered (*anmäld*, or *reserv* beyond capacity) or, with
    ``invite``, *inbjuden*. Someone already registered, on the reserve or checked in is left as is;
    an invited or cancelled person who registers gets a new registration time."""
    with db.session() as s:
        event = _event(s, event_id)
        contact = existing(s, Contact, contact_id, f"Kontakt {contact_id} finns inte")
        if contact.erased_on is not None:
            raise BadInput("Kontakten är raderad (GDPR) och kan inte läggas till")
        listed = s.exec(
            select(Participation).where(Participation.event_id == event_id, Participation.contact_id == contact_id)
        ).first()
        keep = (*_TAKING_SEAT, PS.RESERV) if not invite else (*_TAKING_SEAT, PS.RESERV, PS.INBJUDEN, PS.UTEBLEV)
        if listed is not None and listed.status in keep:
            place = _reserve_place(s, event_id, listed) if listed.status == PS.RESERV else None
            return Added(listed.saved_id, contact.full_name, listed.status, True, place)
        if invite:
            status = PS.INBJUDEN
        elif event.capacity is not None and _seats_taken(s, event_id) >= event.capacity:
            status = PS.RESERV
        else:
            status = PS.ANMALD
        if listed is None:
            listed = Participation(event_id=event_id, contact_id=contact_id)
            s.add(listed)
        listed.status = status
        listed.registered_at = None if invite else now
        s.flush()
        place = _reserve_place(s, event_id, listed) if status == PS.RESERV else None
        return Added(listed.saved_id, contact.full_name, status, False, place)


def _first_reserve(s, event_id: int) -> int | None:
    return s.exec(
        select(Participation.id)
        .where(Participation.event_id == event_id, Participation.status == PS.RESERV)
        .order_by(Participation.registered_at, Participation.id)
    ).first()


def cancel(db: Database, participation_id: int) -> int | None:
    """Mark a participation *avbokad*; return the first reserve to offer promotion to (if a seat opened)."""
    return set_status(db, [participation_id], PS.AVBOKAD, datetime.now()).promote_candidate


def promote(db: Database, participation_id: int) -> Change:
    """Move a reserve up to *anmäld* (regardless of capacity: the user decided)."""
    with db.session() as s:
        p = existing(s, Participation, participation_id, f"Deltagande {participation_id} finns inte")
        before = (_snapshot(p),)
        p.status = PS.ANMALD
        return Change(p.event_id, "flyttad från reserv till anmäld", before)


def _label(value: object) -> str:
    return getattr(value, "label", None) or str(value or "")


def _load(s, ids: Sequence[int], shown: Mapping[int, object] | None = None, *, field: str = "status",
          ) -> list[Participation]:
    """The participations ``ids`` of one event. ``shown`` maps an id to the value of ``field``
    (status, role or dietary) the list showed: one changed since then refuses the change (StaleEdit),
    so a change made elsewhere is never overwritten unseen."""
    if not ids:
        raise BadInput("Inga deltagare valda")
    parts = s.exec(select(Participation).where(Participation.id.in_(list(ids)))).all()
    if len(parts) != len(set(ids)):
        raise NotFound("Någon av de valda deltagarna finns inte längre")
    if len({p.event_id for p in parts}) != 1:
        raise BadInput("Deltagarna hör till olika evenemang")
    found = {p.id: getattr(p, field) or None for p in parts}
    stale = {str(i): (_label(was), _label(found[i])) for i, was in (shown or {}).items()
             if i in found and found[i] != (was or None)}
    if stale:
        raise StaleEdit(stale, message=STALE_LIST)
    order = {pid: i for i, pid in enumerate(ids)}
    return sorted(parts, key=lambda p: order[p.id])


def set_status(
    db: Database, ids: Sequence[int], status: PS, now: datetime, *, shown: Mapping[int, PS] | None = None
) -> Change:
    """Give one or many participations of one event a status, in one transaction.

    *anmäld*: people who do not hold a seat yet get one while the capacity lasts, in the order
    given; the rest go on the reserve. *deltog*: the check-in time is set when missing.
    *avbokad* of someone holding a seat: the change names the first reserve to offer the seat to."""
    status = PS(status)
    with db.session() as s:
        parts = _load(s, ids, shown)
        event = _event(s, parts[0].event_id)
        before = tuple(_snapshot(p) for p in parts)
        freed = False
        reserved = 0
        if status == PS.ANMALD:
            taken = _seats_taken(s, event.saved_id)
            for p in parts:
                if p.status in _TAKING_SEAT:
                    p.status = PS.ANMALD
                    continue
                if p.status not in (PS.RESERV,) or p.registered_at is None:
                    p.registered_at = now
                if event.capacity is not None and taken >= event.capacity:
                    p.status = PS.RESERV
                    reserved += 1
                else:
                    p.status = PS.ANMALD
                    taken += 1
        else:
            for p in parts:
                freed = freed or (p.status in _TAKING_SEAT and status not in _TAKING_SEAT)
                if status == PS.DELTOG and p.checked_in_at is None:
                    p.checked_in_at = now
                if status == PS.RESERV and p.registered_at is None:
                    p.registered_at = now
                p.status = status
        s.flush()
        candidate = _first_reserve(s, event.saved_id) if freed else None
        text = f"{len(parts)} → {status.label}"
        if reserved:
            text += f" ({reserved} på reservlistan: fullt)"
        return Change(event.saved_id, text, before, candidate)


def set_role(db: Database, ids: Sequence[int], role: PR, *, shown: Mapping[int, PR] | None = None) -> Change:
    """Give one or many participations a role; a role changed since the list ``shown`` it: StaleEdit."""
    role = PR(role)
    with db.session() as s:
        parts = _load(s, ids, shown, field="role")
        before = tuple(_snapshot(p) for p in parts)
        for p in parts:
            p.role = role
        return Change(parts[0].event_id, f"{len(parts)} → roll {role.label}", before)


def undo(db: Database, change: Change) -> int:
    """Put back status, role, times and dietary needs as they were before ``change``, in one transaction, and
    leave an extra audit entry naming the undo. Returns how many rows were restored."""
    with db.session() as s:
        ids = [b[0] for b in change.before]
        parts = {p.id: p for p in s.exec(select(Participation).where(Participation.id.in_(ids))).all()}
        for b in change.before:
            p = parts.get(b.id)
            if p is None:
                continue
            p.status, p.role, p.registered_at, p.checked_in_at = b.status, b.role, b.registered_at, b.checked_in_at
            p.dietary = b.dietary
        if change.event_status_before is not None:
            event = s.get(Event, change.event_id)
            if event is not None:
                event.status = change.event_status_before
        audit.record(s, "participation", None, "undo", {"ångrat": change.description, "rader": sorted(parts)})
        return len(parts)


def set_dietary(db: Database, ids: Sequence[int], dietary: str, *,
                shown: Mapping[int, str | None] | None = None) -> Change:
    """Dietary needs (free text such as "vegetarisk, glutenfri"; empty clears) of one or many; needs
    changed since the list ``shown`` them: StaleEdit."""
    text = " ".join(dietary.split())
    if len(text) > 200:
        raise BadInput("Kostuppgiften får vara högst 200 tecken")
    with db.session() as s:
        parts = _load(s, ids, shown, field="dietary")
        before = tuple(_snapshot(p) for p in parts)
        for p in parts:
            p.dietary = text or None
        return Change(parts[0].event_id, f"{len(parts)} → kost {text or '(ingen)'}", before)


def remove(db: Database, ids: Sequence[int]) -> int:
    """Take participations off the list entirely (someone added by mistake). For people who
    cancel, use the status *avbokad* instead: it keeps the history."""
    with db.session() as s:
        parts = _load(s, ids)
        for p in parts:
            s.delete(p)
        return len(parts)


def attendance_rate(counts: dict[PS, int]) -> float | None:
    """deltog / (deltog + uteblev), None when nobody has been followed up."""
    done = counts.get(PS.DELTOG, 0) + counts.get(PS.UTEBLEV, 0)
    return counts.get(PS.DELTOG, 0) / done if done else None


def status_counts(db: Database, event_id: int) -> dict[PS, int]:
    """Number of participations per status for one event (every status present, zero if none)."""
    counts = dict.fromkeys(PS, 0)
    with db.read() as s:
        for status, n in s.exec(
            select(Participation.status, sa.func.count())
            .where(Participation.event_id == event_id)
            .group_by(Participation.status)
        ).all():
            counts[PS(status)] = n
    return counts


def counts_of(rows: Iterable[ParticipantRow]) -> dict[PS, int]:
    counts = dict.fromkeys(PS, 0)
    for r in rows:
        counts[r.status] += 1
    return counts
