"""Översikt's rows for the portfolio: proposals waiting for triage, initiatives whose next step date has
passed. Light (``db.light`` reads, no SQLAlchemy): Översikt's first rows and ``shk due`` import it from a
cold process."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from shk_tui.db import light
from shk_tui.enums import DecisionLevel, Phase
from shk_tui.fmt import format_kr
from shk_tui.services.attention import AttentionItem
from shk_tui.services.portfolio.portfolio_rules import DECISION_THRESHOLD_ORE, decision_level

if TYPE_CHECKING:
    from shk_tui.db.engine import Database

#: Phases whose next step no longer matters.
_CLOSED = (Phase.AVSLUTAD, Phase.AVSLAGEN, Phase.PAUSAD)
_WAITING = "SELECT id, name, budget_ore, created_at FROM initiative WHERE phase = :proposed ORDER BY created_at, id"
_LATE = """
SELECT id, name, next_step, next_step_on FROM initiative
WHERE next_step_on < :today AND phase NOT IN :closed
ORDER BY next_step_on, id
"""


def attention_items(db: Database | light.Reader, today: date) -> list[AttentionItem]:
    """Proposals waiting for triage (one row; its target, the oldest proposal, opens triage there);
    initiatives whose next step date has passed (one row each)."""
    rows = light.rows_of(db)
    waiting = rows.all(_WAITING, proposed=Phase.FORSLAG)
    late = rows.all(_LATE, today=today, closed=_CLOSED)
    items: list[AttentionItem] = []
    if waiting:
        created = light.moment(waiting[0][3])
        oldest = created.date() if created else None
        severity = 1 if oldest and oldest <= today - timedelta(days=14) else 2
        over = sum(1 for w in waiting if decision_level(w[2]) is DecisionLevel.STYRELSE)
        text = f"{len(waiting)} förslag väntar på triagering (äldst: {waiting[0][1]})"
        if over:
            text += f"; {over} över {format_kr(DECISION_THRESHOLD_ORE)} kräver beslut av Core Team/styrelse"
        items.append(AttentionItem("Förslag att triagera", severity, oldest, text, "portfolj", waiting[0][0]))
    for iid, name, step, on in late:
        when = light.day(on)
        assert when is not None  # WHERE next_step_on < today
        items.append(AttentionItem(
            "Initiativ med passerat nästa steg", 0, when, f"{name}: {step or 'nästa steg'} ({when.isoformat()})",
            "portfolj", iid,
        ))
    return items
