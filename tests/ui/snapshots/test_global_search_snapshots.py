"""Snapshots of the global search (#16) at 120×40 and 80×24 on the example data: ctrl+p with "dark" typed
(contacts, organisations and contracts, each with its kind, context line and section, under the commands
whose title matches), ``/`` on Översikt with "labb" typed, and a text that finds nothing ("Inga träffar").
The fixtures are test_snapshots.py's."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette
from textual.pilot import Pilot

from shk_tui.app import ShkApp
from tests.ui.conftest import settle
from tests.ui.snapshots.test_snapshots import SIZES, Steps, demo_file, snap_app, take  # noqa: F401


def typed(opening_key: str, text: str, wait: float = 0.0) -> Steps:
    """Steps: the palette opened with ``opening_key``, ``text`` typed, the hits gathered (and ``wait``)."""

    async def run(pilot: Pilot) -> None:
        await settle(pilot)
        pilot.app.clear_notifications()  # Översikt's notice of renewed contracts: not under the palette
        await pilot.pause()
        await pilot.press(opening_key)
        await settle(pilot)
        await pilot.press(*text)
        await pilot.pause()
        await settle(pilot)
        if wait:
            await pilot.pause(wait)

    return run


SEARCHES: dict[str, Steps] = {
    "sok-ctrl-p": typed("ctrl+p", "dark"),
    "sok-snedstreck": typed("slash", "labb"),
    "sok-inga-traffar": typed("ctrl+p", "zzqxw", CommandPalette._NO_MATCHES_COUNTDOWN + 0.2),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("search", SEARCHES)
def test_global_search(snap_compare, snap_app: ShkApp, search: str, size: str) -> None:  # noqa: F811
    assert take(snap_compare, snap_app, SEARCHES[search], size)
