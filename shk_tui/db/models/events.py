"""Events and their participants."""

from datetime import datetime
from typing import TYPE_CHECKING, Optional

import sqlalchemy as sa
from sqlmodel import Field, Relationship

from shk_tui.db.columns import enum_type, fk, owned
from shk_tui.db.models.base import Base, non_negative, not_empty
from shk_tui.enums import EventKind, EventStatus, FocusArea, Function, ParticipationRole, ParticipationStatus

if TYPE_CHECKING:
    from shk_tui.db.models.contacts import Contact


class Event(Base, table=True):
    __tablename__ = "event"
    title: str = Field(max_length=200)
    kind: EventKind = Field(default=EventKind.OVRIGT, sa_type=enum_type(EventKind))
    starts_at: datetime = Field(index=True, sa_type=sa.DateTime)
    ends_at: datetime | None = Field(default=None, sa_type=sa.DateTime)
    location: str | None = Field(default=None, max_length=200)
    city: str | None = Field(default=None, max_length=100)
    function: Function | None = Field(default=None, sa_type=enum_type(Function), nullable=True)
    focus_area: FocusArea | None = Field(default=None, sa_type=enum_type(FocusArea), nullable=True)
    initiative_id: int | None = fk("initiative.id", ondelete="SET NULL")
    capacity: int | None = None
    status: EventStatus = Field(default=EventStatus.PLANERAD, sa_type=enum_type(EventStatus))
    booking_note: str | None = Field(default=None, sa_type=sa.Text)
    follow_up_note: str | None = Field(default=None, sa_type=sa.Text)
    # {diet: count} of the dietary needs removed by gallring, for the follow-up (no names).
    dietary_counts: dict | None = Field(default=None, sa_type=sa.JSON)

    participations: list["Participation"] = owned("event")

    __table_args__ = (
        sa.CheckConstraint("ends_at IS NULL OR ends_at >= starts_at", name="end_after_start"),
        non_negative("capacity", "capacity_non_negative", nullable=True),
        not_empty("title"),
    )


class Participation(Base, table=True):
    __tablename__ = "participation"
    event_id: int = fk("event.id", nullable=False, ondelete="CASCADE")
    contact_id: int = fk("contact.id", nullable=False, ondelete="RESTRICT")
    status: ParticipationStatus = Field(
        default=ParticipationStatus.INBJUDEN, sa_type=enum_type(ParticipationStatus)
    )
    role: ParticipationRole = Field(default=ParticipationRole.DELTAGARE, sa_type=enum_type(ParticipationRole))
    dietary: str | None = Field(default=None, max_length=200)
    registered_at: datetime | None = Field(default=None, sa_type=sa.DateTime)
    checked_in_at: datetime | None = Field(default=None, sa_type=sa.DateTime)
    note: str | None = Field(default=None, sa_type=sa.Text)

    event: Optional["Event"] = Relationship(back_populates="participations")
    contact: Optional["Contact"] = Relationship(back_populates="participations")

    __table_args__ = (
        sa.UniqueConstraint("event_id", "contact_id", name="uq_participation_event_contact"),
        sa.Index("ix_participation_event_status", "event_id", "status"),
    )
