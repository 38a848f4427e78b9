"""Avtal under an injected database error (an OperationalError from the service): loading the list
or a contract, deleting, marking a payment paid and archiving each end in a Swedish notice; the
app keeps running, the screen stays open and nothing is saved."""

from __future__ import annotations

from shk_tui.services.contracts import contract_edit, contracts, payments
from shk_tui.ui.base.confirm import ConfirmScreen
from shk_tui.ui.contracts.contract_detail import ContractDetailScreen
from shk_tui.ui.contracts.contract_dialog import SAVE_FAILED, FormDialog
from shk_tui.ui.contracts.contracts import ContractsScreen
from tests.helpers.contracts_pilot import add_contract, count
from tests.helpers.faults import break_db
from tests.ui.conftest import SIZE, TODAY, notices, open_section, settle


async def test_a_failing_list_load_is_a_notice_and_avtal_stays_open(sqlite_db, make_app, monkeypatch):
    add_contract(sqlite_db)
    break_db(monkeypatch, contracts, "list_contracts")
    app = make_app(sqlite_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, "5", ContractsScreen)
        assert notices(app, "error") == ["Kunde inte läsa avtal från databasen (se loggfilen)"]
        assert app.is_running and isinstance(app.screen, ContractsScreen)


async def test_a_failing_delete_is_a_notice_and_the_contract_stays(sqlite_db, make_app, monkeypatch):
    add_contract(sqlite_db)
    app = make_app(sqlite_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_section(pilot, "5", ContractsScreen)
        break_db(monkeypatch, contract_edit, "delete_contract")
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("enter")  # "Ja" on the question
        await settle(pilot)
        assert notices(app, "error") == ["Avtalet kunde inte tas bort (se loggfilen)"]
        assert app.is_running and app.screen is screen
        assert count(sqlite_db, "contract") == 1 and screen.table.row_count == 1


async def test_a_failing_contract_load_is_a_notice_and_the_contract_screen_stays(sqlite_db, make_app,
                                                                                  monkeypatch):
    cid = add_contract(sqlite_db)
    break_db(monkeypatch, contracts, "get_contract")
    app = make_app(sqlite_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(ContractDetailScreen(cid))
        await settle(pilot)
        assert notices(app, "error") == ["Kunde inte läsa avtalet (se loggfilen)"]
        assert app.is_running and isinstance(app.screen, ContractDetailScreen)


async def open_contract(pilot, cid: int) -> ContractDetailScreen:
    await settle(pilot)
    pilot.app.push_screen(ContractDetailScreen(cid))
    await settle(pilot)
    assert isinstance(pilot.app.screen, ContractDetailScreen)
    return pilot.app.screen


async def test_failing_saves_on_a_contract_are_notices_and_nothing_is_saved(sqlite_db, make_app, monkeypatch):
    cid = add_contract(sqlite_db)
    payments.add_payment(sqlite_db, cid, "2026-12-15", "10 000")
    app = make_app(sqlite_db)
    async with app.run_test(size=SIZE) as pilot:
        detail = await open_contract(pilot, cid)
        break_db(monkeypatch, payments, "mark_paid")
        await pilot.press("b")  # mark paid: the dialog offers the rest, today
        await settle(pilot)
        assert isinstance(app.screen, FormDialog)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert notices(app, "error") == [SAVE_FAILED]
        assert app.is_running and isinstance(app.screen, FormDialog)  # what was typed stays
        await pilot.press("escape")
        await settle(pilot)
        if app.screen is not detail:  # the kit asks before dropping a changed form
            await pilot.press("escape")
            await settle(pilot)

        assert app.screen is detail
        break_db(monkeypatch, contract_edit, "archive_contract")
        await pilot.press("r")  # a live contract with a payment to make: asked first
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert notices(app, "error") == [SAVE_FAILED, SAVE_FAILED]
        assert app.is_running and isinstance(app.screen, FormDialog)
    assert contracts.get_contract(sqlite_db, cid, TODAY).payments[0].paid_amount_ore in (None, 0)
    assert contracts.get_contract(sqlite_db, cid, TODAY).archived_on is None


async def test_a_failing_undo_of_a_payment_is_a_notice_and_the_payment_stays_paid(sqlite_db, make_app,
                                                                                   monkeypatch):
    cid = add_contract(sqlite_db)
    pid = payments.add_payment(sqlite_db, cid, "2026-12-15", "10 000")
    payments.mark_paid(sqlite_db, pid, "", "10 000", today=TODAY)
    app = make_app(sqlite_db)
    async with app.run_test(size=SIZE) as pilot:
        detail = await open_contract(pilot, cid)
        break_db(monkeypatch, payments, "unmark_paid")
        await pilot.press("u")
        await settle(pilot)
        assert notices(app, "error") == ["Det gick inte – databasen svarade inte som väntat (se loggfilen)"]
        assert app.is_running and app.screen is detail
    assert contracts.get_contract(sqlite_db, cid, TODAY).payments[0].paid_amount_ore == 1_000_000


async def test_failing_unarchive_undo_and_export_are_notices_and_nothing_changes(sqlite_db, make_app, monkeypatch,
                                                                                 tmp_path):
    from shk_tui.services.contracts import contract_archive, contract_export
    from shk_tui.ui.contracts.contract_export_dialog import ContractExportDialog

    cid = add_contract(sqlite_db, status="avslutat")
    contract_edit.archive_contract(sqlite_db, cid, "2026-11-20", "Diariet", TODAY)
    app = make_app(sqlite_db)
    async with app.run_test(size=SIZE) as pilot:
        detail = await open_contract(pilot, cid)
        break_db(monkeypatch, contract_archive, "unarchive_contract", "undo_archive")
        await pilot.press("r", "y")  # take it out of the archive
        await settle(pilot)
        assert notices(app, "error") == ["Avtalet kunde inte tas ur arkivet (se loggfilen)"]
        assert app.is_running and app.screen is detail
        detail.remember_undo("Arkiverade avtalet Samarbetsavtal MDU",
                             lambda: contract_archive.undo_archive(sqlite_db, None))
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert len(notices(app, "error")) == 2 and app.is_running and app.screen is detail
        assert contracts.get_contract(sqlite_db, cid, TODAY).archived_on is not None
        await pilot.press("escape")
        screen = await open_section(pilot, "5", ContractsScreen)
        break_db(monkeypatch, contract_export, "contracts")
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ContractExportDialog)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert notices(app, "error")[-1] == "Exporten misslyckades (se loggfilen)"
        assert app.is_running and isinstance(app.screen, ContractExportDialog)  # the path typed stays
        assert screen.is_attached and not list((tmp_path / "Dokument").iterdir())
