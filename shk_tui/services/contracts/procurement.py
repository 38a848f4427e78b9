"""The procurement guard (LOU) on the contracts in the database: per-contract warnings for Avtal, the
Översikt / ``shk due`` rows and ``shk report upphandling``. The rules and how a contract's estimated total
value is computed are in ``procurement_rules`` (rules as data in ``shk_tui/data/procurement_rules.csv``).

Which contracts are checked: a direktupphandling (route direkt) against the limit and the documentation
duty; for the split rule every direct award of a category (route direkt, or no route recorded but a
category) — an avrop from a framework agreement, an advertised procurement and an agreement that is not
subject to procurement are never added up. A contract's day is its signing date, else its start, else
today (a draft). Warnings are shown for contracts that are not ended (utkast, under signering, aktivt)
and for ended ones bought within the last 12 months. Read-only; plain SQL through ``db.light``, light to
import (#17)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from shk_tui.db import light
from shk_tui.enums import ContractStatus, PaymentDirection, ProcurementRoute
from shk_tui.fmt import count, format_kr, sv_key
from shk_tui.services.attention import AttentionItem
from shk_tui.services.contracts import procurement_rules as rules
from shk_tui.services.contracts.contract_rules import add_months
from shk_tui.services.contracts.procurement_rules import Purchase, Warning

if TYPE_CHECKING:
    from shk_tui.db.engine import Database
    from shk_tui.db.light import Reader

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


_ROWS = """
SELECT contract.id, contract.title, contract.status, contract.procurement_category, contract.procurement_route,
       contract.estimated_value_ore, contract.amount_ore,
       (SELECT sum(payment.amount_ore) FROM payment
        WHERE payment.contract_id = contract.id AND payment.direction = :out),
       contract.starts_on, contract.ends_on, contract.auto_renew, contract.renewal_months, contract.signed_on,
       contract.direct_award_documented
FROM contract
WHERE {where}
ORDER BY contract.id
"""
_CHECKED = ("contract.procurement_route = :direct"
            " OR (contract.procurement_route IS NULL AND coalesce(contract.procurement_category, '') <> '')")
#: The report's contracts: those with a category, and direct awards.
_REPORTED = "coalesce(contract.procurement_category, '') <> '' OR contract.procurement_route = :direct"


def _rows(db: Database | Reader, today: date, where: str) -> list[_Row]:
    found = light.rows_of(db).all(_ROWS.format(where=where), out=PaymentDirection.UT,
                                  direct=ProcurementRoute.DIREKT)
    out = []
    for (cid, title, status, category, route, estimate, amount, paid_out, starts, ends, auto, renew_m, signed,
         documented) in found:
        starts_on, signed_on = light.day(starts), light.day(signed)
        value = rules.estimated_value(estimated_value_ore=estimate, amount_ore=amount,
                                      payments_ore=None if paid_out is None else int(paid_out),
                                      starts_on=starts_on, ends_on=light.day(ends), auto_renew=light.flag(auto),
                                      renewal_months=renew_m)
        day = signed_on or starts_on or today
        purchase = Purchase(cid, category, ProcurementRoute(route) if route else None, value, day,
                            light.flag(documented))
        out.append(_Row(purchase, title, ContractStatus(status)))
    return out


def _checked(db: Database | Reader, today: date) -> list[_Row]:
    """The contracts the rules look at: direct awards, and contracts with a category but no route."""
    return _rows(db, today, _CHECKED)


def _shown(row: _Row, today: date) -> bool:
    return row.status in OPEN_STATUSES or row.purchase.day > add_months(today, -rules.SPLIT_MONTHS)


def _warnings(rows: list[_Row], today: date, rule_set: Sequence[rules.Rule] | None) -> dict[int, list[Warning]]:
    found = rules.warnings([r.purchase for r in rows], rule_set)
    shown = {r.purchase.contract_id for r in rows if _shown(r, today)}
    return {cid: items for cid, items in found.items() if cid in shown}


def warnings(db: Database | Reader, today: date,
             rule_set: Sequence[rules.Rule] | None = None) -> dict[int, list[Warning]]:
    """Contract id → its procurement warnings (short Swedish texts), for the contracts that have any."""
    return _warnings(_checked(db, today), today, rule_set)


def attention_items(db: Database | Reader, today: date) -> list[AttentionItem]:
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


def report(db: Database | Reader, today: date, rule_set: Sequence[rules.Rule] | None = None) -> list[CategoryRow]:
    """Each category (and the direct awards without one) with the summed estimated value of its contracts
    bought from 12 months before ``today`` on (planned ones included), the routes used and the status."""
    since = add_months(today, -rules.SPLIT_MONTHS)
    every = _rows(db, today, _REPORTED)
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
