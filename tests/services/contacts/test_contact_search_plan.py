"""Kontakter's page of a search (``contact_list.search``) at many matches: the page's ids walk the Swedish
order checking each row against the index's matches instead of looking every match up and sorting them
all (issue #16: a keystroke at 100 000 contacts). Both plans give the same pages, on both backends, and
on SQLite a search of many matches is planned as that walk."""

from __future__ import annotations

import sqlalchemy as sa

from shk_tui.db.models import Contact, Organisation
from shk_tui.services.contacts import contact_list

FIRST = ["Åke", "Örjan", "Anna", "Bo", "Ärla", "Zoe", "Erik", "Lina"]


def _seed(db) -> None:  # noqa: ANN001
    with db.session() as s:
        org = Organisation(name="Lindesbergs kommun")
        s.add(org)
        s.flush()
        for i in range(120):
            s.add(Contact(first_name=FIRST[i % len(FIRST)], last_name=f"Lind{i % 7}", archived=i % 9 == 0,
                          organisation_id=org.id if i % 3 == 0 else None))


def _all_pages(db, flt: contact_list.ContactFilter, limit: int) -> tuple[list[int], list[int]]:  # noqa: ANN001
    page = contact_list.search(db, flt, limit=limit)
    ids, totals = [r.id for r in page.rows], [page.total]
    while page.cursor is not None:
        page = contact_list.search(db, flt, after=page.cursor, limit=limit, with_total=False)
        ids += [r.id for r in page.rows]
    return ids, totals


def test_walking_the_order_gives_the_pages_sorting_gives(db, monkeypatch) -> None:  # noqa: ANN001
    _seed(db)
    for text in ("lind", "li", "a", "lindes", "örjan lind3"):
        for archived in (contact_list.ARCHIVED_NO, contact_list.ARCHIVED_ONLY, contact_list.ARCHIVED_ALL):
            flt = contact_list.ContactFilter(text=text, archived=archived)
            monkeypatch.setattr(contact_list, "WALK_FROM", 10**9)
            sorted_ = _all_pages(db, flt, 7)
            monkeypatch.setattr(contact_list, "WALK_FROM", 1)
            walked = _all_pages(db, flt, 7)
            assert walked == sorted_, (text, archived)
            expected = contact_list.ids_matching(db, flt)
            assert walked[0] == expected and walked[1] == [len(expected)], (text, archived)
    assert _all_pages(db, contact_list.ContactFilter(text="lind"), 7)[1] == [106]  # 120 less 14 archived


def test_many_matches_walk_the_swedish_order_on_sqlite(sqlite_db, monkeypatch) -> None:  # noqa: ANN001
    _seed(sqlite_db)
    monkeypatch.setattr(contact_list, "WALK_FROM", 50)
    seen: list[tuple[str, list[str]]] = []

    def explain(conn, cursor, statement, parameters, context, executemany) -> None:  # noqa: ANN001
        if statement.lstrip().upper().startswith("SELECT CONTACT.ID, CONTACT.FIRST_NAME"):
            plan = [r[3] for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)]
            seen.append((statement, plan))

    sa.event.listen(sqlite_db.engine, "before_cursor_execute", explain)
    try:
        contact_list.search(sqlite_db, contact_list.ContactFilter(text="lind"))  # 106 matches: a walk
        contact_list.search(sqlite_db, contact_list.ContactFilter(text="örjan"))  # 13: looked up and sorted
    finally:
        sa.event.remove(sqlite_db.engine, "before_cursor_execute", explain)
    (walk, walk_plan), (lookup, _) = seen
    assert "contact.id + " in walk and "ORDER BY contact.sort_key, contact.id" in walk
    assert "SEARCH contact USING INDEX ix_contact_listed (archived=?)" in walk_plan, walk_plan
    assert "contact.id + " not in lookup and "contact.id IN (SELECT ref" in lookup
