"""The forecast (prognos) per budget line and year, what is committed (bundet), the deviation from the
budget, and the accumulated capital (ackumulerat kapital) of closed years — issue #18.

For one budget line and one year that is not yet closed (the year of ``today`` or later)::

    prognos = utfall + bundet + kvar av beslutade initiativ + manuell justering

- **utfall**: the outcome so far as entered (``BudgetYear.outcome_ore``, from the accounts).
- **bundet** (committed): what is still to be paid of the *utbetalningar* of the active contracts
  charged to the line and year — the unpaid part (amount − paid) of each payment of a contract with
  status *aktivt* that is not archived, linked by ``Contract.budget_line_id`` and ``budget_year``.
  A contract linked to a line without a year charges each payment to the year it falls due. Paid
  money is not counted again: it is in the outcome. Drafts, contracts under signature, ended or
  cancelled contracts bind nothing.
- **inbetalningar** (``PaymentDirection.IN``, e.g. an överenskommelse om medel from a party) are
  income, not cost: they never reduce bundet or the forecast. The unpaid ones are reported beside it
  (``income_ore``) so the income is visible, but the forecast is a forecast of cost.
- **kvar av beslutade initiativ**: for each initiative linked to the line and year whose budget is
  decided (it has a decision date or has started, fas 1/fas 2) and that is neither finished nor
  rejected: its budget less what its contracts have paid out and still bind, never below zero, so
  money already in the outcome or in bundet is not counted twice.
- **manuell justering**: ``BudgetYear.adjustment_ore`` (may be negative), always with a reason
  (``budget.set_adjustment``: audited and versioned with the year's row).

A **closed** year (before the year of ``today``) has prognos = utfall: nothing more can be bound to it.
**Avvikelse** = prognos − budget (a missing budget counts as 0, so a line with commitments but no
budget is over budget). **Ackumulerat kapital** = the unspent budget (budget − utfall) of the closed
years — as carried into a given year, the closed years before it: the board's table in 2023 has 2022's
15 250 000 − 8 242 920 = 7 007 080 kr."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date

from sqlmodel import or_, select

from shk_tui.db.engine import Database, sv_order
from shk_tui.db.models import BudgetLine, BudgetYear, Contract, Initiative, Payment
from shk_tui.enums import ContractStatus, PaymentDirection, Phase
from shk_tui.services.budget.budget import group_label

#: Phases whose initiative has a decided budget even without a decision date (started).
STARTED: tuple[Phase, ...] = (Phase.FAS_1, Phase.FAS_2)
#: Phases whose initiative expects no more spending.
ENDED: tuple[Phase, ...] = (Phase.AVSLUTAD, Phase.AVSLAGEN)


@dataclass(frozen=True)
class LineForecast:
    """One budget line (kind "line"), a group's subtotal ("group") or the total ("total") in one year."""

    kind: str
    label: str
    group: str
    year: int
    closed: bool
    budget_ore: int | None = None
    outcome_ore: int | None = None
    committed_ore: int = 0  # bundet (0 in a closed year)
    initiatives_ore: int = 0  # remaining budget of decided initiatives (0 in a closed year)
    adjustment_ore: int | None = None  # as stored; no effect in a closed year
    adjustment_reason: str | None = None
    income_ore: int = 0  # unpaid inbetalningar: shown beside, never netted
    line_id: int | None = None
    version: int = 0  # of the stored year row (0: none yet), for budget.set_adjustment

    @property
    def forecast_ore(self) -> int:
        if self.closed:
            return self.outcome_ore or 0
        return (self.outcome_ore or 0) + self.committed_ore + self.initiatives_ore + (self.adjustment_ore or 0)

    @property
    def deviation_ore(self) -> int:
        """prognos − budget: positive is over budget."""
        return self.forecast_ore - (self.budget_ore or 0)

    @property
    def over_budget(self) -> bool:
        return self.deviation_ore > 0

    def plus(self, other: LineForecast) -> LineForecast:
        """The sum of two rows of the same year (a subtotal keeps this row's kind and label)."""
        def add(a: int | None, b: int | None) -> int | None:
            return None if a is None and b is None else (a or 0) + (b or 0)

        return replace(
            self, budget_ore=add(self.budget_ore, other.budget_ore), outcome_ore=add(self.outcome_ore, other.outcome_ore),
            committed_ore=self.committed_ore + other.committed_ore,
            initiatives_ore=self.initiatives_ore + other.initiatives_ore,
            adjustment_ore=add(self.adjustment_ore, other.adjustment_ore), adjustment_reason=None,
            income_ore=self.income_ore + other.income_ore, line_id=None, version=0,
        )


