"""contact listed index (issue #17): the contacts every list, count and Översikt row reads are the ones not
restricted (GDPR art. 18); a partial index of those, in list order with the columns the counts test
(archived, sort_key, id, legal_basis, erased_on WHERE restricted_on IS NULL), so counting the register
(Kontakter's count, Översikt's summary and its "saknar rättslig grund" row) reads the index alone instead
of every table row: at 100 000 contacts ~100 ms each → ~3 ms.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 07:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "ix_contact_listed"
COLUMNS = ["archived", "sort_key", "id", "legal_basis", "erased_on"]
WHERE = sa.text("restricted_on IS NULL")


def upgrade() -> None:
    op.create_index(INDEX, "contact", COLUMNS, sqlite_where=WHERE, postgresql_where=WHERE)
    op.execute("ANALYZE contact")


def downgrade() -> None:
    op.drop_index(INDEX, table_name="contact")
