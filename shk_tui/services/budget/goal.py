"""Board goal 5: raise external funding by at least 10 Mkr.

Progress counts *granted* money from *external* funders (``FunderKind.EXTERN``); the parties' own money
(``FunderKind.PART``, e.g. the rector's 10 Mkr strategic grant from MDU) is shown beside it and never
counted toward the goal. What an application counts is Samhällskontraktet's share of it
(``sk_share_ore``, for a consortium application such as the 80 Mkr Horizon application) when recorded,
else its whole amount; once granted, the granted amount (``granted_ore``) when recorded, capped by the
share. Pending (inskickad) and in-progress (under arbete) sums are given per kind for information; the
status is ``applications.effective_status`` (a submitted one without a decision is inskickad)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import select

from shk_tui.db.engine import Database
from shk_tui.db.models import FundingApplication
from shk_tui.enums import ApplicationStatus, FunderKind
from shk_tui.services.budget.applications import GOAL_ORE, effective_status

#: Board goal 5: at least 10 000 000 kr of external funding.
TARGET_ORE = GOAL_ORE


def counted_ore(amount_ore: int, sk_share_ore: int | None, granted_ore: int | None = None,
                status: ApplicationStatus | None = None) -> int:
    """What one application counts: our share (or the whole amount); for a granted one the granted
    amount when known, never more than our share."""
    ours = amount_ore if sk_share_ore is None else sk_share_ore
    if status is ApplicationStatus.BEVILJAD and granted_ore is not None:
        return granted_ore if sk_share_ore is None else min(granted_ore, sk_share_ore)
    return ours


@dataclass(frozen=True)
class KindSums:
    granted_ore: int = 0
    pending_ore: int = 0  # inskickad
    in_progress_ore: int = 0  # under arbete


@dataclass(frozen=True)
class GoalProgress:
    target_ore: int
    external: KindSums  # counts toward the goal (granted)
    own: KindSums  # the parties' own money, shown beside it

    @property
    def granted_ore(self) -> int:
        """Granted external money: the progress toward the target."""
        return self.external.granted_ore

    @property
    def own_granted_ore(self) -> int:
        return self.own.granted_ore

    @property
    def share(self) -> float:
        return self.external.granted_ore / self.target_ore if self.target_ore else 0.0

    @property
    def reached(self) -> bool:
        return self.external.granted_ore >= self.target_ore


def progress(db: Database) -> GoalProgress:
    """Goal 5's figures: granted external money vs the target, with the parties' own money beside it."""
    sums: dict[tuple[FunderKind, ApplicationStatus], int] = {}
    with db.read() as s:
        found = s.exec(select(FundingApplication.funder_kind, FundingApplication.status,
                              FundingApplication.submitted_on, FundingApplication.amount_ore,
                              FundingApplication.sk_share_ore, FundingApplication.granted_ore)).all()
    for kind, stored, submitted_on, amount, share, granted in found:
        status = effective_status(stored, submitted_on)
        key = (kind, status)
        sums[key] = sums.get(key, 0) + counted_ore(amount, share, granted, status)

    def kind_sums(kind: FunderKind) -> KindSums:
        return KindSums(sums.get((kind, ApplicationStatus.BEVILJAD), 0), sums.get((kind, ApplicationStatus.INSKICKAD), 0),
                        sums.get((kind, ApplicationStatus.UNDER_ARBETE), 0))

    return GoalProgress(TARGET_ORE, kind_sums(FunderKind.EXTERN), kind_sums(FunderKind.PART))


def kind_label(kind: FunderKind) -> str:
    """The applications export's column: "extern" or "parternas"."""
    return "extern" if kind is FunderKind.EXTERN else "parternas"
