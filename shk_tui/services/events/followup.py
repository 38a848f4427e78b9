"""Follow-up of one event or of a period: counts per status, attendance rate, breadth per party and
per organisation kind (the board's "bredden av delaktiga"), no-shows per organisation and a dietary
summary for catering (counts only, never names)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta

from sqlmodel import select

from shk_tui.db.engine import Database
from shk_tui.db.models import Contact, Event, Initiative, Organisation, Participation
from shk_tui.enums import EventStatus, OrganisationKind
from shk_tui.enums import ParticipationStatus as PS
from shk_tui.errors import BadInput
from shk_tui.fmt import sv_key, sv_sorted
from shk_tui.services.events.events import EventFilter, describe, filters
from shk_tui.services.events.participants import attendance_rate
from shk_tui.services.rows import existing

NO_ORGANISATION = "Utan organisation"
#: Who eats: people expected at the event (registered) or who came.
EATING = (PS.ANMALD, PS.DELTOG)
_DIET_SPLIT = re.compile(r"[,;/+]|\boch\b")


@dataclass(frozen=True)
class NoShowRow:
    organisation: str
    attended: int
    no_show: int

    @property
    def rate(self) -> float:
        return self.no_show / (self.attended + self.no_show)


@dataclass(frozen=True)
class Followup:
    title: str
    events: int
    counts: dict[PS, int]
    breadth_party: list[tuple[str, int]]
    breadth_kind: list[tuple[str, int]]
    no_shows: list[NoShowRow]
    dietary: list[tuple[str, int]]
    eating: int
    basis: str = "deltog"
    per_event: list[tuple[str, int, int]] = field(default_factory=list)  # (event, deltog, uteblev)

    @property
    def attendance_rate(self) -> float | None:
        return attendance_rate(self.counts)

    @property
    def participants(self) -> int:
        return sum(n for _, n in self.breadth_party)


def party_of(org_name: str | None, short_name: str | None, kind: OrganisationKind | None) -> str:
    """Strategic parties by name (MDU by its short name), others by organisation kind."""
    if not org_name:
        return NO_ORGANISATION
    if kind == OrganisationKind.STRATEGISK_PART:
        return short_name if short_name and short_name.isupper() else org_name
    return (kind or OrganisationKind.OVRIG).label


def diet_parts(text: str | None) -> list[str]:
    """'Vegetarisk, glutenfri' → ['vegetarisk', 'glutenfri'] (lower case, trimmed, no blanks)."""
    if not text:
        return []
    parts = [p.strip(" .").lower() for p in _DIET_SPLIT.split(text)]
    return [p for p in parts if p and p not in {"-", "nej", "inga", "ingen"}]


def diet_text(dietary: list[tuple[str, int]]) -> str:
    """'vegetarisk 5, glutenfri 2' (or 'inga särskilda önskemål')."""
    return ", ".join(f"{k} {n}" for k, n in dietary) or "inga särskilda önskemål"


def _summarise(title: str, rows: list[tuple], events: dict[int, tuple[str, datetime]],
               kept: dict[int, dict[str, int]] | None = None) -> Followup:
    """``kept``: per event, the dietary counts gallring kept when it removed the needs themselves."""
    counts = dict.fromkeys(PS, 0)
    followed: set[int] = set()
    for eid, st, *_ in rows:
        counts[PS(st)] += 1
        if PS(st) in (PS.DELTOG, PS.UTEBLEV):
            followed.add(eid)
    party: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    attended: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    diets: Counter[str] = Counter()
    per_event: dict[int, list[int]] = {eid: [0, 0] for eid in events}
    eating = 0
    strategic: set[str] = set()
    for eid, st, org, short, kind, diet in rows:
        st = PS(st)
        kind = OrganisationKind(kind) if kind else None
        counted = st == PS.DELTOG or (st == PS.ANMALD and eid not in followed)
        label = party_of(org, short, kind)
        if counted:
            party[label] += 1
            kinds[(kind.label if kind else NO_ORGANISATION)] += 1
            if kind == OrganisationKind.STRATEGISK_PART:
                strategic.add(label)
        if st in (PS.DELTOG, PS.UTEBLEV):
            (attended if st == PS.DELTOG else missed)[org or NO_ORGANISATION] += 1
            per_event[eid][0 if st == PS.DELTOG else 1] += 1
        if st in EATING:
            eating += 1
            diets.update(diet_parts(diet))
    kind_order = {k.label: i for i, k in enumerate(OrganisationKind)}
    breadth_party = [(p, party[p]) for p in sv_sorted(strategic)] + sorted(
        ((p, n) for p, n in party.items() if p not in strategic),
        key=lambda pn: (kind_order.get(pn[0], 99), sv_key(pn[0])),
    )
    breadth_kind = sorted(kinds.items(), key=lambda kn: (kind_order.get(kn[0], 99), sv_key(kn[0])))
    no_shows = sorted(
        (NoShowRow(o, attended[o], missed[o]) for o in set(attended) | set(missed)),
        key=lambda r: (-r.rate, -r.no_show, sv_key(r.organisation)),
    )
    for counts_kept in (kept or {}).values():
        diets.update(counts_kept)
    dietary = sorted(diets.items(), key=lambda kn: (-kn[1], sv_key(kn[0])))
    if len(followed) == len(events):
        basis = "deltog"
    elif not followed:
        basis = "anmälda (närvaron är inte uppföljd)"
    else:
        basis = "deltog, eller anmälda där närvaron inte följts upp"
    per = [
        (f"{events[eid][1]:%Y-%m-%d} {events[eid][0]}", d, u)
        for eid, (d, u) in sorted(per_event.items(), key=lambda kv: events[kv[0]][1])
    ]
    return Followup(title, len(events), counts, breadth_party, breadth_kind, no_shows, dietary, eating, basis, per)


def _rows(s, event_ids: list[int]) -> list[tuple]:
    if not event_ids:
        return []
    out: list[tuple] = []
    for i in range(0, len(event_ids), 500):
        chunk = event_ids[i : i + 500]
        out += s.exec(
            select(
                Participation.event_id,
                Participation.status,
                Organisation.name,
                Organisation.short_name,
                Organisation.kind,
                Participation.dietary,
            )
            .join(Contact, Contact.id == Participation.contact_id)
            .join(Organisation, Organisation.id == Contact.organisation_id, isouter=True)
            .where(Participation.event_id.in_(chunk))
        ).all()
    return out


def for_event(db: Database, event_id: int) -> Followup:
    with db.read() as s:
        event = existing(s, Event, event_id, f"Evenemang {event_id} finns inte")
        rows = _rows(s, [event_id])
        return _summarise(
            f"{event.title} {event.starts_at:%Y-%m-%d}", rows, {event.saved_id: (event.title, event.starts_at)},
            {event.saved_id: event.dietary_counts} if event.dietary_counts else None,
        )


def for_period(db: Database, start: date, end: date, flt: EventFilter | None = None) -> Followup:
    """Every event (not cancelled) starting from ``start`` to ``end`` inclusive; ``flt`` narrows
    it like the Evenemang list (kind, focus area, function, initiative, search; not its period)."""
    if end < start:
        raise BadInput("Periodens slut måste vara samma dag som eller efter starten")
    lo, hi = datetime.combine(start, time.min), datetime.combine(end + timedelta(days=1), time.min)
    narrow = replace(flt, period="alla") if flt is not None else EventFilter()
    with db.read() as s:
        events = s.exec(
            select(Event.id, Event.title, Event.starts_at, Event.dietary_counts).where(
                Event.starts_at >= lo,
                Event.starts_at < hi,
                Event.status != EventStatus.INSTALLD,
                *filters(narrow, start, db.dialect),
            )
        ).all()
        info = {eid: (title, at) for eid, title, at, _ in events}
        kept = {eid: counts for eid, _, _, counts in events if counts}
        rows = _rows(s, list(info))
        initiatives = dict(s.exec(select(Initiative.id, Initiative.name)).all()) if narrow.initiative_id else {}
    title = f"{start.isoformat()} – {end.isoformat()}"
    if described := describe(narrow, initiatives):
        title += f" · {described}"
    return _summarise(title, rows, info, kept)


def catering(db: Database, event_id: int) -> tuple[int, list[tuple[str, int]]]:
    """(people expected, [(diet, count)]) for one event: counts only, no names."""
    f = for_event(db, event_id)
    return f.eating, f.dietary
