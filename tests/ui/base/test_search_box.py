"""SearchBox (ui/widgets/search_box.py): Esc clears the text and returns to the table; Esc in an empty
search asks the screen to clear its filters; Enter goes to the table; leaving a section clears it."""

from __future__ import annotations

from textual import on
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Input

from shk_tui.ui.widgets.search_box import SearchBox, clear_all


class SearchScreen(Screen):
    def __init__(self) -> None:
        super().__init__()
        self.changes: list[str] = []
        self.cleared_filters = 0

    def compose(self) -> ComposeResult:
        yield SearchBox(placeholder="Sök …", id="search", table="#rows")
        yield DataTable(id="rows")

    def on_mount(self) -> None:
        self.query_one("#rows").focus()

    @on(Input.Changed, "#search")
    def _changed(self, event: Input.Changed) -> None:
        self.changes.append(event.value)

    @on(SearchBox.ClearFilters)
    def _clear_filters(self) -> None:
        self.cleared_filters += 1


class SearchApp(App):
    def on_mount(self) -> None:
        self.push_screen(SearchScreen())


async def test_esc_clears_the_text_then_the_filters_and_returns_to_the_table():
    app = SearchApp()
    async with app.run_test() as pilot:
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        box = screen.query_one(SearchBox)
        box.focus()
        await pilot.press("a", "b")
        await pilot.pause()
        assert box.value == "ab"
        await pilot.press("escape")
        await pilot.pause()
        assert box.value == ""
        assert screen.changes[-1] == ""  # the screen sees the search emptied (and reloads)
        assert screen.focused is screen.query_one("#rows")
        assert screen.cleared_filters == 0
        box.focus()
        await pilot.press("escape")
        await pilot.pause()
        assert screen.cleared_filters == 1  # already empty: the screen's filters go
        assert screen.focused is screen.query_one("#rows")


async def test_enter_goes_to_the_table_and_leaving_clears_the_search():
    app = SearchApp()
    async with app.run_test() as pilot:
        screen = app.screen
        box = screen.query_one(SearchBox)
        box.focus()
        await pilot.press("x", "enter")
        await pilot.pause()
        assert box.value == "x"
        assert screen.focused is screen.query_one("#rows")
        clear_all(screen)
        await pilot.pause()
        assert box.value == "" and screen.changes[-1] == ""


async def test_q_is_typed_into_a_search_box():
    app = SearchApp()
    async with app.run_test() as pilot:
        box = app.screen.query_one(SearchBox)
        box.focus()
        await pilot.press("q")
        await pilot.pause()
        assert box.value == "q"


async def test_leaving_a_section_with_a_section_key_clears_its_search(demo_db, make_app):
    from shk_tui.ui.contacts.contacts import ContactsScreen
    from shk_tui.ui.overview.overview import OverviewScreen
    from tests.ui.conftest import SIZE, open_section

    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        overview = await open_section(pilot, "1", OverviewScreen)
        box = SearchBox(id="probe-search")
        await overview.mount(box)
        box.value = "kvar"
        await open_section(pilot, "3", ContactsScreen)
        assert box.value == ""  # the next visit to Översikt does not search silently
        await open_section(pilot, "1", OverviewScreen)
        assert app.screen is overview and box.value == ""
