"""Pilot: Översikt flags a notice deadline on a Sunday and a payment due on a holiday with the last
working day before them (the same text as ``shk due``)."""

from __future__ import annotations

from shk_tui.services.contracts import contract_edit, payments
from shk_tui.ui.overview.overview import OverviewScreen
from tests.helpers.overview_pilot import texts
from tests.ui.conftest import SIZE, settle


async def test_overview_names_the_last_working_day_before_a_closed_day(sqlite_db, make_app):
    cid = contract_edit.save_contract(sqlite_db, {
        "title": "Ramavtal lokaler", "kind": "upphandling/ramavtal", "counterparty": "Västerås stad",
        "status": "aktivt", "starts_on": "2025-01-01", "ends_on": "2027-03-13", "notice_months": "3",
        "amount": "120 000", "diarienummer": "KS 2025/1"})
    payments.add_payment(sqlite_db, cid, "2026-12-25", "60 000")
    app = make_app(sqlite_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
        rows = texts(app)
        assert ("Ramavtal lokaler: säg upp senast 2026-12-13 (om 18 dagar; infaller en söndag – sista vardag "
                "före: 2026-12-11); avtalet slutar 2027-03-13") in rows
        assert ("Ramavtal lokaler: 60 000 kr förfaller 2026-12-25 (om 30 dagar; infaller på juldagen – sista "
                "vardag före: 2026-12-23)") in rows
