"""Contract deadlines as an iCalendar file (RFC 5545): all-day events for notice deadlines, contract
ends and payment due dates, each with a stable UID (re-importing updates instead of duplicating) and
a reminder a week before notice deadlines."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from icalendar import Alarm

from shk_tui.formats.ical import calendar, stamp_of, vevent

REMIND_DAYS = 7


@dataclass(frozen=True)
class Deadline:
    """kind: "notice", "end" or "payment"; ``key`` makes the UID unique (contract or payment id)."""

    kind: str
    key: int
    day: date
    summary: str
    description: str = ""


def deadlines_to_ics(deadlines: Iterable[Deadline], *, now: datetime | None = None) -> bytes:
    stamp = stamp_of(now)
    cal = calendar("shk-tui avtal")
    cal.add("x-wr-calname", "Avtal och utbetalningar")
    for d in deadlines:
        ev = vevent(f"{d.kind}-{d.key}", stamp, d.day, d.day + timedelta(days=1), d.summary)
        ev.add("transp", "TRANSPARENT")
        if d.description:
            ev.add("description", d.description)
        if d.kind == "notice":
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", d.summary)
            alarm.add("trigger", timedelta(days=-REMIND_DAYS))
            ev.add_component(alarm)
        cal.add_component(ev)
    return cal.to_ical()
