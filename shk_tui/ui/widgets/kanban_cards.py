"""What a board card and a column title say, as plain text fitted to a width (no Textual): the
name wrapped on words over two lines, the budget, the owner, the next step; a title's count is never
cut."""

from __future__ import annotations

from shk_tui.enums import BudgetSource, Phase
from shk_tui.services.portfolio.portfolio import FOLDED_PHASES, Card

COLUMN_NAMES = {Phase.PAUSAD: "Paus/avslag"}


def column_title(phase: Phase, shown: int, total: int, width: int | None = None) -> str:
    """The column's name with its count ("Förslag 11", "Fas 1 3/10" when the board shows fewer);
    within ``width`` cells the name is cut with "…", never the count."""
    name = COLUMN_NAMES.get(phase, phase.label)
    count = f"{total}" if shown == total else f"{shown}/{total}"
    if width is not None and len(name) + 1 + len(count) > width:
        room = max(1, width - len(count) - 1)
        name = name if len(name) <= room else name[: room - 1] + "…"
    return f"{name} {count}"


CARD_HEIGHT = 6  # name (2 lines), budget, owner, next step, blank
#: Budget sources short enough for a narrow column ("360 000 pilot").
SHORT_SOURCE = {BudgetSource.ORDINARIE: "ord.", BudgetSource.PILOT: "pilot", BudgetSource.BLANDAD: "bland.",
                BudgetSource.EXTERN: "ext."}


def cut(text: str, width: int) -> str:
    """``text`` within ``width`` cells: cut with "…" when longer."""
    return text if len(text) <= width else text[: width - 1] + "…"


def wrap_name(name: str, width: int) -> list[str]:
    """The name over two lines, wrapped between words (a word is never broken in two); what does not
    fit is cut with "…"."""
    words = name.split()
    lines: list[str] = []
    while words and len(lines) < 2:
        line = words.pop(0)
        while words and len(line) + 1 + len(words[0]) <= width:
            line += " " + words.pop(0)
        lines.append(line)
    if words:  # more than two lines' worth: the second line ends in "…"
        lines[-1] = lines[-1] + " " + " ".join(words)
    return [cut(line, width) for line in lines] + [""] * (2 - len(lines))


def short_owner(owner: str, width: int) -> str:
    """The owner, as "J. Hedlund" when the whole name does not fit."""
    parts = owner.split()
    if len(owner) > width and len(parts) > 1:
        owner = f"{parts[0][0]}. {' '.join(parts[1:])}"
    return cut(owner, width)


NO_BUDGET = "ingen budget"


def card_lines(card: Card, width: int) -> list[str]:
    """A card as CARD_HEIGHT - 1 lines of at most ``width`` cells: the name wrapped on words over two
    lines, the budget (its source when it fits), the owner and the next step."""
    width = max(4, width)
    budget = card.budget_text.removesuffix(" kr") if card.budget_ore else NO_BUDGET
    if len(budget) > width and not card.budget_ore:
        budget = card.budget_text  # "–", as the list says it
    source = SHORT_SOURCE.get(card.budget_source, "")
    if card.budget_ore and source and len(budget) + 1 + len(source) <= width:
        budget = f"{budget} {source}"
    elif card.budget_ore and len(card.budget_text) <= width:  # no room for the source: the amount in kr
        budget = card.budget_text
    if card.phase in FOLDED_PHASES:
        budget = f"{card.phase.label} · {budget}"
    lines = [*wrap_name(card.name, width), budget, short_owner(card.owner, width),
             f"→ {card.next_text}" if card.next_text else ""]
    return [cut(line, width) for line in lines]
