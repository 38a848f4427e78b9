"""Contract deadlines as an iCalendar file (RFC 5545): all-day events for notice deadlines, contract
ends and payment due dates, each with a stable UID (re-importing updates instead of duplicating) and
a reminder a week before notice deadlines."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from icalendar import Alarm, Calendar
from icalendar import Event as VEvent

UID_DOMAIN = "shk-tui.samhallskontraktet.se"
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
    stamp = (now or datetime.now(UTC)).astimezone(UTC)
    cal = Calendar()
    cal.add("prodid", "-//Samhällskontraktet//shk-tui avtal//SV")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Avtal och utbetalningar")
    for d in deadlines:
        ev = VEvent()
        ev.add("uid", f"{d.kind}-{d.key}@{UID_DOMAIN}")
        ev.add("dtstamp", stamp)
        ev.add("dtstart", d.day)
        ev.add("dtend", d.day + timedelta(days=1))
        ev.add("summary", d.summary)
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
