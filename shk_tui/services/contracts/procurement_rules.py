"""The procurement rules of LOU (SFS 2016:1145) as data, and the pure checks built on them.

The rules live in the packaged ``shk_tui/data/procurement_rules.csv`` (columns ``rule_id``, ``sector``,
``effective_from``, ``amount_ore``, ``source``), so a new limit is a new row, not new code. The rule in
force on a day is the newest row of its id and sector with ``effective_from`` on or before that day.

- ``direktupphandlingsgrans``: direktupphandling is allowed only when the estimated value is *under* the
  limit (LOU 19 a kap.: "understiger"): 699 999 kr is allowed, 700 000 kr is not.
- ``dokumentationsplikt``: a direktupphandling whose value is *above* the amount (100 000 kr) must be
  documented (LOU 19 kap. 30 §).
- Uppdelning: direct awards of one category within ``SPLIT_MONTHS`` (12) months are added up (LOU counts
  direct awards "av samma slag"); when together they reach the limit, each of them is at risk of being
  an unlawful split ("risk för otillåten uppdelning"). Purchases from the *same* supplier count too: the
  law adds up purchases of the same kind whoever sells them, and several orders from one supplier are
  the plainest split. Purchases at least 12 months apart are not added up.

The estimated total value of a contract (``estimated_value``) is the user's own estimate when recorded
(``Contract.estimated_value_ore``), else computed: ``Contract.amount_ore`` is the value of the agreed
term (``starts_on``–``ends_on``; the sum of its payments when no amount is given), and an automatic
renewal adds the value of one renewal period pro rata: amount × renewal months ÷ term months (a term
without dates counts as 12 months). 400 000 kr for a year with a 12-month automatic renewal is
800 000 kr. A contract that will renew many times should carry its own estimate.

Pure: no database, no Textual."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from shk_tui import data_text
from shk_tui.enums import ProcurementRoute
from shk_tui.fmt import format_kr
from shk_tui.services.contracts.contract_rules import DEFAULT_RENEWAL_MONTHS, add_months

RULES_FILE = "procurement_rules.csv"
DIRECT_LIMIT = "direktupphandlingsgrans"
DOCUMENTATION = "dokumentationsplikt"
CLASSIC = "klassisk"
#: Direct awards of one category within this many months are added up.
SPLIT_MONTHS = 12
_MONTH_DAYS = 365.25 / 12

#: Routes whose purchases count as direct awards for the split rule (an unset route might be one).
SPLIT_ROUTES: tuple[ProcurementRoute | None, ...] = (ProcurementRoute.DIREKT, None)


@dataclass(frozen=True)
class Rule:
    rule_id: str
    sector: str
    effective_from: date
    amount_ore: int
    source: str


def parse_rules(text: str) -> tuple[Rule, ...]:
    """The rules in a CSV text (header ``rule_id,sector,effective_from,amount_ore,source``); a row that
    cannot be read raises ValueError naming its line."""
    rules = []
    for line, row in enumerate(csv.DictReader(text.splitlines()), start=2):
        try:
            rules.append(Rule(row["rule_id"].strip(), row["sector"].strip(),
                              date.fromisoformat(row["effective_from"].strip()), int(row["amount_ore"]),
                              (row.get("source") or "").strip()))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ValueError(f"{RULES_FILE} rad {line}: {exc}") from exc
    return tuple(rules)


@lru_cache(maxsize=1)
def packaged_rules() -> tuple[Rule, ...]:
    """The rules shipped in ``shk_tui/data/procurement_rules.csv``."""
    return parse_rules(data_text(RULES_FILE))


def in_force(rule_id: str, day: date, rules: Sequence[Rule] | None = None, sector: str = CLASSIC) -> Rule | None:
    """The rule ``rule_id`` of ``sector`` in force on ``day``: the newest with effective_from ≤ day."""
    found = [r for r in (packaged_rules() if rules is None else rules)
             if r.rule_id == rule_id and r.sector == sector and r.effective_from <= day]
    return max(found, key=lambda r: r.effective_from, default=None)


def direct_award_allowed(value_ore: int, day: date, rules: Sequence[Rule] | None = None) -> bool:
    """Whether a purchase of ``value_ore`` may be a direktupphandling on ``day`` (value under the limit)."""
    limit = in_force(DIRECT_LIMIT, day, rules)
    return limit is None or value_ore < limit.amount_ore


def term_months(starts_on: date | None, ends_on: date | None) -> int:
    """The agreed term in whole months (nearest; at least 1); 12 without both dates."""
    if starts_on is None or ends_on is None or ends_on < starts_on:
        return 12
    return max(1, round(((ends_on + timedelta(days=1)) - starts_on).days / _MONTH_DAYS))


def estimated_value(*, estimated_value_ore: int | None, amount_ore: int | None, payments_ore: int | None = None,
                    starts_on: date | None = None, ends_on: date | None = None, auto_renew: bool = False,
                    renewal_months: int | None = None) -> int | None:
    """A contract's estimated total value in öre (see the module docstring), or None when nothing is known."""
    if estimated_value_ore is not None:
        return estimated_value_ore
    base = amount_ore if amount_ore is not None else payments_ore
    if base is None:
        return None
    if not auto_renew:
        return base
    months = renewal_months or DEFAULT_RENEWAL_MONTHS
    return base + round(base * months / term_months(starts_on, ends_on))


