"""Shared pieces of the Översikt Pilot tests."""

from __future__ import annotations

from textual.widgets import DataTable

from tests.helpers.tables import table_column


def texts(app) -> list[str]:
    table = app.screen.query_one("#attention", DataTable)
    return table_column(table, 2)
