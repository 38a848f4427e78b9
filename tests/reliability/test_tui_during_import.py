"""The TUI and the CLI on one SQLite file: saving a contact in the TUI while `shk import contacts` runs
in another process waits ("Väntar på databasen …") and saves; it never closes the app."""

from __future__ import annotations

import time
from pathlib import Path

from textual.widgets import Input

from shk_tui.app import ShkApp
from shk_tui.services.contacts import contact_list
from shk_tui.ui.contacts.contact_form import ContactFormScreen
from tests.helpers.proc import record_notifications, start_shk
from tests.ui.conftest import SIZE, TODAY, settle


def _csv(path: Path, n: int) -> Path:
    lines = ["Förnamn;Efternamn;E-post;Organisation"]
    lines += [f"Imp{i};Person;imp{i}@example.se;Org {i % 30}" for i in range(n)]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


async def test_saving_a_contact_while_the_cli_imports(sqlite_db, tmp_path: Path) -> None:
    db = sqlite_db
    path = db.config.sqlite_path
    app = ShkApp(db, today=TODAY)
    notes = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        form = ContactFormScreen(None)
        app.push_screen(form)
        await settle(pilot)
        form.query_one("#first_name", Input).value = "Åsa"
        form.query_one("#last_name", Input).value = "Öberg"
        imp = start_shk(["--db", str(path), "import", "contacts", str(_csv(tmp_path / "big.csv", 60000))],
                        data_dir=tmp_path / "data")
        deadline = time.monotonic() + 60
        # wait until the import holds the write lock (its transaction has begun writing)
        while not Path(f"{path}-wal").exists() or Path(f"{path}-wal").stat().st_size < 1_000_000:
            assert imp.poll() is None and time.monotonic() < deadline, imp.stderr.read() if imp.stderr else ""
            await pilot.pause(0.02)
        await pilot.press("ctrl+s")
        await pilot.pause(0.1)
        assert app.is_running
        while app.screen is form:
            assert time.monotonic() < deadline, notes
            await pilot.pause(0.05)
        _out, err = imp.communicate(timeout=120)
        assert imp.returncode == 0, err
        assert app.is_running
    assert any("Väntar på databasen" in n for n in notes), notes
    found = contact_list.search(db, contact_list.ContactFilter(text="Öberg")).rows
    assert [r.name for r in found] == ["Åsa Öberg"]
    assert contact_list.search(db, contact_list.ContactFilter(text="imp59999")).rows
