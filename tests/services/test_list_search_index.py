"""Evenemang's, Avtal's and Portfölj's own searches go through the search index (``shk_tui.db.search_index``),
on both backends: an item is found by what its index row says (not by its columns), right after an update
and, for a contract, right after its initiative is renamed or deleted (#16)."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa

from shk_tui.db import search_index
from shk_tui.db.models import Contract, Event, Initiative, Organisation
from shk_tui.enums import ContractKind, EventKind, FocusArea
from shk_tui.services.contracts import contracts
from shk_tui.services.events import events
from shk_tui.services.portfolio import portfolio

TODAY = date(2026, 12, 2)


def _seed(db) -> dict[str, int]:  # noqa: ANN001
    with db.session() as s:
        org = Organisation(name="Dark Matter Labs")
        event = Event(title="Labb: Framtidens äldreboende", kind=EventKind.LABB, starts_at=datetime(2026, 12, 5, 9),
                      location="Ängsgärdet", city="Västerås")
        initiative = Initiative(name="Ökad trygghet", context="Äldre i Västerås", focus_area=FocusArea.ALDRE)
        s.add_all([org, event, initiative])
        s.flush()
        contract = Contract(title="Konsultavtal Cornerstone", kind=ContractKind.KONSULTAVTAL, counterparty_id=org.id,
                            diarienummer="SK 2023/45", initiative_id=initiative.id)
        s.add(contract)
        s.flush()
        return {"event": event.id, "initiative": initiative.id, "contract": contract.id}


def _event_titles(db, typed: str) -> list[str]:  # noqa: ANN001
    return [r.title for r in events.list_events(db, TODAY, events.EventFilter(search=typed, period="alla")).rows]


def _contract_titles(db, typed: str) -> list[str]:  # noqa: ANN001
    return [r.title for r in contracts.list_contracts(db, TODAY, search=typed).rows]


def _initiative_names(db, typed: str) -> list[str]:  # noqa: ANN001
    return [c.name for c in portfolio.list_initiatives(db, portfolio.Filters(text=typed)).cards]


def _rewrite_row(db, kind: str, item_id: int, body: str) -> None:  # noqa: ANN001
    """Make the index row of one item say ``body`` (as no column does)."""
    ref = search_index.ref(search_index.CODES[kind], item_id)
    with db.engine.begin() as conn:
        search_index.remove(conn, [ref])
        search_index.insert(conn, [(ref, "x", body)])


def test_each_list_finds_what_the_index_row_says(db) -> None:  # noqa: ANN001
    ids = _seed(db)
    assert _event_titles(db, "västerås labb") == ["Labb: Framtidens äldreboende"]
    assert _contract_titles(db, "dark 2023/45 trygghet") == ["Konsultavtal Cornerstone"]
    assert _initiative_names(db, "västerås ökad") == ["Ökad trygghet"]
    for kind in ("event", "contract", "initiative"):
        _rewrite_row(db, kind, ids[kind], "zebrafink")
    assert _event_titles(db, "zebrafink") == ["Labb: Framtidens äldreboende"]
    assert _event_titles(db, "västerås") == []
    assert _contract_titles(db, "zebrafink") == ["Konsultavtal Cornerstone"]
    assert _contract_titles(db, "cornerstone") == []
    assert _initiative_names(db, "zebrafink") == ["Ökad trygghet"]
    assert _initiative_names(db, "trygghet") == []


def test_each_list_finds_an_update_right_after(db) -> None:  # noqa: ANN001
    ids = _seed(db)
    with db.session() as s:
        s.get(Event, ids["event"]).city = "Örebro"
        s.get(Contract, ids["contract"]).title = "Ramavtal Ljusa"
        s.get(Initiative, ids["initiative"]).next_step = "Möte med 100% av kommunerna"
    assert _event_titles(db, "örebro labb") == ["Labb: Framtidens äldreboende"]
    assert _event_titles(db, "västerås") == []
    assert _contract_titles(db, "ljusa RAMAVTAL") == ["Ramavtal Ljusa"]
    assert _contract_titles(db, "cornerstone") == []
    assert _initiative_names(db, "100% möte") == ["Ökad trygghet"]
    assert _initiative_names(db, "200%") == []


def test_a_contract_follows_its_initiatives_name(db) -> None:  # noqa: ANN001
    ids = _seed(db)
    with db.session() as s:
        s.get(Initiative, ids["initiative"]).name = "Trygg hemma"
    assert _contract_titles(db, "trygg hemma") == ["Konsultavtal Cornerstone"]
    assert _contract_titles(db, "ökad") == []
    with db.session() as s:
        s.delete(s.get(Initiative, ids["initiative"]))  # the contract's initiative_id is set NULL
    assert _contract_titles(db, "hemma") == []
    assert _contract_titles(db, "cornerstone") == ["Konsultavtal Cornerstone"]


def test_the_lists_queries_read_the_index(db) -> None:  # noqa: ANN001
    _seed(db)
    seen: list[str] = []

    def note(_conn, _cursor, statement, *_args) -> None:  # noqa: ANN001
        seen.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", note)
    try:
        for run in (lambda: _event_titles(db, "labb"), lambda: _contract_titles(db, "labb"),
                    lambda: _initiative_names(db, "labb")):
            seen.clear()
            run()
            assert any(search_index.TABLE in sql for sql in seen)
            assert not any("shk_fold" in sql for sql in seen)
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", note)
