"""Snapshots of Budget with its chart open, Budget's export dialog and an application's form, at 120×40 and
80×24 (issue #15). Budget without the chart, Ansökningar and Översikt are pictured in test_snapshots.py.
Same fixtures and rules as there: the example data as of TODAY, pictures taken once the screen is still;
the notices of the start (Översikt's renewals) are cleared before a dialog opens (a toast shown under a
modal screen would stay in its picture), and the documents folder is a fixed path (the export dialog's
"Spara som" shows it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from shk_tui import prefs
from tests.ui.snapshots.test_snapshots import SIZES, Steps, demo_file, keys, snap_app, take  # noqa: F401


def then_dialog(section: tuple[str, ...], opening: tuple[str, ...]) -> Steps:
    async def run(pilot: Pilot) -> None:
        await keys(*section)(pilot)
        pilot.app.clear_notifications()
        await keys(*opening)(pilot)

    return run


SCREENS = {
    "budget-diagram": keys("6", "g"),
    "budget-exportera": then_dialog(("6",), ("x",)),
    "ansokan": then_dialog(("6", "a"), ("e",)),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", SCREENS)
def test_budget_screens(snap_compare, snap_app, monkeypatch, screen: str, size: str) -> None:  # noqa: F811
    monkeypatch.setattr(prefs, "documents_dir", lambda: Path("/home/anna/Dokument"))
    assert take(snap_compare, snap_app, SCREENS[screen], size)
