"""The contracts' rows of the Översikt dashboard and of ``shk due``: overdue payments, payments due
within 30 days, notice deadlines and ends within 90 days (bands 30/60/90; a notice deadline or due
date on a weekend or Swedish holiday names the last working day before it), active contracts without
diarienummer, ended contracts not archived, and auto-renewals (pending or made in the last 30 days).
A contract late for registration is listed under ``diarium.CATEGORY`` ("Ska diarieföras", by
``services.diarium``) and not again under "Aktiva avtal utan diarienummer".
Read-only; the queries filter in SQL so 10 000 contracts and 100 000 payments stay fast. Plain SQL through
``db.light`` (a Database or a Reader): importing this needs neither SQLAlchemy nor the models (#17)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, TypeVar, cast

from shk_tui.db import light
from shk_tui.enums import ContractStatus
from shk_tui.fmt import count, format_date, format_kr
from shk_tui.services.attention import AttentionItem, Shown, cut
from shk_tui.services.contracts import contract_rules as rules
from shk_tui.services.contracts import diarium
from shk_tui.services.contracts.procurement import CATEGORY as PROCUREMENT
from shk_tui.services.deadline_days import closed_day_note

if TYPE_CHECKING:
    from shk_tui.db.engine import Database
    from shk_tui.db.light import Reader

T = TypeVar("T")
SECTION = "avtal"
OVERDUE = "Förfallna utbetalningar"
DUE_SOON = "Utbetalningar inom 30 dagar"
NOTICE = "Sista dag för uppsägning"  # + " inom 30/60/90 dagar" (see banded)
ENDING = "Avtal som löper ut"  # + " inom 30/60/90 dagar"
NO_DNR = "Aktiva avtal utan diarienummer"
NOT_ARCHIVED = "Avslutade avtal som inte är arkiverade"
RENEWED = "Automatiskt förlängda avtal"
DUE_SOON_DAYS = 30
RENEWED_RECENT_DAYS = 30
#: Prefix of the follow-up note written when an auto-renewal is persisted (contract_edit).
RENEWAL_NOTE_PREFIX = "Förlängt automatiskt"
_SEVERITY_BY_BAND = {30: 0, 60: 1, 90: 2}


def avtal_filter(category: str) -> str | None:
    """The Avtal filter (``contracts.Filter`` member name) that lists a category's contracts."""
    for prefix, band_filter in ((NOTICE, "INOM_"), (ENDING, "INOM_")):
        for band in (30, 60, 90):
            if category == banded(prefix, band):
                return f"{band_filter}{band}"
    return {OVERDUE: "FORFALLNA", DUE_SOON: "BETALAS_30", NO_DNR: "EJ_DIARIEFORDA",
            NOT_ARCHIVED: "EJ_ARKIVERADE", diarium.CATEGORY: "SKA_DIARIEFORAS",
            PROCUREMENT: "UPPHANDLING"}.get(category)


def banded(category: str, band: int) -> str:
    """``Sista dag för uppsägning inom 30 dagar``: deadlines are grouped by warning band."""
    return f"{category} inom {band} dagar"


def _days(n: int) -> str:
    return count(n, "dag", "dagar")


def _in(day: date, today: date) -> str:
    n = (day - today).days
    return "i dag" if n == 0 else f"om {_days(n)}"


def _in_flagged(day: date, today: date) -> str:
    """``om 5 dagar``, with ``; infaller en söndag – sista vardag före: …`` when the office is closed."""
    note = closed_day_note(day)
    return f"{_in(day, today)}; {note}" if note else _in(day, today)


