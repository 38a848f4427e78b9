"""The portfolio board: one column (an OptionList of cards) per phase. ↑/↓ move within a column,
←/→ between columns (empty ones are skipped), enter opens a card, ``<``/``>`` ask to move it one
phase back/forward. The widget only shows plain ``portfolio.Card``s; the screen does the writing
and calls ``move_card`` with the result."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from shk_tui.enums import Phase
from shk_tui.fmt import sv_key
from shk_tui.services.portfolio import BOARD_PHASES, FOLDED_PHASES, Card

#: Column keys in order; the last holds pausad and avslagen.
COLUMNS: tuple[Phase, ...] = (*BOARD_PHASES, Phase.PAUSAD)


def column_of(phase: Phase) -> Phase:
    return Phase.PAUSAD if phase in FOLDED_PHASES else phase


def column_title(phase: Phase, shown: int, total: int) -> str:
    name = "Paus/avslag" if phase is Phase.PAUSAD else phase.label
    return f"{name} {total}" if shown == total else f"{name} {shown}/{total}"


def card_text(card: Card) -> Text:
    text = Text(card.name, style="bold")
    budget = card.budget_text if card.budget_ore else "ingen budget"
    source = f" · {card.budget_source.label.lower()}" if card.budget_ore else ""
    text.append(f"\n{budget}{source}", style="")
    if card.phase in FOLDED_PHASES:
        text.append(f"\n{card.phase.label}", style="italic")
    if card.owner:
        text.append(f"\n{card.owner}", style="dim")
    if card.next_text:
        text.append(f"\n→ {card.next_text}", style="dim italic")
    text.append("\n")  # a blank line between cards
    return text


class BoardColumn(OptionList):
    """One phase's cards."""

    def __init__(self, phase: Phase) -> None:
        super().__init__(id=f"col-{COLUMNS.index(phase)}", classes="board-column")
        self.phase = phase
        self.cards: list[Card] = []
        self.total = 0

    def show(self, cards: Sequence[Card], total: int | None = None, *, keep: int | None = None) -> None:
        self.cards = list(cards)
        self.total = len(self.cards) if total is None else total
        self.set_options(Option(card_text(c), id=str(c.id)) for c in self.cards)
        self.border_title = column_title(self.phase, len(self.cards), self.total)
        if keep is not None and self.cards:
            self.highlighted = next((i for i, c in enumerate(self.cards) if c.id == keep), 0)

    @property
    def current(self) -> Card | None:
        index = self.highlighted
        return self.cards[index] if index is not None and 0 <= index < len(self.cards) else None


class Kanban(Horizontal):
    BINDINGS = [
        Binding("left", "column(-1)", "Vänster kolumn", show=False, id="kanban.left"),
        Binding("right", "column(1)", "Höger kolumn", show=False, id="kanban.right"),
        Binding("less_than_sign", "move(-1)", "< Fas bakåt", id="kanban.move_back"),
        Binding("greater_than_sign", "move(1)", "> Fas framåt", id="kanban.move_forward"),
    ]

    class CardOpened(Message):
        def __init__(self, card: Card) -> None:
            super().__init__()
            self.card = card

    class MoveRequested(Message):
        def __init__(self, card: Card, step: int) -> None:
            super().__init__()
            self.card = card
            self.step = step

    def compose(self) -> ComposeResult:
        for phase in COLUMNS:
            yield BoardColumn(phase)

    @property
    def columns(self) -> list[BoardColumn]:
        return list(self.query(BoardColumn))

    def column(self, phase: Phase) -> BoardColumn:
        return self.columns[COLUMNS.index(column_of(phase))]

    @property
    def current_column(self) -> BoardColumn | None:
        focused = self.screen.focused
        return focused if isinstance(focused, BoardColumn) and focused in self.columns else None

    @property
    def current(self) -> Card | None:
        column = self.current_column
        return column.current if column else None

    def show_board(self, columns: dict[Phase, list[Card]], counts: dict[Phase, int], *, focus: bool = True) -> None:
        """Fill every column; keeps the highlighted card when it is still there (``focus``: give
        the board the focus when it has none)."""
        keep = self.current.id if self.current else None
        for col in self.columns:
            col.show(columns.get(col.phase, []), counts.get(col.phase), keep=keep)
        if focus and (self.current_column is None or not self.current_column.cards):
            self.focus_first()

    def focus_first(self) -> None:
        first = next((c for c in self.columns if c.cards), None)
        if first is not None:
            first.focus()
            if first.highlighted is None:
                first.highlighted = 0

    def select(self, card_id: int) -> bool:
        for col in self.columns:
            for index, card in enumerate(col.cards):
                if card.id == card_id:
                    col.focus()
                    col.highlighted = index
                    return True
        return False

    def move_card(self, card: Card) -> None:
        """Show ``card`` (after a phase change) in its new column and keep it highlighted."""
        for col in self.columns:
            if any(c.id == card.id for c in col.cards):
                remaining = [c for c in col.cards if c.id != card.id]
                col.show(remaining, col.total - 1)
                break
        target = self.column(card.phase)
        cards = sorted([*target.cards, card], key=lambda c: (sv_key(c.name), c.id))
        target.show(cards, target.total + 1, keep=card.id)
        target.focus()

    def action_column(self, step: int) -> None:
        columns = self.columns
        current = self.current_column
        start = columns.index(current) if current else -1
        index = start + step
        while 0 <= index < len(columns):
            if columns[index].cards:
                row = current.highlighted if current and current.highlighted is not None else 0
                columns[index].focus()
                columns[index].highlighted = min(row, len(columns[index].cards) - 1)
                return
            index += step

    def action_move(self, step: int) -> None:
        card = self.current
        if card is not None:
            self.post_message(self.MoveRequested(card, step))

    @on(OptionList.OptionSelected)
    def _opened(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        column = event.option_list
        if isinstance(column, BoardColumn) and column.current is not None:
            self.post_message(self.CardOpened(column.current))
