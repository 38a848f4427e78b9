"""Exports of contracts, payments and deadlines (``shk export contracts|payments|deadlines``):
rows built from the same rules as the screens, rendered by ``shk_tui.formats``."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import sqlalchemy as sa
from sqlmodel import select

from shk_tui.db.engine import Database
from shk_tui.db.models import Contract, Organisation, Payment
from shk_tui.errors import ValidationError
from shk_tui.fmt import format_kr
from shk_tui.formats import contracts_export as tables
from shk_tui.formats.ical_deadlines import Deadline, deadlines_to_ics
from shk_tui.services.contracts import contract_rules as rules
from shk_tui.services.contracts.contracts import list_contracts
from shk_tui.services.deadline_days import closed_day_note
from shk_tui.services.files import export_dir, write_in

CONTRACT_HEADER = ("Id", "Titel", "Typ", "Motpart", "Diarienummer", "Initiativ", "Start", "Slut",
                   "Uppsägningstid (mån)", "Säg upp senast", "Förlängs automatiskt", "Belopp (kr)",
                   "Betalt (kr)", "Status", "Arkiverat", "Varningar")
PAYMENT_HEADER = ("Avtal", "Diarienummer", "Motpart", "Förfaller", "Belopp (kr)", "Betalt (kr)", "Betaldag",
                  "Referens", "Status", "Anteckning")


def _kr(ore: int | None) -> float | None:
    return None if ore is None else ore / 100


def contracts(db: Database, today: date, fmt: str) -> bytes:
    found = list_contracts(db, today, limit=10**9).rows
    with db.read() as s:
        notice = dict(s.exec(select(Contract.id, Contract.notice_months)).all())
    rows = [
        (r.id, r.title, r.kind.label, r.counterparty, r.diarienummer, r.initiative, r.starts_on, r.ends_on,
         notice.get(r.id), r.notice_deadline, "ja" if r.auto_renew else "nej", _kr(r.amount_ore), _kr(r.paid_ore),
         r.status.label, r.archived_on, ", ".join(r.warnings))
        for r in found
    ]
    if fmt == "xlsx":
        return tables.to_xlsx("Avtal", CONTRACT_HEADER, rows, money_columns=(11, 12))
    return tables.to_csv(CONTRACT_HEADER, rows)


def _payment_rows(db: Database, today: date) -> list[tuple]:
    with db.read() as s:
        found = s.exec(
            select(Payment, Contract.title, Contract.diarienummer, Organisation.name)
            .join(Contract, Contract.id == Payment.contract_id)
            .join(Organisation, Organisation.id == Contract.counterparty_id, isouter=True)
            .order_by(Payment.due_on, Payment.id)
        ).all()
    return [
        (title, dnr, org, p.due_on, _kr(p.amount_ore), _kr(p.paid_amount_ore), p.paid_on, p.reference,
         rules.payment_status(p.amount_ore, p.paid_amount_ore, p.due_on, today, p.paid_on).label, p.note)
        for p, title, dnr, org in found
    ]


def payments(db: Database, today: date, fmt: str) -> bytes:
    rows = _payment_rows(db, today)
    if fmt == "xlsx":
        return tables.to_xlsx("Utbetalningar", PAYMENT_HEADER, rows, money_columns=(4, 5))
    return tables.to_csv(PAYMENT_HEADER, rows)


def _flagged(summary: str, day: date) -> str:
    """``… (infaller en söndag – sista vardag före: 2027-10-15)`` for a day the office is closed."""
    note = closed_day_note(day)
    return f"{summary} ({note})" if note else summary


def deadline_list(db: Database, today: date, start: date | None = None, end: date | None = None) -> list[Deadline]:
    """Notice deadlines and ends of live contracts, due dates of payments not fully paid."""
    out: list[Deadline] = []
    paid = sa.func.coalesce(Payment.paid_amount_ore, 0)
    with db.read() as s:
        live = s.exec(
            select(Contract.id, Contract.title, Contract.ends_on, Contract.notice_months, Contract.auto_renew,
                   Contract.renewal_months, Contract.status, Contract.diarienummer)
            .where(Contract.status.in_(rules.LIVE_STATUSES), Contract.ends_on.is_not(None))
        ).all()
        unpaid = s.exec(
            select(Payment.id, Payment.due_on, Payment.amount_ore, paid, Contract.title, Contract.diarienummer)
            .join(Contract, Contract.id == Payment.contract_id)
            .where(paid < Payment.amount_ore)
        ).all()
    for cid, title, ends_on, notice, auto, renew_m, status, dnr in live:
        end_day = rules.effective_end(ends_on, auto_renew=auto, renewal_months=renew_m, status=status, today=today)
        assert end_day is not None  # WHERE ends_on IS NOT NULL
        ref = f" ({dnr})" if dnr else ""
        deadline = rules.notice_deadline(end_day, notice)
        if deadline:
            then = "förlängs annars automatiskt" if auto else f"avtalet slutar {end_day.isoformat()}"
            out.append(Deadline("notice", cid, deadline, _flagged(f"Sista dag att säga upp: {title}", deadline),
                                f"{title}{ref}: {then}"))
        out.append(Deadline("end", cid, end_day, f"Avtalet slutar: {title}",
                            f"{title}{ref}" + (" förlängs automatiskt om det inte sägs upp" if auto else "")))
    for pid, due_on, amount, paid_ore, title, dnr in unpaid:
        left = format_kr(amount - paid_ore)
        out.append(Deadline("payment", pid, due_on, _flagged(f"Utbetalning {left}: {title}", due_on),
                            f"{title}{f' ({dnr})' if dnr else ''}: {left} förfaller {due_on.isoformat()}"))
    out = [d for d in out if (start is None or d.day >= start) and (end is None or d.day <= end)]
    return sorted(out, key=lambda d: (d.day, d.kind, d.key))


def deadlines_ics(db: Database, today: date, start: date | None = None, end: date | None = None) -> bytes:
    return deadlines_to_ics(deadline_list(db, today, start, end))


def write_files(db: Database, today: date, directory: Path | None = None) -> list[Path]:
    """The TUI's export (key x on Avtal): contracts and payments as XLSX and the deadlines as
    iCalendar, named with today's date, each written atomically with mode 0600. Returns the paths."""
    target = directory or export_dir()
    stamp = today.isoformat()
    files = [
        (f"avtal-{stamp}.xlsx", contracts(db, today, "xlsx")),
        (f"utbetalningar-{stamp}.xlsx", payments(db, today, "xlsx")),
        (f"avtalsdatum-{stamp}.ics", deadlines_ics(db, today)),
    ]
    return [write_in(target, name, data) for name, data in files]


FORMATS = {".xlsx": "xlsx", ".csv": "csv"}


def write_at(db: Database, today: date, path: Path) -> list[Path]:
    """The TUI's export (key x on Avtal, the folder chosen in its dialog): the contracts at ``path``
    (xlsx, or csv when the name ends so), the payments in the same format and the dates as iCalendar
    beside it, named with today's date; each written atomically with mode 0600 (missing folders are
    created). Returns the paths, the contracts' first."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ValidationError({"path": "Filnamnet ska sluta på .xlsx eller .csv"})
    stamp = today.isoformat()
    files = [
        (path.name, contracts(db, today, fmt)),
        (f"utbetalningar-{stamp}.{fmt}", payments(db, today, fmt)),
        (f"avtalsdatum-{stamp}.ics", deadlines_ics(db, today)),
    ]
    return [write_in(path.parent, name, data) for name, data in files]
