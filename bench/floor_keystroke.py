"""Floor for a keystroke in the TUI (bench/global_search.py): a bare Textual app with a search box and a
DataTable of 40 rows, which it only clears and fills again with 40 new rows on each keystroke; no query.
Measured with the same Pilot and the same wait as the app: from the key until the table's first row is
the new one.

    python -m bench.floor_keystroke
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Input

ROWS = 40


def first_cell(typed: str) -> str:
    """What the floor's first row shows after ``typed``."""
    return f"{typed} 0"


class KeystrokeFloor(App):
    def compose(self) -> ComposeResult:
        yield Input(id="typed")
        yield DataTable(cursor_type="row", id="rows")

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns("Namn", "Organisation", "E-post", "Telefon")
        self.show_rows("")
        self.query_one(Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.show_rows(event.value)

    def show_rows(self, typed: str) -> None:
        table = self.query_one(DataTable)
        with self.batch_update():
            table.clear()
            table.add_rows([(f"{typed} {i}", f"Organisation {i}", f"person{i}@exempel.se", f"070-{i:03} 00 00")
                            for i in range(ROWS)])


if __name__ == "__main__":
    KeystrokeFloor().run()
