"""How Avtal loads (issue #17): the rows do not wait for the filters' choices (thousands of
counterparties), which come in their own load after the rows, once per showing; a row without
warnings is all plain text."""

from __future__ import annotations

import asyncio
import threading

from textual.widgets import Select

from shk_tui.services.contracts import contracts
from shk_tui.ui.contracts.contracts import ContractsScreen, warnings_text
from tests.helpers.contracts_pilot import add_contract
from tests.helpers.tables import table_rows
from tests.ui.conftest import SIZE, settle


async def _until(cond, timeout: float = 10.0) -> None:
    for _ in range(int(timeout / 0.01)):
        if cond():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("timed out")


async def test_the_rows_show_before_the_filter_choices_arrive(sqlite_db, make_app, monkeypatch):
    add_contract(sqlite_db)
    add_contract(sqlite_db, title="Avtal ESK", counterparty="Eskilstuna kommun", diarienummer="ESK 1")
    release = threading.Event()
    calls = []
    real = contracts.filter_options

    def held(db):
        calls.append(1)
        release.wait(10)
        return real(db)

    monkeypatch.setattr(contracts, "filter_options", held)
    app = make_app(sqlite_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await _until(lambda: isinstance(app.screen, ContractsScreen) and app.screen.loads)
        screen = app.screen
        assert [r[0] for r in table_rows(screen.table)] == ["Avtal ESK", "Samarbetsavtal MDU"]
        orgs = screen.query_one("#contract-counterparty", Select)
        assert orgs._options[1:] == []  # only the prompt: the choices are still being read
        release.set()
        await settle(pilot)
        assert [label for label, _ in orgs._options[1:]] == ["Eskilstuna kommun", "Mälardalens universitet"]
        assert screen.loads == 1 and len(calls) == 1  # the choices arriving load the rows no second time


def test_a_row_without_warnings_is_plain_text():
    assert warnings_text(()) == ""
    assert warnings_text(("1 förfallen",)).style == "bold red"
    assert warnings_text(("ej diarieförd",)).style == "yellow"
