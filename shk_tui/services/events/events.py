"""Events: the Evenemang list with filters and search (Översikt's rows for events: ``event_attention``).
The event form (validation, save, duplicate) lives in ``event_edit`` and is re-exported here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from sqlmodel import select

from shk_tui.db import search_query
from shk_tui.db.engine import Database
from shk_tui.db.models import Event, Initiative, Participation
from shk_tui.enums import EventKind, FocusArea, Function, LabelledEnum
from shk_tui.enums import ParticipationStatus as PS
from shk_tui.fmt import iso_week, sv_sorted
from shk_tui.services.events import seats as seat_rules
from shk_tui.services.events.event_edit import (  # noqa: F401  (re-exported: the events API in one place)
    EventDetail,
    EventValues,
    delete_event,
    duplicate_event,
    duplicate_values,
    get_event,
    parse_datetime,
    participant_count,
    place_text,
    save_event,
    validate,
)
from shk_tui.services.events.seats import SEATED, Seats

DEFAULT_LIMIT = 300

#: Period filter values → Swedish label.
PERIODS: dict[str, str] = {
    "kommande": "Kommande",
    "30": "Närmaste 30 dagarna",
    "tidigare": "Tidigare",
    "i_ar": "I år",
    "forra_aret": "Förra året",
    "alla": "Alla datum",
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
    seats: Seats  # the one definition (services/events/seats.py): taken/capacity and the reserves
    attended: int = 0  # deltog
    ends_at: datetime | None = None
    location: str = ""
    city: str = ""

    @property
    def week(self) -> int:
        return iso_week(self.starts_at)

    @property
    def registered(self) -> int:
        """Seats taken (anmäld + deltog), as everywhere else."""
        return self.seats.taken

    @property
    def seated(self) -> int:
        return self.seats.taken

    @property
    def reserves(self) -> int:
        return self.seats.reserves

    @property
    def capacity(self) -> int | None:
        return self.seats.capacity

    @property
    def fill(self) -> str:
        """``12/30`` (seats taken/capacity), ``12`` without capacity, ``+3 res.`` appended."""
        return self.seats.fill


@dataclass(frozen=True)
class EventList:
    rows: list[EventRow]
    total: int


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


def filters(flt: EventFilter, today: date, dialect: str) -> list:
    """SQL conditions for an EventFilter (used by the list and by the period follow-up); ``dialect``:
    the database's, for the search (``shk_tui.db.search_query``)."""
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
    if flt.search.strip():  # every word in the title, place, city, day or kind (the search index's row)
        where.append(search_query.restrict(Event.id, dialect, flt.search, "event"))
    return where


def list_events(
    db: Database, today: date, flt: EventFilter | None = None, *, limit: int = DEFAULT_LIMIT, offset: int = 0
) -> EventList:
    """Events matching the filter: upcoming first (soonest first), then past ones (latest first);
    one page of ``limit`` rows from ``offset``."""
    flt = flt or EventFilter()
    where = filters(flt, today, db.dialect)
    start = datetime.combine(today, time.min)
    upcoming = Event.starts_at >= start
    with db.read() as s:
        total = s.exec(select(sa.func.count()).select_from(Event).where(*where)).one()
        # plain rows of the columns shown, not Event objects: a page of 300 is built several times faster
        events = s.execute(
            sa.select(Event.id, Event.starts_at, Event.title, Event.kind, Event.location, Event.city,
                      Event.function, Event.focus_area, Event.status, Event.capacity, Event.ends_at)
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
        counts: dict[int, dict[PS, int]] = {}
        if ids:
            for event_id, status, n in s.exec(
                select(Participation.event_id, Participation.status, sa.func.count())
                .where(Participation.event_id.in_(ids), Participation.status.in_((*SEATED, seat_rules.RESERVE)))
                .group_by(Participation.event_id, Participation.status)
            ).all():
                counts.setdefault(event_id, {})[PS(status)] = n
    # a few kinds, functions, areas and statuses among the rows; by type too: StrEnum members of two enums
    # with one value are equal
    labels: dict[tuple[type, object], str] = {}

    def label(member: LabelledEnum | None) -> str:
        key = (type(member), member)
        try:
            return labels[key]
        except KeyError:
            labels[key] = text = member.label if member is not None else ""
            return text

    rows = [
        EventRow(
            id=e.id,
            starts_at=e.starts_at,
            title=e.title,
            kind=label(e.kind),
            place=place_text(e.location, e.city),
            function=label(e.function),
            focus_area=label(e.focus_area),
            status=label(e.status),
            seats=seat_rules.from_counts(counts.get(e.id, {}), e.capacity),
            attended=counts.get(e.id, {}).get(PS.DELTOG, 0),
            ends_at=e.ends_at,
            location=e.location or "",
            city=e.city or "",
        )
        for e in events
    ]
    return EventList(rows, total)


def initiative_choices(db: Database) -> list[tuple[str, int]]:
    """(name, id) of every initiative, in Swedish order, for filters and the form."""
    with db.read() as s:
        rows = s.exec(select(Initiative.name, Initiative.id).order_by(Initiative.id)).all()
    # sorted here, not by the SQL collation: that calls back into Python twice per comparison (5 000
    # initiatives: ~150 ms, against ~5 ms for one key each)
    return [(name, iid) for name, iid in sv_sorted(rows, key=lambda row: row[0])]


def describe(flt: EventFilter, initiatives: dict[int, str] | None = None) -> str:
    """The filter's choices besides the period, in Swedish: 'Labb · Äldre · ”forum”'."""
    parts = []
    if flt.kind:
        parts.append(EventKind(flt.kind).label)
    if flt.focus_area:
        parts.append(FocusArea(flt.focus_area).label)
    if flt.function:
        parts.append(Function(flt.function).label)
    if flt.initiative_id:
        parts.append((initiatives or {}).get(flt.initiative_id, f"initiativ {flt.initiative_id}"))
    if flt.search.strip():
        parts.append(f"”{flt.search.strip()}”")
    return " · ".join(parts)


def period_dates(period: str, today: date, shown: list[datetime]) -> tuple[date, date]:
    """The date range (both ends included) a period filter stands for, for the follow-up view.
    Open ends take the earliest/latest event shown (or today)."""
    lo, hi = _period_bounds(period, today)
    first = min(shown).date() if shown else today
    last = max(shown).date() if shown else today
    start = lo.date() if lo else min(first, today)
    end = (hi - timedelta(days=1)).date() if hi else max(last, today)
    return start, max(start, end)
