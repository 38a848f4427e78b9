"""Floor for the start of ``shk``: a bare Textual app with a header, a table of 30 rows and a footer,
nothing else. ``bench/start.py`` runs it in a terminal as it runs ``shk`` and waits for its rows.

    python -m bench.floor_app
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header

MARKER = "Golvrad 30"


class FloorApp(App):
    BINDINGS = [("q", "quit", "Avsluta")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Vad", "Datum", "Sektion")
        table.add_rows([(f"Golvrad {i}", f"2026-12-{i % 28 + 1:02d}", "avtal") for i in range(1, 31)])


if __name__ == "__main__":
    FloorApp().run()
