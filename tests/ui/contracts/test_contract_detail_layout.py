"""Pilot: a contract at 80×24 and 120×40, for every contract of the example data: the payment schedule is in
view with its first payment still to pay, and every line of the fields has labels only in the label
columns (a long value wraps inside its own column, never under the labels)."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Static

from shk_tui.services.contracts import contract_money, contracts
from shk_tui.ui.contracts.contract_detail import ContractDetailScreen
from shk_tui.ui.contracts.contract_info import pairs
from tests.ui.conftest import TODAY, settle

SIZES = [(80, 24), (120, 40)]


def label_words(d, money=None) -> set[str]:
    """Every label, and each word of one (a label wider than its column wraps)."""
    words = set()
    for label, _ in [p for group in pairs(d, money=money) for p in group]:
        words.add(label + ":")
        words.update(label.split())
        words.add(label.split()[-1] + ":")
    return words


def label_columns(lines: list[str], d) -> list[tuple[int, int]]:
    """(start, end) of each label column: where the first line's labels start and their values begin."""
    left, right, _ = pairs(d)
    first = lines[0]
    spans = []
    for label, _value in (left[0], right[0]):
        start = first.find(label + ":")
        if start >= 0:
            value_at = start + len(label) + 1
            while value_at < len(first) and first[value_at] == " ":
                value_at += 1
            spans.append((start, value_at))
    return spans


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_every_contract_shows_its_payments_and_keeps_values_out_of_the_labels(demo_db, make_app, size):
    found = contracts.list_contracts(demo_db, TODAY).rows
    assert len(found) >= 9
    app = make_app(demo_db)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for row in found:
            d = contracts.get_contract(demo_db, row.id, TODAY)
            money = contract_money.detail(demo_db, row.id, TODAY)  # budget line, procurement (#18)
            screen = ContractDetailScreen(row.id)
            app.push_screen(screen)
            await settle(pilot)
            table = screen.query_one("#payments", DataTable)
            shown = screen.find_widget(table).visible_region
            assert shown.height >= 1 + min(len(d.payments), 3), (d.title, shown)  # header + rows in view
            assert shown.bottom <= size[1] - 1  # above the footer
            if d.payments:
                first_unpaid = table.cursor_row
                assert table.row_count == len(d.payments)
                assert shown.height > first_unpaid - table.scroll_offset.y  # its row is on screen
            info = str(screen.query_one("#contract-info", Static).render()).splitlines()
            # at 80×24 the procurement facts and warnings (#18) may take two lines more: the schedule stays in
            # view (above), as the pairs that say nothing give way there
            assert len(info) <= (13 if size == (80, 24) else 24), (d.title, len(info))
            words = label_words(d, money)
            spans = label_columns(info, d)
            assert len(spans) == (2 if size == (80, 24) else 1)
            wide = [label + ":" for label, _ in pairs(d, money=money)[2]]  # across the whole width, after the pairs
            across = next((i for i, line in enumerate(info) if line.split(" ", 1)[0] in wide), len(info))
            for number, line in enumerate(info):
                for start, end in spans[:1] if number >= across else spans:
                    cell = line[start:end].strip()
                    assert cell == "" or cell in words, (d.title, line)
            app.pop_screen()
            await settle(pilot)
