"""``shk``'s start (#17): the day's backup is taken after Översikt has its rows, in a worker, not before
the first frame; sections' screens are imported when first shown."""

from __future__ import annotations

import asyncio
import subprocess
import sys

from shk_tui import app as app_module
from shk_tui.services import backup
from shk_tui.ui.overview.overview import OverviewScreen
from tests.ui.conftest import SIZE, notices, settle


async def test_the_daily_backup_comes_after_the_first_rows(demo_db, make_app, monkeypatch):
    from shk_tui.services import storage

    real = storage.daily_backup
    rows_when_backed_up: list[int] = []

    def recording(db):
        rows_when_backed_up.append(app.screen.table.row_count)
        return real(db)

    monkeypatch.setattr(app_module, "BACKUP_AFTER", 0.3)
    monkeypatch.setattr(storage, "daily_backup", recording)
    app = make_app(demo_db)
    app.daily_backup = True
    assert backup.latest_backup_age(demo_db) is None
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(100):
            await asyncio.sleep(0.05)
            await settle(pilot)
            if backup.latest_backup_age(demo_db) is not None:
                break
        assert isinstance(app.screen, OverviewScreen) and app.screen.loads == 1
        assert len(rows_when_backed_up) == 1 and rows_when_backed_up[0] > 0  # Översikt had its rows first
        assert backup.latest_backup_age(demo_db) is not None
        assert notices(app, "error") == [] and notices(app, "warning") == []


async def test_a_failed_daily_backup_is_a_notice_and_the_app_goes_on(demo_db, make_app, monkeypatch):
    from shk_tui.errors import ShkError
    from shk_tui.services import storage

    def broken(db):
        raise ShkError("Säkerhetskopian kunde inte skrivas: disken är full")

    monkeypatch.setattr(app_module, "BACKUP_AFTER", 0.05)
    monkeypatch.setattr(storage, "daily_backup", broken)
    app = make_app(demo_db)
    app.daily_backup = True
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(40):
            await asyncio.sleep(0.05)
            await settle(pilot)
            if notices(app, "error"):
                break
        assert notices(app, "error") == ["Säkerhetskopian kunde inte skrivas: disken är full"]
        assert isinstance(app.screen, OverviewScreen) and app.is_running


def test_the_app_module_imports_no_section_screen():
    code = ("import sys, shk_tui.app; print(sorted(m for m in sys.modules if m.startswith('shk_tui.ui.')"
            " and m.count('.') == 3 and m.split('.')[2] not in ('base', 'widgets')))")
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert shown.strip() == "[]"
