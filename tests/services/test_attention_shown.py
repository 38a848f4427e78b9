"""Översikt's list (``attention.collect_shown``, #17): the first ``per_category`` items of each category and
every category's whole count, read without building the items it leaves out (the payments). It is exactly
``collect`` cut: the same first rows in the same order, ties on a due day and partly paid rows included,
on SQLite and on PostgreSQL, through the Database and through a plain ``SqliteReader`` on the file."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest

from shk_tui.db.light import SqliteReader
from shk_tui.db.models import Contract, Payment
from shk_tui.enums import ContractStatus
from shk_tui.services import attention
from shk_tui.services.contracts import contract_attention as att
from shk_tui.services.demo import seed as demo

SEEDED = date(2026, 11, 25)


def expected(items: list[attention.AttentionItem], per_category: int) -> tuple[list, dict[str, int]]:
    seen: Counter[str] = Counter()
    kept = []
    for item in items:
        seen[item.category] += 1
        if seen[item.category] <= per_category:
            kept.append(item)
    return kept, dict(Counter(i.category for i in items))


def many_payments(db, today: date) -> None:
    """Overdue and due payments, several on one day under titles that sort otherwise than their ids, some
    partly paid, some paid (not listed), some later than 30 days."""
    with db.session() as s:
        contracts = [Contract(title=title, status=ContractStatus.AKTIVT, diarienummer=f"D {n}")
                     for n, title in enumerate(("Öppna förskolan", "Avtal", "Bo bra", "Avtal B", "Ängen"))]
        s.add_all(contracts)
        s.flush()
        payments = []
        for n in range(90):
            contract = contracts[n % len(contracts)]
            due = today + timedelta(days=(n // 4) - 12)  # four on a day: ties at every cut
            paid = {0: 0, 1: 500_00, 2: None}.get(n % 7)  # some partly paid, one in seven wholly
            payments.append(Payment(contract_id=contract.id, due_on=due, amount_ore=1000_00 + n,
                                    paid_amount_ore=1000_00 + n if n % 7 == 3 else paid))
        payments += [Payment(contract_id=contracts[0].id, due_on=today + timedelta(days=45), amount_ore=100)]
        s.add_all(payments)


@pytest.mark.parametrize("per_category", [1, 3, 25])
def test_shown_is_collect_cut(db, per_category: int) -> None:
    demo.load(db, today=SEEDED)
    many_payments(db, SEEDED)
    for day in (SEEDED, SEEDED + timedelta(days=5), SEEDED - timedelta(days=40)):
        items = attention.collect(db, day)
        kept, counts = expected(items, per_category)
        shown = attention.collect_shown(db, day, per_category)
        assert shown.items == kept, day
        assert shown.counts == counts and shown.total == len(items), day
        if day == SEEDED:  # more than are listed, in both payment categories
            assert counts[att.OVERDUE] > 25 and counts[att.DUE_SOON] > 25


def test_shown_through_a_plain_reader(sqlite_db) -> None:
    many_payments(sqlite_db, SEEDED)
    reader = SqliteReader(sqlite_db.config.sqlite_path)
    try:
        shown = attention.collect_shown(reader, SEEDED, 5)
    finally:
        reader.close()
    assert shown == attention.collect_shown(sqlite_db, SEEDED, 5)
    assert shown.counts[att.OVERDUE] == len([i for i in attention.collect(sqlite_db, SEEDED)
                                             if i.category == att.OVERDUE]) > 5
    assert [i.category for i in shown.items].count(att.OVERDUE) == 5


def test_nothing_to_show() -> None:
    assert attention.cut([], 25) == attention.Shown([], {})
    assert attention.Shown([], {}).total == 0
