"""Pilot tests of Översikt: attention items grouped by category with counts and severity, enter
opens the row's target (contract detail, or another section via ``show_item``), auto-renewals are
persisted on open and reported, an empty day says so, errors become a notification."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from textual.widgets import DataTable, Static

from shk_tui.services import attention
from shk_tui.services.attention import AttentionItem
from shk_tui.services.contracts import contract_attention as att
from shk_tui.services.contracts import contract_edit, contracts, payments
from shk_tui.ui.base.confirm import ConfirmScreen
from shk_tui.ui.contacts.contacts import ContactsScreen
from shk_tui.ui.contracts.contract_detail import ContractDetailScreen
from shk_tui.ui.overview.overview import OverviewScreen
from tests.helpers.overview_pilot import texts
from tests.helpers.tables import table_column, table_rows
from tests.ui.conftest import SIZE, TODAY, notices, settle

HINT = " – enter visar dem i Avtal"




def seed(db) -> dict[str, int]:
    base = {"kind": "samarbetsavtal", "counterparty": "Mälardalens universitet", "status": "aktivt",
            "starts_on": "2025-01-01", "amount": "120 000", "diarienummer": ""}
    late = contract_edit.save_contract(db, {**base, "title": "Avtal A", "ends_on": "2027-06-30"})
    payments.add_payment(db, late, "2026-11-01", "60 000")
    payments.add_payment(db, late, "2026-12-01", "60 000")
    licence = contract_edit.save_contract(db, {**base, "title": "Licens B", "ends_on": "2026-10-31",
                                               "auto_renew": True, "renewal_months": "12", "notice_months": "1",
                                               "diarienummer": "L 2024/1"})
    return {"late": late, "licence": licence}


async def test_items_grouped_with_counts_and_opening_a_contract(sqlite_db, make_app):
    ids = seed(sqlite_db)
    app = make_app(sqlite_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
        rows = texts(app)
        assert rows[:2] == [f"Förfallna utbetalningar (1){HINT}", "Avtal A: 60 000 kr förföll 2026-11-01 (24 dagar sedan)"]
        assert f"Utbetalningar inom 30 dagar (1){HINT}" in rows
        assert f"Aktiva avtal utan diarienummer (1){HINT}" in rows
        assert f"{att.RENEWED} (1)" in rows  # no Avtal filter for it: no hint
        count = str(app.screen.query_one("#attention-count", Static).render())
        assert count == "4 saker i 4 grupper"
        table = app.screen.query_one("#attention", DataTable)
        assert table.cursor_row == 1  # the first item, not its heading
        # the severity shows as style: overdue in red, information dimmed
        assert "red" in str(table.get_row_at(1)[2].style)
        # enter on a heading without an Avtal filter does nothing; on an item opens the contract
        table.move_cursor(row=rows.index(f"{att.RENEWED} (1)"))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
        table.move_cursor(row=1)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ContractDetailScreen) and app.screen.contract_id == ids["late"]
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
        # the summary beside it still counts the database
        summary = app.screen.query_one("#section DataTable", DataTable)
        assert ["Förfallna utbetalningar", "1"] in table_rows(summary)


async def test_auto_renewal_is_persisted_on_open_and_reported(sqlite_db, make_app):
    ids = seed(sqlite_db)
    app = make_app(sqlite_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert any("Licens B: förlängt automatiskt till 2027-10-31" in t for t in notices(app))
        assert contracts.get_contract(sqlite_db, ids["licence"], TODAY).ends_on == date(2027, 10, 31)
        assert any(t.startswith("Licens B: Förlängt automatiskt med 12 mån") for t in texts(app))
        with sqlite_db.engine.connect() as conn:
            audited = conn.execute(sa.text(
                "SELECT count(*) FROM audit_entry WHERE table_name='contract' AND action='update' AND row_id=:i"),
                {"i": ids["licence"]}).scalar_one()
        assert audited == 1
        await pilot.press("r")  # refreshing does not roll it again
        await settle(pilot)
        assert contracts.get_contract(sqlite_db, ids["licence"], TODAY).ends_on == date(2027, 10, 31)


async def test_other_sections_open_through_show_item(sqlite_db, make_app, monkeypatch):
    seed(sqlite_db)
    item = AttentionItem("Kontakter att granska", 1, None, "Anna Andersson saknar rättslig grund", "kontakter", 7)
    monkeypatch.setattr(attention, "collect_shown", lambda db, today, per_category: attention.cut([item], per_category))
    shown: list[int] = []
    monkeypatch.setattr(ContactsScreen, "show_item", lambda self, target_id: shown.append(target_id), raising=False)
    app = make_app(sqlite_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert texts(app) == ["Kontakter att granska (1)", "Anna Andersson saknar rättslig grund"]
        await pilot.press("enter")
        await settle(pilot)
        assert app.current_mode == "kontakter" and isinstance(app.screen, ContactsScreen)
        assert shown == [7]


async def test_nothing_to_do_and_errors(app_db, make_app, monkeypatch):
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
        empty = app.screen.query_one("#attention-empty", Static)
        assert empty.display and str(empty.render()) == "Inget att åtgärda just nu."
        assert app.screen.query_one("#attention", DataTable).row_count == 0

        def broken(db, today, per_category):
            raise RuntimeError("disk on fire")

        monkeypatch.setattr(attention, "collect_shown", broken)
        await pilot.press("r")
        await settle(pilot)
        assert app.is_running
        assert any("Kunde inte läsa översikten" in t for t in notices(app, "error"))
        assert str(app.screen.query_one("#attention-count", Static).render()) == "Kunde inte laddas"


async def test_example_data_shows_contract_rows(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        headings = [t.removesuffix(HINT) for t in texts(app) if t.endswith(HINT)]
        categories = {h.rsplit(" (", 1)[0] for h in headings}
        assert att.OVERDUE in categories and att.DUE_SOON in categories
        items = [i for i in attention.collect(demo_db, TODAY) if i.section == "avtal"]
        assert items and all(i.target_id is not None for i in items)


async def test_opening_a_contract_rolls_its_renewal_and_says_so(sqlite_db, make_app, monkeypatch):
    ids = seed(sqlite_db)
    monkeypatch.setattr(contract_edit, "roll_renewals", lambda db, today, contract_id=None: [])  # not on Översikt
    app = make_app(sqlite_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        monkeypatch.undo()
        app.push_screen(ContractDetailScreen(ids["licence"]))
        await settle(pilot)
        assert "Förlängt automatiskt: slutdatum 2026-10-31 → 2027-10-31" in notices(app)
        info = str(app.screen.query_one("#contract-info", Static).render())
        assert "2025-01-01 – 2027-10-31" in info and "ja, 12 mån i taget" in info
        notes = app.screen.query_one("#contract-notes", DataTable)
        assert str(notes.get_row_at(0)[1]).startswith("Förlängt automatiskt med 12 mån")


async def test_a_contract_deleted_meanwhile_returns_to_the_dashboard(sqlite_db, make_app):
    ids = seed(sqlite_db)
    app = make_app(sqlite_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        contract_edit.delete_contract(sqlite_db, ids["late"])  # e.g. by a colleague on PostgreSQL
        await pilot.press("enter")  # the row still shown for it
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
        assert any("Avtalet finns inte" in t for t in notices(app))
        assert not any("Avtal A" in t for t in texts(app))  # reloaded on return


async def test_a_heading_opens_avtal_with_its_filter(sqlite_db, make_app):
    ids = seed(sqlite_db)
    contract_edit.save_contract(sqlite_db, {"title": "Med dnr", "status": "aktivt", "diarienummer": "K 1"})
    app = make_app(sqlite_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#attention", DataTable)
        table.move_cursor(row=texts(app).index(f"Aktiva avtal utan diarienummer (1){HINT}"))
        await pilot.press("enter")
        await settle(pilot)
        assert app.current_mode == "avtal"
        listing = app.screen.query_one("#section DataTable", DataTable)
        assert table_column(listing, 0) == ["Avtal A"]
        await pilot.press("1")
        await settle(pilot)
        table = app.screen.query_one("#attention", DataTable)
        table.move_cursor(row=texts(app).index(f"Förfallna utbetalningar (1){HINT}"))
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one("#contract-filter").value == "FORFALLNA"
        assert table_column(listing, 0) == ["Avtal A"]
        assert ids["late"] == app.screen.current_id
