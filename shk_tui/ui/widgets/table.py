"""The app's table: a DataTable whose Home and End go to the first and the last row.

Textual's DataTable binds Home/End to the first/last *column* (with a row cursor they only scroll
sideways) and keeps the rows on ctrl+home/ctrl+end; the help ("Första raden", "Sista raden") and the
Kanban board promise Home = first row, End = last row. The tables of the app are this class
(FastTable and SectionTable build on it), so the keys are the same in all of them.

The two bindings replace DataTable's own for the same keys and, like those, have no id and no entry
in :mod:`shk_tui.ui.keys`: they are the table's editing keys, listed in the help with its arrows and
page keys (ui/base/help.py names scroll_top/scroll_bottom in Swedish), where Home and End stood."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import DataTable


class Table(DataTable):
    """Home/End: the cursor to the first/last row (same column in a cell table)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("home", "scroll_top", "Första raden", show=False),
        Binding("end", "scroll_bottom", "Sista raden", show=False),
    ]
