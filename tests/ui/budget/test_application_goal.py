"""Applications and board goal 5 (issue #18): the form records whether the money is external or the parties'
own and Samhällskontraktet's share of a consortium application; the progress counts granted external money
(our share), with the parties' own beside it, not counted."""

from __future__ import annotations

from sqlmodel import select
from textual.widgets import DataTable, Input, Select, Static

from shk_tui.db.models import FundingApplication
from shk_tui.enums import FunderKind
from shk_tui.services.budget import goal
from shk_tui.ui.budget.application_form import ApplicationFormScreen
from shk_tui.ui.widgets.flow import Flow
from tests.helpers.shown import shown_text
from tests.helpers.tables import table_rows
from tests.ui.budget.test_applications_list import open_applications
from tests.ui.conftest import SIZE, settle


def progress(screen) -> str:
    return shown_text(screen.query_one("#applications-progress", Flow)).replace("\n", " ")


async def save(pilot):
    await pilot.press("ctrl+s")
    await settle(pilot)


async def test_share_and_funder_kind_round_trip_and_count(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_applications(pilot)
        table = screen.query_one(DataTable)
        rows = table_rows(table)
        horizon = next(i for i, r in enumerate(rows) if r[0].startswith("Care Collectives"))
        assert rows[horizon][3:5] == ["extern", "6 400 000 kr"]  # Slag, Vår andel
        rector = next(r for r in rows if r[0].startswith("Tvärvetenskaplig"))
        assert rector[3] == "parternas"
        assert "inskickat, väntar på besked 12 400 000 kr" in progress(screen)
        table.move_cursor(row=horizon)
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ApplicationFormScreen)
        assert form.query_one("#funder_kind", Select).value == FunderKind.EXTERN.value
        assert form.query_one("#sk_share", Input).value == "6400000"
        # bad input stays in the form, beside the field
        form.query_one("#sk_share", Input).value = "mycket"
        await save(pilot)
        assert app.screen is form and "Ogiltigt belopp" in str(form.query_one("#err-sk_share", Static).render())
        form.query_one("#sk_share", Input).value = "90 000 000"
        await save(pilot)
        assert str(form.query_one("#err-sk_share", Static).render()) == "Andelen kan inte vara större än beloppet"
        form.query_one("#sk_share", Input).value = "7 000 000"
        form.query_one("#submitted_on", Input).value = "2026-10-15"  # the example's inskickad row has no date
        await save(pilot)
        assert app.screen is screen
        with demo_db.read() as s:
            stored = s.exec(select(FundingApplication).where(FundingApplication.title.startswith("Care"))).one()
            assert (stored.sk_share_ore, stored.funder_kind) == (7_000_000_00, FunderKind.EXTERN)
        assert "inskickat, väntar på besked 13 000 000 kr" in progress(screen)
        assert table_rows(table)[table.cursor_row][4] == "7 000 000 kr"
        # the parties' own money granted: beside the goal, never toward it
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        form.query_one("#title", Input).value = "Eskilstuna kommuns strategiska medel"
        form.query_one("#funder_kind", Select).value = FunderKind.PART.value
        form.query_one("#amount", Input).value = "1 000 000"
        form.query_one("#status", Select).value = "beviljad"
        form.query_one("#submitted_on", Input).value = "2026-09-01"
        form.query_one("#decided_on", Input).value = "2026-11-01"
        await save(pilot)
        assert app.screen is screen
        counted = goal.progress(demo_db)
        assert (counted.granted_ore, counted.own_granted_ore) == (0, 11_000_000_00)
        shown = progress(screen)
        assert "Beviljat 0 kr (0 % av målet)" in shown
        assert "parternas egna medel (räknas inte): beviljat 11 000 000 kr" in shown
        # and the stored kind reads back into the form
        rows = table_rows(table)
        table.move_cursor(row=next(i for i, r in enumerate(rows) if r[0].startswith("Eskilstuna kommuns")))
        await pilot.press("e")
        await settle(pilot)
        assert app.screen.query_one("#funder_kind", Select).value == FunderKind.PART.value
        assert app.screen.query_one("#sk_share", Input).value == ""
