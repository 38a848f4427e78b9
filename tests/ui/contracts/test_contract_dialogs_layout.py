"""Pilot tests from the contracts acceptance audit: the contract dialogs keep their own layout
although every section's stylesheet is loaded app-wide, the Avtal filters learn new counterparties,
and input the database would refuse is a message beside the field."""

from __future__ import annotations

import threading

from textual.widgets import DataTable, Label, Select, Static

from shk_tui.services.contracts import payments
from shk_tui.ui.contracts.contract_detail import ContractDetailScreen
from shk_tui.ui.contracts.contract_dialog import FormDialog
from shk_tui.ui.contracts.contracts import ContractsScreen
from tests.helpers.choices import choose, select_labels
from tests.helpers.contracts_pilot import add_contract, count, text, type_into
from tests.helpers.tables import table_column
from tests.ui.conftest import SIZE, TODAY, notices, open_section, settle


async def test_contract_dialogs_show_their_labels_beside_the_fields(sqlite_db, make_app):
    cid = add_contract(sqlite_db)
    payments.add_payment(sqlite_db, cid, "2026-12-15", "10 000")
    app = make_app(sqlite_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(ContractDetailScreen(cid))
        await settle(pilot)
        for key, fields in (("b", 3), ("g", 5), ("e", 25)):  # the contract form: 19 + the money's 6 (#18)
            await pilot.press(key)
            await settle(pilot)
            dialog = app.screen
            assert isinstance(dialog, FormDialog)
            labels = list(dialog.query(".fk-label").results(Label))
            assert len(labels) == fields
            for label in labels:  # other sections' .cform-label rules once hid them (width 0, own row)
                assert label.region.width == 22, (key, str(label.render()))
                field_input = label.parent.children[1]
                assert field_input.region.y == label.region.y and field_input.region.x > label.region.x
            box = dialog.query_one(".fk-dialog")
            assert box.region.height < SIZE[1] - 4, key  # sized to its fields, not 90 % of the screen
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, ContractDetailScreen)


async def test_a_new_counterparty_appears_in_the_filter_and_the_choice_survives_reloads(sqlite_db, make_app):
    add_contract(sqlite_db)
    app = make_app(sqlite_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_section(pilot, "5", ContractsScreen)
        orgs = screen.query_one("#contract-counterparty", Select)
        assert select_labels(orgs)[1:] == ["Mälardalens universitet"]
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Avtal med Örebro")
        await type_into(pilot, "#in-counterparty", "Örebro universitet")
        await pilot.press("ctrl+s", "ctrl+s")  # the second save confirms the new organisation
        await settle(pilot)
        assert isinstance(app.screen, ContractDetailScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert select_labels(orgs)[1:] == ["Mälardalens universitet", "Örebro universitet"]
        await choose(pilot, orgs, "Örebro universitet")
        orebro = orgs.value
        await settle(pilot)
        table = screen.query_one("#section DataTable", DataTable)
        assert table_column(table, 0) == ["Avtal med Örebro"]
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape")  # back: choices read again, the chosen counterparty kept
        await settle(pilot)
        assert orgs.value == orebro and table.row_count == 1
        # its only contract deleted: the choice goes and the list shows everything again
        table.focus()
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)
        assert count(sqlite_db, "contract") == 1
        assert orgs.value is Select.NULL
        assert select_labels(orgs)[1:] == ["Mälardalens universitet"]
        assert table.row_count == 1 and str(table.get_row_at(0)[0]) == "Samarbetsavtal MDU"


async def test_a_diarienummer_taken_in_another_case_of_ö_is_shown_beside_the_field(sqlite_db, make_app):
    add_contract(sqlite_db, diarienummer="ÖK 2026/5")
    app = make_app(sqlite_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, "5", ContractsScreen)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Nytt avtal")
        await type_into(pilot, "#in-diarienummer", "ök 2026/5")
        await type_into(pilot, "#in-ends_on", "0001-01-01")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FormDialog)
        assert text(app.screen.query_one("#err-diarienummer", Static)) == (
            "Diarienumret används redan av Samarbetsavtal MDU")
        assert text(app.screen.query_one("#err-ends_on", Static)) == "Ange ett datum mellan år 1900 och 2200"
        assert count(sqlite_db, "contract") == 1


async def test_a_database_failure_on_save_is_a_message_and_the_dialog_stays(sqlite_db, make_app, monkeypatch):
    cid = add_contract(sqlite_db)
    payments.add_payment(sqlite_db, cid, "2026-12-15", "10 000")
    app = make_app(sqlite_db)

    def locked(*args, **kwargs):
        raise RuntimeError("database is locked")

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(ContractDetailScreen(cid))
        await settle(pilot)
        monkeypatch.setattr(payments, "mark_paid", locked)
        monkeypatch.setattr(payments, "delete_payment", locked)
        await pilot.press("b", "enter")
        await settle(pilot)
        assert isinstance(app.screen, FormDialog)  # still open, with what was typed
        assert "Kunde inte spara" in text(app.screen.query_one("#err-form", Static))
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("x", "j")
        await settle(pilot)
        assert isinstance(app.screen, ContractDetailScreen) and app.is_running
        assert count(sqlite_db, "payment") == 1
        assert any("databasen svarade inte" in t for t in notices(app))


def test_paid_share_is_rounded_down():
    from datetime import date as _date

    from shk_tui.enums import ContractKind, ContractStatus
    from shk_tui.services.contracts.contracts import ContractRow
    from shk_tui.ui.contracts.contracts import paid_text

    row = ContractRow(1, "A", ContractKind.OVRIGT, "", None, None, "", None, None, _date(2027, 1, 1), None,
                      100_000_01, 100_000_00, 100_000_01, 0, ContractStatus.AKTIVT, False, None)
    assert paid_text(row) == "100 000 kr (99 %)"


