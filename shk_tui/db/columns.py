"""Column helpers of the data model (``shk_tui.db.models``): the clock, enum and foreign-key columns,
link-table keys and the relationship to rows a parent owns."""

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, Relationship


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


def link_key(target: str, *, index: bool = False) -> Any:
    """One half of a link table's primary key: a foreign key whose link row goes with the row it names."""
    return Field(sa_column_args=[sa.ForeignKey(target, ondelete="CASCADE")], primary_key=True, index=index)


def owned(back_populates: str) -> Any:
    """The rows a parent owns (its payments, its participations …): deleted with the parent, and when
    taken out of its list."""
    return Relationship(back_populates=back_populates, sa_relationship_kwargs={"cascade": "all, delete-orphan"})
