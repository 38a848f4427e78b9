"""Pilot: x on Avtal asks where to save (the one "Spara som" field, defaulting to the documents folder and
then to the last export's folder), writes contracts and payments (XLSX, or CSV by the name) and deadlines
(iCalendar) there, and names the folder and the files in its notice."""

from __future__ import annotations

from icalendar import Calendar
from openpyxl import load_workbook
from textual.widgets import Input

from shk_tui.services.contracts import payments
from shk_tui.ui.contracts.contract_export_dialog import ContractExportDialog
from shk_tui.ui.contracts.contracts import ContractsScreen
from tests.helpers.contracts_pilot import add_contract, type_into
from tests.ui.conftest import SIZE, notices, open_section, settle


async def test_x_asks_where_and_exports_contracts_payments_and_deadlines(sqlite_db, make_app, tmp_path):
    cid = add_contract(sqlite_db)
    payments.add_payment(sqlite_db, cid, "2026-12-15", "10 000")
    app = make_app(sqlite_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, "5", ContractsScreen)
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ContractExportDialog)
        field = app.screen.query_one("#path", Input)
        assert field.value == str(tmp_path / "Dokument" / "avtal-2026-11-25.xlsx")  # the documents folder
        out = tmp_path / "ut"
        await type_into(pilot, "#path", str(out / "avtal-2026-11-25.xlsx"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ContractsScreen)
        assert sorted(p.name for p in out.iterdir()) == [
            "avtal-2026-11-25.xlsx", "avtalsdatum-2026-11-25.ics", "utbetalningar-2026-11-25.xlsx"]
        assert (f"Sparade avtal-2026-11-25.xlsx, utbetalningar-2026-11-25.xlsx och avtalsdatum-2026-11-25.ics "
                f"i {out}") in notices(app)
        ws = load_workbook(out / "avtal-2026-11-25.xlsx").active
        assert ws["B2"].value == "Samarbetsavtal MDU"
        assert (out / "avtal-2026-11-25.xlsx").stat().st_mode & 0o777 == 0o600
        cal = Calendar.from_ical((out / "avtalsdatum-2026-11-25.ics").read_bytes())
        assert any(str(e["summary"]).startswith("Utbetalning 10 000 kr") for e in cal.walk("VEVENT"))
        # the next export offers the folder used last
        await pilot.press("x")
        await settle(pilot)
        assert app.screen.query_one("#path", Input).value == str(out / "avtal-2026-11-25.xlsx")


async def test_a_csv_name_exports_csv_and_another_ending_is_refused_beside_the_field(sqlite_db, make_app, tmp_path):
    add_contract(sqlite_db)
    app = make_app(sqlite_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, "5", ContractsScreen)
        await pilot.press("x")
        await settle(pilot)
        await type_into(pilot, "#path", str(tmp_path / "avtal.pdf"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ContractExportDialog)
        assert "Filnamnet ska sluta på .xlsx eller .csv" in str(app.screen.query_one("#err-path").render())
        assert not (tmp_path / "avtal.pdf").exists()
        await type_into(pilot, "#path", str(tmp_path / "mina-avtal.csv"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ContractsScreen)
        assert (tmp_path / "mina-avtal.csv").read_bytes().decode("utf-8-sig").startswith("Id;Titel")
        assert (tmp_path / "utbetalningar-2026-11-25.csv").exists()
        assert any(t.startswith("Sparade mina-avtal.csv, utbetalningar-2026-11-25.csv och ") for t in notices(app))
