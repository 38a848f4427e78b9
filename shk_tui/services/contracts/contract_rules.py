"""Pure rules for contracts and payments: calendar months, notice deadlines, payment status,
warning bands, auto-renewal roll-forward and payment schedules. No database, no Textual; every
rule that depends on the date takes an explicit ``today``."""

from __future__ import annotations

import calendar
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TypeVar

from shk_tui.enums import ContractStatus, PaymentStatus
from shk_tui.errors import ValidationError
from shk_tui.fmt import parse_date

T = TypeVar("T")

#: Warning bands in days, nearest first (the Översikt dashboard and the Avtal filters use them).
BANDS = (30, 60, 90)
#: Renewal period used when an auto-renewing contract does not say how long it renews for.
DEFAULT_RENEWAL_MONTHS = 12
MAX_NOTICE_MONTHS = 36
MAX_INSTALMENTS = 240
#: Dates typed into contracts and payments must lie within these years: the calendar rules move them
#: by months and years (notice, renewal, schedules), which must stay inside Python's calendar.
FIRST_YEAR, LAST_YEAR = 1900, 2200
DATE_RANGE_MESSAGE = f"Ange ett datum mellan år {FIRST_YEAR} och {LAST_YEAR}"
LIVE_STATUSES = (ContractStatus.AKTIVT, ContractStatus.UNDER_SIGNERING)
ENDED_STATUSES = (ContractStatus.AVSLUTAT, ContractStatus.UPPSAGT)


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole calendar months (negative goes back). A day that does not exist in
    the target month becomes that month's last day: 2024-08-31 − 6 months = 2024-02-29. Beyond the
    calendar (before year 1, after 9999) it stops at ``date.min`` / ``date.max``."""
    index = day.year * 12 + (day.month - 1) + months
    year, month0 = divmod(index, 12)
    if year < 1:
        return date.min
    if year > 9999:
        return date.max
    last = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(day.day, last))


def year_error(day: date | None) -> str | None:
    """``DATE_RANGE_MESSAGE`` when ``day`` is outside FIRST_YEAR–LAST_YEAR, else None."""
    if day is not None and not FIRST_YEAR <= day.year <= LAST_YEAR:
        return DATE_RANGE_MESSAGE
    return None


def parsed(raw: str, field: str, errors: dict[str, str], parse: Callable[[str], T], missing: str) -> T | None:
    """``parse(raw)`` of the text typed in ``field``; empty text puts ``missing`` in ``errors[field]``, text
    ``parse`` refuses (ValueError) its message, and either gives None."""
    if not raw.strip():
        errors[field] = missing
        return None
    try:
        return parse(raw)
    except ValueError as exc:
        errors[field] = str(exc)
        return None


def parse_day(raw: str, field: str, errors: dict[str, str], default: date | None = None) -> date | None:
    """The date typed in ``field`` (empty: ``default``, else "Ange ett datum"); a bad date or one outside
    FIRST_YEAR–LAST_YEAR puts its message in ``errors[field]`` and gives None."""
    if not raw.strip() and default is not None:
        return default
    day = parsed(raw, field, errors, parse_date, "Ange ett datum (ÅÅÅÅ-MM-DD)")
    if day is None:
        return None
    if problem := year_error(day):
        errors[field] = problem
        return None
    return day


def notice_deadline(ends_on: date | None, notice_months: int | None) -> date | None:
    """The last day to give notice: end − notice months. None without an end or a notice period."""
    if ends_on is None or notice_months is None:
        return None
    return add_months(ends_on, -notice_months)


def payment_status(
    amount_ore: int, paid_amount_ore: int | None, due_on: date, today: date, paid_on: date | None = None
) -> PaymentStatus:
    """betald when fully paid; förfallen when the due date is before today and it is not fully
    paid (also when partly paid); delbetald when partly paid and not yet due; else planerad.
    A payment due today is not overdue until tomorrow."""
    paid = paid_amount_ore or 0
    if paid >= amount_ore and (paid > 0 or paid_on is not None):
        return PaymentStatus.BETALD
    if due_on < today:
        return PaymentStatus.FORFALLEN
    if paid > 0:
        return PaymentStatus.DELBETALD
    return PaymentStatus.PLANERAD


def band(day: date | None, today: date, bands: Sequence[int] = BANDS) -> int | None:
    """The smallest band (30/60/90) that ``day`` falls within counted from today (today itself
    counts as 0 days), or None when it is in the past or further away than the last band."""
    if day is None:
        return None
    days = (day - today).days
    if days < 0:
        return None
    for limit in bands:
        if days <= limit:
            return limit
    return None


@dataclass(frozen=True)
class Renewal:
    """An auto-renewing contract whose end date passed without notice: ``old_end`` → ``new_end``."""

    old_end: date
    new_end: date
    periods: int
    months: int


def renewal(
    ends_on: date | None,
    *,
    auto_renew: bool,
    renewal_months: int | None,
    status: ContractStatus,
    today: date,
) -> Renewal | None:
    """The roll-forward due for a contract, or None. A live (aktivt / under signering)
    auto-renewing contract whose end date is before today renews by ``renewal_months`` (12 when
    unset) as many times as needed to reach today; each period is counted from the original end,
    so month ends do not drift (2024-01-31 + 1, + 2 months → 2024-02-29, 2024-03-31)."""
    if not auto_renew or ends_on is None or status not in LIVE_STATUSES or ends_on >= today:
        return None
    months = renewal_months or DEFAULT_RENEWAL_MONTHS
    periods = 1
    while add_months(ends_on, periods * months) < today:
        periods += 1
    return Renewal(ends_on, add_months(ends_on, periods * months), periods, months)


def effective_end(
    ends_on: date | None, *, auto_renew: bool, renewal_months: int | None, status: ContractStatus, today: date
) -> date | None:
    """The end date after any pending auto-renewal."""
    rolled = renewal(ends_on, auto_renew=auto_renew, renewal_months=renewal_months, status=status, today=today)
    return rolled.new_end if rolled else ends_on


def is_ended(status: ContractStatus, ends_on: date | None, auto_renew: bool, today: date) -> bool:
    """Finished: avslutat or uppsagt, or an active contract (not auto-renewing) past its end."""
    if status in ENDED_STATUSES:
        return True
    return status == ContractStatus.AKTIVT and not auto_renew and ends_on is not None and ends_on < today


class Interval(StrEnum):
    MONTHLY = "månadsvis"
    QUARTERLY = "kvartalsvis"
    DATES = "datum"

    @property
    def months(self) -> int:
        return {"månadsvis": 1, "kvartalsvis": 3}.get(self.value, 0)


def split_amount(amount_ore: int, count: int) -> list[int]:
    """``count`` equal parts in öre; the last takes the rounding remainder (sum is exact)."""
    if count < 1:
        raise ValidationError({"count": "Antalet delbetalningar måste vara minst 1"})
    if amount_ore < 0:
        raise ValidationError({"amount": "Beloppet får inte vara negativt"})
    each = amount_ore // count
    return [each] * (count - 1) + [amount_ore - each * (count - 1)]


def schedule(
    amount_ore: int,
    *,
    interval: Interval,
    count: int = 0,
    first_due: date | None = None,
    dates: Sequence[date] = (),
) -> list[tuple[date, int]]:
    """A payment schedule: ``count`` equal instalments every month or quarter from
    ``first_due`` (each counted from the first date, so 31 Jan → 28/29 Feb → 31 Mar), or one
    instalment per given date (sorted). The amounts sum exactly to ``amount_ore``."""
    errors: dict[str, str] = {}
    if interval == Interval.DATES:
        days = sorted(dates)
        if not days:
            errors["dates"] = "Ange minst ett förfallodatum"
        elif len(set(days)) != len(days):
            errors["dates"] = "Samma datum förekommer två gånger"
        count = len(days)
    else:
        if first_due is None:
            errors["first_due"] = "Ange första förfallodatum"
        if count < 1:
            errors["count"] = "Antalet delbetalningar måste vara minst 1"
        days = []
    if count > MAX_INSTALMENTS:
        errors["count"] = f"Högst {MAX_INSTALMENTS} delbetalningar"
    if amount_ore <= 0:
        errors["amount"] = "Beloppet måste vara större än 0"
    if errors:
        raise ValidationError(errors)
    if interval != Interval.DATES:
        assert first_due is not None
        days = [add_months(first_due, k * interval.months) for k in range(count)]
    return list(zip(days, split_amount(amount_ore, count), strict=True))
