"""The money side of a contract as the Avtal screens edit and show it (issue #18).

- The contract form's fields for the budget line and year its payments are charged to
  (``services.budget.forecast``), the procurement route, the category (what is bought), the estimated
  total value over the whole term including options and renewals (empty: computed by
  ``procurement_rules.estimated_value``) and whether a direktupphandling is documented: their form text
  (``form_values``), parsing (``parse``) and the check against the database (``check``), used by
  ``contract_edit.save_contract`` in its one transaction.
- A payment's direction (utbetalning or inbetalning), who decided it (beslutsattestant) and who attested it
  (``parse_payment``, used by ``payments.add_payment`` / ``update_payment``).
- What the contract's detail shows of it (``detail``): the budget line, the procurement facts with the value
  the rules count, the procurement warnings in full, and per payment its direction and attest, marked when
  one person holds both roles (``attest.same_person``).
- The Avtal list's short warnings (``short_warnings``) and the ids its filter "Upphandlingsvarningar" lists."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlmodel import select

from shk_tui.db.engine import Database
from shk_tui.db.models import BudgetLine, Contract, Payment
from shk_tui.enums import PaymentDirection, ProcurementRoute
from shk_tui.fmt import format_kr, parse_kr, sv_key
from shk_tui.services.budget import links
from shk_tui.services.contracts import procurement
from shk_tui.services.contracts import procurement_rules as rules
from shk_tui.services.contracts.attest import same_person
from shk_tui.services.rows import existing

#: The form's fields (form text; ``direct_award_documented`` a bool) and their Swedish labels.
LABELS = {
    **links.LABELS, "procurement_route": "Upphandling",
    "procurement_category": "Kategori", "estimated_value": "Uppskattat värde",
    "direct_award_documented": "Direktupphandling dokumenterad",
}
FIELDS = tuple(LABELS)
#: The contract's columns they are stored in.
ATTRS = ("budget_line_id", "budget_year", "procurement_route", "procurement_category", "estimated_value_ore",
         "direct_award_documented")
#: The list's short text per kind of procurement warning (the detail and Översikt give the full one).
SHORT = {rules.OVER_LIMIT: "LOU: över gräns", rules.UNDOCUMENTED: "LOU: ej dok.",
         rules.SPLIT: "LOU: uppdelning?"}


def form_values(c: Contract) -> dict[str, Any]:
    """The stored fields as form text."""
    return {
        **links.form_text(c.budget_line_id, c.budget_year),
        "procurement_route": c.procurement_route.value if c.procurement_route else "",
        "procurement_category": c.procurement_category or "",
        "estimated_value": "" if c.estimated_value_ore is None else format_kr(c.estimated_value_ore).removesuffix(" kr"),
        "direct_award_documented": bool(c.direct_award_documented),
    }


def _text(values: dict[str, Any], key: str) -> str:
    return str(values.get(key) or "").strip()


def parse(values: dict[str, Any], errors: dict[str, str]) -> dict[str, Any]:
    """The form text as column values (``ATTRS``); a problem goes to ``errors`` under its field."""
    out: dict[str, Any] = links.parse(_text(values, links.LINE), _text(values, links.YEAR), errors)
    raw = _text(values, "procurement_route")
    try:
        out["procurement_route"] = ProcurementRoute.parse(raw) if raw else None
    except ValueError:
        errors["procurement_route"] = f"Okänt värde: {raw}"
    category = " ".join(_text(values, "procurement_category").split())
    out["procurement_category"] = category or None
    if len(category) > 100:
        errors["procurement_category"] = "Högst 100 tecken"
    raw = _text(values, "estimated_value")
    try:
        out["estimated_value_ore"] = parse_kr(raw) if raw else None
    except ValueError as exc:
        errors["estimated_value"] = str(exc)
    else:
        if out["estimated_value_ore"] is not None and out["estimated_value_ore"] < 0:
            errors["estimated_value"] = "Värdet får inte vara negativt"
    out["direct_award_documented"] = bool(values.get("direct_award_documented"))
    return out


def check(s, data: dict[str, Any], errors: dict[str, str]) -> None:
    """What only the database can tell: the budget line exists."""
    links.check(s, data.get(links.LINE), errors)


@dataclass(frozen=True)
class FormChoices:
    budget_lines: list[tuple[str, str]]  # (name, id as text), in Budget's order
    categories: list[str]  # the categories in use, in Swedish order (the form's type-ahead)


def form_choices(db: Database) -> FormChoices:
    with db.read() as s:
        categories = s.exec(select(Contract.procurement_category).distinct()
                            .where(Contract.procurement_category.is_not(None))).all()
    names = sorted({c.strip() for c in categories if c and c.strip()}, key=lambda n: (sv_key(n), n))
    return FormChoices(links.choices(db), names)


# --- payments -----------------------------------------------------------------------------------------

PAYMENT_LABELS = {"direction": "Riktning", "decided_by": "Beslutsattestant", "attested_by": "Attestant"}


def parse_payment(direction: str, decided_by: str, attested_by: str, errors: dict[str, str]) -> dict[str, Any]:
    """A payment's direction (default utbetalning) and attest names as column values."""
    out: dict[str, Any] = {}
    raw = direction.strip()
    try:
        out["direction"] = PaymentDirection.parse(raw) if raw else PaymentDirection.UT
    except ValueError:
        errors["direction"] = f"Okänt värde: {raw}"
    for key, text in (("decided_by", decided_by), ("attested_by", attested_by)):
        name = " ".join(text.split())
        out[key] = name or None
        if len(name) > 100:
            errors[key] = "Högst 100 tecken"
    return out


