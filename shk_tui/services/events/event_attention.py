"""Översikt's rows for events: upcoming events over capacity or with unanswered invitations, past events
with participants still *anmäld*. Light (``db.light`` reads, no SQLAlchemy): Översikt's first rows and
``shk due`` import it from a cold process."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from shk_tui.db import light
from shk_tui.enums import EventStatus
from shk_tui.enums import ParticipationStatus as PS
from shk_tui.fmt import count
from shk_tui.services.attention import AttentionItem
from shk_tui.services.events import seat_rules

if TYPE_CHECKING:
    from shk_tui.db.engine import Database

# Two narrow queries instead of counting every participation: all statuses of the few events in the
# next two weeks, and the still-registered of past events.
_COUNTS = """
SELECT e.id, e.title, e.starts_at, e.capacity, p.status, count(*)
FROM event e JOIN participation p ON p.event_id = e.id
WHERE e.status != :cancelled AND {where}
GROUP BY e.id, e.title, e.starts_at, e.capacity, p.status
ORDER BY e.id, p.status
"""
_UPCOMING = _COUNTS.format(where="e.starts_at >= :start AND e.starts_at < :soon")
_PAST = _COUNTS.format(where="e.starts_at < :start AND p.status = :registered")


def attention_items(db: Database | light.Reader, today: date) -> list[AttentionItem]:
    """Upcoming events within 14 days that are over capacity or have unanswered invitations; past
    events with participants still *anmäld* (check-in/no-shows not followed up)."""
    rows = light.rows_of(db)
    start = datetime.combine(today, time.min)
    soon = start + timedelta(days=15)
    found = [*rows.all(_UPCOMING, cancelled=EventStatus.INSTALLD, start=start, soon=soon),
             *rows.all(_PAST, cancelled=EventStatus.INSTALLD, start=start, registered=PS.ANMALD)]
    by_event: dict[int, dict[str, Any]] = {}
    for eid, title, starts_at, capacity, status, n in found:
        info = by_event.setdefault(eid, {"title": title, "starts_at": light.moment(starts_at), "capacity": capacity,
                                         "n": {}})
        info["n"][PS(status)] = n
    items: list[AttentionItem] = []
    for eid, info in by_event.items():
        n, when, title = info["n"], info["starts_at"], info["title"]
        label = f"{title} {when:%Y-%m-%d %H:%M}"
        if when >= start:
            seats = seat_rules.from_counts(n, info["capacity"])
            if seats.capacity is not None and (seats.over or seats.reserves):
                items.append(AttentionItem("Evenemang fullbokade", 1, when.date(), f"{label}: {seats.summary}",
                                           "evenemang", eid))
            if n.get(PS.INBJUDEN, 0):
                invited = n[PS.INBJUDEN]
                items.append(AttentionItem(
                    "Obesvarade inbjudningar", 1, when.date(),
                    f"{label}: {invited} {'inbjuden' if invited == 1 else 'inbjudna'} har inte svarat", "evenemang", eid,
                ))
        elif n.get(PS.ANMALD, 0):
            items.append(AttentionItem(
                "Evenemang att följa upp", 1 if when >= start - timedelta(days=30) else 2, when.date(),
                f"{label}: {count(n[PS.ANMALD], 'fortfarande anmäld', 'fortfarande anmälda')} – markera deltog/uteblev",
                "evenemang", eid,
            ))
    return items
