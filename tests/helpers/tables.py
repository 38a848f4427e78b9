"""Reading a DataTable as text, the one way every Pilot test does it (public DataTable API only)."""

from __future__ import annotations

from textual.widgets import DataTable


def table_rows(table: DataTable) -> list[list[str]]:
    """Every row of ``table`` in the order shown, each as the plain text of its cells."""
    return [[str(cell) for cell in table.get_row_at(index)] for index in range(table.row_count)]


def table_column(table: DataTable, column: int) -> list[str]:
    """The plain text of one column (by position) of every row, in the order shown."""
    return [row[column] for row in table_rows(table)]


def table_text(table: DataTable) -> str:
    """The table as text: the column labels, then one line per row; cells separated by " | "."""
    heading = [str(column.label) for column in table.ordered_columns]
    return "\n".join(" | ".join(cells) for cells in [heading, *table_rows(table)])
