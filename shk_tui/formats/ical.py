"""Events as an iCalendar file (RFC 5545) with UID, DTSTAMP and TZID Europe/Stockholm."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Timezone
from icalendar import Event as VEvent

from shk_tui.db.models import Event

TZ = ZoneInfo("Europe/Stockholm")
UID_DOMAIN = "shk-tui.samhallskontraktet.se"


def events_to_ics(events: Iterable[Event], *, now: datetime | None = None) -> bytes:
    """Render events (naive local datetimes, Swedish time) as one VCALENDAR with a VTIMEZONE."""
    stamp = (now or datetime.now(UTC)).astimezone(UTC)
    cal = Calendar()
    cal.add("prodid", "-//Samhällskontraktet//shk-tui//SV")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    events = list(events)
    starts = [e.starts_at for e in events] or [stamp.replace(tzinfo=None)]
    cal.add_component(
        Timezone.from_tzinfo(
            TZ, first_date=min(starts) - timedelta(days=366), last_date=max(starts) + timedelta(days=366)
        )
    )
    for ev in events:
        ve = VEvent()
        ve.add("uid", f"event-{ev.id}@{UID_DOMAIN}")
        ve.add("dtstamp", stamp)
        ve.add("dtstart", ev.starts_at.replace(tzinfo=TZ))
        ve.add("dtend", (ev.ends_at or ev.starts_at + timedelta(hours=1)).replace(tzinfo=TZ))
        ve.add("summary", ev.title)
        where = ", ".join(x for x in (ev.location, ev.city) if x)
        if ev.location and ev.city and ev.city.casefold() in [p.strip().casefold() for p in ev.location.split(",")]:
            where = ev.location  # "Aulan, MDU, Västerås" already names the city
        if where:
            ve.add("location", where)
        if ev.booking_note:
            ve.add("description", ev.booking_note)
        cal.add_component(ve)
    return cal.to_ical()
