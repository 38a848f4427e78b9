"""A DataTable for big lists of plain one-line text cells (participant lists of 2 000 people).

The stock DataTable measures every new cell through Rich (markup parsing and console options per
cell), which costs ~0.1 ms a cell: 200 ms for 2 000 rows × 8 columns. For plain strings without
markup or line breaks the width is simply ``cell_len``; this table computes it so, and leaves any
other cell (Rich renderables, markup, multi-line, labelled or auto-height rows) to DataTable.

A one-line cell wider than a fixed-width column is drawn cut with "…" (the stock table cuts it
silently); the cell itself keeps its whole value. Rows keyed by a database id give that id back
with ``cursor_id``. Home/End go to the first/last row (``Table``)."""

from __future__ import annotations

from collections.abc import Iterable

from rich.cells import cell_len
from rich.text import Text
from textual.widgets._data_table import RowKey

from shk_tui.ui.widgets.table import Table


def _plain(value: object) -> bool:
    return isinstance(value, str) and "\n" not in value and "[" not in value


class FastTable(Table):
    def cursor_id(self) -> int | None:
        """The key of the cursor row as an int (rows keyed by ``str(id)``), None in an empty table."""
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        return None if key is None else int(key)

    def _compute_row_renderables(self, row_index: int):
        renderables = super()._compute_row_renderables(row_index)
        if row_index >= 0:
            for cell in renderables.cells:
                if isinstance(cell, Text) and cell.no_wrap:
                    cell.overflow = "ellipsis"
        return renderables

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        slow: list[RowKey] = []
        columns = self.ordered_columns
        for row_key in new_rows:
            row = self.rows.get(row_key)
            if row is None:
                continue
            cells = self._data.get(row_key, {})
            if row.label is not None or row.auto_height or not all(_plain(v) for v in cells.values()):
                slow.append(row_key)
                continue
            for column in columns:
                value = cells.get(column.key)
                if value:
                    width = cell_len(value)
                    if width > column.content_width:
                        column.content_width = width
        super()._update_dimensions(slow)  # the other rows, and the virtual size
