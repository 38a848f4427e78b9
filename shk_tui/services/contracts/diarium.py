"""Diarieföring (the registration duty of OSL 5 kap. 1 §, kept with arkivlagen): every signed contract and
every initiative decision over 200 000 kr must be registered promptly. The rule used here: it is
registered (has a diarienummer) at the latest one working day (``services.workdays``) after it was
signed or decided; from the day after that it is listed on Översikt and in ``shk due`` under "Ska
diarieföras", with the day it should have been registered by.

- A contract counts from its ``signed_on`` (any status but *utkast*); it is registered when its
  ``diarienummer`` is filled in (the contract form).
- An initiative decision counts from the initiative's ``decided_on`` when its budget is over the
  decision threshold (200 000 kr, ``portfolio.DECISION_THRESHOLD_ORE``). Initiatives have no
  diarienummer column: the number is written in the decision note (*Beslutsanteckning*) as
  ``Dnr MDU 2026/123``, which ``decision_dnr`` recognises.

``shk export diarium`` lists everything not yet registered (also what is not late yet) with what the
registry needs to register it: date, parties, subject, our reference, amount and our id."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlmodel import select

from shk_tui.db.engine import Database
from shk_tui.db.models import Contact, Contract, Initiative, InitiativePartner, Organisation
from shk_tui.enums import ContractStatus
from shk_tui.fmt import format_date, format_kr, sv_key
from shk_tui.formats.tables import Money, Sheet, to_csv, to_xlsx
from shk_tui.services import workdays
from shk_tui.services.attention import AttentionItem
from shk_tui.services.portfolio.portfolio import DECISION_THRESHOLD_ORE

CATEGORY = "Ska diarieföras"
#: Working days after signing or deciding by which the diarienummer must be there.
WORKING_DAYS = 1
CONTRACT = "Avtal"
DECISION = "Beslut"
HEADER = ("Typ", "Datum", "Parter", "Ärende", "Vår referens", "Belopp", "Internt id")
WIDTHS = (8, 12, 36, 50, 24, 14, 14)
#: "Dnr MDU 2026/123", "dnr: 2026/45", "Diarienummer KS 2026-112" in a decision note.
_DNR = re.compile(r"\b(?:dnr|diarienr|diarienummer)\b[\s.:]*(\S*\d\S*|\S+\s+\S*\d\S*)", re.IGNORECASE)


@dataclass(frozen=True)
class Pending:
    """A signed contract or an initiative decision without a diarienummer."""

    kind: str  # CONTRACT or DECISION
    target_id: int  # contract id or initiative id
    day: date  # signed or decided on
    parties: str
    subject: str
    reference: str  # our reference: the responsible person (contract) or the owner (initiative)
    amount_ore: int | None
    register_by: date

    @property
    def section(self) -> str:
        return "avtal" if self.kind == CONTRACT else "portfolj"

    @property
    def internal_id(self) -> str:
        return f"{'avtal' if self.kind == CONTRACT else 'initiativ'} {self.target_id}"

    def late(self, today: date) -> bool:
        return self.register_by < today


def decision_dnr(note: str | None) -> str | None:
    """The diarienummer written in an initiative's decision note (``Dnr MDU 2026/123``), or None."""
    found = _DNR.search(note or "")
    return found.group(1).rstrip(".,;)") if found else None


def register_by(day: date) -> date:
    return workdays.add_working_days(day, WORKING_DAYS)


def contract_condition(today: date | None = None):
    """SQL: a signed contract without diarienummer (with ``today``: only those late on that day)."""
    cond = sa.and_(Contract.signed_on.is_not(None), Contract.status != ContractStatus.UTKAST,
                   sa.func.coalesce(Contract.diarienummer, "") == "")
    if today is not None:
        cond = sa.and_(cond, Contract.signed_on <= workdays.latest_overdue(today, WORKING_DAYS))
    return cond


def _name(first: str | None, last: str | None) -> str:
    return f"{first or ''} {last or ''}".strip()


