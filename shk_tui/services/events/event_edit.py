"""One event: its details for the form, validation of the form's strings with a Swedish message per
field, saving (new or edited) and duplicating with or without the invitation list."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlmodel import select

from shk_tui.db.engine import Database
from shk_tui.db.models import Contact, Event, Initiative, Participation
from shk_tui.enums import EventKind, EventStatus, FocusArea, Function
from shk_tui.enums import ParticipationStatus as PS
from shk_tui.errors import NotFound, ValidationError
from shk_tui.services import versioning
from shk_tui.services.rows import existing


def place_text(location: str | None, city: str | None) -> str:
    """``Aulan, MDU, Västerås``: the location and the city, the city left out when the location
    already names it."""
    loc, town = (location or "").strip(), (city or "").strip()
    if town and loc and town.casefold() in [p.strip().casefold() for p in loc.split(",")]:
        return loc
    return ", ".join(p for p in (loc, town) if p)


@dataclass(frozen=True)
class EventDetail:
    id: int
    title: str
    kind: EventKind
    starts_at: datetime
    ends_at: datetime | None
    location: str | None
    city: str | None
    function: Function | None
    focus_area: FocusArea | None
    initiative_id: int | None
    initiative: str | None
    capacity: int | None
    status: EventStatus
    booking_note: str | None
    follow_up_note: str | None
    version: int = 1  # of the row when read: the form passes it back to save_event

    @property
    def place(self) -> str:
        return place_text(self.location, self.city)

    def form_values(self) -> dict[str, str]:
        """The event as the strings of the event form."""
        return {
            "title": self.title,
            "kind": self.kind.value,
            "starts_at": self.starts_at.strftime("%Y-%m-%d %H:%M"),
            "ends_at": self.ends_at.strftime("%Y-%m-%d %H:%M") if self.ends_at else "",
            "location": self.location or "",
            "city": self.city or "",
            "function": self.function.value if self.function else "",
            "focus_area": self.focus_area.value if self.focus_area else "",
            "initiative_id": str(self.initiative_id) if self.initiative_id else "",
            "capacity": "" if self.capacity is None else str(self.capacity),
            "status": self.status.value,
            "booking_note": self.booking_note or "",
            "follow_up_note": self.follow_up_note or "",
        }


@dataclass
class EventValues:
    """Validated form values, ready to store."""

    title: str
    kind: EventKind
    starts_at: datetime
    ends_at: datetime | None = None
    location: str | None = None
    city: str | None = None
    function: Function | None = None
    focus_area: FocusArea | None = None
    initiative_id: int | None = None
    capacity: int | None = None
    status: EventStatus = EventStatus.PLANERAD
    booking_note: str | None = None
    follow_up_note: str | None = None


def get_event(db: Database, event_id: int) -> EventDetail:
    with db.read() as s:
        e = existing(s, Event, event_id, f"Evenemang {event_id} finns inte")
        initiative = s.exec(select(Initiative.name).where(Initiative.id == e.initiative_id)).first() \
            if e.initiative_id else None
        return EventDetail(
            id=e.saved_id,
            title=e.title,
            kind=e.kind,
            starts_at=e.starts_at,
            ends_at=e.ends_at,
            location=e.location,
            city=e.city,
            function=e.function,
            focus_area=e.focus_area,
            initiative_id=e.initiative_id,
            initiative=initiative,
            capacity=e.capacity,
            status=e.status,
            booking_note=e.booking_note,
            follow_up_note=e.follow_up_note,
            version=e.version,
        )


# --- form ----------------------------------------------------------------------------------


#: The largest capacity the form accepts (the column is a 32-bit integer on PostgreSQL).
MAX_CAPACITY = 100_000
#: Years the form accepts: a typo such as 20266 or 0202 is caught before it is stored (and a copy
#: of an event in year 9999 could not be moved a week on).
YEARS = (1900, 2999)


def parse_datetime(text: str) -> datetime:
    """``2026-12-03 13:00``, ``2026-12-03T13:00``, ``2026-12-03`` (midnight) or ``20261203 1300``."""
    raw = " ".join((text or "").replace("T", " ").split())
    for fmt in ("%Y-%m-%d %H:%M", "%Y-%m-%d %H.%M", "%Y-%m-%d", "%Y%m%d %H%M", "%Y%m%d", "%Y-%m-%d %H:%M:%S"):
        try:
            parsed = datetime.strptime(raw, fmt)
        except ValueError:
            continue
        if not YEARS[0] <= parsed.year <= YEARS[1]:
            raise ValueError(f"Året måste vara mellan {YEARS[0]} och {YEARS[1]}: {text.strip()!r}")
        return parsed
    raise ValueError(f"Ogiltig tid: {text.strip()!r} (skriv ÅÅÅÅ-MM-DD TT:MM)")


def _enum_or_none(enum_cls, value: str | None):
    return enum_cls(value) if value else None


def validate(values: Mapping[str, str]) -> EventValues:
    """Turn the event form's strings into values; ValidationError maps field → Swedish message."""
    errors: dict[str, str] = {}
    title = (values.get("title") or "").strip()
    if not title:
        errors["title"] = "Titel måste anges"
    elif len(title) > 200:
        errors["title"] = "Titeln får vara högst 200 tecken"
    starts_at = ends_at = None
    if not (values.get("starts_at") or "").strip():
        errors["starts_at"] = "Starttid måste anges"
    else:
        try:
            starts_at = parse_datetime(values["starts_at"])
        except ValueError as exc:
            errors["starts_at"] = str(exc)
    if (values.get("ends_at") or "").strip():
        try:
            ends_at = parse_datetime(values["ends_at"])
            if len(values["ends_at"].strip()) <= 10:  # a date only: the end of that day
                ends_at = datetime.combine(ends_at.date(), time(23, 59))
        except ValueError as exc:
            errors["ends_at"] = str(exc)
    if starts_at and ends_at and ends_at < starts_at:
        errors["ends_at"] = "Sluttiden måste vara samma som eller efter starttiden"
    capacity = None
    raw_cap = (values.get("capacity") or "").strip()
    if raw_cap:
        try:
            capacity = int(raw_cap)
            if capacity < 0:
                errors["capacity"] = "Kapaciteten måste vara 0 eller mer (eller tom)"
            elif capacity > MAX_CAPACITY:
                errors["capacity"] = f"Kapaciteten får vara högst {MAX_CAPACITY:,} platser".replace(",", " ")
        except ValueError:
            errors["capacity"] = f"Kapaciteten måste vara ett heltal: {raw_cap!r}"
    initiative_id = None
    if (values.get("initiative_id") or "").strip():
        try:
            initiative_id = int(values["initiative_id"])
            if not 0 < initiative_id < 2**31:
                raise ValueError
        except ValueError:
            errors["initiative_id"] = "Ogiltigt initiativ"
    try:
        kind = EventKind(values.get("kind") or EventKind.OVRIGT.value)
        status = EventStatus(values.get("status") or EventStatus.PLANERAD.value)
        function = _enum_or_none(Function, values.get("function"))
        focus = _enum_or_none(FocusArea, values.get("focus_area"))
    except ValueError as exc:
        errors["kind"] = f"Ogiltigt värde: {exc}"
    for key, limit in (("location", 200), ("city", 100)):
        if len((values.get(key) or "").strip()) > limit:
            errors[key] = f"Högst {limit} tecken"
    if errors:
        raise ValidationError(errors)
    assert starts_at is not None  # else errors["starts_at"]

    def text(key: str) -> str | None:
        return (values.get(key) or "").strip() or None

    return EventValues(
        title=title,
        kind=kind,
        starts_at=starts_at,
        ends_at=ends_at,
        location=text("location"),
        city=text("city"),
        function=function,
        focus_area=focus,
        initiative_id=initiative_id,
        capacity=capacity,
        status=status,
        booking_note=text("booking_note"),
        follow_up_note=text("follow_up_note"),
    )


