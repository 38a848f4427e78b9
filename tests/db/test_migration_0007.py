"""Migration 0007: PostgreSQL's ``shk_fold`` (dropped by the downgrade, created by the upgrade) and the
contacts' search text folded again (ø reads as ö, æ as ä), on both backends."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import command

from shk_tui.db import migrate
from shk_tui.db.models import Contact
from shk_tui.services.contacts import contact_list


def _alembic(db, step, revision: str) -> None:  # noqa: ANN001
    cfg = migrate.alembic_config(db)
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        step(cfg, revision)


def _has_function(db) -> bool:  # noqa: ANN001
    with db.engine.connect() as conn:
        return bool(conn.execute(sa.text("SELECT count(*) FROM pg_proc WHERE proname = 'shk_fold'")).scalar())


def test_0007_down_and_up_again(db) -> None:  # noqa: ANN001
    _alembic(db, command.downgrade, "0006")
    assert migrate.current(db) == "0006"
    if db.dialect == "postgresql":
        assert not _has_function(db)
    with db.engine.begin() as c:  # a contact as 0006 left it: ø and æ unfolded in the search text
        c.execute(sa.text(
            "INSERT INTO contact (id, created_at, updated_at, first_name, last_name, archived, search_text, "
            "sort_key, version) VALUES (7, '2024-01-01', '2024-01-01', 'Søren', 'Æbelø', :f, 'søren æbelø', "
            "'soren abelo', 1)"), {"f": False})
    assert migrate.upgrade(db)
    assert migrate.current(db) == migrate.head()
    if db.dialect == "postgresql":
        assert _has_function(db)
    with db.read() as s:
        assert s.get(Contact, 7).search_text == "sören äbelö"
    found = contact_list.search(db, contact_list.ContactFilter(text="SÖREN äbelö")).rows
    assert [r.id for r in found] == [7]
