"""The portfolio board: one column of fixed-height cards per phase. ↑/↓ move within a column,
←/→ between columns (empty ones are skipped), enter opens a card, ``<``/``>`` ask to move it one
phase back/forward. The widget only shows plain ``portfolio.Card``s; the screen does the writing
and calls ``move_card`` with the result."""

from __future__ import annotations

from collections.abc import Sequence

from rich.segment import Segment
from rich.style import Style
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

from shk_tui.enums import Phase
from shk_tui.fmt import sv_key
from shk_tui.services.portfolio.portfolio import BOARD_PHASES, FOLDED_PHASES, Card
from shk_tui.ui import keys
from shk_tui.ui.widgets.kanban_cards import CARD_HEIGHT, card_lines, column_title

__all__ = ["CARD_HEIGHT", "COLUMNS", "BoardColumn", "Kanban", "LaneTitle", "card_lines", "column_title"]

#: Column keys in order; the last holds pausad and avslagen.
COLUMNS: tuple[Phase, ...] = (*BOARD_PHASES, Phase.PAUSAD)


def column_of(phase: Phase) -> Phase:
    return Phase.PAUSAD if phase in FOLDED_PHASES else phase


class LaneTitle(Widget):
    """A column's title line: its name and count, fitted to the column's width (the count always shows)."""

    DEFAULT_CSS = """
    LaneTitle {
        height: 1;
        padding: 0 0;
        background: $panel;
        text-style: bold;
    }
    LaneTitle.-active {
        background: $accent;
        color: $text;
    }
    """

    def __init__(self, phase: Phase) -> None:
        super().__init__()
        self.phase = phase
        self.shown = self.total = 0

    def show(self, shown: int, total: int) -> None:
        self.shown, self.total = shown, total
        self.refresh()

    def render(self) -> str:
        return column_title(self.phase, self.shown, self.total, self.content_region.width or None)


class BoardLane(Vertical):
    """One column of the board: its title line over its cards."""

    DEFAULT_CSS = """
    BoardLane {
        width: 1fr;
        height: 1fr;
        margin-right: 1;
    }
    BoardLane:last-of-type {
        margin-right: 0;
    }
    """

    def __init__(self, phase: Phase) -> None:
        super().__init__()
        self.phase = phase

    def compose(self) -> ComposeResult:
        yield LaneTitle(self.phase)
        yield BoardColumn(self.phase)


