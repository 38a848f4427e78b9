"""Pilot: x on Avtal writes contracts and payments (XLSX) and deadlines (iCalendar) to the export folder."""

from __future__ import annotations

from icalendar import Calendar
from openpyxl import load_workbook

from shk_tui.services.contracts import payments
from tests.helpers.contracts_pilot import add_contract
from tests.ui.conftest import SIZE, notices, settle


async def test_x_exports_contracts_payments_and_deadlines(sqlite_db, make_app, monkeypatch, tmp_path):
    cid = add_contract(sqlite_db)
    payments.add_payment(sqlite_db, cid, "2026-12-15", "10 000")
    monkeypatch.setenv("SHK_EXPORT_DIR", str(tmp_path / "ut"))
    app = make_app(sqlite_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        out = tmp_path / "ut"
        assert sorted(p.name for p in out.iterdir()) == [
            "avtal-2026-11-25.xlsx", "avtalsdatum-2026-11-25.ics", "utbetalningar-2026-11-25.xlsx"]
        assert any(t.startswith("Sparade avtal-2026-11-25.xlsx") for t in notices(app))
        ws = load_workbook(out / "avtal-2026-11-25.xlsx").active
        assert ws["B2"].value == "Samarbetsavtal MDU"
        assert (out / "avtal-2026-11-25.xlsx").stat().st_mode & 0o777 == 0o600
        cal = Calendar.from_ical((out / "avtalsdatum-2026-11-25.ics").read_bytes())
        assert any(str(e["summary"]).startswith("Utbetalning 10 000 kr") for e in cal.walk("VEVENT"))
