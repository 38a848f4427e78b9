"""Snapshots of Evenemang's screens and dialogs at 120×40 and 80×24 (issue #15): check-in of the example
workshop (the match list of a few letters), the question before checking someone in at a full event,
the question before check-in ahead of the event's day, the workshop's follow-up, and the "Spara som" dialogs of the event list and
the participant list. Evenemang itself, Deltagarlista and its status dialog are pictured in
test_snapshots.py. Same fixtures and rules as there; notices of the start (Översikt's renewals) are
cleared before a dialog opens, and the documents folder is a fixed path (shown by "Spara som")."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable

from shk_tui import prefs
from tests.helpers.tables import table_column
from tests.ui.snapshots.test_snapshots import SIZES, Steps, demo_file, keys, snap_app, take  # noqa: F401

WORKSHOP = "Workshop: Demokratisk infrastruktur"
FORUM = "Samhällsforum: Alla barn och unga lyckas"  # 30 seats taken of 30, three reserves, in three weeks


def event(title: str, *then: str) -> Steps:
    """Evenemang, the cursor on ``title``, enter (its participant list), then the keys ``then``."""

    async def run(pilot: Pilot) -> None:
        await keys("4")(pilot)
        table = pilot.app.screen.query_one("#table", DataTable)
        table.move_cursor(row=table_column(table, 2).index(title))
        pilot.app.clear_notifications()
        await keys("enter", *then)(pilot)

    return run


def full_forum() -> Steps:
    """Check-in of the full forum (after the early question), a reserve typed: the question before a
    seat beyond the capacity."""

    async def run(pilot: Pilot) -> None:
        from shk_tui.enums import ParticipationStatus as PS

        await event(FORUM, "i", "y")(pilot)
        reserve = next(r for r in pilot.app.screen.index.rows if r.status == PS.RESERV)
        await keys(*[("space" if ch == " " else ch) for ch in reserve.name.lower()], "enter")(pilot)

    return run


SCREENS: dict[str, Steps] = {
    "incheckning": event(WORKSHOP, "i", "a", "n"),
    "incheckning-tidig": event(FORUM, "i"),
    "incheckning-fullt": full_forum(),
    "uppfoljning": event(WORKSHOP, "u"),
    "kalenderfil": event(WORKSHOP, "escape", "x"),
    "deltagarexport": event(WORKSHOP, "x", "enter"),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", SCREENS)
def test_events_screens(snap_compare, snap_app, monkeypatch, screen: str, size: str) -> None:  # noqa: F811
    monkeypatch.setattr(prefs, "documents_dir", lambda: Path("/home/anna/Dokument"))
    assert take(snap_compare, snap_app, SCREENS[screen], size)
