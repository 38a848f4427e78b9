"""Översikt's row for the budget: lines over 90 % used this year (or the latest year with outcome).
Light (``db.light`` reads, no SQLAlchemy): Översikt's first rows and ``shk due`` import it from a cold
process."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from shk_tui.db import light
from shk_tui.fmt import format_kr
from shk_tui.services.attention import AttentionItem

if TYPE_CHECKING:
    from shk_tui.db.engine import Database

#: A line whose outcome passes this share of its budget shows on Översikt.
WARN_SHARE = 0.9

_USED = """
SELECT l.id, l.name, y.year, y.budget_ore, y.outcome_ore, y.outcome_as_of
FROM budget_line l JOIN budget_year y ON y.line_id = l.id
WHERE y.budget_ore > 0 AND y.outcome_ore IS NOT NULL AND y.year <= :year
ORDER BY y.year DESC, l.position, l.id
"""


def attention_items(db: Database | light.Reader, today: date) -> list[AttentionItem]:
    """Budget lines over 90 % used this year (or the latest year with outcome)."""
    found = light.rows_of(db).all(_USED, year=today.year)
    latest = max((r[2] for r in found), default=None)
    items = []
    for line_id, name, year, budget, outcome, as_of in found:
        if year != latest or outcome < WARN_SHARE * budget:
            continue
        share = outcome / budget
        items.append(AttentionItem(
            "Budgetrader över 90 % förbrukade", 0 if share >= 1 else 1, light.day(as_of),
            f"{name} {year}: {round(share * 100)} % ({format_kr(outcome)} av {format_kr(budget)})",
            "budget", line_id,
        ))
    return items
