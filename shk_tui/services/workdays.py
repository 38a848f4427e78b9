"""Working days of a Swedish authority: Monday to Friday except the public holidays (lagen om allmänna
helgdagar, 1989:253) and the three eves the state's employees have off (villkorsavtalen: midsommarafton,
julafton, nyårsafton; the registry is closed then). Other eves (trettondagsafton, skärtorsdagen,
valborgsmässoafton, allhelgonaafton) are shortened days but still working days.

Pure: no database, no dependency (Easter by the Gregorian computus)."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache


def easter_sunday(year: int) -> date:
    """Påskdagen (anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 (the algorithm's own name)
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _weekday_between(year: int, month: int, first: int, weekday: int) -> date:
    """The day of ``weekday`` (0 = Monday) among ``first`` … ``first + 6`` of a month."""
    start = date(year, month, first)
    return start + timedelta(days=(weekday - start.weekday()) % 7)


@lru_cache(maxsize=64)
def days_off(year: int) -> dict[date, str]:
    """The days of ``year`` a Swedish authority is closed on apart from ordinary weekends (public
    holidays and the three eves off; some fall on a weekend), with their Swedish names."""
    easter = easter_sunday(year)
    midsummer_eve = _weekday_between(year, 6, 19, 4)  # Friday 19–25 June
    return {
        date(year, 1, 1): "Nyårsdagen",
        date(year, 1, 6): "Trettondedag jul",
        easter - timedelta(days=2): "Långfredagen",
        easter: "Påskdagen",
        easter + timedelta(days=1): "Annandag påsk",
        date(year, 5, 1): "Första maj",
        easter + timedelta(days=39): "Kristi himmelsfärdsdag",
        easter + timedelta(days=49): "Pingstdagen",
        date(year, 6, 6): "Sveriges nationaldag",
        midsummer_eve: "Midsommarafton",
        midsummer_eve + timedelta(days=1): "Midsommardagen",
        _weekday_between(year, 10, 31, 5): "Alla helgons dag",  # Saturday 31 October – 6 November
        date(year, 12, 24): "Julafton",
        date(year, 12, 25): "Juldagen",
        date(year, 12, 26): "Annandag jul",
        date(year, 12, 31): "Nyårsafton",
    }


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in days_off(day.year)


def next_working_day(day: date) -> date:
    """The first working day after ``day`` (``day`` itself never counts)."""
    day += timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def add_working_days(day: date, n: int) -> date:
    """``n`` (≥ 0) working days after ``day``."""
    for _ in range(n):
        day = next_working_day(day)
    return day


def latest_overdue(today: date, working_days: int = 1) -> date:
    """The latest day whose deadline (``working_days`` after it) lies before ``today``: anything
    dated on or before it is overdue on ``today``. Deadlines grow with the day, so this is the cut-off
    a query can compare against."""
    day = today - timedelta(days=1)
    while add_working_days(day, working_days) >= today:
        day -= timedelta(days=1)
    return day