# coalesce(due_on, due_on) keeps SQLite from walking the due_on index through every past payment (8x slower
# on 100 000 payments than one scan); few rows are unpaid, they are sorted in Python.
_DUE = "coalesce(payment.due_on, payment.due_on)"
_UNPAID = "coalesce(payment.paid_amount_ore, 0) < payment.amount_ore"
_PAYMENTS = f"""
SELECT payment.due_on, payment.amount_ore, coalesce(payment.paid_amount_ore, 0), contract.id, contract.title,
       payment.id
FROM payment JOIN contract ON contract.id = payment.contract_id
WHERE {_DUE} <= :soon AND {_UNPAID}
"""
#: Översikt's first overdue and first due payments (``attention_shown``): those due no later than the
#: ``:skip + 1``-th of each (ties on that day included, so that cutting them as ``collect`` sorts them gives
#: its first rows), in one scan; the cut-off days by a top-N sort of the overdue and the due_on index's range
#: of the next 30 days. CROSS JOIN keeps SQLite scanning payment first (PostgreSQL plans it as a join).
_FIRST_PAYMENTS = f"""
SELECT payment.due_on, payment.amount_ore, coalesce(payment.paid_amount_ore, 0), contract.id, contract.title,
       payment.id
FROM payment CROSS JOIN contract
WHERE contract.id = payment.contract_id AND {_DUE} <= :soon AND {_UNPAID}
  AND ({_DUE} < :today AND {_DUE} <= coalesce((SELECT {_DUE} FROM payment WHERE {_DUE} < :today AND {_UNPAID}
                                               ORDER BY 1 LIMIT 1 OFFSET :skip), :today)
       OR {_DUE} >= :today AND {_DUE} <= coalesce((SELECT payment.due_on FROM payment
                                                   WHERE payment.due_on >= :today AND payment.due_on <= :soon
                                                     AND {_UNPAID}
                                                   ORDER BY 1 LIMIT 1 OFFSET :skip), :soon))
"""
_PAYMENT_COUNTS = f"""
SELECT count(*), coalesce(sum(CASE WHEN payment.due_on < :today THEN 1 ELSE 0 END), 0)
FROM payment JOIN contract ON contract.id = payment.contract_id
WHERE {_DUE} <= :soon AND {_UNPAID}
"""


def _payment_items(rows: Reader, today: date) -> list[AttentionItem]:
    return _payments(rows.all(_PAYMENTS, soon=today + timedelta(days=DUE_SOON_DAYS)), today)


def _first_payments(rows: Reader, today: date, per_category: int) -> Shown:
    """The first ``per_category`` overdue and due payments (a few more where several fall due on the last
    day: ``cut`` keeps the first) and how many there are of each."""
    soon = today + timedelta(days=DUE_SOON_DAYS)
    items = _payments(rows.all(_FIRST_PAYMENTS, today=today, soon=soon, skip=per_category - 1), today)
    both, overdue = rows.all(_PAYMENT_COUNTS, today=today, soon=soon)[0]
    counts = {category: n for category, n in ((OVERDUE, overdue), (DUE_SOON, both - overdue)) if n}
    return Shown(items, counts)


def _payments(payments: list[tuple], today: date) -> list[AttentionItem]:
    """The items of ``payments`` (rows of ``_PAYMENTS``' columns) by due date."""
    # Amounts, dates and day counts repeat across thousands of payments: each is parsed and formatted once.
    kr = _memo(format_kr)
    day = _memo(light.day)
    shown = _memo(format_date)
    ago = _memo(_days)
    when = _memo(lambda due_on: _in_flagged(due_on, today))
    found = [(cast(date, day(due)), amount, paid, cid, title, pid)  # due_on is NOT NULL
             for due, amount, paid, cid, title, pid in payments]
    items = []
    for due_on, amount, paid_ore, cid, title, _pid in sorted(found, key=lambda r: (r[0], r[5])):
        left = amount - paid_ore
        what = kr(left) if not paid_ore else f"{kr(left)} kvar av {kr(amount)}"
        if due_on < today:
            text = f"{title}: {what} förföll {shown(due_on)} ({ago((today - due_on).days)} sedan)"
            items.append(AttentionItem(OVERDUE, 0, due_on, text, SECTION, cid))
        else:
            text = f"{title}: {what} förfaller {shown(due_on)} ({when(due_on)})"
            items.append(AttentionItem(DUE_SOON, 1, due_on, text, SECTION, cid))
    return items


def _memo(func: Callable[[Any], T]) -> Callable[[Any], T]:
    """``func`` with its results kept for the values seen (one call of a provider: a few hundred at most)."""
    seen: dict[Any, T] = {}

    def once(value: Any) -> T:
        try:
            return seen[value]
        except KeyError:
            seen[value] = found = func(value)
            return found

    return once


#: The contracts with a date to watch, active without diarienummer, or ended and not archived;
#: ``{late_dnr}`` is ``diarium.contract_sql``'s condition (late for registration).
_CONTRACTS = """
SELECT contract.id, contract.title, contract.status, contract.ends_on, contract.notice_months, contract.auto_renew,
       contract.renewal_months, contract.diarienummer, contract.archived_on, CASE WHEN {late_dnr} THEN 1 ELSE 0 END
FROM contract
WHERE (contract.status IN :live AND contract.ends_on IS NOT NULL)
   OR (contract.status = :active AND coalesce(contract.diarienummer, '') = '')
   OR (contract.archived_on IS NULL
       AND (contract.status IN :ended OR (contract.status = :active AND contract.ends_on < :today)))
ORDER BY contract.id
"""


