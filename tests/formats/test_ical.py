from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar

from shk_tui.db.models import Event
from shk_tui.formats.ical import events_to_ics


def test_ics_parses_back_with_uid_dtstamp_and_stockholm_time():
    ev = Event(
        id=7,
        title="Styrelsemöte",
        starts_at=datetime(2026, 12, 3, 13, 0),
        ends_at=datetime(2026, 12, 3, 15, 30),
        location="MDU",
        city="Västerås",
    )
    data = events_to_ics([ev], now=datetime(2026, 11, 25, 8, 0, tzinfo=UTC))
    cal = Calendar.from_ical(data)
    assert [c.name for c in cal.walk("VTIMEZONE")] == ["VTIMEZONE"]
    (ve,) = cal.walk("VEVENT")
    assert str(ve["uid"]) == "event-7@shk-tui.samhallskontraktet.se"
    assert ve.decoded("dtstamp") == datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
    start = ve.decoded("dtstart")
    assert start.utcoffset() == ZoneInfo("Europe/Stockholm").utcoffset(datetime(2026, 12, 3, 13))
    assert start.replace(tzinfo=None) == datetime(2026, 12, 3, 13, 0)
    assert ve["dtstart"].params["TZID"] == "Europe/Stockholm"
    assert str(ve["summary"]) == "Styrelsemöte"
    assert str(ve["location"]) == "MDU, Västerås"


def test_location_does_not_repeat_the_city():
    ev = Event(id=7, title="Forum", starts_at=datetime(2026, 12, 16, 13), location="Aulan, MDU, Västerås",
               city="västerås")
    (ve,) = Calendar.from_ical(events_to_ics([ev])).walk("VEVENT")
    assert str(ve["location"]) == "Aulan, MDU, Västerås"