class BoardColumn(ScrollView, can_focus=False):
    """One phase's cards: fixed-height cards drawn line by line (only the visible ones), so a column
    of hundreds of cards fills and updates in constant time. The board holds the focus; a column
    only knows whether it is the board's current one."""

    highlighted: reactive[int | None] = reactive(None, always_update=True)

    def __init__(self, phase: Phase) -> None:
        super().__init__(id=f"col-{COLUMNS.index(phase)}")
        self.phase = phase
        self.cards: list[Card] = []
        self.total = 0
        self.active = False  # the board's current column while the board has focus
        self._cache: dict[tuple[int, int], list[str]] = {}
        self._base_style: Style | None = None

    def show(self, cards: Sequence[Card], total: int | None = None, *, keep: int | None = None) -> None:
        self.cards = list(cards)
        self.total = len(self.cards) if total is None else total
        self._cache.clear()
        self._set_virtual_height(len(self.cards) * CARD_HEIGHT)
        if self.parent is not None:
            self.parent.query_one(LaneTitle).show(len(self.cards), self.total)
        index = None
        if self.cards:
            index = next((i for i, c in enumerate(self.cards) if c.id == keep), None) if keep is not None else None
            if index is None:
                index = min(self.highlighted or 0, len(self.cards) - 1)
        self.highlighted = index
        self.refresh()

    def _set_virtual_height(self, height: int) -> None:
        """A new content height. When the scrollbar neither appears nor disappears, skip the
        screen-wide layout pass a ``virtual_size`` change would cost (a card move stays cheap)."""
        size = Size(self.size.width, height)
        visible = self.scrollable_content_region.height
        old = self.virtual_size.height
        if visible and self.size.width and (old > visible) == (height > visible) and old > visible:
            self.set_reactive(ScrollView.virtual_size, size)
            self._scroll_update(size)
            self.refresh()
        else:
            self.virtual_size = size

    @property
    def title(self) -> str:
        """The column's title in full ("Planeras 5")."""
        return column_title(self.phase, len(self.cards), self.total)

    @property
    def option_count(self) -> int:
        return len(self.cards)

    @property
    def current(self) -> Card | None:
        index = self.highlighted
        return self.cards[index] if index is not None and 0 <= index < len(self.cards) else None

    def set_active(self, active: bool) -> None:
        if active != self.active:
            self.active = active
            self.set_class(active, "-active")
            if self.parent is not None:
                self.parent.query_one(LaneTitle).set_class(active, "-active")
            self.refresh()

    def validate_highlighted(self, value: int | None) -> int | None:
        if value is None or not self.cards:
            return None
        return max(0, min(value, len(self.cards) - 1))

    def watch_highlighted(self, value: int | None) -> None:
        if value is not None:
            top, bottom = value * CARD_HEIGHT, (value + 1) * CARD_HEIGHT
            height = self.scrollable_content_region.height
            if top < self.scroll_y:
                self.scroll_to(y=top, animate=False)
            elif height and bottom > self.scroll_y + height:
                self.scroll_to(y=bottom - height, animate=False)
        self.refresh()

    def on_resize(self) -> None:
        self._cache.clear()
        self.virtual_size = Size(self.size.width, len(self.cards) * CARD_HEIGHT)

    def notify_style_update(self) -> None:
        self._base_style = None
        super().notify_style_update()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self._base_style
        if base is None:  # computing the style per line is costly; it changes only with the styles
            base = self._base_style = self.rich_style
        index, offset = divmod(y + int(self.scroll_y), CARD_HEIGHT)
        height = self.scrollable_content_region.height
        if y == height - 1 and (below := self.cards_below()):  # the column has no scrollbar: say what is below
            return Strip([Segment(f"↓ {below} till".rjust(width), base + MORE)]).crop(0, width)
        if index >= len(self.cards) or offset == CARD_HEIGHT - 1:
            return Strip.blank(width, base)
        card = self.cards[index]
        key = (card.id, width)
        lines = self._cache.get(key)
        if lines is None:
            lines = self._cache[key] = card_lines(card, width)
        style = base
        if index == self.highlighted:
            style = base + (HIGHLIGHT if self.active else HIGHLIGHT_BLURRED)
        part = LINE_STYLES[offset]
        segment = Segment(lines[offset], style + part if part else style)
        return Strip([segment]).extend_cell_length(width, style).crop(0, width)

    def cards_below(self) -> int:
        """How many cards start below the visible part of the column."""
        bottom = int(self.scroll_y) + self.scrollable_content_region.height  # its last line is this hint
        return max(0, len(self.cards) - bottom // CARD_HEIGHT)

    def move_cursor(self, step: int) -> None:
        if self.cards:
            self.highlighted = 0 if self.highlighted is None else self.highlighted + step

    def page_size(self) -> int:
        return max(1, self.scrollable_content_region.height // CARD_HEIGHT)


HIGHLIGHT = Style(bgcolor="#0178d4", color="#ffffff")
HIGHLIGHT_BLURRED = Style(bgcolor="#3a3a3a")
MORE = Style(dim=True, italic=True)
LINE_STYLES = (Style(bold=True), Style(bold=True), None, Style(dim=True), Style(dim=True, italic=True))


class Kanban(Horizontal, can_focus=True):
    BINDINGS = keys.of("kanban")

    class CardOpened(Message):
        def __init__(self, card: Card) -> None:
            super().__init__()
            self.card = card

    class MoveRequested(Message):
        def __init__(self, card: Card, step: int) -> None:
            super().__init__()
            self.card = card
            self.step = step

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._current = 0

    def compose(self) -> ComposeResult:
        for phase in COLUMNS:
            yield BoardLane(phase)

    @property
    def columns(self) -> list[BoardColumn]:
        return list(self.query(BoardColumn))

    def column(self, phase: Phase) -> BoardColumn:
        return self.columns[COLUMNS.index(column_of(phase))]

    @property
    def current_column(self) -> BoardColumn | None:
        columns = self.columns
        return columns[self._current] if columns else None

    @property
    def current(self) -> Card | None:
        column = self.current_column
        return column.current if column else None

    def set_current(self, column: BoardColumn) -> None:
        self._current = self.columns.index(column)
        self._mark_active()

    def _mark_active(self) -> None:
        for index, col in enumerate(self.columns):
            col.set_active(self.has_focus and index == self._current)

    def on_focus(self) -> None:
        self._mark_active()

    def on_blur(self) -> None:
        self._mark_active()

    def show_board(self, columns: dict[Phase, list[Card]], counts: dict[Phase, int], *, focus: bool = True) -> None:
        """Fill every column; keeps the highlighted card when it is still there (``focus``: give
        the board the focus)."""
        keep = self.current.id if self.current else None
        for col in self.columns:
            col.show(columns.get(col.phase, []), counts.get(col.phase), keep=keep)
        if not (self.current_column and self.current_column.cards):
            first = next((c for c in self.columns if c.cards), None)
            if first is not None:
                self.set_current(first)
        if focus:
            self.focus()

    def focus_first(self) -> None:
        first = next((c for c in self.columns if c.cards), None)
        if first is not None:
            self.set_current(first)
            if first.highlighted is None:
                first.highlighted = 0
        self.focus()

    def select(self, card_id: int) -> bool:
        for col in self.columns:
            for index, card in enumerate(col.cards):
                if card.id == card_id:
                    self.set_current(col)
                    col.highlighted = index
                    self.focus()
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
        self.set_current(target)

    def action_column(self, step: int) -> None:
        columns = self.columns
        current = self.current_column
        index = self._current + step
        while 0 <= index < len(columns):
            if columns[index].cards:
                row = current.highlighted if current and current.highlighted is not None else 0
                columns[index].highlighted = min(row, len(columns[index].cards) - 1)
                self.set_current(columns[index])
                return
            index += step

    def action_cursor(self, step: int) -> None:
        if self.current_column:
            self.current_column.move_cursor(step)

    def action_jump(self, index: int) -> None:
        col = self.current_column
        if col and col.cards:
            col.highlighted = index if index >= 0 else len(col.cards) - 1

    def action_page(self, step: int) -> None:
        col = self.current_column
        if col:
            col.move_cursor(step * col.page_size())

    def action_open(self) -> None:
        if self.current is not None:
            self.post_message(self.CardOpened(self.current))

    def action_move(self, step: int) -> None:
        card = self.current
        if card is not None:
            self.post_message(self.MoveRequested(card, step))

    def on_click(self, event) -> None:
        for col in self.columns:
            if col.region.contains(event.screen_x, event.screen_y):
                index = (event.screen_y - col.content_region.y + int(col.scroll_y)) // CARD_HEIGHT
                self.set_current(col)
                if 0 <= index < len(col.cards):
                    col.highlighted = index
                self.focus()
                return
