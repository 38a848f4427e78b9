"""retention and restriction: ``contact.restricted_on`` and ``contact.restriction_reason`` (GDPR art. 18,
``shk_tui.services.restriction``), ``contact.reviewed_on`` (an inactive contact reviewed and kept,
``shk_tui.services.gallring``) and ``event.dietary_counts`` (the counts of the dietary needs gallring
removed, for the follow-up).

A one-off clean-up too: audit entries of rows deleted before the audit trail forgot personal values
(``shk_tui.db.audit.PERSONAL``) lose those values now, with the audit module's own helper.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 09:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("contact", sa.Column("restricted_on", sa.Date(), nullable=True))
    op.add_column("contact", sa.Column("restriction_reason", sa.Text(), nullable=True))
    op.add_column("contact", sa.Column("reviewed_on", sa.Date(), nullable=True))
    op.add_column("event", sa.Column("dietary_counts", sa.JSON(), nullable=True))
    forget_deleted(op.get_bind())


def forget_deleted(conn: sa.Connection) -> int:
    """Scrub the personal values from the audit entries of every row that no longer exists, in the
    migration's transaction; returns how many entries changed."""
    from shk_tui.db import audit

    session = Session(bind=conn)
    try:
        return sum(audit.forget(session, table) for table in audit.PERSONAL)
    finally:
        session.close()


def downgrade() -> None:
    with op.batch_alter_table("event") as batch:
        batch.drop_column("dietary_counts")
    with op.batch_alter_table("contact") as batch:
        batch.drop_column("reviewed_on")
        batch.drop_column("restriction_reason")
        batch.drop_column("restricted_on")
