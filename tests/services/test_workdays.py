"""Swedish working days (services.workdays): Easter and the moving holidays, the eves an authority
has off, and the one-working-day deadline of diarieföring with its cut-off."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from shk_tui.services import workdays as w


@pytest.mark.parametrize("year, easter", [(2024, date(2024, 3, 31)), (2025, date(2025, 4, 20)),
                                          (2026, date(2026, 4, 5)), (2027, date(2027, 3, 28)),
                                          (2038, date(2038, 4, 25)), (2285, date(2285, 3, 22))])
def test_easter_sunday(year, easter):
    assert w.easter_sunday(year) == easter


def test_days_off_2026():
    off = w.days_off(2026)
    assert off[date(2026, 4, 3)] == "Långfredagen" and off[date(2026, 4, 6)] == "Annandag påsk"
    assert off[date(2026, 5, 14)] == "Kristi himmelsfärdsdag"
    assert off[date(2026, 6, 19)] == "Midsommarafton" and off[date(2026, 6, 20)] == "Midsommardagen"
    assert off[date(2026, 10, 31)] == "Alla helgons dag"
    assert off[date(2026, 12, 24)] == "Julafton" and off[date(2026, 12, 31)] == "Nyårsafton"
    assert len(off) == 16


def test_working_days():
    assert w.is_working_day(date(2026, 11, 20))  # a Friday
    assert not w.is_working_day(date(2026, 11, 21))  # Saturday
    assert not w.is_working_day(date(2026, 1, 6))  # Trettondedag jul, a Tuesday
    assert not w.is_working_day(date(2026, 12, 24))  # julafton: the registry is closed
    assert w.is_working_day(date(2026, 4, 30))  # valborgsmässoafton is a working day
    assert w.is_working_day(date(2026, 1, 5))  # trettondagsafton too


@pytest.mark.parametrize("day, expected", [
    (date(2026, 11, 20), date(2026, 11, 23)),  # Friday → Monday
    (date(2026, 11, 18), date(2026, 11, 19)),  # Wednesday → Thursday
    (date(2026, 12, 23), date(2026, 12, 28)),  # julafton, juldagen, annandagen, Sunday
    (date(2026, 4, 2), date(2026, 4, 7)),  # skärtorsdagen → past Easter
    (date(2026, 6, 18), date(2026, 6, 22)),  # midsommar
    (date(2026, 12, 30), date(2027, 1, 4)),  # nyårsafton, nyårsdagen, weekend
    (date(2026, 11, 21), date(2026, 11, 23)),  # signed on a Saturday
])
def test_next_working_day(day, expected):
    assert w.next_working_day(day) == expected
    assert w.add_working_days(day, 1) == expected


def test_latest_overdue_is_the_cut_off_of_the_deadline():
    assert w.latest_overdue(date(2026, 11, 23)) == date(2026, 11, 19)  # Monday: Friday's is due today
    assert w.latest_overdue(date(2026, 11, 24)) == date(2026, 11, 22)  # Tuesday: Friday–Sunday are late
    start = date(2026, 12, 1)
    for today in (start + timedelta(days=n) for n in range(400)):
        cut = w.latest_overdue(today)
        assert w.add_working_days(cut, 1) < today <= w.add_working_days(cut + timedelta(days=1), 1)
