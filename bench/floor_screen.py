"""Floor for opening a section (bench/sections.py): a bare Textual app whose one key pushes a screen
with the same kinds of widgets as a section — a header, a search box, three selects, a table of 50 rows,
a side pane and a footer — filled as it mounts; no database, no worker. Measured with the same Pilot
and the same wait as the sections: from the key until the table shows its rows and the pane its text.

    python -m bench.floor_screen      (o opens the screen, esc closes it, q quits)
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Select, Static

ROWS = 50
KEY = "o"
PANE = "Golvkontakt 1"
COLUMNS = ("Namn", "Organisation", "E-post", "Telefon", "Ort", "Status")


class FloorScreen(Screen):
    BINDINGS = [("escape", "app.pop_screen", "Tillbaka")]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="filters"):
            yield Input(placeholder="Sök (/)", id="search", compact=True)
            yield Select([("Ett", 1), ("Två", 2)], prompt="Alla taggar", compact=True)
            yield Select([("Akademi", 1), ("Näringsliv", 2)], prompt="Alla typer", compact=True)
            yield Select([("Aktiva", 1), ("Alla", 2)], value=1, allow_blank=False, compact=True)
        with Horizontal():
            yield DataTable(cursor_type="row", zebra_stripes=True, id="rows")
            with Vertical(id="side"):
                yield Static("", id="pane")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*COLUMNS)
        table.add_rows([(f"Golvkontakt {i}", f"Organisation {i % 7}", f"person{i}@exempel.se", f"070-{i:03} 00 00",
                         "Västerås", "aktiv") for i in range(1, ROWS + 1)])
        self.query_one("#pane", Static).update(f"{PANE}\nOrganisation 1\nperson1@exempel.se\n070-001 00 00")
        table.focus()


class FloorScreenApp(App):
    CSS = """
    FloorScreen {
        #filters { height: 1; }
        #filters Input { width: 1fr; }
        #filters Select { width: 20; }
        #side { width: 40; border: round $primary; }
    }
    """
    BINDINGS = [(KEY, "open", "Öppna"), ("q", "quit", "Avsluta")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Tryck o")
        yield Footer()

    def action_open(self) -> None:
        self.push_screen(FloorScreen())


def shown(app: App) -> bool:
    """The floor screen is on top with its rows and its pane filled."""
    screen = app.screen
    return (isinstance(screen, FloorScreen) and screen.query_one(DataTable).row_count == ROWS
            and PANE in str(screen.query_one("#pane", Static).render()))


if __name__ == "__main__":
    FloorScreenApp().run()
