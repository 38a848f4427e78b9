"""The app's table: a DataTable whose Home and End go to the first and the last row.

Textual's DataTable binds Home/End to the first/last *column* (with a row cursor they only scroll
sideways) and keeps the rows on ctrl+home/ctrl+end; the help and the Kanban board promise Home =
first row, End = last row. Every table of the app is this class (FastTable and SectionTable build on
it), so the keys are the same in all of them; their bindings are ``table.home``/``table.end`` in
:mod:`shk_tui.ui.keys`. ctrl+home/ctrl+end keep doing the same."""

from __future__ import annotations

from textual.widgets import DataTable

from shk_tui.ui import keys


class Table(DataTable):
    """Home/End: the cursor to the first/last row (same column in a cell table)."""

    BINDINGS = keys.of("table")
