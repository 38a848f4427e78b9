"""Budget vs outcome per budget line as bars in the terminal: the outcome filled (█), what remains of
the budget shaded (░), overspending in red beyond the budget; all bars share one scale."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

from shk_tui.fmt import format_kr


def render_budget_bars(title: str, items: Sequence[tuple[str, int, int]], width: int = 50) -> Text:
    """``items``: (label, budget öre, outcome öre)."""
    text = Text(title + "\n", style="bold")
    if not items:
        text.append("Inga siffror för året")
        return text
    top = max(max(b, o) for _, b, o in items) or 1
    label_width = min(30, max(len(label) for label, _, _ in items))
    for label, budget, outcome in items:
        shown = label if len(label) <= label_width else label[: label_width - 1] + "…"
        used = round(min(outcome, budget) / top * width)
        rest = round(budget / top * width) - used
        over = round(max(0, outcome - budget) / top * width)
        text.append(f"{shown:<{label_width}} ")
        text.append("█" * used, style="green")
        text.append("░" * max(0, rest), style="dim")
        text.append("█" * over, style="red")
        pad = width - used - max(0, rest) - over
        share = f" ({round(outcome / budget * 100)} %)" if budget else ""
        text.append(" " * max(0, pad) + f" {format_kr(outcome)} av {format_kr(budget)}{share}\n")
    text.append("█ utfall  ░ kvar av budget  ", style="dim")
    text.append("█ över budget", style="red")
    return text


class BudgetBars(Static):
    def show(self, title: str, items: Sequence[tuple[str, int, int]], width: int = 40) -> None:
        self.items = list(items)
        self.update(render_budget_bars(title, items, width))
