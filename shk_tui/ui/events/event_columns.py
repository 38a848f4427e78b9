"""The columns of Evenemang's list and their widths for the table's width.

Every column but the title has a fixed width (a longer value is drawn cut with "…"); the title takes what
is left beside the columns that fit whole, never narrower than ``TITLE_MIN`` and never wider than
``TITLE_MAX``. So at 120×40 every column is in view, and at 80×24 date, week, title, kind, seats (Anmälda)
and status are, with place, function and focus area a scroll to the right away. The time of day is in the
participant list's heading and the form."""

from __future__ import annotations

from shk_tui.enums import FocusArea, Function

#: (heading, fixed width; the title's is its least).
COLUMNS = (
    ("Datum", 10), ("v.", 2), ("Titel", 20), ("Typ", 12), ("Anmälda", 13), ("Status", 9),
    ("Plats", 12), ("Funktion", 8), ("Fokus", 7),
)
TITLE = 2  # the title's place among the columns
TITLE_MIN, TITLE_MAX = 20, 44
PADDING = 2  # a DataTable cell has one cell of padding on each side
#: Functions and focus areas (by their full names) shortened for the table; the form and the
#: filters show the full names.
SHORT_FUNCTION = {
    Function.SAMHALLSFORUM.label: "Forum", Function.SAMHALLSLABBET.label: "Labbet",
    Function.SAMHALLSAKADEMIN.label: "Akademin", Function.OVERGRIPANDE.label: "Övergr.",
}
SHORT_FOCUS = {FocusArea.BARN.label: "Barn", FocusArea.ALDRE.label: "Äldre", FocusArea.OVERGRIPANDE.label: "Övergr."}


def widths(width: int) -> tuple[int, ...]:
    """The width of each column in a table ``width`` cells wide (less its scrollbar)."""
    fixed = [w for i, (_, w) in enumerate(COLUMNS) if i != TITLE]
    used = sum(w + PADDING for w in fixed[:TITLE]) + TITLE_MIN + PADDING
    for each in fixed[TITLE:]:
        if used + each + PADDING > width:
            break
        used += each + PADDING
    title = min(TITLE_MAX, TITLE_MIN + max(0, width - used))
    return (*fixed[:TITLE], title, *fixed[TITLE:])
