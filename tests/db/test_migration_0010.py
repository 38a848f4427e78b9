"""Migration 0010 (#17): the partial index of the contacts not restricted, so the register's counts (Kontakter,
Översikt's summary and its GDPR row) read the index alone; on both backends, and a downgrade drops it."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import command

from shk_tui.db import migrate
from shk_tui.db.models import Contact
from shk_tui.services import summary
from shk_tui.services.contacts import contact_attention
from tests.db.test_migration_0009 import _alembic


def _indexes(db) -> set[str]:  # noqa: ANN001
    return {ix["name"] for ix in sa.inspect(db.engine).get_indexes("contact")}


def test_the_counts_read_the_listed_index_and_a_downgrade_drops_it(db):
    from datetime import date

    with db.session() as s:
        s.add_all([Contact(first_name="Anna", last_name="Berg"),
                   Contact(first_name="Bo", last_name="Ek", restricted_on=date(2026, 1, 1)),
                   Contact(first_name="Cecilia", last_name="Åberg", archived=True)])
    assert "ix_contact_listed" in _indexes(db)
    if db.dialect == "sqlite":
        with db.engine.connect() as conn:
            plan = conn.exec_driver_sql(
                "EXPLAIN QUERY PLAN SELECT count(*) FROM contact WHERE archived = 0 AND restricted_on IS NULL"
            ).all()
        assert any("ix_contact_listed" in str(row) for row in plan), plan
    rows = dict(summary.overview(db, today=date(2026, 12, 3)).rows)
    assert rows["Kontakter"] == "1"  # the restricted and the archived are not counted
    items = contact_attention.attention_items(db, date(2026, 12, 3))
    assert [i.text for i in items] == ["1 kontakt saknar rättslig grund"]
    _alembic(db, command.downgrade, "0009")
    assert "ix_contact_listed" not in _indexes(db)
    assert migrate.upgrade(db)
    assert "ix_contact_listed" in _indexes(db) and migrate.current(db) == "0010"
