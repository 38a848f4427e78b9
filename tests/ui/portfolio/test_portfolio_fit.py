"""Portfölj at 80×24 and 120×40 on the example data: triage's proposal card has room and shows its
text; the board's cards wrap on words and every column title shows its count; the beslutsunderlag
shows its table with every budget amount whole; the rule says plainly what the processledare's
mandate is."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from shk_tui.enums import Phase
from shk_tui.fmt import format_kr
from shk_tui.services.portfolio import reports
from shk_tui.ui.portfolio.report import ReportScreen
from shk_tui.ui.widgets.kanban import CARD_HEIGHT, LaneTitle, card_lines
from shk_tui.ui.widgets.kanban_cards import wrap_name
from tests.helpers.portfolio_pilot import open_portfolio, open_triage, text
from tests.helpers.tables import table_rows
from tests.ui.conftest import settle

SIZES = [(80, 24), (120, 40)]


def inside(widget, outer) -> bool:
    """``widget`` is drawn wholly inside ``outer`` (e.g. the screen)."""
    r, o = widget.region, outer.region
    return r.height > 0 and r.y >= o.y and r.bottom <= o.bottom and r.x >= o.x and r.right <= o.right


@pytest.mark.parametrize("size", SIZES)
async def test_triage_card_has_room_and_shows_the_proposal(demo_db, make_app, size):
    app = make_app(demo_db)
    async with app.run_test(size=size) as pilot:
        triage = await open_triage(pilot)
        card = triage.query_one("#triage-proposal")
        assert card.content_region.height >= 3  # was 0 at 80×24: the text invisible
        body = triage.query_one("#triage-text")
        assert body.region.height >= 3 and "Samverkansmöjligheter för fler i förskolan" in text(body)
        area = card.content_region
        assert area.y <= body.region.y < area.bottom - 2  # the text starts inside the card, in view
        # the fields, the rule, the keys and the footer are all on the screen too
        for selector in ("#budget", "#focus_area", "#decided_on", "#reason", "#triage-rule", "#triage-keys", "Footer"):
            assert inside(triage.query_one(selector), triage), selector
        assert "inkom 2026-10-01" in text(body)  # the example proposals came in over the past weeks


def test_card_names_wrap_on_words():
    """A name wraps between words; a word too long for the column ends in "…", never broken onto the
    next line ("Generationsmöt/en")."""
    assert wrap_name("Generationsmöten på mötesplatserna", 16) == ["Generationsmöten", "på mötesplatserna"[:15] + "…"]
    assert wrap_name("Generationsmöten på mötesplatserna", 10) == ["Generatio…", "på mötesp…"]
    assert wrap_name("Normförskjutning", 15) == ["Normförskjutni…", ""]
    assert wrap_name("Öppen verkstad med teman", 15) == ["Öppen verkstad", "med teman"]


@pytest.mark.parametrize("size", SIZES)
async def test_board_cards_wrap_on_words_and_titles_keep_their_counts(demo_db, make_app, size):
    app = make_app(demo_db)
    async with app.run_test(size=size) as pilot:
        screen = await open_portfolio(pilot)
        kanban = screen.kanban
        titles = list(kanban.query(LaneTitle))
        assert len(titles) == len(kanban.columns) == 7
        for title, column in zip(titles, kanban.columns, strict=True):
            drawn = title.render_line(0).text.rstrip()
            assert drawn.endswith(f" {column.total}"), drawn  # the count is never cut
            assert len(drawn) <= title.size.width
        for column in kanban.columns:
            width = column.scrollable_content_region.width
            for card in column.cards[:4]:
                lines = card_lines(card, width)
                words = card.name.split()
                for line in lines[:2]:
                    for part in line.split():  # each part is a whole word, or a word cut with "…"
                        assert part in words or part.endswith("…"), (card.name, line)
                        assert part.endswith("…") or len(part) <= width
        # what the screen draws is the same: the first card of Förslag as its lines
        forslag = kanban.column(Phase.FORSLAG)
        first = [forslag.render_line(y).text.rstrip() for y in range(CARD_HEIGHT - 1)]
        assert first == [line.rstrip() for line in card_lines(forslag.cards[0], forslag.scrollable_content_region.width)]
        # a column with more cards than fit says how many are below
        bottom = forslag.render_line(forslag.scrollable_content_region.height - 1).text.strip()
        assert bottom.startswith("↓") and bottom.endswith("till")


@pytest.mark.parametrize("size", SIZES)
async def test_beslutsunderlag_shows_every_budget_whole(demo_db, make_app, size):
    app = make_app(demo_db)
    async with app.run_test(size=size) as pilot:
        await open_portfolio(pilot)
        await pilot.press("r")
        await settle(pilot)
        report = app.screen
        assert isinstance(report, ReportScreen)
        table = report.query_one(DataTable)
        assert inside(table, report) and table.size.height >= 5  # was 0 at 80×24
        header = [str(c.label) for c in table.ordered_columns]
        assert header[0] == "Initiativets namn" and header[-1] in ("Budget processtöd", "Budget")
        budget = [row[-1] for row in table_rows(table)]
        expected = reports.beslutsunderlag(demo_db, report.focus_area)
        assert len(budget) == len(expected.rows) == 8
        for cell, row in zip(budget, expected.rows, strict=True):
            if row.budget_ore:
                assert cell.startswith(format_kr(row.budget_ore)), cell  # never "192"
            else:
                assert cell.startswith("Ordinarie pers"), cell  # never "Ordi"
        # the whole table width is on the screen, the budget column included
        assert sum(c.get_render_width(table) for c in table.ordered_columns) <= table.scrollable_content_region.width
        for selector in ("#report-totals", "Footer"):
            assert inside(report.query_one(selector), report), selector
        assert "TOTALT:" in text(report.query_one("#report-totals"))


@pytest.mark.parametrize("size", SIZES)
async def test_initiative_detail_keeps_its_keys_in_view_and_scrolls_to_the_history(demo_db, make_app, size):
    """At 80×24 the detail's keys line was pushed out of the dialog and its links and phase history could
    not be reached: the body scrolls (tab to it) under a keys line that stays in view."""
    from shk_tui.ui.portfolio.initiative_detail import InitiativeDetailScreen

    app = make_app(demo_db)
    async with app.run_test(size=size) as pilot:
        await open_portfolio(pilot)
        await pilot.press("enter")
        await settle(pilot)
        detail = app.screen
        assert isinstance(detail, InitiativeDetailScreen)
        frame = detail.query_one("Vertical")
        assert inside(detail.query_one(".keys"), frame) and "esc[/] stäng" in detail.query_one(".keys").content
        body = detail.query_one("#detail-scroll")
        await pilot.press("tab")
        assert app.focused is body
        await pilot.press("end")
        await settle(pilot)
        history = detail.query_one("#detail-history")
        assert history.region.height > 0 and body.region.contains_region(history.region)
        assert "Fashistorik:" in text(history)
