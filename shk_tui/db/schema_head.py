"""The schema revision this app expects, and the one a database holds, without importing Alembic.

Opening a database at the current schema (every start of the TUI and every ``shk`` command) only
needs to compare two strings; Alembic (~0.1 s to import) is loaded only when the revisions differ
and ``shk_tui.db.migrate`` must check or upgrade. A test keeps ``HEAD`` equal to Alembic's head."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # HEAD is read by the light start (``db.light``): no SQLAlchemy at import
    from shk_tui.db.engine import Database

#: The newest migration in shk_tui/db/migrations/versions.
HEAD = "0010"


def stored(db: Database) -> str | None:
    """The revision recorded in the database (None: no version table, or an empty one)."""
    import sqlalchemy as sa

    with db.read_engine.connect() as conn:
        if not sa.inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
