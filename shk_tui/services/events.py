"""Events: the Evenemang list with filters and search, the event form (validation, save, duplicate),
and the Översikt attention items for events."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from sqlmodel import select

from shk_tui.db.engine import Database, sv_order
from shk_tui.db.models import Contact, Event, Initiative, Participation
from shk_tui.enums import EventKind, EventStatus, FocusArea, Function
from shk_tui.enums import ParticipationStatus as PS
from shk_tui.errors import NotFound, ValidationError
from shk_tui.fmt import iso_week
from shk_tui.services.attention import AttentionItem

DEFAULT_LIMIT = 300
SEATED = (PS.ANMALD, PS.DELTOG)
REGISTERED = (PS.ANMALD, PS.DELTOG, PS.UTEBLEV)

#: Period filter values → Swedish label.
PERIODS: dict[str, str] = {
    "kommande": "Kommande",
    "30": "Närmaste 30 dagarna",
    "tidigare": "Tidigare",
    "i_ar": "I år",
    "forra_aret": "Förra året",
    "alla": "Alla",
}


@dataclass(frozen=True)
class EventFilter:
    period: str = "alla"
    kind: str | None = None
    focus_area: str | None = None
    function: str | None = None
    initiative_id: int | None = None
    search: str = ""


@dataclass(frozen=True)
class EventRow:
    id: int
    starts_at: datetime
    title: str
    kind: str
    place: str
    function: str
    focus_area: str
    status: str
    registered: int
    reserves: int
    capacity: int | None

    @property
    def week(self) -> int:
        return iso_week(self.starts_at)

    @property
    def fill(self) -> str:
        """``12/30`` (registered/capacity), ``12`` without capacity, ``+3 reserv`` appended."""
        text = f"{self.registered}/{self.capacity}" if self.capacity is not None else str(self.registered)
        return f"{text} +{self.reserves} res." if self.reserves else text


@dataclass(frozen=True)
class EventList:
    rows: list[EventRow]
    total: int


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

    @property
    def place(self) -> str:
        return ", ".join(p for p in (self.location, self.city) if p)

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
    extra: dict = field(default_factory=dict)


# --- list ----------------------------------------------------------------------------------


def _period_bounds(period: str, today: date) -> tuple[datetime | None, datetime | None]:
    start = datetime.combine(today, time.min)
    if period == "kommande":
        return start, None
    if period == "30":
        return start, start + timedelta(days=31)
    if period == "tidigare":
        return None, start
    if period == "i_ar":
        return datetime(today.year, 1, 1), datetime(today.year + 1, 1, 1)
    if period == "forra_aret":
        return datetime(today.year - 1, 1, 1), datetime(today.year, 1, 1)
    return None, None


def _text_variants(text: str) -> set[str]:
    """Case variants for LIKE (SQLite folds ASCII only, so 'åsa' must also try 'Åsa', 'ÅSA')."""
    t = text.strip()
    return {t, t.lower(), t.upper(), t.capitalize(), t.title()}


def _filters(flt: EventFilter, today: date) -> list:
    where: list = []
    lo, hi = _period_bounds(flt.period, today)
    if lo is not None:
        where.append(Event.starts_at >= lo)
    if hi is not None:
        where.append(Event.starts_at < hi)
    if flt.kind:
        where.append(Event.kind == EventKind(flt.kind))
    if flt.focus_area:
        where.append(Event.focus_area == FocusArea(flt.focus_area))
    if flt.function:
        where.append(Event.function == Function(flt.function))
    if flt.initiative_id:
        where.append(Event.initiative_id == flt.initiative_id)
    if flt.search.strip():
        likes = []
        for v in _text_variants(flt.search):
            likes += [col.icontains(v, autoescape=True) for col in (Event.title, Event.location, Event.city)]
        where.append(sa.or_(*likes))
    return where


def list_events(
    db: Database, today: date, flt: EventFilter | None = None, *, limit: int = DEFAULT_LIMIT, offset: int = 0
) -> EventList:
    """Events matching the filter: upcoming first (soonest first), then past ones (latest first);
    one page of ``limit`` rows from ``offset``."""
    flt = flt or EventFilter()
    where = _filters(flt, today)
    start = datetime.combine(today, time.min)
    upcoming = Event.starts_at >= start
    with db.session() as s:
        total = s.exec(select(sa.func.count()).select_from(Event).where(*where)).one()
        events = s.exec(
            select(Event)
            .where(*where)
            .order_by(
                sa.case((upcoming, 0), else_=1),
                sa.case((upcoming, Event.starts_at), else_=None).asc(),
                Event.starts_at.desc(),
                Event.id,
            )
            .offset(offset)
            .limit(limit)
        ).all()
        ids = [e.id for e in events]
        counts: dict[tuple[int, PS], int] = {}
        if ids:
            for event_id, status, n in s.exec(
                select(Participation.event_id, Participation.status, sa.func.count())
                .where(Participation.event_id.in_(ids), Participation.status.in_((*REGISTERED, PS.RESERV)))
                .group_by(Participation.event_id, Participation.status)
            ).all():
                counts[(event_id, PS(status))] = n
        rows = [
            EventRow(
                id=e.id,
                starts_at=e.starts_at,
                title=e.title,
                kind=e.kind.label,
                place=", ".join(p for p in (e.location, e.city) if p),
                function=e.function.label if e.function else "",
                focus_area=e.focus_area.label if e.focus_area else "",
                status=e.status.label,
                registered=sum(counts.get((e.id, st), 0) for st in REGISTERED),
                reserves=counts.get((e.id, PS.RESERV), 0),
                capacity=e.capacity,
            )
            for e in events
        ]
    return EventList(rows, total)


def initiative_choices(db: Database) -> list[tuple[str, int]]:
    """(name, id) of every initiative, in Swedish order, for filters and the form."""
    with db.session() as s:
        rows = s.exec(select(Initiative.name, Initiative.id).order_by(sv_order(Initiative.name))).all()
    return [(name, iid) for name, iid in rows]


def get_event(db: Database, event_id: int) -> EventDetail:
    with db.session() as s:
        e = s.get(Event, event_id)
        if e is None:
            raise NotFound(f"Evenemang {event_id} finns inte")
        initiative = s.get(Initiative, e.initiative_id).name if e.initiative_id else None
        return EventDetail(
            id=e.id,
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
        )


# --- form ----------------------------------------------------------------------------------


def parse_datetime(text: str) -> datetime:
    """``2026-12-03 13:00``, ``2026-12-03T13:00``, ``2026-12-03`` (midnight) or ``20261203 1300``."""
    raw = " ".join((text or "").replace("T", " ").split())
    for fmt in ("%Y-%m-%d %H:%M", "%Y-%m-%d %H.%M", "%Y-%m-%d", "%Y%m%d %H%M", "%Y%m%d", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.strptime(raw, fmt)
        except ValueError:
            continue
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
        except ValueError:
            errors["capacity"] = f"Kapaciteten måste vara ett heltal: {raw_cap!r}"
    initiative_id = None
    if (values.get("initiative_id") or "").strip():
        try:
            initiative_id = int(values["initiative_id"])
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


def save_event(db: Database, values: Mapping[str, str], event_id: int | None = None) -> int:
    """Validate and store (insert when ``event_id`` is None). Returns the event id."""
    v = validate(values)
    with db.session() as s:
        if v.initiative_id is not None and s.get(Initiative, v.initiative_id) is None:
            raise ValidationError({"initiative_id": "Initiativet finns inte"})
        if event_id is None:
            event = Event(title=v.title, starts_at=v.starts_at)
            s.add(event)
        else:
            event = s.get(Event, event_id)
            if event is None:
                raise NotFound(f"Evenemang {event_id} finns inte")
        for name in _FIELDS:
            setattr(event, name, getattr(v, name))
        s.flush()
        return event.id


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
    (except erased or archived contacts) is invited (*inbjuden*) with their role and dietary needs."""
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
                s.add(
                    Participation(
                        event_id=event.id, contact_id=p.contact_id, status=PS.INBJUDEN, role=p.role, dietary=p.dietary
                    )
                )
        return event.id


