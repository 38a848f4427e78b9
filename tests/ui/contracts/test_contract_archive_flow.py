"""Pilot: r on a live contract with payments left and automatic renewal asks first, naming them with counts;
after the archive ctrl+z takes it back (on the contract and on the list it was opened from); r on an archived
contract takes it out of the archive after a question; help lists both keys."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from textual.widgets import DataTable, Static

from shk_tui.enums import ContractStatus
from shk_tui.services.contracts import contract_edit, contracts, payments
from shk_tui.ui.base.confirm import ConfirmScreen
from shk_tui.ui.base.help import HelpScreen
from shk_tui.ui.contracts.contract_detail import ContractDetailScreen
from shk_tui.ui.contracts.contract_dialog import FormDialog
from shk_tui.ui.contracts.contracts import ContractsScreen
from tests.helpers.contracts_pilot import add_contract, text
from tests.ui.conftest import SIZE, TODAY, notices, open_section, settle


def live(db) -> int:
    cid = add_contract(db, auto_renew=True, renewal_months="12")
    payments.add_payment(db, cid, "2026-10-15", "40 000")  # overdue
    payments.add_payment(db, cid, "2027-03-15", "60 000")
    return cid


def audited(db, cid: int) -> int:
    with db.engine.connect() as conn:
        return conn.execute(sa.text("SELECT count(*) FROM audit_entry WHERE table_name='contract' AND row_id=:i"),
                            {"i": cid}).scalar_one()


async def open_from_list(pilot, title: str) -> ContractDetailScreen:
    screen = await open_section(pilot, "5", ContractsScreen)
    table = screen.query_one("#section DataTable", DataTable)
    table.move_cursor(row=[str(table.get_row_at(i)[0]) for i in range(table.row_count)].index(title))
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ContractDetailScreen)
    return pilot.app.screen


async def test_archiving_a_live_contract_asks_first_and_ctrl_z_undoes_it(sqlite_db, make_app):
    cid = live(sqlite_db)
    app = make_app(sqlite_db)
    async with app.run_test(size=SIZE) as pilot:
        detail = await open_from_list(pilot, "Samarbetsavtal MDU")
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        asked = text(app.screen.query_one("#confirm-text", Static))
        assert "2 planerade utbetalningar kvar att betala (100 000 kr, varav 1 förfallen)" in asked
        assert "automatisk förlängning (12 mån i taget)" in asked
        await pilot.press("n")  # no: nothing happens
        await settle(pilot)
        assert app.screen is detail and contracts.get_contract(sqlite_db, cid, TODAY).archived_on is None
        await pilot.press("r", "y")
        await settle(pilot)
        assert isinstance(app.screen, FormDialog)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is detail
        assert "Avtalet arkiverades (ctrl+z ångrar)" in notices(app)
        d = contracts.get_contract(sqlite_db, cid, TODAY)
        assert d.archived_on == TODAY and d.status == ContractStatus.AVSLUTAT
        assert f"Arkiverat:            {TODAY.isoformat()}" in text(detail.query_one("#contract-info", Static))
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert "Ångrade: Arkiverade avtalet Samarbetsavtal MDU" in notices(app)
        d = contracts.get_contract(sqlite_db, cid, TODAY)
        assert d.archived_on is None and d.status == ContractStatus.AKTIVT
        assert "Arkiverat:            nej" in text(detail.query_one("#contract-info", Static))
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert notices(app)[-1] == "Inget att ångra"


async def test_an_archive_made_in_a_contract_is_undone_from_the_list_too(sqlite_db, make_app):
    cid = add_contract(sqlite_db, status="avslutat")  # nothing to warn about: straight to the form
    app = make_app(sqlite_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_from_list(pilot, "Samarbetsavtal MDU")
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, FormDialog)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert contracts.get_contract(sqlite_db, cid, TODAY).archived_on == TODAY
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ContractsScreen)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert contracts.get_contract(sqlite_db, cid, TODAY).archived_on is None
        assert "Ångrade: Arkiverade avtalet Samarbetsavtal MDU" in notices(app)


async def test_r_on_an_archived_contract_takes_it_out_of_the_archive(sqlite_db, make_app):
    cid = add_contract(sqlite_db, status="avslutat")
    contract_edit.archive_contract(sqlite_db, cid, "2026-11-20", "Diariet, pärm 2026", TODAY)
    before = audited(sqlite_db, cid)
    app = make_app(sqlite_db)
    async with app.run_test(size=SIZE) as pilot:
        detail = await open_from_list(pilot, "Samarbetsavtal MDU")
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        keys = dict(app.screen.keys)
        assert keys["r"] == "Arkivera/ta ur arkivet" and keys["^z"] == "Ångra"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert text(app.screen.query_one("#confirm-text", Static)).startswith(
            "Samarbetsavtal MDU arkiverades 2026-11-20 (Diariet, pärm 2026).")
        await pilot.press("y")
        await settle(pilot)
        assert app.screen is detail and "Avtalet är inte längre arkiverat" in notices(app)
        d = contracts.get_contract(sqlite_db, cid, TODAY)
        assert d.archived_on is None and d.archive_location == "Diariet, pärm 2026"
        assert audited(sqlite_db, cid) == before + 1
        assert "Arkiverat:            nej" in text(detail.query_one("#contract-info", Static))


async def test_taking_out_of_the_archive_what_changed_meanwhile_is_refused_and_shows_it_now(sqlite_db, make_app):
    cid = add_contract(sqlite_db, status="avslutat")
    contract_edit.archive_contract(sqlite_db, cid, "2026-11-20", "Diariet", TODAY)
    app = make_app(sqlite_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_from_list(pilot, "Samarbetsavtal MDU")
        contract_edit.archive_contract(sqlite_db, cid, "2026-11-21", "Registraturen", TODAY)  # someone else
        await pilot.press("r", "y")
        await settle(pilot)
        assert notices(app, "error")
        assert contracts.get_contract(sqlite_db, cid, TODAY).archived_on == date(2026, 11, 21)
        assert "2026-11-21 Registraturen" in text(app.screen.query_one("#contract-info", Static))
