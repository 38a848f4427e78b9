"""#15 acceptance pass, Portfölj, tried as a new user would: other key orders, undo twice, undo after the
section was left and shown again, what a board card says at 80x24 and 120x40."""

from __future__ import annotations

import pytest

from shk_tui.enums import Phase
from shk_tui.ui.overview.overview import OverviewScreen
from tests.helpers.portfolio_pilot import initiative, open_portfolio
from tests.ui.conftest import SIZE, notices, open_section, settle


async def test_two_card_moves_undone_twice_also_after_leaving_the_section(demo_db, make_app):
    """ctrl+z twice takes back two moves of the same card, newest first. The second undo was refused
    ("har ändrats sedan flytten") because the later move and its undo had changed the version that the
    first move's undo expected, so only the newest move of a card could ever be undone."""
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_portfolio(pilot)
        target = initiative(demo_db, "Framtidens äldreboende")  # utforskas
        screen.kanban.select(target.id)
        await pilot.press("greater_than_sign")
        await settle(pilot)
        await pilot.press("greater_than_sign")
        await settle(pilot)
        assert initiative(demo_db, target.name).phase is Phase.FAS_1
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert initiative(demo_db, target.name).phase is Phase.PLANERAS
        # leave with a section key and come back: the board is read again, the undo stays
        await open_section(pilot, "1", OverviewScreen)
        screen = await open_portfolio(pilot)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert initiative(demo_db, target.name).phase is Phase.UTFORSKAS
        assert notices(app)[-1] == "Ångrade: Flyttade Framtidens äldreboende från Utforskas till Planeras"
        assert not notices(app, "error")
        assert target.id in [c.id for c in screen.kanban.column(Phase.UTFORSKAS).cards]
        assert screen.kanban.column(Phase.UTFORSKAS).title == "Utforskas 1"
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert notices(app, "warning")[-1] == "Inget att ångra"


async def test_triage_esc_or_skip_never_drops_typed_fields_without_asking(demo_db, make_app):
    """Esc (back on the card) left triage and s skipped to the next proposal, silently dropping a budget
    and a reason typed in the fields. Now both ask first; 'Fortsätt redigera' keeps what was typed."""
    from textual.widgets import Input

    from shk_tui.ui.base.confirm import ConfirmScreen
    from tests.helpers.portfolio_pilot import open_triage, text

    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        triage = await open_triage(pilot)
        first = triage.current
        assert first is not None
        # untouched: esc leaves at once (nothing typed, nothing asked)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is not triage
        triage = await open_triage(pilot)
        await pilot.press("b", "end", "ctrl+u", *"150000", "enter")  # the budget changed, back on the card
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "Budget (kr)" in text(app.screen.query_one("#confirm-text"))
        await pilot.press("n")  # keep editing: still in triage with the budget typed
        await settle(pilot)
        assert app.screen is triage and triage.query_one("#budget", Input).value == "150000"
        await pilot.press("s")  # skipping asks as well
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert triage.current == first and triage.query_one("#budget", Input).value == "150000"
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("y")  # discard: the next proposal, its own values
        await settle(pilot)
        assert app.screen is triage and triage.current != first
        assert initiative(demo_db, first.name).budget_ore == first.budget_ore  # nothing was written
        await pilot.press("escape")  # the next one untouched: leaves without a question
        await settle(pilot)
        assert app.screen is not triage and not isinstance(app.screen, ConfirmScreen)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_board_cards_say_no_budget_as_the_list_does_and_keep_kr_when_it_fits(demo_db, make_app, size):
    """At 80x24 a card without budget said "0 kr" ("Pausad · 0…" when paused) where 120x40 said "ingen
    budget" and the list "–"; an amount lost its "kr" although "300 000 kr" fitted the column."""
    from tests.helpers.shown import shown_lines

    app = make_app(demo_db)
    async with app.run_test(size=size) as pilot:
        screen = await open_portfolio(pilot)
        lines = [line for column in screen.kanban.columns for line in shown_lines(column)]
        assert lines and not any("0 kr" == line.strip() or "· 0…" in line for line in lines)
        fas_1 = shown_lines(screen.kanban.column(Phase.FAS_1))
        planned = shown_lines(screen.kanban.column(Phase.PLANERAS))
        paused = shown_lines(screen.kanban.column(Phase.PAUSAD))
        assert planned[0].startswith("Existenti")  # no budget: the words the list uses when there is no room
        assert planned[2].strip() in ("ingen budget", "–")
        assert paused[2].strip() in ("Pausad · ingen b…", "Pausad · –")
        width = screen.kanban.column(Phase.FAS_1).scrollable_content_region.width
        amount = fas_1[2].strip()  # Cornerstone Indicators, 300 000 kr from the pilot budget
        assert amount == ("300 000 pilot" if width >= len("300 000 pilot") else "300 000 kr")