# --- attention -----------------------------------------------------------------------------


def attention_items(db: Database, today: date) -> list[AttentionItem]:
    """Upcoming events within 14 days that are over capacity or have unanswered invitations; past
    events with participants still *anmäld* (check-in/no-shows not followed up)."""
    start = datetime.combine(today, time.min)
    soon = start + timedelta(days=15)
    items: list[AttentionItem] = []
    with db.session() as s:
        # Two narrow queries instead of counting every participation: all statuses of the few
        # events in the next two weeks, and the still-registered of past events.
        upcoming = (
            select(Event.id, Event.title, Event.starts_at, Event.capacity, Participation.status, sa.func.count())
            .join(Participation, Participation.event_id == Event.id)
            .where(Event.status != EventStatus.INSTALLD, Event.starts_at >= start, Event.starts_at < soon)
            .group_by(Event.id, Event.title, Event.starts_at, Event.capacity, Participation.status)
        )
        past = (
            select(Event.id, Event.title, Event.starts_at, Event.capacity, Participation.status, sa.func.count())
            .join(Participation, Participation.event_id == Event.id)
            .where(Event.status != EventStatus.INSTALLD, Event.starts_at < start, Participation.status == PS.ANMALD)
            .group_by(Event.id, Event.title, Event.starts_at, Event.capacity, Participation.status)
        )
        rows = [*s.exec(upcoming).all(), *s.exec(past).all()]
    by_event: dict[int, dict] = {}
    for eid, title, starts_at, capacity, status, n in rows:
        info = by_event.setdefault(eid, {"title": title, "starts_at": starts_at, "capacity": capacity, "n": {}})
        info["n"][PS(status)] = n
    for eid, info in by_event.items():
        n, when, title = info["n"], info["starts_at"], info["title"]
        label = f"{title} {when:%Y-%m-%d %H:%M}"
        if when >= start:
            seated = n.get(PS.ANMALD, 0) + n.get(PS.DELTOG, 0)
            if info["capacity"] is not None and (seated > info["capacity"] or n.get(PS.RESERV, 0)):
                items.append(
                    AttentionItem(
                        "Evenemang fullbokade",
                        1,
                        when.date(),
                        f"{label}: {seated}/{info['capacity']} anmälda, {n.get(PS.RESERV, 0)} på reservlistan",
                        "evenemang",
                        eid,
                    )
                )
            if n.get(PS.INBJUDEN, 0):
                items.append(
                    AttentionItem(
                        "Obesvarade inbjudningar",
                        1,
                        when.date(),
                        f"{label}: {n[PS.INBJUDEN]} {'inbjuden' if n[PS.INBJUDEN] == 1 else 'inbjudna'} har inte svarat",
                        "evenemang",
                        eid,
                    )
                )
        elif n.get(PS.ANMALD, 0):
            items.append(
                AttentionItem(
                    "Evenemang att följa upp",
                    1 if when >= start - timedelta(days=30) else 2,
                    when.date(),
                    f"{label}: {n[PS.ANMALD]} fortfarande anmälda – markera deltog/uteblev",
                    "evenemang",
                    eid,
                )
            )
    return items


def period_dates(period: str, today: date, shown: list[datetime]) -> tuple[date, date]:
    """The date range (both ends included) a period filter stands for, for the follow-up view.
    Open ends take the earliest/latest event shown (or today)."""
    lo, hi = _period_bounds(period, today)
    first = min(shown).date() if shown else today
    last = max(shown).date() if shown else today
    start = lo.date() if lo else min(first, today)
    end = (hi - timedelta(days=1)).date() if hi else max(last, today)
    return start, max(start, end)
