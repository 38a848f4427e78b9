"""Snapshots (pytest-textual-snapshot's ``snap_compare``) of each section and of the main dialogs, on the
example data at 120×40 and at 80×24.

Deterministic: today is tests/ui/conftest.TODAY, the example data is built once as of that day and copied
for each snapshot, the header shows a fixed database name and no clock, text cursors do not blink,
notices (which go after a few seconds) are cleared, and the picture is taken once the screen is still.
After a deliberate change to a screen: ``pytest tests/ui/snapshots --snapshot-update``, then look at the
changed SVGs (``git diff --stat``, the HTML report) before committing them."""

from __future__ import annotations

import os
import shutil
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable

from shk_tui.app import ShkApp
from shk_tui.config import resolve
from shk_tui.db.engine import Database
from tests.helpers.tables import table_column
from tests.ui.conftest import TODAY, settle

SIZES = {"120x40": (120, 40), "80x24": (80, 24)}
DATABASE_NAME = "shk.sqlite3"  # what the header shows instead of the test's temporary path

Steps = Callable[[Pilot], Awaitable[None]]


@pytest.fixture(scope="module")
def demo_file(_sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example data as of TODAY, built once for the module (each snapshot gets its own copy)."""
    from shk_tui.services.demo import seed as demo

    path = tmp_path_factory.mktemp("snapshots") / DATABASE_NAME
    shutil.copyfile(_sqlite_template, path)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SHK_DATA_DIR", str(path.parent / "data"))
        db = Database(resolve(str(path)))
        try:
            demo.load(db, today=TODAY)
        finally:
            db.dispose()
    return path


@pytest.fixture
def snap_app(demo_file: Path, tmp_path: Path) -> Iterator[ShkApp]:
    path = tmp_path / DATABASE_NAME
    shutil.copyfile(demo_file, path)
    os.chmod(path, 0o600)
    db = Database(resolve(str(path)))
    app = ShkApp(db, today=TODAY)
    app.sub_title = DATABASE_NAME
    yield app
    db.dispose()


def keys(*pressed: str) -> Steps:
    """Steps: these keys, each followed by waiting until the app is idle."""

    async def run(pilot: Pilot) -> None:
        await settle(pilot)
        for key in pressed:
            await pilot.press(key)
            await settle(pilot)

    return run


def budget_figure() -> Steps:
    """Budget (6), the cursor on Följeforskning's budget for 2023, enter: the figure dialog."""

    async def run(pilot: Pilot) -> None:
        await keys("6")(pilot)
        table = pilot.app.screen.query_one("#budget-table", DataTable)
        column = [str(c.key.value) for c in table.ordered_columns].index("2023:budget")
        table.move_cursor(row=table_column(table, 0).index("Följeforskning"), column=column)
        await keys("enter")(pilot)

    return run


SECTIONS = {"oversikt": "1", "portfolj": "2", "kontakter": "3", "evenemang": "4", "avtal": "5", "budget": "6"}
DIALOGS: dict[str, Steps] = {
    "kontaktformular": keys("3", "e"),
    "evenemangsformular": keys("4", "e"),
    "deltagarlista": keys("4", "enter"),
    "avtalsformular": keys("5", "e"),
    "avtalsdetalj": keys("5", "enter"),
    "triage": keys("2", "t"),
    "budgetsiffra": budget_figure(),
    "hjalp": keys("1", "question_mark"),
    "gallring": keys("1", "g"),
    "importera": keys("3", "i"),
    "organisationer": keys("3", "o"),
    "deltagarstatus": keys("4", "enter", "s"),
    "ansokningar": keys("6", "a"),
}


async def until_still(pilot: Pilot, tries: int = 40) -> None:
    """Wait until two pictures of the screen in a row are the same: data loaded by workers, tables and
    choices filled and laid out (some of that happens a refresh or two after the workers are done)."""
    before = None
    for _ in range(tries):
        await settle(pilot, rounds=1)
        await pilot.wait_for_scheduled_animations()
        await pilot.pause(0.05)
        now = pilot.app.export_screenshot()
        if now == before:
            return
        before = now
    raise AssertionError("the screen kept changing")


def take(snap_compare, app: ShkApp, steps: Steps, size: str) -> bool:
    async def run_before(pilot: Pilot) -> None:
        await steps(pilot)
        for widget in pilot.app.screen.query("Input, TextArea"):
            widget.cursor_blink = False  # type: ignore[attr-defined]  # a blinking cursor changes the picture
        # notices go after a few seconds (at start Översikt says which contracts it renewed): not pictured
        pilot.app.clear_notifications()
        await until_still(pilot)

    return snap_compare(app, run_before=run_before, terminal_size=SIZES[size])


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("section", SECTIONS)
def test_section(snap_compare, snap_app: ShkApp, section: str, size: str) -> None:
    assert take(snap_compare, snap_app, keys(SECTIONS[section]), size)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("dialog", DIALOGS)
def test_dialog(snap_compare, snap_app: ShkApp, dialog: str, size: str) -> None:
    assert take(snap_compare, snap_app, DIALOGS[dialog], size)
