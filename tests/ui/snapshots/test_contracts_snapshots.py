"""Snapshots of Avtal's screens and dialogs changed for issue #15, at 120×40 and 80×24 on the example data:
a contract with a long payment schedule and one with a follow-up note (the payments in view, each value in
its column), the question before archiving a live contract, the schedule dialog, the export dialog with the one "Spara som"
field, and the empty list with its hint. The list and the first contract are test_snapshots.py's
``avtal`` and ``avtalsdetalj``. The fixtures are test_snapshots.py's; the notices of the start are cleared
before a dialog opens, and the documents folder is a fixed path (the export dialog shows it)."""

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


SCREENS: dict[str, Steps] = {
    "avtal-betalplan": keys("5", "end", "enter"),  # Västerås stad: eight payments, one overdue
    "avtal-uppfoljning": keys("5", "end", "up", "enter"),  # Eskilstuna kommun: a follow-up note
    "avtal-arkivera-fraga": then_dialog(("5", "end", "enter"), ("r",)),
    "avtal-skapa-betalplan": then_dialog(("5", "enter"), ("g",)),  # the amounts of its intro unbroken
    "avtal-exportera": then_dialog(("5",), ("x",)),
    "avtal-inga-traffar": keys("5", "slash", *"ingetsådant", "enter"),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", SCREENS)
def test_contracts_screens(snap_compare, snap_app, monkeypatch, screen: str, size: str) -> None:  # noqa: F811
    monkeypatch.setattr(prefs, "documents_dir", lambda: Path("/home/anna/Dokument"))
    assert take(snap_compare, snap_app, SCREENS[screen], size)