def _contract_items(rows: Reader, today: date) -> list[AttentionItem]:
    items: list[AttentionItem] = []
    late_dnr_sql, late_dnr_params = diarium.contract_sql(today)
    found = [
        (cid, title, ContractStatus(status), light.day(ends_on), notice, light.flag(auto), renew_m, dnr,
         light.day(archived), light.flag(late))
        for cid, title, status, ends_on, notice, auto, renew_m, dnr, archived, late in rows.all(
            _CONTRACTS.format(late_dnr=late_dnr_sql), live=tuple(rules.LIVE_STATUSES),
            active=ContractStatus.AKTIVT, ended=tuple(rules.ENDED_STATUSES), today=today, **late_dnr_params)
    ]
    for cid, title, status, ends_on, notice, auto, renew_m, dnr, archived, late_dnr in found:
        rolled = rules.renewal(ends_on, auto_renew=auto, renewal_months=renew_m, status=status, today=today)
        end = rolled.new_end if rolled else ends_on
        if rolled:
            text = (f"{title}: slutdatum {format_date(rolled.old_end)} passerade utan uppsägning – "
                    f"förlängs till {format_date(rolled.new_end)}")
            items.append(AttentionItem(RENEWED, 2, rolled.old_end, text, SECTION, cid))
        if status in rules.LIVE_STATUSES:
            deadline = rules.notice_deadline(end, notice)
            notice_band = rules.band(deadline, today)
            if end and deadline and notice_band:
                then = f"förlängs annars till {format_date(rules.add_months(end, renew_m or rules.DEFAULT_RENEWAL_MONTHS))}" if auto else f"avtalet slutar {format_date(end)}"
                text = f"{title}: säg upp senast {format_date(deadline)} ({_in_flagged(deadline, today)}); {then}"
                items.append(AttentionItem(banded(NOTICE, notice_band), _SEVERITY_BY_BAND[notice_band], deadline,
                                           text, SECTION, cid))
            end_band = rules.band(end, today)
            if end and end_band:
                renews = " (förlängs automatiskt)" if auto else ""
                text = f"{title}: slutar {format_date(end)} ({_in(end, today)}){renews}"
                items.append(AttentionItem(banded(ENDING, end_band), _SEVERITY_BY_BAND[end_band], end, text, SECTION, cid))
        if status == ContractStatus.AKTIVT and not dnr and not late_dnr:  # else under diarium.CATEGORY
            items.append(AttentionItem(NO_DNR, 1, None, f"{title}: aktivt men inte diariefört", SECTION, cid))
        if archived is None and rules.is_ended(status, end, auto, today):
            how = status.label.lower() if status in rules.ENDED_STATUSES else f"slutade {format_date(end)}"
            items.append(AttentionItem(NOT_ARCHIVED, 2, end, f"{title}: {how}, inte arkiverat", SECTION, cid))
    return items


_RENEWAL_NOTES = """
SELECT contract_note.noted_on, contract_note.text, contract.id, contract.title
FROM contract_note JOIN contract ON contract.id = contract_note.contract_id
WHERE contract_note.noted_on >= :since AND substr(contract_note.text, 1, :length) = :prefix
ORDER BY contract_note.id
"""


def _renewal_notes(rows: Reader, today: date) -> list[AttentionItem]:
    found = rows.all(_RENEWAL_NOTES, since=today - timedelta(days=RENEWED_RECENT_DAYS),
                     length=len(RENEWAL_NOTE_PREFIX), prefix=RENEWAL_NOTE_PREFIX)
    return [AttentionItem(RENEWED, 2, light.day(noted_on), f"{title}: {text}", SECTION, cid)
            for noted_on, text, cid, title in found]


def attention_items(db: Database | Reader, today: date) -> list[AttentionItem]:
    """Everything about contracts and payments that needs acting on, as of ``today``."""
    rows = light.rows_of(db)
    return _payment_items(rows, today) + _contract_items(rows, today) + _renewal_notes(rows, today)


def attention_shown(db: Database | Reader, today: date, per_category: int) -> Shown:
    """``attention_items`` as Översikt lists them (``attention.collect_shown``): at most ``per_category`` of
    each category, and the counts. Only the first payments are read whole: there may be thousands."""
    rows = light.rows_of(db)
    payments = _first_payments(rows, today, per_category)
    shown = cut(payments.items + _contract_items(rows, today) + _renewal_notes(rows, today), per_category)
    return Shown(shown.items, {**shown.counts, **payments.counts})
