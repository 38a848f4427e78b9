"""The procurement guard (LOU) on the contracts in the database: per-contract warnings for Avtal, the
Översikt / ``shk due`` rows and ``shk report upphandling``. The rules and how a contract's estimated total
value is computed are in ``procurement_rules`` (rules as data in ``shk_tui/data/procurement_rules.csv``).

Which contracts are checked: a direktupphandling (route direkt) against the limit and the documentation
duty; for the split rule every direct award of a category (route direkt, or no route recorded but a
category) — an avrop from a framework agreement, an advertised procurement and an agreement that is not
subject to procurement are never added up. A contract's day is its signing date, else its start, else
today (a draft). Warnings are shown for contracts that are not ended (utkast, under signering, aktivt)
and for ended ones bought within the last 12 months. Read-only."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlmodel import select

from shk_tui.db.engine import Database
from shk_tui.db.models import Contract, Payment
from shk_tui.enums import ContractStatus, PaymentDirection, ProcurementRoute
from shk_tui.fmt import count, format_kr, sv_key
from shk_tui.services.attention import AttentionItem
from shk_tui.services.contracts import procurement_rules as rules
from shk_tui.services.contracts.contract_rules import add_months
from shk_tui.services.contracts.procurement_rules import Purchase, Warning

__all__ = ["CATEGORY", "CategoryRow", "Purchase", "Warning", "attention_items", "report", "warnings"]

SECTION = "avtal"
CATEGORY = "Upphandling (LOU)"
NO_CATEGORY = "(ingen kategori)"
NO_ROUTE = "Ej angiven"
OPEN_STATUSES = (ContractStatus.UTKAST, ContractStatus.UNDER_SIGNERING, ContractStatus.AKTIVT)


@dataclass(frozen=True)
class _Row:
    purchase: Purchase
    title: str
    status: ContractStatus


def _out_payments():
    return (select(sa.func.sum(Payment.amount_ore))
            .where(Payment.contract_id == Contract.id, Payment.direction == PaymentDirection.UT)
            .correlate(Contract).scalar_subquery())


def _rows(db: Database, today: date, where) -> list[_Row]:
    with db.read() as s:
        found = s.exec(
            select(Contract.id, Contract.title, Contract.status, Contract.procurement_category,
                   Contract.procurement_route, Contract.estimated_value_ore, Contract.amount_ore,
                   _out_payments().label("paid_out"), Contract.starts_on, Contract.ends_on, Contract.auto_renew,
                   Contract.renewal_months, Contract.signed_on, Contract.direct_award_documented)
            .where(where)
        ).all()
    out = []
    for (cid, title, status, category, route, estimate, amount, paid_out, starts, ends, auto, renew_m, signed,
         documented) in found:
        value = rules.estimated_value(estimated_value_ore=estimate, amount_ore=amount, payments_ore=paid_out,
                                      starts_on=starts, ends_on=ends, auto_renew=auto, renewal_months=renew_m)
        day = signed or starts or today
        out.append(_Row(Purchase(cid, category, route, value, day, bool(documented)), title, status))
    return out


def _checked(db: Database, today: date) -> list[_Row]:
    """The contracts the rules look at: direct awards, and contracts with a category but no route."""
    return _rows(db, today, sa.or_(
        Contract.procurement_route == ProcurementRoute.DIREKT,
        sa.and_(Contract.procurement_route.is_(None), sa.func.coalesce(Contract.procurement_category, "") != ""),
    ))


def _shown(row: _Row, today: date) -> bool:
    return row.status in OPEN_STATUSES or row.purchase.day > add_months(today, -rules.SPLIT_MONTHS)


def _warnings(rows: list[_Row], today: date, rule_set: Sequence[rules.Rule] | None) -> dict[int, list[Warning]]:
    found = rules.warnings([r.purchase for r in rows], rule_set)
    shown = {r.purchase.contract_id for r in rows if _shown(r, today)}
    return {cid: items for cid, items in found.items() if cid in shown}


def warnings(db: Database, today: date, rule_set: Sequence[rules.Rule] | None = None) -> dict[int, list[Warning]]:
    """Contract id → its procurement warnings (short Swedish texts), for the contracts that have any."""
    return _warnings(_checked(db, today), today, rule_set)


def attention_items(db: Database, today: date) -> list[AttentionItem]:
    """One row per warning of each contract, under "Upphandling (LOU)"; enter opens the contract."""
    rows = _checked(db, today)
    titles = {r.purchase.contract_id: r.title for r in rows}
    items = []
    for cid, found in _warnings(rows, today, None).items():
        for warning in found:
            items.append(AttentionItem(CATEGORY, 1, None, f"{titles.get(cid, '')}: {warning.text}", SECTION, cid))
    return items


@dataclass(frozen=True)
class CategoryRow:
    """One line of ``shk report upphandling``: a category's contracts bought in the last 12 months."""

    category: str
    value_ore: int
    contracts: int
    routes: tuple[str, ...]
    status: str  # "ok" or the warnings, "; "-separated

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def report(db: Database, today: date, rule_set: Sequence[rules.Rule] | None = None) -> list[CategoryRow]:
    """Each category (and the direct awards without one) with the summed estimated value of its contracts
    bought from 12 months before ``today`` on (planned ones included), the routes used and the status."""
    since = add_months(today, -rules.SPLIT_MONTHS)
    every = _rows(db, today, sa.or_(sa.func.coalesce(Contract.procurement_category, "") != "",
                                    Contract.procurement_route == ProcurementRoute.DIREKT))
    recent = [r for r in every if r.purchase.day > since]
    found = rules.warnings([r.purchase for r in every if r.purchase.route in rules.SPLIT_ROUTES], rule_set)
    groups: dict[str, list[_Row]] = {}
    names: dict[str, str] = {}
    for r in recent:
        key = rules.category_key(r.purchase.category)
        groups.setdefault(key, []).append(r)
        names.setdefault(key, " ".join((r.purchase.category or "").split()) or NO_CATEGORY)
    out = []
    for key, group in groups.items():
        texts: list[str] = []
        for r in group:
            for w in found.get(r.purchase.contract_id, []):
                text = w.text if w.kind == rules.SPLIT else f"{r.title}: {w.text}"
                if text not in texts:
                    texts.append(text)
        routes = sorted({r.purchase.route.label if r.purchase.route else NO_ROUTE for r in group}, key=sv_key)
        out.append(CategoryRow(names[key], sum(r.purchase.value_ore or 0 for r in group), len(group), tuple(routes),
                               "; ".join(texts) or "ok"))
    return sorted(out, key=lambda c: (c.category == NO_CATEGORY, sv_key(c.category)))


REPORT_COLUMNS = ("Kategori", "Värde 12 mån", "Avtal", "Upphandlingsväg", "Status")


def report_cells(row: CategoryRow) -> list[str]:
    return [row.category, format_kr(row.value_ore), str(row.contracts), ", ".join(row.routes), row.status]


def report_summary(rows: Sequence[CategoryRow]) -> str:
    warned = sum(1 for r in rows if not r.ok)
    return f"{count(len(rows), 'kategori', 'kategorier')}, {warned} med varning"
