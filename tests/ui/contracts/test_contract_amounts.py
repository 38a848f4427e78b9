"""Amounts in Avtal: whole kronor unless there are öre ("60 000 kr", not "60 000,00 kr"), in the schedule's
preview as everywhere else; an instalment with öre shows öre on every row so the column lines up; and
the count of instalments in Swedish singular or plural."""

from __future__ import annotations

from shk_tui.services.contracts.contract_rules import Interval
from shk_tui.ui.contracts.payment_schedule import preview_text


def preview(amount: str, count: str) -> list[str]:
    return preview_text({"amount": amount, "interval": Interval.QUARTERLY.value, "count": count,
                         "first_due": "2027-01-31", "dates": ""}).splitlines()


def test_whole_instalments_show_whole_kronor():
    lines = preview("240 000", "4")
    assert [line.split(maxsplit=1)[1].strip() for line in lines[:4]] == ["60 000 kr"] * 4
    assert lines[-1] == "4 delbetalningar, summa 240 000 kr"
    assert ",00" not in "\n".join(lines)


def test_an_instalment_with_öre_shows_öre_on_every_row_and_one_is_singular():
    lines = preview("100 000,01", "4")
    assert [line.split(maxsplit=1)[1].strip() for line in lines[:4]] == ["25 000,00 kr"] * 3 + ["25 000,01 kr"]
    assert len({len(line) for line in lines[:4]}) == 1  # the column lines up
    assert lines[-1] == "4 delbetalningar, summa 100 000,01 kr"
    assert preview("5 000", "1")[-1] == "1 delbetalning, summa 5 000 kr"
