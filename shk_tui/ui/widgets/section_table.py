"""A read-only table for one section: a title line with a row count, the rows, and a hint when
there are none. It takes plain rows (strings), never database objects."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.cells import cell_len, set_cell_size
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Static

from shk_tui.fmt import count
from shk_tui.ui.widgets.fast_table import FastTable


def clip(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells with an ellipsis, so a fixed-width column shows that it was cut."""
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, max(0, width - 1)) + "…"


def count_text(shown: int, total: int) -> str:
    """``Visar 500 av 1 234`` when rows were left out, else ``12 rader``."""
    if total > shown:
        return f"Visar {shown} av {total}"
    return count(total, "rad", "rader")


class SectionTable(Vertical):
    """Title line + count + DataTable (cursor_type="row", zebra stripes) + empty hint."""

    def __init__(self, title: str, *, empty_hint: str = "Inga rader", id: str | None = None) -> None:
        super().__init__(id=id, classes="section-table")
        self.title = title
        self.empty_hint = empty_hint

    def compose(self) -> ComposeResult:
        with Horizontal(classes="section-title-line"):
            yield Static(self.title, classes="section-title")
            yield Static("Laddar …", classes="section-count")
        yield FastTable(cursor_type="row", zebra_stripes=True, classes="section-rows")
        yield Static(self.empty_hint, classes="section-empty")

    @property
    def data_table(self) -> DataTable:
        return self.query_one(DataTable)

    def show_rows(self, columns: Sequence[str], rows: Sequence[Sequence[Any]], total: int,
                  widths: Sequence[int | None] = ()) -> None:
        """Replace the table's content; keeps the cursor row when it still exists. ``widths``: a fixed
        width per column (None: as wide as its content); cut the cells to it with ``clip``."""
        table = self.data_table
        cursor_row = table.cursor_row
        with self.app.batch_update():
            table.clear(columns=True)
            for index, column in enumerate(columns):
                table.add_column(column, width=widths[index] if index < len(widths) else None)
            table.add_rows(rows)
            if rows:
                table.move_cursor(row=min(cursor_row, len(rows) - 1))
            self.query_one(".section-count", Static).update(count_text(len(rows), total))
            self.set_class(not rows, "-empty")

    def show_error(self, message: str) -> None:
        self.query_one(".section-count", Static).update(message)
