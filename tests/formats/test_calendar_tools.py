"""Calendar files as Outlook and other calendars read them, parsed back with ``icalendar``: a
VTIMEZONE for Europe/Stockholm by rule (RRULE, no RDATE list), DTSTART with TZID, LOCATION without the
city twice; deadlines on a weekend or a Swedish holiday flagged with the last working day before them
in ``shk due`` and the .ics SUMMARY, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from icalendar import Calendar

from shk_tui import cli
from shk_tui.db.models import Event
from shk_tui.formats.ical import events_to_ics
from shk_tui.services.contracts import contract_edit, contract_export, payments
from shk_tui.services.deadline_days import closed_day_note, holiday_name, last_working_day_before

TODAY = date(2026, 11, 25)
SUNDAY_NOTE = "infaller en söndag – sista vardag före: 2026-12-11"
CHRISTMAS_NOTE = "infaller på juldagen – sista vardag före: 2026-12-23"


def test_closed_days_name_the_last_working_day_before():
    assert closed_day_note(date(2027, 10, 17)) == "infaller en söndag – sista vardag före: 2027-10-15"
    assert closed_day_note(date(2027, 10, 16)) == "infaller en lördag – sista vardag före: 2027-10-15"
    assert closed_day_note(date(2026, 12, 25)) == CHRISTMAS_NOTE  # julafton is no working day either
    assert closed_day_note(date(2027, 5, 6)).startswith("infaller på Kristi himmelsfärdsdag")
    assert closed_day_note(date(2027, 6, 6)) == "infaller på Sveriges nationaldag – sista vardag före: 2027-06-04"
    assert closed_day_note(date(2027, 10, 15)) == "" and closed_day_note(None) == ""
    assert holiday_name(date(2027, 3, 26)) == "Långfredagen" and holiday_name(date(2027, 3, 24)) is None
    assert last_working_day_before(date(2027, 3, 29)) == date(2027, 3, 25)  # Easter Monday → Thursday


def vtimezone(cal: Calendar):
    (tz,) = cal.walk("VTIMEZONE")
    return tz


def test_events_vtimezone_is_a_rule_outlook_understands():
    events = [Event(id=1, title="Samhällsforum", starts_at=datetime(2026, 12, 3, 13), location="Aulan, Västerås",
                    city="Västerås"),
              Event(id=2, title="Workshop", starts_at=datetime(2031, 7, 1, 9), location="Sal 3", city="Eskilstuna")]
    data = events_to_ics(events)
    cal = Calendar.from_ical(data)
    tz = vtimezone(cal)
    assert tz["TZID"] == "Europe/Stockholm"
    assert b"RDATE" not in data
    daylight, standard = tz.walk("DAYLIGHT")[0], tz.walk("STANDARD")[0]
    assert dict(daylight["RRULE"]) == {"FREQ": ["YEARLY"], "BYMONTH": [3], "BYDAY": ["-1SU"]}
    assert dict(standard["RRULE"]) == {"FREQ": ["YEARLY"], "BYMONTH": [10], "BYDAY": ["-1SU"]}
    assert daylight["DTSTART"].dt.time().hour == 2 and standard["DTSTART"].dt.time().hour == 3
    assert daylight["TZOFFSETTO"].td == timedelta(hours=2) and standard["TZOFFSETTO"].td == timedelta(hours=1)
    zone = tz.to_tz()  # the rules themselves (not the system's zone data) give the offsets
    assert zone.utcoffset(datetime(2031, 7, 1, 9)) == timedelta(hours=2)
    assert zone.utcoffset(datetime(2035, 1, 15, 9)) == timedelta(hours=1)
    assert zone.utcoffset(datetime(2030, 3, 31, 3)) == timedelta(hours=2)  # last Sunday of March 2030
    first, second = cal.walk("VEVENT")
    assert first["DTSTART"].params["TZID"] == "Europe/Stockholm"
    assert first["DTSTART"].dt.utcoffset() == timedelta(hours=1)
    assert second["DTSTART"].dt.utcoffset() == timedelta(hours=2)
    assert str(first["LOCATION"]) == "Aulan, Västerås"  # the city not repeated
    assert str(second["LOCATION"]) == "Sal 3, Eskilstuna"


@pytest.fixture
def closed_deadlines(db):
    """A notice deadline on a Sunday (2026-12-13) and a payment due on Christmas Day."""
    cid = contract_edit.save_contract(db, {
        "title": "Ramavtal lokaler", "kind": "upphandling/ramavtal", "counterparty": "Västerås stad",
        "status": "aktivt", "starts_on": "2025-01-01", "ends_on": "2027-03-13", "notice_months": "3",
        "amount": "120 000", "diarienummer": "KS 2025/1"})
    payments.add_payment(db, cid, "2026-12-25", "60 000")
    payments.add_payment(db, cid, "2026-12-11", "60 000")
    return db


def test_deadline_ics_summary_flags_weekends_and_holidays(closed_deadlines):
    cal = Calendar.from_ical(contract_export.deadlines_ics(closed_deadlines, TODAY))
    summaries = {e["DTSTART"].dt: str(e["SUMMARY"]) for e in cal.walk("VEVENT")}
    assert summaries[date(2026, 12, 13)] == f"Sista dag att säga upp: Ramavtal lokaler ({SUNDAY_NOTE})"
    assert summaries[date(2026, 12, 25)] == f"Utbetalning 60 000 kr: Ramavtal lokaler ({CHRISTMAS_NOTE})"
    assert summaries[date(2026, 12, 11)] == "Utbetalning 60 000 kr: Ramavtal lokaler"  # a Friday
    assert summaries[date(2027, 3, 13)] == "Avtalet slutar: Ramavtal lokaler"  # an end is no deadline to act by


def test_shk_due_flags_a_sunday_deadline(closed_deadlines, capsys):
    code = cli.main(["--db", closed_deadlines.config.url, "due", "--today", TODAY.isoformat()])
    out, err = capsys.readouterr()
    assert code == 0 and "Traceback" not in out + err
    assert (f"  2026-12-13  Ramavtal lokaler: säg upp senast 2026-12-13 (om 18 dagar; {SUNDAY_NOTE}); "
            "avtalet slutar 2027-03-13") in out.splitlines()
    assert f"  2026-12-25  Ramavtal lokaler: 60 000 kr förfaller 2026-12-25 (om 30 dagar; {CHRISTMAS_NOTE})" in out
    assert "2026-12-11 (om 16 dagar)" in out  # a working day: no note