_FIELDS = (
    "title", "kind", "starts_at", "ends_at", "location", "city", "function", "focus_area",
    "initiative_id", "capacity", "status", "booking_note", "follow_up_note",
)


_LABELS = {"title": "Titel", "kind": "Typ", "starts_at": "Start", "ends_at": "Slut", "location": "Plats",
           "city": "Ort", "function": "Funktion", "focus_area": "Fokusområde", "initiative_id": "Initiativ",
           "capacity": "Platser", "status": "Status", "booking_note": "Bokning", "follow_up_note": "Uppföljning"}


def save_event(db: Database, values: Mapping[str, str], event_id: int | None = None, *,
               expected_version: int | None = None) -> int:
    """Validate and store (insert when ``event_id`` is None). Returns the event id. StaleEdit when the
    event changed since the form read it at ``expected_version``."""
    v = validate(values)
    with versioning.session(db) as s:
        if v.initiative_id is not None and s.get(Initiative, v.initiative_id) is None:
            raise ValidationError({"initiative_id": "Initiativet finns inte"})
        event: Event | None
        if event_id is None:
            event = Event(title=v.title, starts_at=v.starts_at)
            s.add(event)
        else:
            event = existing(s, Event, event_id, f"Evenemang {event_id} finns inte")
            versioning.check_version(event, expected_version, {n: getattr(v, n) for n in _FIELDS}, _LABELS)
        for name in _FIELDS:
            setattr(event, name, getattr(v, name))
        s.flush()
        return event.saved_id


