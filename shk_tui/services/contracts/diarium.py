"""Diarieföring (the registration duty of OSL 5 kap. 1 §, kept with arkivlagen): every signed contract and
every initiative decision over 200 000 kr must be registered promptly. The rule used here: it is
registered (has a diarienummer) at the latest one working day (``services.workdays``) after it was
signed or decided; from the day after that it is listed on Översikt and in ``shk due`` under "Ska
diarieföras", with the day it should have been registered by.

- A contract counts from its ``signed_on`` (any status but *utkast*); it is registered when its
  ``diarienummer`` is filled in (the contract form).
- An initiative decision counts from the initiative's ``decided_on`` when its budget is over the
  decision threshold (200 000 kr, ``portfolio_rules.DECISION_THRESHOLD_ORE``). Initiatives have no
  diarienummer column: the number is written in the decision note (*Beslutsanteckning*) as
  ``Dnr MDU 2026/123``, which ``decision_dnr`` recognises.

``shk export diarium`` lists everything not yet registered (also what is not late yet) with what the
registry needs to register it: date, parties, subject, our reference, amount and our id."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, cast

from shk_tui.db import light
from shk_tui.enums import ContractStatus
from shk_tui.fmt import format_date, format_kr, sv_key
from shk_tui.services import workdays
from shk_tui.services.attention import AttentionItem
from shk_tui.services.portfolio.portfolio_rules import DECISION_THRESHOLD_ORE

if TYPE_CHECKING:
    from shk_tui.db.engine import Database
    from shk_tui.db.light import Reader
    from shk_tui.formats.tables import Sheet

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


def contract_sql(today: date | None = None) -> tuple[str, dict[str, Any]]:
    """SQL on table ``contract`` and its parameters: a signed contract without diarienummer (with ``today``:
    only those late on that day). The one statement of the rule: the light reads here and in
    ``contract_attention`` use it, and so does Avtal's filter "Ska diarieföras" (``contracts``)."""
    sql = ("contract.signed_on IS NOT NULL AND contract.status <> :dnr_draft"
           " AND coalesce(contract.diarienummer, '') = ''")
    params: dict[str, Any] = {"dnr_draft": ContractStatus.UTKAST}
    if today is not None:
        sql += " AND contract.signed_on <= :dnr_late_by"
        params["dnr_late_by"] = workdays.latest_overdue(today, WORKING_DAYS)
    return f"({sql})", params


def _name(first: str | None, last: str | None) -> str:
    return f"{first or ''} {last or ''}".strip()


def _contracts(rows: Reader, today: date | None) -> list[Pending]:
    cond, params = contract_sql(today)
    found = rows.all(
        "SELECT contract.id, contract.signed_on, organisation.name, contract.title, contact.first_name,"
        " contact.last_name, contract.amount_ore"
        " FROM contract LEFT JOIN organisation ON organisation.id = contract.counterparty_id"
        " LEFT JOIN contact ON contact.id = contract.responsible_id"
        f" WHERE {cond}", **params)
    out = []
    for cid, signed, org, title, first, last, amount in found:
        signed_on = cast(date, light.day(signed))  # contract_sql: signed
        out.append(Pending(CONTRACT, cid, signed_on, org or "", title, _name(first, last), amount,
                           register_by(signed_on)))
    return out


def _decisions(rows: Reader, today: date | None) -> list[Pending]:
    where, params = "initiative.decided_on IS NOT NULL AND initiative.budget_ore > :threshold", {}
    if today is not None:
        where += " AND initiative.decided_on <= :late_by"
        params["late_by"] = workdays.latest_overdue(today, WORKING_DAYS)
    found = [row for row in rows.all(
        "SELECT initiative.id, initiative.decided_on, initiative.name, initiative.decided_by, contact.first_name,"
        " contact.last_name, initiative.budget_ore, initiative.decision_note"
        " FROM initiative LEFT JOIN contact ON contact.id = initiative.owner_id"
        f" WHERE {where}", threshold=DECISION_THRESHOLD_ORE, **params) if decision_dnr(row[7]) is None]
    partners: dict[int, list[str]] = {}
    if found:
        for iid, org in rows.all(
            "SELECT initiative_partner.initiative_id, organisation.name FROM initiative_partner"
            " JOIN organisation ON organisation.id = initiative_partner.organisation_id"
            " WHERE initiative_partner.initiative_id IN :ids", ids=tuple(row[0] for row in found)
        ):
            partners.setdefault(iid, []).append(org)
    out = []
    for iid, decided, name, by, first, last, budget, _note in found:
        decided_on = cast(date, light.day(decided))  # decided_on IS NOT NULL
        subject = f"Beslut om initiativet {name}" + (f" ({by})" if by else "")
        parties = ", ".join(sorted(partners.get(iid, []), key=sv_key))
        out.append(Pending(DECISION, iid, decided_on, parties, subject, _name(first, last), budget,
                           register_by(decided_on)))
    return out


def pending(db: Database | Reader, today: date | None = None) -> list[Pending]:
    """Everything not yet registered, oldest first; with ``today`` only what is late on that day."""
    rows = light.rows_of(db)
    found = _contracts(rows, today) + _decisions(rows, today)
    return sorted(found, key=lambda p: (p.day, p.kind, sv_key(p.subject), p.target_id))


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


def attention_items(db: Database | Reader, today: date) -> list[AttentionItem]:
    """Översikt's "Ska diarieföras": what is late on ``today``, dated by when it should have been registered."""
    return [_item(p, today) for p in pending(db, today)]


def sheet(db: Database | Reader) -> Sheet:
    from shk_tui.formats.tables import Money, Sheet  # only for the export: not at Översikt's start

    rows: list[Sequence[object]] = [(p.kind, p.day, p.parties, p.subject, p.reference, Money(p.amount_ore),
                                     p.internal_id)
            for p in pending(db)]
    return Sheet("Att diarieföra", HEADER, rows, widths=WIDTHS)


def export(db: Database | Reader, fmt: str) -> bytes:
    """``shk export diarium``: the rows of ``sheet`` as CSV for Swedish Excel or as XLSX."""
    data = sheet(db)
    from shk_tui.formats.tables import to_csv, to_xlsx

    return to_xlsx([data]) if fmt == "xlsx" else to_csv(data)