async def test_a_long_follow_up_note_wraps_and_who_stays_in_view(sqlite_db, make_app):
    from shk_tui.services.contracts import contract_edit

    cid = add_contract(sqlite_db)
    long_note = "Ringde motparten om förlängningen; de återkommer med ett nytt pris före jul och vill ses i januari"
    contract_edit.add_note(sqlite_db, cid, long_note, today=TODAY)
    app = make_app(sqlite_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(ContractDetailScreen(cid))
        await settle(pilot)
        notes = app.screen.query_one("#contract-notes", DataTable)
        assert [str(c) for c in notes.get_row_at(0)] == [TODAY.isoformat(), long_note, "testare"]
        assert notes.rows[notes.coordinate_to_cell_key((0, 0)).row_key].height > 1
        assert sum(col.get_render_width(notes) for col in notes.columns.values()) <= notes.size.width


async def test_a_long_heading_on_översikt_wraps_instead_of_losing_its_hint(sqlite_db, make_app):
    add_contract(sqlite_db, title="Ramavtal", notice_months="2", ends_on="2027-02-10", diarienummer="KS 9")
    app = make_app(sqlite_db)
    async with app.run_test(size=(80, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#attention", DataTable)
        heading = "Sista dag för uppsägning inom 30 dagar (1) – enter visar dem i Avtal"
        cells = table_column(table, 2)
        row = cells.index(heading)
        assert table.rows[table.coordinate_to_cell_key((row, 0)).row_key].height > 1  # was 1: the hint cut off


def test_the_summary_says_when_the_schedule_exceeds_the_amount(sqlite_db):
    from shk_tui.services.contracts import contracts
    from shk_tui.ui.contracts.contract_detail import summary_text

    cid = add_contract(sqlite_db, amount="1 000")
    payments.add_payment(sqlite_db, cid, "2026-12-01", "600")
    payments.add_payment(sqlite_db, cid, "2027-01-01", "500,50")
    assert summary_text(contracts.get_contract(sqlite_db, cid, TODAY)) == (
        "Betalt 0 kr av 1 000 kr · schemalagt 1 100,50 kr · 100,50 kr mer än avtalets belopp")


async def test_a_late_answer_to_an_older_search_is_dropped(sqlite_db, make_app, monkeypatch):
    from shk_tui.services.contracts import contracts

    add_contract(sqlite_db)
    add_contract(sqlite_db, title="Annat avtal", diarienummer="KS 2")
    list_contracts = contracts.list_contracts
    gate = threading.Event()

    newest = threading.Event()

    def late_for_ann(db, today, **kwargs):
        if kwargs.get("search") == "ann":  # answers after the search for "annat", with every contract
            gate.wait(10)
            return list_contracts(db, today)
        found = list_contracts(db, today, **kwargs)
        if kwargs.get("search") == "annat":
            newest.set()
        return found

    app = make_app(sqlite_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_section(pilot, "5", ContractsScreen)
        monkeypatch.setattr(contracts, "list_contracts", late_for_ann)
        await type_into(pilot, "#contract-search", "annat")
        table = screen.query_one("#section DataTable", DataTable)
        for _ in range(100):
            if newest.is_set():
                break
            await pilot.pause(0.05)
        await pilot.pause(0.1)
        assert table.row_count == 1 and str(table.get_row_at(0)[0]) == "Annat avtal"
        gate.set()
        await settle(pilot)
        assert table.row_count == 1 and str(table.get_row_at(0)[0]) == "Annat avtal"


async def test_a_late_contract_load_does_not_undo_what_the_screen_shows(sqlite_db, make_app, monkeypatch):
    from shk_tui.services.contracts import contracts

    cid = add_contract(sqlite_db)
    pid = payments.add_payment(sqlite_db, cid, "2026-12-15", "10 000")
    before = contracts.get_contract(sqlite_db, cid, TODAY)
    payments.mark_paid(sqlite_db, pid, "", "10 000", today=TODAY)
    get_contract = contracts.get_contract
    gate = threading.Event()
    calls = []

    def first_late(db, contract_id, today):
        calls.append(contract_id)
        if len(calls) == 1:  # the first load answers last, with the contract as it was before payment
            gate.wait(10)
            return before
        return get_contract(db, contract_id, today)

    monkeypatch.setattr(contracts, "get_contract", first_late)
    app = make_app(sqlite_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(ContractDetailScreen(cid))
        await pilot.pause(0.1)
        screen = app.screen
        screen.reload()
        table = screen.query_one("#payments", DataTable)
        for _ in range(100):
            await pilot.pause(0.05)
            if table.row_count == 1:
                break
        gate.set()
        await settle(pilot)
        assert str(table.get_row_at(0)[5]) == "Betald"


async def test_on_a_short_terminal_the_contract_form_scrolls_to_its_buttons(sqlite_db, make_app):
    from textual.widgets import Button

    from shk_tui.ui.contracts.contract_form import ContractFormScreen

    cid = add_contract(sqlite_db)
    app = make_app(sqlite_db)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        app.push_screen(ContractFormScreen(sqlite_db, cid))
        await settle(pilot)
        save = app.screen.query_one("#form-save", Button)
        save.focus()
        await settle(pilot)
        assert save.region.height > 0 and save.region.bottom <= 24  # on screen, not clipped away
        await pilot.press("enter")  # the button saves
        await settle(pilot)
        assert not isinstance(app.screen, FormDialog)
