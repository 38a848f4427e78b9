"""The base of every table model: ``id``, ``created_at``, ``updated_at`` and the optimistic-concurrency
``version``; the constraint naming convention of the metadata."""

from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

import sqlalchemy as sa
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, SQLModel

from shk_tui.db.columns import now

# Stable constraint names, so Alembic batch migrations on SQLite can address them.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(SQLModel):
    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = Field(default_factory=now, nullable=False, sa_type=sa.DateTime)
    updated_at: datetime = Field(
        default_factory=now, nullable=False, sa_type=sa.DateTime, sa_column_kwargs={"onupdate": now}
    )
    # Optimistic concurrency: SQLAlchemy adds "AND version = <loaded>" to every UPDATE/DELETE and bumps
    # it, so a write based on a row someone else changed meanwhile raises StaleDataError
    # (services turn that into errors.StaleEdit, see shk_tui.services.versioning).
    version: int = Field(default=1, nullable=False, sa_column_kwargs={"server_default": "1"})

    if TYPE_CHECKING:  # set by SQLAlchemy on every table model
        __table__: ClassVar[sa.Table]

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}

    @property
    def saved_id(self) -> int:
        """``id`` of a row that is in the database (read from it, or flushed): never None there. For
        type checkers (``id`` is ``int | None`` because a new row has none yet) and as a check."""
        if self.id is None:
            raise RuntimeError(f"{type(self).__name__} has no id before it is flushed")
        return self.id


def ends_after_start(ends: str = "ends_on", starts: str = "starts_on") -> sa.CheckConstraint:
    """An end, when given, is not before the start (a start may be missing)."""
    return sa.CheckConstraint(f"{ends} IS NULL OR {starts} IS NULL OR {ends} >= {starts}", name="end_after_start")


def not_empty(column: str) -> sa.CheckConstraint:
    return sa.CheckConstraint(f"length({column}) > 0", name=f"{column}_not_empty")


def non_negative(column: str, name: str, *, nullable: bool = False) -> sa.CheckConstraint:
    text = f"{column} >= 0"
    return sa.CheckConstraint(f"{column} IS NULL OR {text}" if nullable else text, name=name)


def year_range(column: str) -> sa.CheckConstraint:
    """A budget year link, when given, is a plausible year (as ``budget_year.year``)."""
    return sa.CheckConstraint(f"{column} IS NULL OR {column} BETWEEN 2000 AND 2100", name=f"{column}_range")
