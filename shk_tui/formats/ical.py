"""Events as an iCalendar file (RFC 5545) with UID, DTSTAMP and TZID Europe/Stockholm.

The VTIMEZONE states Swedish time as its rule (EU summer time: from the last Sunday of March 02:00,
+0200, to the last Sunday of October 03:00, +0100) with RRULEs, as Outlook writes it itself: Outlook
for Windows ignores RDATE lists and would shift every event by an hour outside the listed years."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Timezone, TimezoneDaylight, TimezoneStandard
from icalendar import Event as VEvent

from shk_tui.db.models import Event

TZ = ZoneInfo("Europe/Stockholm")
UID_DOMAIN = "shk-tui.samhallskontraktet.se"


def stockholm_vtimezone() -> Timezone:
    """VTIMEZONE Europe/Stockholm as two yearly rules (CET/CEST, in force since 1996)."""
    tz = Timezone()
    tz.add("tzid", "Europe/Stockholm")
    tz.add("x-lic-location", "Europe/Stockholm")
    for part, name, start, month, before, after in (
        (TimezoneDaylight(), "CEST", datetime(1996, 3, 31, 2), 3, timedelta(hours=1), timedelta(hours=2)),
        (TimezoneStandard(), "CET", datetime(1996, 10, 27, 3), 10, timedelta(hours=2), timedelta(hours=1)),
    ):
        part.add("tzname", name)
        part.add("dtstart", start)
        part.add("tzoffsetfrom", before)
        part.add("tzoffsetto", after)
        part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1su"})
        tz.add_component(part)
    return tz


def calendar(product: str) -> Calendar:
    """An empty VCALENDAR 2.0 (Gregorian) from ``product`` ("shk-tui", "shk-tui avtal")."""
    cal = Calendar()
    cal.add("prodid", f"-//Samhällskontraktet//{product}//SV")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    return cal


def vevent(uid: str, stamp: datetime, start: date | datetime, end: date | datetime, summary: str) -> VEvent:
    """A VEVENT with its UID (``uid``@UID_DOMAIN, stable: a re-import updates it), DTSTAMP, start, end
    and summary."""
    ve = VEvent()
    ve.add("uid", f"{uid}@{UID_DOMAIN}")
    ve.add("dtstamp", stamp)
    ve.add("dtstart", start)
    ve.add("dtend", end)
    ve.add("summary", summary)
    return ve


def stamp_of(now: datetime | None) -> datetime:
    """DTSTAMP: ``now`` (default: this moment) in UTC."""
    return (now or datetime.now(UTC)).astimezone(UTC)


def events_to_ics(events: Iterable[Event], *, now: datetime | None = None) -> bytes:
    """Render events (naive local datetimes, Swedish time) as one VCALENDAR with a VTIMEZONE."""
    stamp = stamp_of(now)
    cal = calendar("shk-tui")
    cal.add_component(stockholm_vtimezone())
    for ev in events:
        end = ev.ends_at or ev.starts_at + timedelta(hours=1)
        ve = vevent(f"event-{ev.id}", stamp, ev.starts_at.replace(tzinfo=TZ), end.replace(tzinfo=TZ), ev.title)
        where = ", ".join(x for x in (ev.location, ev.city) if x)
        if ev.location and ev.city and ev.city.casefold() in [p.strip().casefold() for p in ev.location.split(",")]:
            where = ev.location  # "Aulan, MDU, Västerås" already names the city
        if where:
            ve.add("location", where)
        if ev.booking_note:
            ve.add("description", ev.booking_note)
        cal.add_component(ve)
    return cal.to_ical()
