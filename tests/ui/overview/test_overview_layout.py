"""Översikt fits a laptop's terminal (issue #15): at 80×24 every heading and item of the attention list
is whole (it has the whole width; the summary is a few lines under it), the summary's labels are whole
on the first paint and after a resize, and at 120×40 the summary stands beside the list."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from shk_tui.services import summary as counts
from shk_tui.ui.overview.overview import OverviewScreen
from shk_tui.ui.widgets.flow import Flow
from shk_tui.ui.widgets.section_table import SectionTable
from tests.helpers.overview_pilot import texts
from tests.helpers.shown import shown_lines, shown_text
from tests.ui.conftest import TODAY, settle

SIZES = [(80, 24), (120, 40)]


def fits(table: DataTable) -> bool:
    """Every column of the table is in view: nothing cut at its right edge."""
    return sum(c.get_render_width(table) for c in table.ordered_columns) <= table.scrollable_content_region.width


def whole_texts(table: DataTable) -> list[str]:
    """The "Vad" column as shown: its wrapped lines joined again, one text per row."""
    start = sum(c.get_render_width(table) for c in table.ordered_columns[:2]) + table.cell_padding
    joined = " ".join(line[start:].strip() for line in shown_lines(table)[1:])
    return joined.split()


@pytest.mark.parametrize("size", SIZES)
async def test_headings_and_items_whole(demo_db, make_app, size):
    app = make_app(demo_db)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, OverviewScreen)
        table = screen.query_one("#attention", DataTable)
        assert fits(table), [c.get_render_width(table) for c in table.ordered_columns]
        shown = shown_text(table)
        assert "Förfallna utbetalningar (2) – enter visar dem i Avtal" in shown  # was "Förfallna utbetalninga"
        # each row is as high as its wrapped text: the words shown are the words of the rows in view
        rows_text = " ".join(texts(app)).split()
        words = whole_texts(table)
        assert words and words == rows_text[:len(words)]


async def test_summary_under_the_list_at_80_and_beside_it_at_120(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        line = screen.query_one("#summary-line", Flow)
        section = screen.query_one(SectionTable)
        assert line.display and not section.display
        shown = shown_text(line)
        assert "Sammanfattning: Initiativ i portföljen 27" in shown and "Kontakter 60" in shown
        assert "Evenemang kommande 30 dagar" in shown and "Budgetrader 10" in shown
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert section.display and not line.display
        labels = [row.split("  ")[0].strip() for row in shown_lines(section.data_table)[1:] if row.strip()]
        assert "Evenemang kommande 30 dagar" in labels and "Initiativ i portföljen" in labels
        assert not any(label.endswith("…") for label in labels)
        assert fits(screen.query_one("#attention", DataTable))
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert fits(screen.query_one("#attention", DataTable))
        assert "Förfallna utbetalningar (2) – enter visar dem i Avtal" in shown_text(screen.query_one("#attention"))


async def test_summary_labels_are_whole_at_once(demo_db, make_app):
    """The summary's columns are as wide as their texts as soon as the rows are shown (before the table
    measures its cells on idle): a paint in between showed "Initi…", "Konta…" until r."""
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        summary = counts.overview(demo_db, today=TODAY)
        screen.show_summary(summary)
        table = screen.query_one(SectionTable).data_table
        label, number = table.ordered_columns  # no await: nothing measured yet
        padding = 2 * table.cell_padding
        assert label.get_render_width(table) - padding >= max(len(r[0]) for r in summary.rows)
        assert number.get_render_width(table) - padding >= max(len(r[1]) for r in summary.rows)