# --- the detail ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PaymentMoney:
    direction: PaymentDirection
    decided_by: str
    attested_by: str

    @property
    def same_person(self) -> bool:
        """One person decided and attested it: flagged (attest)."""
        return same_person(self.decided_by, self.attested_by)


@dataclass(frozen=True)
class ContractMoney:
    budget_line: str  # the line's name ('' when none)
    budget_year: int | None
    route: ProcurementRoute | None
    category: str
    estimated_ore: int | None  # as entered (None: computed)
    value_ore: int | None  # the estimated total value the rules count
    documented: bool
    warnings: tuple[str, ...] = ()  # the procurement warnings in full
    payments: dict[int, PaymentMoney] = field(default_factory=dict)

    @property
    def same_person_count(self) -> int:
        return sum(p.same_person for p in self.payments.values())


def detail(db: Database, contract_id: int, today: date) -> ContractMoney:
    """The contract's budget line, procurement facts and warnings, and its payments' direction and attest."""
    with db.read() as s:
        c = existing(s, Contract, contract_id, f"Avtalet finns inte (id {contract_id})")
        line = s.get(BudgetLine, c.budget_line_id) if c.budget_line_id else None
        found = s.exec(select(Payment.id, Payment.amount_ore, Payment.direction, Payment.decided_by,
                              Payment.attested_by).where(Payment.contract_id == contract_id)).all()
        paid_out = sum(amount for _, amount, direction, _, _ in found if direction is PaymentDirection.UT)
        value = rules.estimated_value(
            estimated_value_ore=c.estimated_value_ore, amount_ore=c.amount_ore, payments_ore=paid_out if found else None,
            starts_on=c.starts_on, ends_on=c.ends_on, auto_renew=c.auto_renew, renewal_months=c.renewal_months)
        money = ContractMoney(
            line.name if line else "", c.budget_year, c.procurement_route, c.procurement_category or "",
            c.estimated_value_ore, value, bool(c.direct_award_documented),
            payments={pid: PaymentMoney(direction, decided or "", attested or "")
                      for pid, _, direction, decided, attested in found})
    texts = tuple(w.text for w in procurement.warnings(db, today).get(contract_id, []))
    return ContractMoney(**{**vars(money), "warnings": texts})


# --- the list -----------------------------------------------------------------------------------------


def short_warnings(db: Database, today: date) -> dict[int, tuple[str, ...]]:
    """Contract id → its procurement warnings in short (for the list's Varningar column and its filter)."""
    return {cid: tuple(dict.fromkeys(SHORT.get(w.kind, w.text) for w in found))
            for cid, found in procurement.warnings(db, today).items()}


def with_warnings(ids: list[int] | set[int]) -> sa.ColumnElement[bool]:
    """The list's condition for the filter "Upphandlingsvarningar"."""
    return Contract.id.in_(sorted(ids)) if ids else sa.false()
