"""Migration 0006: the restriction and review columns, and the one-off clean-up of the audit entries of
rows deleted before the audit trail forgot their personal values."""

from __future__ import annotations

import json

from alembic import command
from sqlmodel import select

from shk_tui.config import resolve
from shk_tui.db import migrate
from shk_tui.db.engine import Database
from shk_tui.db.models import AuditEntry, Contact


def test_0006_scrubs_the_entries_of_rows_deleted_earlier_and_keeps_those_of_living_rows(tmp_path):
    db = Database(resolve(str(tmp_path / "old.sqlite3")))
    cfg = migrate.alembic_config(db)
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0005")
    with db.engine.begin() as c:
        c.exec_driver_sql("INSERT INTO contact (id, created_at, updated_at, first_name, last_name, archived, "
                          "search_text, sort_key) VALUES (1, '2024-01-01', '2024-01-01', 'Kvar', 'Kvarsson', 0, "
                          "'', '')")
        for row_id, name in ((1, "Kvar"), (2, "Borta Bortsson")):
            c.exec_driver_sql(
                "INSERT INTO audit_entry (at, table_name, row_id, action, changes, actor) VALUES "
                "('2024-01-01', 'contact', ?, 'insert', ?, 'x')",
                (row_id, json.dumps({"first_name": [None, name]})))
        c.exec_driver_sql(
            "INSERT INTO audit_entry (at, table_name, row_id, action, changes, actor) VALUES "
            "('2024-01-01', 'participation', 8, 'update', ?, 'x')",
            (json.dumps({"dietary": ["gluten", None], "status": ["anmäld", "deltog"]}),))
    assert migrate.upgrade(db)
    with db.read() as s:
        changes = {(e.table_name, e.row_id): e.changes for e in s.exec(select(AuditEntry)).all()}
        kept = s.get(Contact, 1)
        assert kept.restricted_on is None and kept.restriction_reason is None and kept.reviewed_on is None
    assert changes[("contact", 1)] == {"first_name": [None, "Kvar"]}
    assert changes[("contact", 2)] == {"first_name": [None, "[raderat]"]}
    assert changes[("participation", 8)] == {"dietary": ["[raderat]", None], "status": ["anmäld", "deltog"]}
    db.dispose()
