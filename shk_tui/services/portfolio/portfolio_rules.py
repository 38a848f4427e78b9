"""The portfolio's decision rule as plain constants and functions (no database, no SQLAlchemy): light
enough for Översikt's providers and ``shk due`` (``services.attention``), re-exported by ``portfolio``."""

from __future__ import annotations

from shk_tui.enums import DecisionLevel, Phase

#: Up to and including this budget the processledare may decide (200 000 kr).
DECISION_THRESHOLD_ORE = 200_000_00
#: Phases in which an initiative has been started (money is spent): the decision rule applies.
STARTED_PHASES: tuple[Phase, ...] = (Phase.FAS_1, Phase.FAS_2)
#: The recorded deciders (``Initiative.decided_by``, casefolded) that are Core Team's or the board's.
HIGH_DECIDERS = frozenset({"core team", "styrelse", "styrelse/core team"})


def decision_level(budget_ore: int | None) -> DecisionLevel:
    """≤ 200 000 kr → processledare; > 200 000 kr → styrelse/Core Team."""
    return DecisionLevel.STYRELSE if (budget_ore or 0) > DECISION_THRESHOLD_ORE else DecisionLevel.PROCESSLEDARE
