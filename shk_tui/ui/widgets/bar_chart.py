"""A horizontal bar chart in Unicode blocks: one line per (label, value), scaled to the widest bar.
Reusable for any counts (breadth per party, per organisation kind, …)."""

from __future__ import annotations

from collections.abc import Sequence

from textual.widgets import Static

_EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(value: float, maximum: float, width: int) -> str:
    """A bar of ``width`` cells for ``value`` of ``maximum`` with 1/8-cell resolution."""
    if maximum <= 0 or value <= 0:
        return ""
    eighths = max(1, round(value / maximum * width * 8))
    full, rest = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[rest] if rest else "")


def render_bars(items: Sequence[tuple[str, int]], width: int = 40) -> str:
    """Text lines ``label  ████▌ 12`` with labels padded to the same width."""
    if not items:
        return "Inga uppgifter"
    label_width = min(30, max(len(label) for label, _ in items))
    top = max(v for _, v in items)
    lines = []
    for label, value in items:
        shown = label if len(label) <= label_width else label[: label_width - 1] + "…"
        lines.append(f"{shown:<{label_width}}  {bar(value, top, width):<{width}} {value}")
    return "\n".join(lines)


class BarChart(Static):
    """``BarChart(items)``; ``update_items(items)`` redraws."""

    def __init__(self, items: Sequence[tuple[str, int]] = (), *, bar_width: int = 40, **kwargs) -> None:
        self.items = list(items)
        self.bar_width = bar_width
        super().__init__(render_bars(self.items, bar_width), **kwargs)

    def update_items(self, items: Sequence[tuple[str, int]]) -> None:
        self.items = list(items)
        self.update(render_bars(self.items, self.bar_width))
