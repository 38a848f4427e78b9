"""Snapshots of Portfölj at 120×40 and 80×24 (issue #15): the board with a column active, the list view,
triage with a field being edited, the beslutsunderlag and its export dialog. The board and triage on
opening are pictured in test_snapshots.py. One initiative is not pictured: its phase history is dated
by the audit trail, i.e. the day the test runs (a Pilot test checks its layout). Same fixtures and rules
as test_snapshots.py: the example data as of TODAY, pictures taken once the screen is still; the start's
notices (Översikt's renewals) are cleared before a dialog opens, and the documents folder is a fixed
path (the "Spara som" field shows it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from shk_tui import prefs
from tests.ui.snapshots.test_snapshots import SIZES, Steps, demo_file, keys, snap_app, take  # noqa: F401


def then(section: tuple[str, ...], opening: tuple[str, ...]) -> Steps:
    async def run(pilot: Pilot) -> None:
        await keys(*section)(pilot)
        pilot.app.clear_notifications()
        await keys(*opening)(pilot)

    return run


SCREENS = {
    "portfolj-tavla": keys("2", "right", "right", "down"),
    "portfolj-lista": keys("2", "v"),
    "portfolj-triage-budget": then(("2",), ("t", "b")),
    "portfolj-beslutsunderlag": then(("2",), ("r",)),
    "portfolj-beslutsunderlag-spara": then(("2",), ("r", "m")),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", SCREENS)
def test_portfolio_screens(snap_compare, snap_app, monkeypatch, screen: str, size: str) -> None:  # noqa: F811
    monkeypatch.setattr(prefs, "documents_dir", lambda: Path("/home/anna/Dokument"))
    assert take(snap_compare, snap_app, SCREENS[screen], size)
