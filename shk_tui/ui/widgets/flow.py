"""A line of parts that wraps between the parts, never inside one: "Västerås stad 20 000 000 kr" stays
whole on its line instead of breaking into "20 000 / 000 kr".

Textual and Rich wrap at any whitespace, the no-break space included, so an amount's thousands spaces
are break points. ``Flow`` packs its parts into lines of its own width itself (on every layout, so a
resize re-flows them): a part only breaks when it alone is wider than the line."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.geometry import Size
from textual.widgets import Static

#: A part, or (separator before it, part); a part is console markup or a Text.
Part = str | Text | tuple[str, str | Text]


def _text(part: str | Text) -> Text:
    return part if isinstance(part, Text) else Text.from_markup(part)


def flow(parts: Sequence[Part], width: int, sep: str = " · ") -> list[Text]:
    """``parts`` joined by their separators into lines of at most ``width`` cells where they fit; a line
    breaks only between parts (the separator is dropped there)."""
    lines: list[Text] = []
    line = Text()
    for part in parts:
        before, text = part if isinstance(part, tuple) else (sep, part)
        shown = _text(text)
        if line.cell_len and line.cell_len + len(before) + shown.cell_len > width:
            lines.append(line)
            line = Text()
        if line.cell_len:
            line.append(before)
        line.append_text(shown)
    lines.append(line)
    return lines


class Flow(Static):
    """Parts in lines as wide as the widget (height: as many lines as that takes). A Static, so it is
    queried and read (``render()``) like the status lines it replaces; ``show`` sets its parts."""

    def __init__(self, *, sep: str = " · ", id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.sep = sep
        self.parts: list[Part] = []

    def show(self, parts: Sequence[Part]) -> None:
        self.parts = list(parts)
        self.refresh(layout=True)

    def lines(self, width: int) -> list[Text]:
        return flow(self.parts, max(1, width), self.sep)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # a part wider than the line wraps inside itself: count the lines it takes then
        console = self.app.console
        return sum(len(line.wrap(console, max(1, width))) or 1 for line in self.lines(width))

    def render(self) -> Text:
        return Text("\n").join(self.lines(self.content_size.width or 10_000))
