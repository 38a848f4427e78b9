"""fmt: amounts show whole kronor unless there are öre, and what is shown parses back."""

from __future__ import annotations

import pytest

from shk_tui.fmt import count, format_kr, parse_kr


@pytest.mark.parametrize(("ore", "shown"), [
    (6_000_000, "60 000 kr"),
    (6_000_050, "60 000,50 kr"),
    (6_000_005, "60 000,05 kr"),
    (127_200_000, "1 272 000 kr"),
    (0, "0 kr"),
    (99, "0,99 kr"),
    (-440_000_000, "−4 400 000 kr"),
    (-150, "−1,50 kr"),
])
def test_whole_kronor_unless_there_are_ore(ore: int, shown: str):
    assert format_kr(ore) == shown
    assert parse_kr(shown) == ore


def test_decimals_can_be_forced_or_left_out_and_none_is_blank():
    assert format_kr(6_000_000, decimals=True) == "60 000,00 kr"
    assert format_kr(6_000_050, decimals=False) == "60 000 kr"
    assert format_kr(None) == "" and format_kr(None, blank="–") == "–"


def test_typed_no_break_spaces_parse():
    assert parse_kr("60\u00a0000\u202f000 kr") == 6_000_000_000


def test_count_singular_and_plural():
    assert count(1, "deltagande", "deltaganden") == "1 deltagande"
    assert count(2, "deltagande", "deltaganden") == "2 deltaganden"
    assert count(0, "dubblett", "dubbletter") == "0 dubbletter"
