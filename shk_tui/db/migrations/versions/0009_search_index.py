"""search index (issue #16): one row per searchable item with its folded text, for the global search
and every list's search (``shk_tui.db.search_index``).

SQLite: ``search_index``, an FTS5 table with the trigram tokenizer; PostgreSQL: a plain table with a
``pg_trgm`` GIN index (the extension is created where the role may; otherwise a Swedish message names
what the database's owner must run). Both: ``search_prefix``, the sorted word starts walked for one- and
two-letter searches. The index is filled from the rows there are. A downgrade drops both tables.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 12:00:00
"""
from collections.abc import Sequence

from alembic import op

revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    from shk_tui.db import search_index

    conn = op.get_bind()
    search_index.create(conn)
    search_index.rebuild(conn)


def downgrade() -> None:
    from shk_tui.db import search_index

    search_index.drop(op.get_bind())
