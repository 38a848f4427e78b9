"""Pure contract rules with fixed dates: calendar months, notice deadlines, payment status at the
day boundary, warning bands, auto-renewal roll-forward, schedules that sum exactly."""

from __future__ import annotations

from datetime import date

import pytest

from shk_tui.enums import ContractStatus, PaymentStatus
from shk_tui.errors import ValidationError
from shk_tui.fmt import parse_kr
from shk_tui.services.contracts import contract_rules as rules
from shk_tui.services.contracts.contract_rules import Interval

D = date


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2024, 8, 31), -6, D(2024, 2, 29)),  # leap year
        (D(2025, 8, 31), -6, D(2025, 2, 28)),
        (D(2025, 3, 31), -1, D(2025, 2, 28)),
        (D(2025, 12, 31), 2, D(2026, 2, 28)),
        (D(2026, 1, 15), -13, D(2024, 12, 15)),
        (D(2026, 5, 31), 0, D(2026, 5, 31)),
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
    ],
)
def test_add_months_clamps_to_month_end(day, months, expected):
    assert rules.add_months(day, months) == expected


def test_notice_deadline_is_end_minus_calendar_months():
    assert rules.notice_deadline(D(2027, 12, 31), 3) == D(2027, 9, 30)
    assert rules.notice_deadline(D(2028, 5, 31), 3) == D(2028, 2, 29)
    assert rules.notice_deadline(D(2027, 6, 30), 0) == D(2027, 6, 30)
    assert rules.notice_deadline(None, 3) is None
    assert rules.notice_deadline(D(2027, 6, 30), None) is None


def test_payment_status_at_the_day_boundary():
    today = D(2026, 11, 25)
    assert rules.payment_status(1000, None, D(2026, 11, 25), today) == PaymentStatus.PLANERAD
    assert rules.payment_status(1000, None, D(2026, 11, 24), today) == PaymentStatus.FORFALLEN
    assert rules.payment_status(1000, 400, D(2026, 11, 25), today) == PaymentStatus.DELBETALD
    assert rules.payment_status(1000, 400, D(2026, 11, 24), today) == PaymentStatus.FORFALLEN
    assert rules.payment_status(1000, 1000, D(2026, 1, 1), today, D(2026, 1, 2)) == PaymentStatus.BETALD
    assert rules.payment_status(0, None, D(2026, 12, 1), today) == PaymentStatus.PLANERAD
    assert rules.payment_status(0, 0, D(2026, 12, 1), today, D(2026, 11, 1)) == PaymentStatus.BETALD


def test_bands():
    today = D(2026, 11, 25)
    assert rules.band(today, today) == 30
    assert rules.band(D(2026, 12, 25), today) == 30  # 30 days
    assert rules.band(D(2026, 12, 26), today) == 60
    assert rules.band(D(2027, 1, 24), today) == 60
    assert rules.band(D(2027, 2, 23), today) == 90
    assert rules.band(D(2027, 2, 24), today) is None
    assert rules.band(D(2026, 11, 24), today) is None
    assert rules.band(None, today) is None


def test_renewal_rolls_from_the_original_end_without_drift():
    r = rules.renewal(D(2024, 1, 31), auto_renew=True, renewal_months=1, status=ContractStatus.AKTIVT,
                      today=D(2024, 3, 15))
    assert r == rules.Renewal(D(2024, 1, 31), D(2024, 3, 31), 2, 1)
    r = rules.renewal(D(2025, 12, 31), auto_renew=True, renewal_months=None, status=ContractStatus.AKTIVT,
                      today=D(2026, 1, 1))
    assert r is not None and r.new_end == D(2026, 12, 31) and r.months == 12


def test_renewal_only_for_live_auto_renewing_contracts_past_their_end():
    kw = {"renewal_months": 12, "today": D(2026, 11, 25)}
    assert rules.renewal(D(2026, 11, 25), auto_renew=True, status=ContractStatus.AKTIVT, **kw) is None
    assert rules.renewal(D(2026, 11, 24), auto_renew=False, status=ContractStatus.AKTIVT, **kw) is None
    assert rules.renewal(D(2026, 11, 24), auto_renew=True, status=ContractStatus.UPPSAGT, **kw) is None
    assert rules.renewal(None, auto_renew=True, status=ContractStatus.AKTIVT, **kw) is None
    r = rules.renewal(D(2026, 11, 24), auto_renew=True, status=ContractStatus.AKTIVT, **kw)
    assert r is not None and r.new_end == D(2027, 11, 24) and r.periods == 1


def test_is_ended():
    today = D(2026, 11, 25)
    assert rules.is_ended(ContractStatus.AVSLUTAT, None, False, today)
    assert rules.is_ended(ContractStatus.AKTIVT, D(2026, 11, 24), False, today)
    assert not rules.is_ended(ContractStatus.AKTIVT, D(2026, 11, 25), False, today)
    assert not rules.is_ended(ContractStatus.AKTIVT, D(2026, 11, 24), True, today)
    assert not rules.is_ended(ContractStatus.UTKAST, D(2020, 1, 1), False, today)


def test_quarterly_schedule_sums_exactly_last_takes_remainder():
    rows = rules.schedule(100_000_01, interval=Interval.QUARTERLY, count=3, first_due=D(2026, 1, 31))
    assert [d for d, _ in rows] == [D(2026, 1, 31), D(2026, 4, 30), D(2026, 7, 31)]
    assert [a for _, a in rows] == [33_333_33, 33_333_33, 33_333_35]
    assert sum(a for _, a in rows) == 100_000_01


def test_monthly_schedule_over_a_leap_february():
    rows = rules.schedule(1_000, interval=Interval.MONTHLY, count=3, first_due=D(2028, 1, 31))
    assert [d for d, _ in rows] == [D(2028, 1, 31), D(2028, 2, 29), D(2028, 3, 31)]
    assert [a for _, a in rows] == [333, 333, 334]


def test_schedule_on_given_dates_is_sorted():
    rows = rules.schedule(1_272_000_00, interval=Interval.DATES, dates=[D(2027, 6, 30), D(2027, 1, 31)])
    assert rows == [(D(2027, 1, 31), 636_000_00), (D(2027, 6, 30), 636_000_00)]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"interval": Interval.MONTHLY, "count": 0, "first_due": D(2026, 1, 1)}, "count"),
        ({"interval": Interval.MONTHLY, "count": 3}, "first_due"),
        ({"interval": Interval.DATES, "dates": []}, "dates"),
        ({"interval": Interval.DATES, "dates": [D(2026, 1, 1), D(2026, 1, 1)]}, "dates"),
        ({"interval": Interval.MONTHLY, "count": 241, "first_due": D(2026, 1, 1)}, "count"),
    ],
)
def test_schedule_bad_input(kwargs, field):
    with pytest.raises(ValidationError) as exc:
        rules.schedule(1000, **kwargs)
    assert field in exc.value.errors


def test_schedule_needs_a_positive_amount():
    with pytest.raises(ValidationError) as exc:
        rules.schedule(0, interval=Interval.MONTHLY, count=2, first_due=D(2026, 1, 1))
    assert "amount" in exc.value.errors


def test_parse_kr_accepts_swedish_typing():
    assert parse_kr("1 272 000") == 1_272_000_00
    assert parse_kr("1272000 kr") == 1_272_000_00
    assert parse_kr("12 500,50") == 12_500_50
    assert parse_kr("1\u00a0272\u00a0000 kr") == 1_272_000_00
    with pytest.raises(ValueError):
        parse_kr("tolv kronor")