def duplicate_values(detail: EventDetail, today: date) -> dict[str, str]:
    """Form values for a copy: same event a week later (or a week from today if that is past)."""
    values = detail.form_values()
    shift = timedelta(days=7)
    while (detail.starts_at + shift).date() < today:
        shift += timedelta(days=7)
    values["starts_at"] = (detail.starts_at + shift).strftime("%Y-%m-%d %H:%M")
    if detail.ends_at:
        values["ends_at"] = (detail.ends_at + shift).strftime("%Y-%m-%d %H:%M")
    values["status"] = EventStatus.PLANERAD.value
    values["follow_up_note"] = ""
    return values


def duplicate_event(db: Database, source_id: int, values: Mapping[str, str], *, with_invitations: bool) -> int:
    """Save a new event from ``values``; with ``with_invitations`` everyone on the source's list
    (except erased or archived contacts) is invited (*inbjuden*) with their role. Dietary needs and notes
    are never copied: they can reveal health or religion (GDPR art. 9) and were given for the source
    event only; people state them again when they register."""
    v = validate(values)
    with db.session() as s:
        if s.get(Event, source_id) is None:
            raise NotFound(f"Evenemang {source_id} finns inte")
        event = Event(title=v.title, starts_at=v.starts_at)
        for name in _FIELDS:
            setattr(event, name, getattr(v, name))
        s.add(event)
        s.flush()
        if with_invitations:
            parts = s.exec(
                select(Participation)
                .join(Contact, Contact.id == Participation.contact_id)
                .where(
                    Participation.event_id == source_id,
                    Contact.archived.is_(False),
                    Contact.erased_on.is_(None),
                )
            ).all()
            for p in parts:
                s.add(Participation(event_id=event.saved_id, contact_id=p.contact_id, status=PS.INBJUDEN, role=p.role))
        return event.saved_id




def participant_count(db: Database, event_id: int) -> int:
    with db.read() as s:
        if s.get(Event, event_id) is None:
            raise NotFound(f"Evenemang {event_id} finns inte")
        return len(s.exec(select(Participation.id).where(Participation.event_id == event_id)).all())


def delete_event(db: Database, event_id: int) -> int:
    """Delete an event and its participant list (every row audited). Returns how many
    participations went with it. A cancelled event is better kept with the status *inställd*."""
    with db.session() as s:
        event = existing(s, Event, event_id, f"Evenemang {event_id} finns inte")
        n = len(event.participations)
        s.delete(event)
        return n
