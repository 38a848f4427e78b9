"""The widths of Kontakter's columns for the table's width.

The table has the columns of ``contact_list.COLUMNS`` (Namn, Organisation, E-post, Telefon, Titel,
Taggar). Every column after the name has a fixed width (a longer value is drawn cut with "…"); the name
takes what is left of the width beside the columns that fit whole, so the first column that does not
fit starts at the right edge: no column is drawn cut in half, and the ones off the edge are a scroll to
the right away (and in the detail pane). The name is never narrower than ``NAME_MIN``: at 120×40 the
table shows name, organisation, e-mail and phone; at 80×24 name and organisation."""

from __future__ import annotations

from shk_tui.services.contacts.contact_list import COLUMNS

NAME_MIN = 18  # the longest name of the example data ("Birgitta Hellström") in full
NAME_MAX = 40  # when every column fits, the name does not take the whole rest of a very wide terminal
#: Fixed width of each column after the name.
WIDTHS = {"Organisation": 18, "E-post": 20, "Telefon": 16, "Titel": 18, "Taggar": 16}
PADDING = 2  # a DataTable cell has one cell of padding on each side


def widths(width: int) -> tuple[int, ...]:
    """The width of each column of ``COLUMNS`` in a table ``width`` cells wide (less its scrollbar)."""
    others = [WIDTHS[heading] for heading in COLUMNS[1:]]
    used = NAME_MIN + PADDING
    for each in others:
        if used + each + PADDING > width:
            break
        used += each + PADDING
    name = min(NAME_MAX, NAME_MIN + max(0, width - used))
    return (name, *others)


def shown(width: int) -> list[str]:
    """The headings of the columns seen whole in a table ``width`` cells wide."""
    seen, used = [COLUMNS[0]], widths(width)[0] + PADDING
    for heading, each in zip(COLUMNS[1:], widths(width)[1:], strict=True):
        if used + each + PADDING > width:
            break
        seen.append(heading)
        used += each + PADDING
    return seen
