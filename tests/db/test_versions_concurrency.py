"""Money changes are atomic: people marking a payment paid at the same moment (two threads, two
connections, on PostgreSQL where transactions really overlap) all succeed and every amount is kept."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from shk_tui.services.contracts import contract_edit, contracts, payments

TODAY = date(2026, 11, 25)


def test_concurrent_mark_paid_adds_up(db):
    if db.dialect != "postgresql":
        pytest.skip("SQLite has one writer at a time: transactions do not overlap")
    cid = contract_edit.save_contract(db, {"title": "Konsult", "status": "aktivt"})
    pid = payments.add_payment(db, cid, "2026-12-31", "10 000")
    rounds = 15
    start = threading.Barrier(2)
    failures: list[BaseException] = []

    def pay() -> None:
        start.wait()
        for _ in range(rounds):
            try:
                payments.mark_paid(db, pid, "2026-11-25", "100", today=TODAY)
            except BaseException as exc:  # noqa: BLE001 - collected and asserted on below
                failures.append(exc)

    threads = [threading.Thread(target=pay) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    row = contracts.get_contract(db, cid, TODAY).payments[0]
    assert row.paid_amount_ore == 2 * rounds * 100_00
    assert row.version == 1 + 2 * rounds
