"""``shk_tui.services.browse``: the rows the section screens show, on SQLite and PostgreSQL."""

from __future__ import annotations

from shk_tui.enums import DecisionLevel
from shk_tui.services import browse
from shk_tui.ui.widgets.section_table import count_text
from tests.helpers.seed import seed
from tests.ui.conftest import TODAY


def test_empty_database_gives_empty_tables(db):
    for table in (
        browse.portfolio(db),
        browse.contacts(db),
        browse.events(db, today=TODAY),
        browse.contracts(db),
        browse.budget(db),
    ):
        assert table.rows == [] and table.total == 0 and table.columns
    summary = dict(browse.overview(db, today=TODAY).rows)
    assert summary["Kontakter"] == "0" and summary["Förfallna utbetalningar"] == "0"


def test_rows_are_sorted_and_formatted(db):
    seed(db)
    assert [r[0] for r in browse.contacts(db).rows] == [
        "Anna Andersson",
        "Zlatan Zetterberg",
        "Örjan Östlund",
    ]
    assert [r[0] for r in browse.portfolio(db).rows] == [
        "Samverkansmöjligheter för fler i förskolan",
        "Äldres digitala vardag",
    ]
    events = browse.events(db, today=TODAY)
    assert [r[2] for r in events.rows] == ["Styrelsemöte", "Labb om äldres hälsa", "Samhällsforum 2025"]
    assert events.rows[0][-1] == "1/12" and events.rows[2][-1] == "0"
    summary = dict(browse.overview(db, today=TODAY).rows)
    assert summary["Förfallna utbetalningar"] == "1"
    assert summary["Evenemang kommande 30 dagar"] == "1"
    assert browse.contracts(db).rows[0][2] == "Mälardalens universitet"
    assert browse.budget(db).rows[0][3:] == ("1 500 000 kr", "1 200 000 kr", "300 000 kr")


def test_limit_keeps_the_total(db):
    seed(db)
    table = browse.contacts(db, limit=2)
    assert len(table.rows) == 2 and table.total == 3 and table.truncated
    assert count_text(len(table.rows), table.total) == "Visar 2 av 3"
    assert count_text(3, 3) == "3 rader" and count_text(1, 1) == "1 rad"


def test_decision_level_threshold():
    assert browse.decision_level(200_000_00) is DecisionLevel.PROCESSLEDARE
    assert browse.decision_level(200_000_01) is DecisionLevel.STYRELSE
    assert browse.decision_level(None) is DecisionLevel.PROCESSLEDARE
