"""A Select's choices as the user sees them, and picking one the way the user does (public API only)."""

from __future__ import annotations

from textual.widgets import OptionList, Select


def select_labels(select: Select) -> list[str]:
    """The entries of ``select``'s drop-down, in order (the first is the blank prompt when it may be blank)."""
    return [str(option.prompt) for option in select.query_one(OptionList).options]


async def choose(pilot, select: Select, label: str) -> None:  # noqa: ANN001 - a Textual Pilot
    """Pick ``label`` in ``select``: focus it, open the drop-down (enter), move to the entry, enter."""
    index = select_labels(select).index(label)
    select.focus()
    await pilot.press("enter")
    select.query_one(OptionList).highlighted = index
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
