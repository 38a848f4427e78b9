"""Deadlines that fall when the office is closed: a Saturday, a Sunday, a Swedish public holiday or
one of the eves a Swedish authority has off (``services.workdays``: the one calendar of working days).
A notice given on such a day reaches nobody, so every list naming the deadline (``shk due``,
Översikt, the .ics SUMMARY) says so and names the last working day before it. Pure: no database."""

from __future__ import annotations

from datetime import date, timedelta

from shk_tui.services.workdays import days_off, is_working_day

_WEEKDAYS = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")
#: Holiday names that start with a proper noun and keep their capital in running text.
_PROPER = ("Kristi", "Sveriges")


def holiday_name(day: date) -> str | None:
    """``Juldagen`` for 25 December, None for a day that is no holiday or eve off."""
    return days_off(day.year).get(day)


def last_working_day_before(day: date) -> date:
    """The latest working day before ``day`` (``day`` itself never counts)."""
    day -= timedelta(days=1)
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def _in_text(name: str) -> str:
    return name if name.startswith(_PROPER) else name[:1].lower() + name[1:]


def closed_day_note(day: date | None) -> str:
    """``infaller en söndag – sista vardag före: 2027-10-15``, ``infaller på juldagen – sista vardag
    före: 2026-12-23``; "" for a working day (or no date)."""
    if day is None or is_working_day(day):
        return ""
    name = holiday_name(day)
    when = f"på {_in_text(name)}" if name else f"en {_WEEKDAYS[day.weekday()]}"
    return f"infaller {when} – sista vardag före: {last_working_day_before(day).isoformat()}"
