"""Search boxes take any text: a NUL or another control character never matches everything (SQLite's
LIKE ends the pattern at NUL) nor raises (PostgreSQL refuses NUL), and % and _ match themselves."""

from __future__ import annotations

from datetime import date, datetime

from shk_tui.db.models import Event, Initiative
from shk_tui.enums import FocusArea
from shk_tui.services.events import events
from shk_tui.services.portfolio import portfolio


def _events(db) -> None:  # noqa: ANN001
    with db.session() as s:
        s.add(Event(title="Workshop 100% digitalt", starts_at=datetime(2026, 12, 1, 9)))
        s.add(Event(title="Styrelsemöte", starts_at=datetime(2026, 12, 2, 9)))


def _titles(db, text: str) -> list[str]:  # noqa: ANN001
    found = events.list_events(db, date(2026, 11, 25), events.EventFilter(search=text))
    return sorted(r.title for r in found.rows)


def test_event_search_with_control_characters_and_wildcards(db) -> None:  # noqa: ANN001
    _events(db)
    assert _titles(db, "\x00") == []
    assert _titles(db, "\x1b\t") == []
    assert _titles(db, "möte\x00") == ["Styrelsemöte"]
    assert _titles(db, "100%") == ["Workshop 100% digitalt"]
    assert _titles(db, "%") == ["Workshop 100% digitalt"]
    assert _titles(db, "_") == []


def _names(db, text: str) -> list[str]:  # noqa: ANN001
    return sorted(c.name for c in portfolio.list_initiatives(db, portfolio.Filters(text=text)).cards)


def test_portfolio_search_with_control_characters_and_wildcards(db) -> None:  # noqa: ANN001
    with db.session() as s:
        s.add(Initiative(name="Trygghet_100", focus_area=FocusArea.ALDRE))
        s.add(Initiative(name="Språkstöd i förskolan", focus_area=FocusArea.BARN))
    assert _names(db, "\x00") == []
    assert _names(db, "_") == ["Trygghet_100"]
    assert _names(db, "%") == []
    assert _names(db, "förskolan\x00") == ["Språkstöd i förskolan"]  # the NUL is a space
    assert _names(db, "förskolan") == ["Språkstöd i förskolan"]
