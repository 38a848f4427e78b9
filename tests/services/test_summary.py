"""``shk_tui.services.summary``: Översikt's counts, on SQLite and PostgreSQL."""

from __future__ import annotations

from shk_tui.services import summary
from shk_tui.ui.widgets.section_table import count_text
from tests.helpers.seed import seed
from tests.ui.conftest import TODAY


def test_empty_database_counts_nothing(db):
    table = summary.overview(db, today=TODAY)
    counts = dict(table.rows)
    assert counts["Kontakter"] == "0" and counts["Förfallna utbetalningar"] == "0"
    assert table.columns == ["Område", "Antal"] and not table.truncated


def test_counts_of_the_seeded_rows(db):
    seed(db)
    counts = dict(summary.overview(db, today=TODAY).rows)
    assert counts["Förfallna utbetalningar"] == "1"
    assert counts["Evenemang kommande 30 dagar"] == "1"
    assert counts["Kontakter"] == "3" and counts["Initiativ i portföljen"] == "2"


def test_count_text():
    assert count_text(2, 3) == "Visar 2 av 3"
    assert count_text(3, 3) == "3 rader" and count_text(1, 1) == "1 rad"
