"""Pilot: Översikt shows "Ska diarieföras" with its count and the day each should have been registered
by; enter on the heading lists those contracts in Avtal (filter "Ska diarieföras"); enter on an
initiative decision's row opens it in Portfölj."""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable

from shk_tui.db.models import Initiative
from shk_tui.enums import Phase
from shk_tui.services.contracts import contract_edit
from shk_tui.ui.portfolio.initiative_detail import InitiativeDetailScreen
from tests.helpers.tables import table_rows
from tests.ui.conftest import SIZE, settle

HINT = " – enter visar avtalen i Avtal"


async def test_heading_with_count_and_enter_opens_the_list(sqlite_db, make_app):
    db = sqlite_db
    base = {"kind": "samarbetsavtal", "counterparty": "Västerås stad", "status": "aktivt", "diarienummer": ""}
    late = contract_edit.save_contract(db, {**base, "title": "Avtal A", "signed_on": "2026-11-20"})
    contract_edit.save_contract(db, {**base, "title": "Avtal B", "signed_on": "2026-11-24"})  # due today: in time
    contract_edit.save_contract(db, {**base, "title": "Avtal C", "signed_on": "2026-11-02", "diarienummer": "K 1"})
    with db.session() as s:
        ini = Initiative(name="Trygga skolvägar", budget_ore=250_000_00, decided_on=date(2026, 11, 2),
                         decided_by="Styrelse", phase=Phase.FAS_1)
        s.add(ini)
        s.flush()
        ini_id = ini.id
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#attention", DataTable)
        shown = table_rows(table)
        texts = [r[2] for r in shown]
        heading = texts.index(f"Ska diarieföras (2){HINT}")
        assert heading == 0  # overdue legal duty: listed first
        assert shown[heading + 1][1] == "2026-11-03" and shown[heading + 1][2].startswith("Beslut om initiativet")
        assert shown[heading + 2][1] == "2026-11-23" and shown[heading + 2][2].startswith("Avtal A (Västerås stad)")
        assert not any(t.startswith("Avtal C") for t in texts)
        table.move_cursor(row=heading)
        await pilot.press("enter")
        await settle(pilot)
        assert app.current_mode == "avtal"
        assert app.screen.query_one("#contract-filter").value == "SKA_DIARIEFORAS"
        listing = app.screen.query_one("#section DataTable", DataTable)
        assert [r[0] for r in table_rows(listing)] == ["Avtal A"]
        assert app.screen.current_id == late
        await pilot.press("1")
        await settle(pilot)
        table = app.screen.query_one("#attention", DataTable)
        table.move_cursor(row=heading + 1)
        await pilot.press("enter")
        await settle(pilot)
        assert app.current_mode == "portfolj"
        assert isinstance(app.screen, InitiativeDetailScreen) and app.screen.initiative_id == ini_id


async def test_decisions_only_heading_stays_on_the_dashboard(sqlite_db, make_app):
    with sqlite_db.session() as s:
        s.add(Initiative(name="Stort beslut", budget_ore=900_000_00, decided_on=date(2026, 11, 2),
                         decided_by="Core Team", phase=Phase.FAS_1))
    app = make_app(sqlite_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#attention", DataTable)
        texts = [r[2] for r in table_rows(table)]
        assert texts[0] == "Ska diarieföras (1)"  # no Avtal hint: Avtal would list nothing
        assert texts[1].startswith("Beslut om initiativet Stort beslut (Core Team), 900 000 kr: beslutat 2026-11-02")
        table.move_cursor(row=0)
        await pilot.press("enter")
        await settle(pilot)
        assert app.current_mode != "avtal" and app.screen.query_one("#attention", DataTable) is table
