"""Which contracts have an auto-renewal due on a day (the end date passed, no notice given): the rule of
``contract_notes.roll_renewals``, read through ``db.light`` so Översikt's start can ask it before
SQLAlchemy and the models are imported (on a day when nothing is due, the usual case, nothing is rolled
and the start needs nothing more)."""

from __future__ import annotations

from datetime import date
from typing import Any

from shk_tui.db import light
from shk_tui.enums import ContractStatus
from shk_tui.services.contracts import contract_rules as rules


def due(db: Any, today: date, contract_id: int | None = None) -> list[int]:
    """The ids of the contracts (of ``contract_id`` alone, when given) whose auto-renewal is due on
    ``today``; ``db`` a Database or a ``light.Reader``."""
    rows = light.rows_of(db).all(
        "SELECT id, ends_on, renewal_months, status FROM contract"
        " WHERE auto_renew = :yes AND ends_on < :today AND status IN :live"
        + (" AND id = :cid" if contract_id is not None else ""),
        yes=True, today=today, live=tuple(rules.LIVE_STATUSES), cid=contract_id,
    )
    return [cid for cid, ends_on, months, status in rows
            if rules.renewal(light.day(ends_on), auto_renew=True, renewal_months=months,
                             status=ContractStatus(status), today=today) is not None]
