"""Column helpers of the data model (``shk_tui.db.models``): the clock, enum and foreign-key columns."""

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field


def now() -> datetime:
    """Local wall-clock time without tz (the tool works in one time zone, Europe/Stockholm)."""
    return datetime.now().replace(microsecond=0)


def enum_type(enum_cls: type) -> sa.Enum:
    """Store an enum by value as VARCHAR with a CHECK constraint (portable, migration-friendly)."""
    return sa.Enum(
        enum_cls,
        native_enum=False,
        create_constraint=True,
        length=40,
        values_callable=lambda e: [m.value for m in e],
        validate_strings=True,
        name=f"{enum_cls.__name__.lower()}",
    )


def fk(target: str, *, nullable: bool = True, ondelete: str = "RESTRICT") -> Any:
    return Field(
        default=None,
        sa_column_args=[sa.ForeignKey(target, ondelete=ondelete)],
        nullable=nullable,
        index=True,
    )