@dataclass(frozen=True)
class Capital:
    """Ackumulerat kapital: the unspent budget of each closed year counted, and their sum."""

    years: tuple[tuple[int, int], ...] = ()  # (year, budget − outcome)

    @property
    def total_ore(self) -> int:
        return sum(amount for _, amount in self.years)

    @property
    def span(self) -> str:
        """'2022' or '2022–2025' ('' when no year is closed)."""
        if not self.years:
            return ""
        first, last = self.years[0][0], self.years[-1][0]
        return str(first) if first == last else f"{first}–{last}"


@dataclass
class YearForecast:
    """Every budget line in one year, each group followed by its subtotal, then the total."""

    year: int
    closed: bool
    rows: list[LineForecast] = field(default_factory=list)
    capital: Capital = field(default_factory=Capital)

    @property
    def lines(self) -> list[LineForecast]:
        return [r for r in self.rows if r.kind == "line"]

    @property
    def total(self) -> LineForecast:
        return self.rows[-1]

    def line(self, name: str) -> LineForecast:
        return next(r for r in self.lines if r.label == name)


def is_closed(year: int, today: date) -> bool:
    return year < today.year


def _unpaid(amount: int, paid: int | None) -> int:
    return max(0, amount - (paid or 0))


def _binds(status: ContractStatus, archived_on: date | None) -> bool:
    return status is ContractStatus.AKTIVT and archived_on is None


Amounts = dict[tuple[int, int], int]


def _money(db: Database) -> tuple[Amounts, Amounts, Amounts]:
    """(committed, income, initiatives' remaining) per (line id, year)."""
    committed: Amounts = defaultdict(int)
    income: Amounts = defaultdict(int)
    spent: dict[int, int] = defaultdict(int)  # per initiative: paid out + still bound by its contracts
    with db.read() as s:
        payments = s.exec(
            select(Payment.amount_ore, Payment.paid_amount_ore, Payment.direction, Payment.due_on,
                   Contract.budget_line_id, Contract.budget_year, Contract.status, Contract.archived_on,
                   Contract.initiative_id)
            .join(Contract, Contract.id == Payment.contract_id)
            .where(or_(Contract.budget_line_id.is_not(None), Contract.initiative_id.is_not(None)))
        ).all()
        initiatives = s.exec(
            select(Initiative.id, Initiative.budget_line_id, Initiative.budget_year, Initiative.budget_ore)
            .where(Initiative.budget_line_id.is_not(None), Initiative.budget_year.is_not(None),
                   Initiative.phase.not_in(ENDED),
                   or_(Initiative.decided_on.is_not(None), Initiative.phase.in_(STARTED)))
        ).all()
    for amount, paid, direction, due_on, line_id, year, status, archived_on, initiative_id in payments:
        binds = _binds(status, archived_on)
        unpaid = _unpaid(amount, paid) if binds else 0
        if direction is PaymentDirection.IN:
            if line_id is not None and unpaid:
                income[(line_id, year or due_on.year)] += unpaid
            continue
        if line_id is not None and unpaid:
            committed[(line_id, year or due_on.year)] += unpaid
        if initiative_id is not None:
            spent[initiative_id] += min(paid or 0, amount) + unpaid
    remaining: Amounts = defaultdict(int)
    for initiative_id, line_id, year, budget in initiatives:
        if line_id is not None and year is not None:  # the query asks for both
            remaining[(line_id, year)] += max(0, budget - spent[initiative_id])
    return committed, income, remaining


