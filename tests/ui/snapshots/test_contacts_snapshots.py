"""Snapshots of Kontakter's dialogs and screens changed for issue #15 (the export and e-mail list with the
one "Spara som" field, Dubbletter and the merge dialog with the pair in view, the tags) at 120×40 and 80×24, on the example data. Kontakter and Organisationer themselves
are test_snapshots.py's ``kontakter`` and ``organisationer``, the import dialog its ``importera``; the
GDPR dialog shows the row's registration time, so its layout is a Pilot test (test_contacts_fit.py).
The fixtures are test_snapshots.py's."""

from __future__ import annotations

from pathlib import Path

import pytest

from shk_tui import prefs
from tests.ui.snapshots.test_snapshots import SIZES, Steps, demo_file, keys, snap_app, take  # noqa: F401

CONTACT_DIALOGS: dict[str, Steps] = {
    "kontakter-export": keys("3", "x"),
    "kontakter-epost": keys("3", "c"),
    "kontakter-dubbletter": keys("3", "d"),
    "kontakter-sla-ihop": keys("3", "d", "enter"),
    "kontakter-taggar": keys("3", "t"),
}


@pytest.fixture(autouse=True)
def _documents(monkeypatch):
    """The "Spara som" fields show a fixed documents folder (not a test's temporary one)."""
    monkeypatch.setattr(prefs, "documents_dir", lambda: Path("/home/anna/Dokument"))


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("dialog", CONTACT_DIALOGS)
def test_contacts_dialog(snap_compare, snap_app, dialog: str, size: str) -> None:  # noqa: F811
    assert take(snap_compare, snap_app, CONTACT_DIALOGS[dialog], size)
