"""The audit log's table (written by ``shk_tui.db.audit``)."""

from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from shk_tui.db.columns import now
from shk_tui.db.models import base  # noqa: F401 (its naming convention names this table's constraints)


class AuditEntry(SQLModel, table=True):
    """One row per write: written by ``shk_tui.db.audit`` in the same transaction."""

    __tablename__ = "audit_entry"
    if TYPE_CHECKING:  # set by SQLAlchemy
        __table__: ClassVar[sa.Table]
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=now, index=True, sa_type=sa.DateTime)
    table_name: str = Field(max_length=60)
    row_id: int | None = None
    action: str = Field(max_length=20)
    changes: dict | None = Field(default=None, sa_type=sa.JSON)
    actor: str | None = Field(default=None, max_length=100)

    __table_args__ = (sa.Index("ix_audit_entry_row", "table_name", "row_id"),)