def _contracts(s, today: date | None) -> list[Pending]:
    found = s.exec(
        select(Contract.id, Contract.signed_on, Organisation.name, Contract.title, Contact.first_name,
               Contact.last_name, Contract.amount_ore)
        .join(Organisation, Organisation.id == Contract.counterparty_id, isouter=True)
        .join(Contact, Contact.id == Contract.responsible_id, isouter=True)
        .where(contract_condition(today))
    ).all()
    return [Pending(CONTRACT, cid, signed, org or "", title, _name(first, last), amount, register_by(signed))
            for cid, signed, org, title, first, last, amount in found]


def _decisions(s, today: date | None) -> list[Pending]:
    where = [Initiative.decided_on.is_not(None), Initiative.budget_ore > DECISION_THRESHOLD_ORE]
    if today is not None:
        where.append(Initiative.decided_on <= workdays.latest_overdue(today, WORKING_DAYS))
    found = [row for row in s.exec(
        select(Initiative.id, Initiative.decided_on, Initiative.name, Initiative.decided_by, Contact.first_name,
               Contact.last_name, Initiative.budget_ore, Initiative.decision_note)
        .join(Contact, Contact.id == Initiative.owner_id, isouter=True)
        .where(*where)
    ).all() if decision_dnr(row[7]) is None]
    partners: dict[int, list[str]] = {}
    if found:
        for iid, org in s.exec(
            select(InitiativePartner.initiative_id, Organisation.name)
            .join(Organisation, Organisation.id == InitiativePartner.organisation_id)
            .where(InitiativePartner.initiative_id.in_([row[0] for row in found]))
        ).all():
            partners.setdefault(iid, []).append(org)
    out = []
    for iid, decided, name, by, first, last, budget, _note in found:
        subject = f"Beslut om initiativet {name}" + (f" ({by})" if by else "")
        parties = ", ".join(sorted(partners.get(iid, []), key=sv_key))
        out.append(Pending(DECISION, iid, decided, parties, subject, _name(first, last), budget, register_by(decided)))
    return out


def pending(db: Database, today: date | None = None) -> list[Pending]:
    """Everything not yet registered, oldest first; with ``today`` only what is late on that day."""
    with db.read() as s:
        rows = _contracts(s, today) + _decisions(s, today)
    return sorted(rows, key=lambda p: (p.day, p.kind, sv_key(p.subject), p.target_id))


def _item(p: Pending, today: date) -> AttentionItem:
    late = (today - p.register_by).days
    since = "1 dag sedan" if late == 1 else f"{late} dagar sedan"
    if p.kind == CONTRACT:
        what = f"{p.subject}{f' ({p.parties})' if p.parties else ''}: signerat {format_date(p.day)}"
        hint = "fyll i diarienumret i avtalet"
    else:
        what = f"{p.subject}, {format_kr(p.amount_ore)}: beslutat {format_date(p.day)}"
        hint = "skriv ”Dnr …” i beslutsanteckningen"
    text = f"{what}, skulle ha diarieförts senast {format_date(p.register_by)} ({since}); {hint}"
    return AttentionItem(CATEGORY, 0, p.register_by, text, p.section, p.target_id)


def attention_items(db: Database, today: date) -> list[AttentionItem]:
    """Översikt's "Ska diarieföras": what is late on ``today``, dated by when it should have been registered."""
    return [_item(p, today) for p in pending(db, today)]


def sheet(db: Database) -> Sheet:
    rows: list[Sequence[object]] = [(p.kind, p.day, p.parties, p.subject, p.reference, Money(p.amount_ore),
                                     p.internal_id)
            for p in pending(db)]
    return Sheet("Att diarieföra", HEADER, rows, widths=WIDTHS)


def export(db: Database, fmt: str) -> bytes:
    """``shk export diarium``: the rows of ``sheet`` as CSV for Swedish Excel or as XLSX."""
    data = sheet(db)
    return to_xlsx([data]) if fmt == "xlsx" else to_csv(data)
