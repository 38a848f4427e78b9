"""The contracts' rows of the Översikt dashboard and of ``shk due``: overdue payments, payments due
within 30 days, notice deadlines and ends within 90 days (bands 30/60/90; a notice deadline or due
date on a weekend or Swedish holiday names the last working day before it), active contracts without
diarienummer, ended contracts not archived, and auto-renewals (pending or made in the last 30 days).
A contract late for registration is listed under ``diarium.CATEGORY`` ("Ska diarieföras", by
``services.diarium``) and not again under "Aktiva avtal utan diarienummer".
Read-only; the queries filter in SQL so 10 000 contracts and 100 000 payments stay fast."""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa
from sqlmodel import select

from shk_tui.db.engine import Database
from shk_tui.db.models import Contract, ContractNote, Payment
from shk_tui.enums import ContractStatus
from shk_tui.fmt import count, format_date, format_kr
from shk_tui.services.attention import AttentionItem
from shk_tui.services.contracts import contract_rules as rules
from shk_tui.services.contracts import diarium
from shk_tui.services.contracts.procurement import CATEGORY as PROCUREMENT
from shk_tui.services.deadline_days import closed_day_note

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


def _payment_items(s, today: date) -> list[AttentionItem]:
    paid = sa.func.coalesce(Payment.paid_amount_ore, 0)
    soon = today + timedelta(days=DUE_SOON_DAYS)
    # coalesce(due_on, due_on) keeps SQLite from walking the due_on index through every past
    # payment (8x slower on 100 000 payments than one scan); few rows are unpaid, sort those here.
    found = s.connection().execute(
        select(Payment.due_on, Payment.amount_ore, paid, Contract.id, Contract.title, Payment.id)
        .join(Contract, Contract.id == Payment.contract_id)
        .where(sa.func.coalesce(Payment.due_on, Payment.due_on) <= soon, paid < Payment.amount_ore)
    ).all()
    items = []
    for due_on, amount, paid_ore, cid, title, _pid in sorted(found, key=lambda r: (r[0], r[5])):
        left = amount - paid_ore
        what = format_kr(left) if not paid_ore else f"{format_kr(left)} kvar av {format_kr(amount)}"
        if due_on < today:
            late = (today - due_on).days
            text = f"{title}: {what} förföll {format_date(due_on)} ({_days(late)} sedan)"
            items.append(AttentionItem(OVERDUE, 0, due_on, text, SECTION, cid))
        else:
            text = f"{title}: {what} förfaller {format_date(due_on)} ({_in_flagged(due_on, today)})"
            items.append(AttentionItem(DUE_SOON, 1, due_on, text, SECTION, cid))
    return items


def _contract_items(s, today: date) -> list[AttentionItem]:
    items: list[AttentionItem] = []
    found = s.exec(
        select(
            Contract.id, Contract.title, Contract.status, Contract.ends_on, Contract.notice_months,
            Contract.auto_renew, Contract.renewal_months, Contract.diarienummer, Contract.archived_on,
            diarium.contract_condition(today).label("late_dnr"),
        ).where(
            sa.or_(
                sa.and_(Contract.status.in_(rules.LIVE_STATUSES), Contract.ends_on.is_not(None)),
                sa.and_(Contract.status == ContractStatus.AKTIVT,
                        sa.func.coalesce(Contract.diarienummer, "") == ""),
                sa.and_(Contract.archived_on.is_(None),
                        sa.or_(Contract.status.in_(rules.ENDED_STATUSES),
                               sa.and_(Contract.status == ContractStatus.AKTIVT, Contract.ends_on < today))),
            )
        )
    ).all()
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
            if deadline and notice_band:
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


def _renewal_notes(s, today: date) -> list[AttentionItem]:
    since = today - timedelta(days=RENEWED_RECENT_DAYS)
    found = s.exec(
        select(ContractNote.noted_on, ContractNote.text, Contract.id, Contract.title)
        .join(Contract, Contract.id == ContractNote.contract_id)
        .where(ContractNote.noted_on >= since, ContractNote.text.startswith(RENEWAL_NOTE_PREFIX))
    ).all()
    return [AttentionItem(RENEWED, 2, noted_on, f"{title}: {text}", SECTION, cid)
            for noted_on, text, cid, title in found]


def attention_items(db: Database, today: date) -> list[AttentionItem]:
    """Everything about contracts and payments that needs acting on, as of ``today``."""
    with db.read() as s:
        return _payment_items(s, today) + _contract_items(s, today) + _renewal_notes(s, today)