@dataclass(frozen=True)
class Purchase:
    """One contract as the rules see it. ``day``: when it was bought (signed, else started, else today)."""

    contract_id: int
    category: str | None
    route: ProcurementRoute | None
    value_ore: int | None
    day: date
    documented: bool = False


@dataclass(frozen=True)
class Warning:
    """One finding about a contract. ``kind``: OVER_LIMIT, UNDOCUMENTED or SPLIT; ``text`` short Swedish."""

    kind: str
    text: str


OVER_LIMIT, UNDOCUMENTED, SPLIT = "OVER_LIMIT", "UNDOCUMENTED", "SPLIT"


def category_key(category: str | None) -> str:
    """Categories are compared without case and surrounding or repeated spaces."""
    return " ".join((category or "").split()).casefold()


def single_warnings(p: Purchase, rules: Sequence[Rule] | None = None) -> list[Warning]:
    """The rules about one direktupphandling on its own: over the limit, undocumented above 100 000 kr."""
    if p.route is not ProcurementRoute.DIREKT or p.value_ore is None:
        return []
    out = []
    limit = in_force(DIRECT_LIMIT, p.day, rules)
    if limit is not None and p.value_ore >= limit.amount_ore:
        out.append(Warning(OVER_LIMIT, f"Direktupphandling på {format_kr(p.value_ore)}: inte under "
                                       f"direktupphandlingsgränsen {format_kr(limit.amount_ore)}"))
    duty = in_force(DOCUMENTATION, p.day, rules)
    if duty is not None and p.value_ore > duty.amount_ore and not p.documented:
        out.append(Warning(UNDOCUMENTED, f"Direktupphandling över {format_kr(duty.amount_ore)} utan dokumentation"))
    return out


def split_warnings(purchases: Iterable[Purchase], rules: Sequence[Rule] | None = None) -> dict[int, Warning]:
    """Contract id → "risk för otillåten uppdelning" for the direct awards (route direkt or unset) of one
    category that, with others of the category bought less than 12 months before or after, reach the limit
    in force on the latest purchase's day. Two or more purchases are needed; one alone is ``single_warnings``'."""
    by_category: dict[str, list[Purchase]] = {}
    for p in purchases:
        if category_key(p.category) and p.route in SPLIT_ROUTES and p.value_ore is not None:
            by_category.setdefault(category_key(p.category), []).append(p)
    found: dict[int, tuple[int, Warning]] = {}
    for group in by_category.values():
        group.sort(key=lambda p: (p.day, p.contract_id))
        first = 0
        for last, newest in enumerate(group):
            while add_months(group[first].day, SPLIT_MONTHS) <= newest.day:
                first += 1
            window = group[first:last + 1]
            total = sum(p.value_ore or 0 for p in window)
            limit = in_force(DIRECT_LIMIT, newest.day, rules)
            if len(window) < 2 or limit is None or total < limit.amount_ore:
                continue
            text = (f"Risk för otillåten uppdelning: {newest.category.strip() if newest.category else ''} "
                    f"{format_kr(total)} i {len(window)} köp inom {SPLIT_MONTHS} månader "
                    f"(gräns {format_kr(limit.amount_ore)})")
            for p in window:
                if p.contract_id not in found or found[p.contract_id][0] < total:
                    found[p.contract_id] = (total, Warning(SPLIT, text))
    return {cid: warning for cid, (_, warning) in found.items()}


def warnings(purchases: Sequence[Purchase], rules: Sequence[Rule] | None = None) -> dict[int, list[Warning]]:
    """Contract id → its warnings (only contracts with at least one)."""
    out: dict[int, list[Warning]] = {}
    for p in purchases:
        if found := single_warnings(p, rules):
            out[p.contract_id] = found
    for cid, warning in split_warnings(purchases, rules).items():
        out.setdefault(cid, []).append(warning)
    return out
