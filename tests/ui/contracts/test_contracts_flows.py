"""Pilot flows of the Avtal screens: a bad end date (error beside the field, nothing saved), a new
contract, a quarterly schedule, marking a payment paid (and seeing it leave the overdue list on
Översikt), archiving, filters and search."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from textual.widgets import DataTable, Input, Select, Static

from shk_tui.services.contracts import contracts, payments
from shk_tui.ui.contracts.contract_detail import ContractDetailScreen
from shk_tui.ui.contracts.contract_dialog import FormDialog
from shk_tui.ui.contracts.contracts import ContractsScreen
from shk_tui.ui.overview.overview import OverviewScreen
from tests.helpers.choices import choose
from tests.helpers.contracts_pilot import add_contract, attention_texts, count, text, type_into
from tests.helpers.tables import table_rows
from tests.ui.conftest import SIZE, TODAY, settle


async def test_bad_end_date_shows_error_and_saves_nothing_then_saves(sqlite_db, make_app):
    add_contract(sqlite_db)
    app = make_app(sqlite_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        assert isinstance(app.screen, ContractsScreen)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, FormDialog)
        await pilot.press(*"Forskningsavtal ESK")
        await type_into(pilot, "#in-counterparty", "Eskilstuna kommun")
        await type_into(pilot, "#in-starts_on", "2027-01-01")
        await type_into(pilot, "#in-ends_on", "2026-12-31")
        await type_into(pilot, "#in-amount", "1 272 000")
        await type_into(pilot, "#in-diarienummer", "Dnr KS 67/16")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FormDialog)
        assert text(app.screen.query_one("#err-ends_on", Static)) == "Slutdatum kan inte vara före startdatum"
        assert text(app.screen.query_one("#err-counterparty", Static)) == (
            "Eskilstuna kommun finns inte bland organisationerna – spara igen för att skapa den")
        assert app.screen.query_one("#field-ends_on").has_class("-error")
        assert app.screen.focused is app.screen.query_one("#in-counterparty")  # the first field with an error
        assert count(sqlite_db, "contract") == 1 and count(sqlite_db, "organisation") == 1
        # a taken diarienummer and a negative amount are refused as well
        await type_into(pilot, "#in-ends_on", "2029-12-31")
        await type_into(pilot, "#in-diarienummer", "mdu 2026/1")
        await type_into(pilot, "#in-amount", "-5")
        await pilot.press("enter")
        await settle(pilot)
        assert "används redan" in text(app.screen.query_one("#err-diarienummer", Static))
        assert text(app.screen.query_one("#err-counterparty", Static)) == ""  # confirmed by saving again
        assert text(app.screen.query_one("#err-amount", Static)) == "Beloppet får inte vara negativt"
        assert text(app.screen.query_one("#err-ends_on", Static)) == ""
        assert count(sqlite_db, "contract") == 1
        await type_into(pilot, "#in-diarienummer", "Dnr KS 67/16")
        await type_into(pilot, "#in-amount", "1272000 kr")
        app.screen.query_one("#in-status", Select).value = "aktivt"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ContractDetailScreen)
        assert text(app.screen.query_one("#contract-title", Static)) == "Forskningsavtal ESK"
        assert "Eskilstuna kommun" in text(app.screen.query_one("#contract-info", Static))
        assert count(sqlite_db, "contract") == 2 and count(sqlite_db, "organisation") == 2
        await pilot.press("escape")
        await settle(pilot)
        table = app.screen.query_one("#section DataTable", DataTable)
        assert [r[0] for r in table_rows(table)] == ["Forskningsavtal ESK", "Samarbetsavtal MDU"]
        assert table_rows(table)[0][:2] == ["Forskningsavtal ESK", "Aktivt"]
        assert table_rows(table)[0][3:8] == ["Eskilstuna kommun", "Dnr KS 67/16", "2027-01-01–2029-12-31", "", "1 272 000 kr"]


async def test_quarterly_schedule_mark_paid_and_overview(sqlite_db, make_app):
    cid = add_contract(sqlite_db)
    app = make_app(sqlite_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
        assert not any("förföll" in t for t in attention_texts(app))
        await pilot.press("5")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ContractDetailScreen) and app.screen.contract_id == cid
        await pilot.press("g")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        assert dialog.query_one("#in-amount", Input).value == "100 000,01"  # nothing scheduled yet
        assert dialog.query_one("#in-interval", Select).value == "kvartalsvis"
        await type_into(pilot, "#in-count", "3")
        await type_into(pilot, "#in-first_due", "2026-08-31")
        preview = text(dialog.query_one("#form-preview", Static))
        assert "2026-11-30" in preview and "3 delbetalningar, summa 100 000,01 kr" in preview
        await type_into(pilot, "#in-count", "noll")
        assert "Ange antal" in text(dialog.query_one("#form-preview", Static))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Ange antal" in text(dialog.query_one("#err-count", Static)) and count(sqlite_db, "payment") == 0
        await type_into(pilot, "#in-count", "3")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ContractDetailScreen)
        table = app.screen.query_one("#payments", DataTable)
        assert [r[:2] for r in table_rows(table)] == [
            ["2026-08-31", "33 333,33 kr"], ["2026-11-30", "33 333,33 kr"], ["2027-02-28", "33 333,35 kr"]]
        assert [r[5] for r in table_rows(table)] == ["Förfallen", "Planerad", "Planerad"]
        assert all("red" in str(cell.style) for cell in table.get_row_at(0))  # the overdue row stands out
        assert str(table.get_row_at(1)[1].style) == ""
        assert "1 förfallen" in text(app.screen.query_one("#payment-summary", Static))
        with sqlite_db.engine.connect() as conn:
            assert conn.execute(sa.text("SELECT sum(amount_ore) FROM payment")).scalar_one() == 100_000_01
        # Översikt lists the overdue payment; enter opens the contract
        await pilot.press("escape")
        await pilot.press("1")
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
        overdue = "Samarbetsavtal MDU: 33 333,33 kr förföll 2026-08-31 (86 dagar sedan)"
        assert overdue in attention_texts(app)
        assert attention_texts(app)[0] == "Förfallna utbetalningar (1) – enter visar dem i Avtal"
        attention = app.screen.query_one("#attention", DataTable)
        attention.move_cursor(row=attention_texts(app).index(overdue))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ContractDetailScreen) and app.screen.contract_id == cid
        # mark paid in two keystrokes: b, enter (date today, the remaining amount)
        await pilot.press("b")
        await settle(pilot)
        assert isinstance(app.screen, FormDialog)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ContractDetailScreen)
        table = app.screen.query_one("#payments", DataTable)
        assert table_rows(table)[0][2:4] == ["33 333,33 kr", TODAY.isoformat()] and table_rows(table)[0][5] == "Betald"
        assert text(app.screen.query_one("#payment-summary", Static)).startswith(
            "Betalt 33 333,33 kr av 100 000,01 kr")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
        assert not any("förföll" in t for t in attention_texts(app))
        assert any("förfaller 2026-11-30 (om 5 dagar)" in t for t in attention_texts(app))


async def test_partial_payment_and_too_much_is_refused(sqlite_db, make_app):
    cid = add_contract(sqlite_db)
    done = payments.add_payment(sqlite_db, cid, "2026-09-30", "5 000")
    payments.mark_paid(sqlite_db, done, "2026-09-30", "5 000", today=TODAY)
    payments.add_payment(sqlite_db, cid, "2026-12-15", "10 000")
    app = make_app(sqlite_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(ContractDetailScreen(cid))
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        await type_into(pilot, "#in-amount", "12 000")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Mer än det som återstår (10 000 kr)" == text(app.screen.query_one("#err-amount", Static))
        await type_into(pilot, "#in-amount", "4 000")
        await type_into(pilot, "#in-reference", "Ver 2026-118")
        await pilot.press("enter")
        await settle(pilot)
        row = table_rows(app.screen.query_one("#payments", DataTable))[1]  # opened on the first unpaid row
        assert row[2] == "4 000 kr" and row[4] == "Ver 2026-118" and row[5] == "Delbetald"
        await pilot.press("u")
        await settle(pilot)
        assert [r[5] for r in table_rows(app.screen.query_one("#payments", DataTable))] == ["Betald", "Planerad"]


async def test_archive_an_ended_contract(sqlite_db, make_app):
    cid = add_contract(sqlite_db, title="Studentuppdrag Skultuna", status="avslutat", starts_on="2026-01-01",
                       ends_on="2026-06-30", diarienummer="")
    app = make_app(sqlite_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert any("Studentuppdrag Skultuna: avslutat, inte arkiverat" == t for t in attention_texts(app))
        await pilot.press("5")
        await settle(pilot)
        app.screen.query_one("#contract-filter", Select).value = "EJ_ARKIVERADE"
        await settle(pilot)
        assert [r[0] for r in table_rows(app.screen.query_one("#section DataTable", DataTable))] == [
            "Studentuppdrag Skultuna"]
        app.screen.query_one("#section DataTable", DataTable).focus()
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press(*"Diariet, pärm 2026")
        await type_into(pilot, "#in-archived_on", "2026-13-01")
        await pilot.press("enter")
        await settle(pilot)
        assert "Ogiltigt datum" in text(app.screen.query_one("#err-archived_on", Static))
        await type_into(pilot, "#in-archived_on", "2026-11-24")
        await pilot.press("enter")
        await settle(pilot)
        detail = contracts.get_contract(sqlite_db, cid, TODAY)
        assert detail.archived_on == date(2026, 11, 24) and detail.archive_location == "Diariet, pärm 2026"
        assert "2026-11-24 Diariet, pärm 2026" in text(app.screen.query_one("#contract-info", Static))
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.query_one("#section DataTable", DataTable).row_count == 0
        await pilot.press("1")
        await settle(pilot)
        assert not any("Studentuppdrag" in t for t in attention_texts(app))


async def test_filters_search_and_notes(sqlite_db, make_app):
    add_contract(sqlite_db)
    soon = add_contract(sqlite_db, title="Konsultavtal", counterparty="Dark Matter Labs", diarienummer="",
                        starts_on="2026-01-01", ends_on="2027-01-10")
    app = make_app(sqlite_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        screen = app.screen
        table = screen.query_one("#section DataTable", DataTable)
        assert table.row_count == 2
        assert table_rows(table)[0][2] == "slutar ≤60 d, ej diarieförd"
        screen.query_one("#contract-filter", Select).value = "INOM_30"
        await settle(pilot)
        assert table.row_count == 0
        screen.query_one("#contract-filter", Select).value = "INOM_60"
        await settle(pilot)
        assert [r[0] for r in table_rows(table)] == ["Konsultavtal"]
        assert "av 2 avtal" in text(screen.query_one(".section-count", Static))
        screen.query_one("#contract-filter", Select).value = "ALLA"
        await pilot.press("slash")
        await pilot.press(*"mälardalens")
        await settle(pilot)
        assert [r[0] for r in table_rows(table)] == ["Samarbetsavtal MDU"]
        await pilot.press("escape")
        assert screen.focused is table
        await type_into(pilot, "#contract-search", "")
        await settle(pilot)
        orgs = screen.query_one("#contract-counterparty", Select)
        await choose(pilot, orgs, "Dark Matter Labs")
        await settle(pilot)
        assert [r[0] for r in table_rows(table)] == ["Konsultavtal"]
        table.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.contract_id == soon
        await pilot.press("o")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert text(app.screen.query_one("#err-text", Static)) == "Skriv en anteckning"
        await pilot.press(*"Ringt om förlängning")
        await pilot.press("enter")
        await settle(pilot)
        notes = app.screen.query_one("#contract-notes", DataTable)
        assert table_rows(notes) == [[TODAY.isoformat(), "Ringt om förlängning", "testare"]]


async def test_add_and_delete_payments_and_delete_contract(sqlite_db, make_app):
    cid = add_contract(sqlite_db)
    add_contract(sqlite_db, title="Annat avtal", diarienummer="X 2")
    app = make_app(sqlite_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(ContractDetailScreen(cid))
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"2026-02-30")
        await type_into(pilot, "#in-amount", "12 500,50")
        await pilot.press("enter")
        await settle(pilot)
        assert "Ogiltigt datum" in text(app.screen.query_one("#err-due_on", Static))
        assert count(sqlite_db, "payment") == 0
        await type_into(pilot, "#in-due_on", "2027-01-15")
        await type_into(pilot, "#in-note", "första delen")
        await pilot.press("enter")
        await settle(pilot)
        table = app.screen.query_one("#payments", DataTable)
        # Riktning, Beslutad av, Attesterad av (#18): an utbetalning, nobody named
        assert table_rows(table) == [["2027-01-15", "12 500,50 kr", "", "", "", "Planerad", "ut", "", "", "första delen"]]
        await pilot.press("p")  # postpone it
        await settle(pilot)
        await type_into(pilot, "#in-due_on", "2027-02-15")
        await pilot.press("enter")
        await settle(pilot)
        assert table_rows(table)[0][:2] == ["2027-02-15", "12 500,50 kr"]
        assert "ej schemalagt 87 499,51 kr" in text(app.screen.query_one("#payment-summary", Static))
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert table.row_count == 0 and count(sqlite_db, "payment") == 0
        await pilot.press("escape")
        await pilot.press("5")
        await settle(pilot)
        listing = app.screen.query_one("#section DataTable", DataTable)
        assert [r[0] for r in table_rows(listing)] == ["Annat avtal", "Samarbetsavtal MDU"]
        listing.move_cursor(row=1)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("n")  # no: nothing happens
        await settle(pilot)
        assert count(sqlite_db, "contract") == 2
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert [r[0] for r in table_rows(listing)] == ["Annat avtal"] and count(sqlite_db, "contract") == 1


async def test_the_list_pages_when_the_cursor_reaches_the_end(sqlite_db, make_app, monkeypatch):
    from shk_tui.ui.contracts import contracts as contracts_screen

    monkeypatch.setattr(contracts_screen, "PAGE", 3)
    for i in range(7):
        add_contract(sqlite_db, title=f"Avtal {i}", diarienummer=f"D {i}")
    app = make_app(sqlite_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        table = app.screen.query_one("#section DataTable", DataTable)
        assert table.row_count == 3
        assert "Visar 3 av 7" in text(app.screen.query_one(".section-count", Static))
        await pilot.press("down", "down")
        await settle(pilot)
        assert table.row_count == 6 and table.cursor_row == 2
        await pilot.press("down", "down", "down")
        await settle(pilot)
        assert table.row_count == 7
        assert text(app.screen.query_one(".section-count", Static)) == "7 rader"


async def test_enter_takes_the_type_ahead_suggestion(sqlite_db, make_app):
    from shk_tui.db.models import Contact

    add_contract(sqlite_db)
    with sqlite_db.session() as s:
        s.add(Contact(first_name="Örjan", last_name="Östlund"))
    app = make_app(sqlite_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Avtal med MDU")
        await type_into(pilot, "#in-counterparty", "mäl")
        await settle(pilot)
        await pilot.press("enter")  # takes "Mälardalens universitet" instead of saving
        await settle(pilot)
        assert app.screen.query_one("#in-counterparty", Input).value == "Mälardalens universitet"
        assert count(sqlite_db, "contract") == 1
        await type_into(pilot, "#in-responsible", "örj")  # asked from the database per keystroke
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one("#in-responsible", Input).value == "Örjan Östlund"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ContractDetailScreen)
        assert count(sqlite_db, "contract") == 2 and count(sqlite_db, "organisation") == 1
        info = text(app.screen.query_one("#contract-info", Static)).splitlines()
        assert ["Ansvarig:", "Örjan Östlund"] in [line.split(maxsplit=1) for line in info]


async def test_long_cells_are_cut_with_an_ellipsis(demo_db, make_app):
    """Fixed-width columns show that a value was cut; the cell keeps the whole value."""
    from shk_tui.ui.contracts.contracts import COLUMNS

    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        table = app.screen.query_one("#section DataTable", DataTable)
        titles = [r[0] for r in table_rows(table)]
        assert "Överenskommelse om medel till processtödet, Eskilstuna kommun" in titles
        drawn = [table.render_line(y).text for y in range(table.size.height)]
        assert any("Överenskommelse om medel till… " in line for line in drawn), drawn
        assert dict(COLUMNS)["Titel"] == len("Överenskommelse om medel till…")
