"""Archiving a contract, the other way: what archiving a live contract leaves behind (the question
asked first), taking a contract out of the archive, and undoing an archive. Archiving itself is
``contract_edit.archive_contract`` (it returns :class:`Archived`, what the undo needs). Every write is
one transaction, audited and checked against the version the user saw."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from shk_tui.db.engine import Database
from shk_tui.db.models import Contract
from shk_tui.enums import ContractStatus, PaymentStatus
from shk_tui.fmt import count, format_kr
from shk_tui.services import versioning
from shk_tui.services.contracts.contracts import ContractDetail
from shk_tui.services.rows import existing

#: The statuses archiving turns into avslutat (contract_edit.archive_contract).
LIVE = (ContractStatus.AKTIVT, ContractStatus.UNDER_SIGNERING, ContractStatus.UTKAST)
LABELS = {"archived_on": "Arkiverat", "archive_location": "Arkivplats", "status": "Status"}


@dataclass(frozen=True)
class Archived:
    """What an archive changed: the values before it and the contract's version after it."""

    contract_id: int
    title: str
    status: ContractStatus
    archived_on: date | None
    archive_location: str | None
    version: int


@dataclass(frozen=True)
class Concerns:
    """What is still going on in a live contract about to be archived (and so ended)."""

    unpaid: int  # payments not fully paid: planned, partly paid or overdue
    overdue: int
    unpaid_ore: int
    auto_renew: bool
    renewal_months: int | None

    def __bool__(self) -> bool:
        return bool(self.unpaid or self.auto_renew)


def concerns(d: ContractDetail) -> Concerns:
    """For a live contract (one archiving ends): its unpaid payments and automatic renewal. Nothing
    for a contract already ended or archived."""
    if d.status not in LIVE or d.archived_on is not None:
        return Concerns(0, 0, 0, False, None)
    unpaid = [p for p in d.payments if p.status != PaymentStatus.BETALD]
    return Concerns(len(unpaid), sum(p.status == PaymentStatus.FORFALLEN for p in unpaid),
                    sum(p.remaining_ore for p in unpaid), d.auto_renew, d.renewal_months)


def concerns_text(c: Concerns, status: ContractStatus) -> str:
    """The question's text, naming what is left with counts: "Avtalet är aktivt och har 3 planerade
    utbetalningar kvar att betala (… kr, varav 1 förfallen) och automatisk förlängning …"."""
    parts = []
    if c.unpaid:
        overdue = f", varav {c.overdue} förfallen" if c.overdue == 1 else (
            f", varav {c.overdue} förfallna" if c.overdue else "")
        parts.append(f"{count(c.unpaid, 'planerad utbetalning', 'planerade utbetalningar')} kvar att betala "
                     f"({format_kr(c.unpaid_ore)}{overdue})")
    if c.auto_renew:
        parts.append(f"automatisk förlängning ({c.renewal_months or 12} mån i taget)")
    what = " och ".join(parts)
    return (f"Avtalet är {status.label.lower()} och har {what}. Arkiveringen avslutar avtalet: "
            "utbetalningarna ligger kvar men avtalet förlängs inte längre. Arkivera ändå?")


def unarchive_contract(db: Database, contract_id: int, *, expected_version: int | None = None) -> str:
    """Take a contract out of the archive: no archive date any more (the place is kept, for the next
    time). Its status stays (archiving a live one made it avslutat: ``e`` changes it). Returns the
    contract's title. StaleEdit when it changed since ``expected_version``."""
    with versioning.session(db) as s:
        c = existing(s, Contract, contract_id, f"Avtalet finns inte (id {contract_id})")
        versioning.check_version(c, expected_version, {"archived_on": None}, LABELS)
        c.archived_on = None
        s.add(c)
        return c.title


def undo_archive(db: Database, a: Archived) -> None:
    """Put back what :class:`Archived` says the archive changed (ctrl+z). StaleEdit when the contract
    changed after the archive."""
    with versioning.session(db) as s:
        c = existing(s, Contract, a.contract_id, f"Avtalet finns inte längre: {a.title}")
        versioning.check_version(c, a.version, {"archived_on": a.archived_on, "status": a.status}, LABELS)
        c.archived_on, c.archive_location, c.status = a.archived_on, a.archive_location, a.status
        s.add(c)
