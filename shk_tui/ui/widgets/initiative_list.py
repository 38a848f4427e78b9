"""The portfolio's list view: a search field, filters (focus area, phase, kind, function, budget
source, owner, decision level) and the table of initiatives. Posts ``Changed`` when a filter
changes; the screen loads rows and calls ``show``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.message import Message
from textual.widgets import DataTable, Input, Select

from shk_tui.enums import (
    BudgetSource,
    DecisionLevel,
    FocusArea,
    Function,
    InitiativeKind,
    LabelledEnum,
    Phase,
)
from shk_tui.services.portfolio.portfolio import Card, Filters
from shk_tui.ui.widgets.search_box import SearchBox
from shk_tui.ui.widgets.section_table import SectionTable

COLUMNS = ("Namn", "Fokusområde", "Fas", "Budget", "Ägare", "Källa", "Beslutsnivå", "Nästa steg")
#: Column widths after the name (None: as wide as the content). The name takes what the width
#: allows between NAME_WIDTHS, so name, focus area, phase and budget show at 80 columns, the owner
#: and the budget source too at 120.
WIDTHS = (13, 9, 12, 16, 9, 18, None)
NAME_WIDTHS = (20, 40)
PAD = 2  # a cell's padding

FILTERS: tuple[tuple[str, str, type[LabelledEnum]], ...] = (
    ("focus_area", "Fokus", FocusArea),
    ("phase", "Fas", Phase),
    ("kind", "Typ", InitiativeKind),
    ("function", "Funktion", Function),
    ("budget_source", "Källa", BudgetSource),
    ("decision_level", "Nivå", DecisionLevel),
)


def row_of(card: Card) -> tuple[Text, ...]:
    """Plain Text cells: the table neither parses markup in names nor re-measures styled text."""
    values = (card.name, card.focus_area.short, card.phase.label, card.budget_text, card.owner,
              card.budget_source.label, card.decision_level.label, card.next_text)
    # a value wider than its column is drawn cut with "…"; the cell keeps the whole text
    return tuple(Text(value, no_wrap=True, overflow="ellipsis") for value in values)


class InitiativeList(Vertical):
    class Changed(Message):
        def __init__(self, filters: Filters) -> None:
            super().__init__()
            self.filters = filters

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.cards: list[Card] = []
        self._total = 0
        self._shown_width: int | None = None  # the width the columns were fitted to
        self._owners: list[tuple[str, int]] | None = None

    def compose(self) -> ComposeResult:
        with Grid(classes="filters"):
            yield SearchBox(placeholder="Sök (/)", id="initiative-search", table="#list-view DataTable",
                            compact=True)
            for key, label, enum in FILTERS:
                yield Select(enum.choices(), prompt=f"{label}: alla", id=f"filter-{key}", classes="filter",
                             compact=True)
            yield Select([], prompt="Ägare: alla", id="filter-owner", classes="filter", compact=True)
        yield SectionTable("Initiativ", empty_hint="Inga initiativ matchar (esc i sökfältet rensar filtren) – "
                           "n för nytt", id="section")

    @property
    def table(self) -> DataTable:
        return self.query_one("#section DataTable", DataTable)

    def set_owners(self, owners: Sequence[tuple[str, int]]) -> None:
        """New owner choices, keeping the chosen owner. Refilling the options changes the value
        twice (cleared, then set back): that must not post ``Changed``, or every load of the list
        would ask for the next one while an owner is chosen."""
        owners = list(owners)
        if owners == self._owners:
            return
        self._owners = owners
        select = self.query_one("#filter-owner", Select)
        value = select.value
        with self.prevent(Select.Changed):
            select.set_options(owners)
            if value is not Select.NULL and any(v == value for _, v in owners):
                select.value = value
        if select.value != value:  # the chosen owner is no longer a choice
            self.post_message(self.Changed(self.filters))

    @property
    def filters(self) -> Filters:
        values: dict[str, Any] = {}
        for key, _, enum in FILTERS:
            value = self.query_one(f"#filter-{key}", Select).value
            values[key] = None if value is Select.NULL else enum(str(value))
        owner = self.query_one("#filter-owner", Select).value
        return Filters(text=self.query_one("#initiative-search", Input).value, owner_id=None if owner is Select.NULL
                       else int(str(owner)), **values)

    def clear_filters(self) -> None:
        """Every filter back to "all" (Esc in the empty search); posts one ``Changed``."""
        with self.prevent(Select.Changed):
            for select in self.query(Select):
                select.value = Select.NULL
        self.post_message(self.Changed(self.filters))

    def set_filter(self, key: str, value: str | None) -> None:
        self.query_one(f"#filter-{key}", Select).value = Select.NULL if value is None else value

    @on(Input.Changed, "#initiative-search")
    @on(Select.Changed, ".filter")
    @on(Select.Changed, "#filter-owner")
    def _changed(self, event: Message) -> None:
        event.stop()
        self.post_message(self.Changed(self.filters))

    def widths(self) -> tuple[int | None, ...]:
        """The name gets what is left of the width after focus area, phase and budget."""
        width = (self.size.width or 120) - 4  # the table's scrollbar and edge
        rest = sum(w + PAD for w in WIDTHS[:3] if w) + PAD
        low, high = NAME_WIDTHS
        return (max(low, min(high, width - rest)), *WIDTHS)

    def show(self, cards: Sequence[Card], total: int, *, select_id: int | None = None) -> None:
        self.cards, self._total = list(cards), total
        self._shown_width = self.size.width
        self.query_one(SectionTable).show_rows(COLUMNS, [row_of(c) for c in self.cards], total, self.widths())
        if select_id is not None:
            self.select(select_id)

    def on_resize(self) -> None:
        if self._shown_width is not None and self.size.width != self._shown_width:
            self.show(self.cards, self._total)

    def select(self, card_id: int) -> bool:
        index = next((i for i, c in enumerate(self.cards) if c.id == card_id), None)
        if index is None:
            return False
        self.table.move_cursor(row=index)
        return True

    @property
    def current(self) -> Card | None:
        row = self.table.cursor_row
        return self.cards[row] if self.cards and 0 <= row < len(self.cards) else None
