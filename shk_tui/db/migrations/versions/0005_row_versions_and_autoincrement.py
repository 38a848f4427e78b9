"""row versions and ids never reused: a ``version`` counter (NOT NULL DEFAULT 1) on every table with an
id except the audit trail, for optimistic concurrency (a save based on a row someone else changed
meanwhile is refused); on SQLite every table with an integer id is rebuilt with AUTOINCREMENT, so the id
of a deleted row is never handed out again (PostgreSQL sequences never go back).

The SQLite rebuild copies every row, index, unique, check and foreign-key constraint (Alembic's batch
mode, reflected from the table). ``shk_tui.db.migrate`` runs migrations with foreign keys off on SQLite
(dropping the old table would otherwise fire its ON DELETE actions) and checks them before committing.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26 10:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: Tables whose rows users edit: they get the version counter.
VERSIONED = [
    "organisation", "tag", "contact", "initiative", "indicator", "event", "participation", "contract",
    "payment", "contract_note", "budget_line", "budget_year", "funder", "funding_application",
]
#: Tables with an integer id (SQLite: rebuilt with AUTOINCREMENT).
WITH_ID = [*VERSIONED, "audit_entry"]


def _version_column() -> sa.Column:
    return sa.Column("version", sa.Integer(), server_default="1", nullable=False)


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        for table in VERSIONED:
            op.add_column(table, _version_column())
        return
    for table in WITH_ID:
        with op.batch_alter_table(table, recreate="always", table_kwargs={"sqlite_autoincrement": True}) as batch:
            if table in VERSIONED:
                batch.add_column(_version_column())
    _check_sequences()


def _check_sequences() -> None:
    """Each table's next id is after its highest current id (SQLite records explicit ids it is given)."""
    conn = op.get_bind()
    seq = dict(conn.execute(sa.text("SELECT name, seq FROM sqlite_sequence")).all())
    for table in WITH_ID:
        highest = conn.execute(sa.text(f'SELECT max(id) FROM "{table}"')).scalar()
        if highest is not None and seq.get(table, 0) < highest:
            conn.execute(sa.text("DELETE FROM sqlite_sequence WHERE name = :t"), {"t": table})
            conn.execute(sa.text("INSERT INTO sqlite_sequence (name, seq) VALUES (:t, :s)"),
                         {"t": table, "s": highest})


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        for table in VERSIONED:
            op.drop_column(table, "version")
        return
    for table in WITH_ID:
        with op.batch_alter_table(table, recreate="always", table_kwargs={"sqlite_autoincrement": False}) as batch:
            if table in VERSIONED:
                batch.drop_column("version")
