"""The board and the list read in full only the cards they show (issue #17): the order and the counts come
from the names alone, so 5 000 proposals cost one light read and 300 cards, not 5 000 cards."""

from __future__ import annotations

import pytest

from shk_tui.enums import FocusArea, Phase
from shk_tui.services.portfolio import portfolio
from shk_tui.services.portfolio.portfolio import Filters
from tests.helpers.portfolio_seed import add_contact, add_initiative

NAMES = ["Öppna dörrar", "Ängen", "Åkern", "alfa", "Alfa", "Zeta", "Beta"]
SWEDISH = ["Alfa", "alfa", "Beta", "Zeta", "Åkern", "Ängen", "Öppna dörrar"]  # ties: the raw name


@pytest.fixture
def built(monkeypatch) -> list[int]:
    """The ids of the cards built from full rows, in the order they were built."""
    made: list[int] = []
    card = portfolio._card

    def counting(row):
        made.append(row[0])
        return card(row)

    monkeypatch.setattr(portfolio, "_card", counting)
    return made


def test_board_builds_only_the_cards_it_shows(db, built):
    owner = add_contact(db, "Åsa", "Öberg")
    ids = {name: add_initiative(db, name, phase=Phase.FORSLAG, owner_id=owner) for name in NAMES}
    paused = add_initiative(db, "Vilande", phase=Phase.AVSLAGEN)
    board = portfolio.board(db, per_column=3)
    assert [c.name for c in board.columns[Phase.FORSLAG]] == SWEDISH[:3]
    assert board.counts[Phase.FORSLAG] == len(NAMES)
    assert [c.id for c in board.columns[Phase.PAUSAD]] == [paused] and board.counts[Phase.PAUSAD] == 1
    assert sorted(built) == sorted([ids[n] for n in SWEDISH[:3]] + [paused])  # 4 cards built, not 8
    assert board.columns[Phase.FORSLAG][0].owner == "Åsa Öberg"


def test_list_builds_only_the_cards_within_the_limit(db, built):
    for name in NAMES:
        add_initiative(db, name, focus_area=FocusArea.BARN)
    add_initiative(db, "Äldre", focus_area=FocusArea.ALDRE)
    found = portfolio.list_initiatives(db, Filters(focus_area=FocusArea.BARN), limit=2)
    assert [c.name for c in found.cards] == SWEDISH[:2] and found.total == len(NAMES)
    assert len(built) == 2


def test_many_cards_are_read_in_chunks_in_order(db, monkeypatch):
    monkeypatch.setattr(portfolio, "_ID_CHUNK", 2)
    for name in NAMES:
        add_initiative(db, name)
    assert [c.name for c in portfolio.list_initiatives(db).cards] == SWEDISH
    assert [c.name for c in portfolio.board(db).columns[Phase.FORSLAG]] == SWEDISH
