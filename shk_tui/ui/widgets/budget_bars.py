"""Budget vs outcome per budget line as bars in the terminal: the outcome filled (█), what remains of
the budget shaded (░), overspending in red beyond the budget; all bars share one scale. The bars fit
the widget's width: labels, bars and figures on one line each (no figure ever breaks across lines);
when the line is narrow the amounts give way to the share (the table beside has the amounts)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from shk_tui.fmt import format_kr

LEGEND = (("█ utfall  ", "green"), ("░ kvar av budget  ", "dim"), ("█ över budget", "red"))
MAX_BAR = 50
MIN_BAR = 20  # narrower than this: the amounts go, the share stays


def _share(budget: int, outcome: int) -> str:
    return f" ({round(outcome / budget * 100)} %)" if budget else ""


def render_budget_bars(title: str, items: Sequence[tuple[str, int, int]], width: int = 120) -> Text:
    """``items``: (label, budget öre, outcome öre); ``width``: the cells each line may take."""
    text = Text()
    legend = sum(cell_len(part) for part, _ in LEGEND)
    text.append(title, style="bold")
    if not items:
        text.append("\nInga siffror för året")
        return text
    text.append("  " if cell_len(title) + 2 + legend <= width else "\n")
    for part, style in LEGEND:
        text.append(part, style=style)
    top = max(max(b, o) for _, b, o in items) or 1
    label_width = min(30, max(cell_len(label) for label, _, _ in items), max(12, width // 3))
    amounts = [f" {format_kr(o)} av {format_kr(b)}" for _, b, o in items]
    shares = [_share(b, o) for _, b, o in items]
    figures = max(cell_len(a + s) for a, s in zip(amounts, shares, strict=True))
    bar_width = width - label_width - 1 - figures
    if bar_width < MIN_BAR:
        amounts = ["" for _ in items]
        bar_width = width - label_width - 1 - max(cell_len(s) for s in shares)
    bar_width = max(5, min(MAX_BAR, bar_width))
    for (label, budget, outcome), amount, share in zip(items, amounts, shares, strict=True):
        shown = label if cell_len(label) <= label_width else label[: label_width - 1] + "…"
        used = round(min(outcome, budget) / top * bar_width)
        rest = max(0, round(budget / top * bar_width) - used)
        over = round(max(0, outcome - budget) / top * bar_width)
        text.append(f"\n{shown:<{label_width}} ")
        text.append("█" * used, style="green")
        text.append("░" * rest, style="dim")
        text.append("█" * over, style="red")
        text.append(" " * max(0, bar_width - used - rest - over) + amount + share)
    return text


class BudgetBars(Widget):
    """The bars of ``show``, drawn for the widget's current width."""

    DEFAULT_CSS = """
    BudgetBars {
        height: auto;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.chart_title = ""
        self.items: list[tuple[str, int, int]] = []

    def show(self, title: str, items: Sequence[tuple[str, int, int]]) -> None:
        self.chart_title, self.items = title, list(items)
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(render_budget_bars(self.chart_title, self.items, max(1, width)).split())

    def render(self) -> Text:
        return render_budget_bars(self.chart_title, self.items, self.content_size.width or 120)