def _lines(db: Database) -> list[tuple[int, str, str]]:
    with db.read() as s:
        rows = s.exec(select(BudgetLine.id, BudgetLine.name, BudgetLine.group)
                      .order_by(BudgetLine.position, sv_order(BudgetLine.name))).all()
    return [(lid, name, group) for lid, name, group in rows]


def _figures(db: Database) -> dict[tuple[int, int], tuple]:
    with db.read() as s:
        rows = s.exec(select(BudgetYear.line_id, BudgetYear.year, BudgetYear.budget_ore, BudgetYear.outcome_ore,
                             BudgetYear.adjustment_ore, BudgetYear.adjustment_reason, BudgetYear.version)).all()
    return {(r[0], r[1]): tuple(r[2:]) for r in rows}


def line_forecasts(db: Database, years: list[int], today: date) -> dict[tuple[int, int], LineForecast]:
    """Every budget line's forecast in each of ``years``, by (line id, year): for Budget's columns."""
    committed, income, remaining = _money(db)
    figures = _figures(db)
    out: dict[tuple[int, int], LineForecast] = {}
    for line_id, name, group in _lines(db):
        for year in years:
            closed = is_closed(year, today)
            budget_ore, outcome_ore, adjustment, reason, version = figures.get((line_id, year), (None,) * 4 + (0,))
            key = (line_id, year)
            out[key] = LineForecast(
                "line", name, group, year, closed, budget_ore, outcome_ore,
                0 if closed else committed.get(key, 0), 0 if closed else remaining.get(key, 0),
                adjustment, reason, 0 if closed else income.get(key, 0), line_id, version,
            )
    return out


def accumulated_capital(db: Database, today: date, before: int | None = None) -> Capital:
    """The unspent budget of each closed year (before ``before`` too, when given: the capital carried
    into that year), summed over the lines; a missing outcome counts as 0, as in Budget's Kvar."""
    last = today.year if before is None else min(before, today.year)
    with db.read() as s:
        rows = s.exec(select(BudgetYear.year, BudgetYear.budget_ore, BudgetYear.outcome_ore)
                      .where(BudgetYear.year < last)).all()
    unspent: dict[int, int] = defaultdict(int)
    for year, budget_ore, outcome_ore in rows:
        unspent[year] += (budget_ore or 0) - (outcome_ore or 0)
    return Capital(tuple(sorted(unspent.items())))


def year_forecast(db: Database, year: int, today: date) -> YearForecast:
    """One year: every line (in Budget's order), each group's subtotal ("Summa …"), the total
    ("TOTALT"), and the accumulated capital carried into the year."""
    closed = is_closed(year, today)
    result = YearForecast(year, closed, capital=accumulated_capital(db, today, before=year))
    groups: dict[str, list[LineForecast]] = {}
    for (_, _), row in line_forecasts(db, [year], today).items():
        groups.setdefault(row.group, []).append(row)
    grand = LineForecast("total", "TOTALT", "", year, closed)
    for group, rows in groups.items():
        result.rows.extend(rows)
        subtotal = LineForecast("group", f"Summa {group_label(group).lower()}", group, year, closed)
        for row in rows:
            subtotal = subtotal.plus(row)
        result.rows.append(subtotal)
        grand = grand.plus(subtotal)
    result.rows.append(grand)
    return result


def years(db: Database, today: date) -> list[int]:
    """The years worth a forecast: every year with a budget figure or a link, and this year."""
    with db.read() as s:
        found = set(s.exec(select(BudgetYear.year).distinct()).all())
        for model in (Contract, Initiative):
            found |= {y for y in s.exec(select(model.budget_year).distinct()).all() if y is not None}
    return sorted(found | {today.year})
