"""The data model (DESIGN.md). Money is integer öre (``*_ore``), dates are ``date``/``datetime``.
Every table has ``id``, ``created_at`` and ``updated_at``; every write leaves an AuditEntry
(see ``shk_tui.db.audit``)."""

from datetime import date, datetime
from typing import TYPE_CHECKING, Any, ClassVar, Optional

import sqlalchemy as sa
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, Relationship, SQLModel

from shk_tui.db.columns import enum_type, fk, now  # noqa: F401 (now: re-exported)
from shk_tui.enums import (
    ApplicationStatus,
    BudgetSource,
    ContractKind,
    ContractStatus,
    EventKind,
    EventStatus,
    FocusArea,
    Function,
    InitiativeKind,
    LegalBasis,
    OrganisationKind,
    ParticipationRole,
    ParticipationStatus,
    Phase,
)

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


# --- contacts ------------------------------------------------------------------------------


class Organisation(Base, table=True):
    __tablename__ = "organisation"
    name: str = Field(max_length=200, unique=True)
    short_name: str | None = Field(default=None, max_length=50)
    kind: OrganisationKind = Field(default=OrganisationKind.OVRIG, sa_type=enum_type(OrganisationKind))
    city: str | None = Field(default=None, max_length=100)
    note: str | None = Field(default=None, sa_type=sa.Text)
    archived: bool = Field(default=False, nullable=False)

    contacts: list["Contact"] = Relationship(back_populates="organisation")

    __table_args__ = (sa.CheckConstraint("length(name) > 0", name="name_not_empty"),)


class ContactTag(SQLModel, table=True):
    __tablename__ = "contact_tag"
    contact_id: int = Field(
        sa_column_args=[sa.ForeignKey("contact.id", ondelete="CASCADE")], primary_key=True
    )
    tag_id: int = Field(
        sa_column_args=[sa.ForeignKey("tag.id", ondelete="CASCADE")], primary_key=True, index=True
    )


class Tag(Base, table=True):
    __tablename__ = "tag"
    name: str = Field(max_length=80, unique=True)

    contacts: list["Contact"] = Relationship(back_populates="tags", link_model=ContactTag)


class Contact(Base, table=True):
    __tablename__ = "contact"
    first_name: str = Field(max_length=100)
    last_name: str = Field(default="", max_length=100)
    title: str | None = Field(default=None, max_length=200)
    organisation_id: int | None = fk("organisation.id", ondelete="SET NULL")
    email: str | None = Field(default=None, max_length=254, index=True)
    phone: str | None = Field(default=None, max_length=40)
    note: str | None = Field(default=None, sa_type=sa.Text)
    legal_basis: LegalBasis | None = Field(default=None, sa_type=enum_type(LegalBasis), nullable=True)
    consent_on: date | None = None
    source: str | None = Field(default=None, max_length=200)
    archived: bool = Field(default=False, nullable=False)
    erased_on: date | None = None
    # GDPR art. 18 (shk_tui.services.contacts.restriction): hidden from every list, search and export, kept.
    restricted_on: date | None = None
    restriction_reason: str | None = Field(default=None, sa_type=sa.Text)
    reviewed_on: date | None = None  # an inactive contact reviewed and kept (shk_tui.services.gallring)
    # Derived, kept in sync by shk_tui.db.contact_search (an ORM event): casefolded text searched
    # with LIKE, and a binary-comparable Swedish sort key (fmt.sv_key of last and first name).
    search_text: str = Field(default="", sa_type=sa.Text, sa_column_kwargs={"server_default": ""})
    sort_key: str = Field(default="", max_length=250, index=True, sa_column_kwargs={"server_default": ""})

    organisation: Optional["Organisation"] = Relationship(back_populates="contacts")
    tags: list["Tag"] = Relationship(back_populates="contacts", link_model=ContactTag)
    participations: list["Participation"] = Relationship(back_populates="contact")

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


# --- initiatives ---------------------------------------------------------------------------


class InitiativePartner(SQLModel, table=True):
    __tablename__ = "initiative_partner"
    initiative_id: int = Field(
        sa_column_args=[sa.ForeignKey("initiative.id", ondelete="CASCADE")], primary_key=True
    )
    organisation_id: int = Field(
        sa_column_args=[sa.ForeignKey("organisation.id", ondelete="CASCADE")],
        primary_key=True,
        index=True,
    )


class Initiative(Base, table=True):
    __tablename__ = "initiative"
    name: str = Field(max_length=200, index=True)
    description: str | None = Field(default=None, sa_type=sa.Text)
    focus_area: FocusArea = Field(default=FocusArea.OVERGRIPANDE, sa_type=enum_type(FocusArea), index=True)
    societal_goal: str | None = Field(default=None, max_length=200)
    kind: InitiativeKind = Field(default=InitiativeKind.INNOVATION, sa_type=enum_type(InitiativeKind))
    function: Function | None = Field(default=None, sa_type=enum_type(Function), nullable=True)
    phase: Phase = Field(default=Phase.FORSLAG, sa_type=enum_type(Phase), index=True)
    proposed_start: str | None = Field(default=None, sa_type=sa.Text)  # "Förslag på start"
    context: str | None = Field(default=None, sa_type=sa.Text)
    party_resources: str | None = Field(default=None, sa_type=sa.Text)
    budget_ore: int = Field(default=0, sa_type=sa.BigInteger)
    budget_source: BudgetSource = Field(default=BudgetSource.INGEN, sa_type=enum_type(BudgetSource))
    pilot_ore: int = Field(default=0, sa_type=sa.BigInteger)  # pilot part when budget_source is blandad
    budget_note: str | None = Field(default=None, sa_type=sa.Text)  # e.g. "+ del av den tvärvetenskapliga satsningen"
    owner_id: int | None = fk("contact.id", ondelete="SET NULL")
    starts_on: date | None = None
    ends_on: date | None = None
    next_step: str | None = Field(default=None, sa_type=sa.Text)
    next_step_on: date | None = None
    decided_by: str | None = Field(default=None, max_length=100)
    decided_on: date | None = None
    decision_note: str | None = Field(default=None, sa_type=sa.Text)
    note: str | None = Field(default=None, sa_type=sa.Text)

    indicators: list["Indicator"] = Relationship(
        back_populates="initiative", sa_relationship_kwargs={"cascade": "all, delete-orphan"}
    )

    __table_args__ = (
        sa.CheckConstraint("budget_ore >= 0", name="budget_non_negative"),
        sa.CheckConstraint("pilot_ore >= 0 AND pilot_ore <= budget_ore", name="pilot_within_budget"),
        sa.CheckConstraint("ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on", name="end_after_start"),
    )


class Indicator(Base, table=True):
    __tablename__ = "indicator"
    initiative_id: int = fk("initiative.id", nullable=False, ondelete="CASCADE")
    name: str = Field(max_length=200)
    target: float | None = None
    current: float | None = None
    unit: str | None = Field(default=None, max_length=40)
    measured_on: date | None = None

    initiative: Optional["Initiative"] = Relationship(back_populates="indicators")


# --- events --------------------------------------------------------------------------------


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

    participations: list["Participation"] = Relationship(
        back_populates="event", sa_relationship_kwargs={"cascade": "all, delete-orphan"}
    )

    __table_args__ = (
        sa.CheckConstraint("ends_at IS NULL OR ends_at >= starts_at", name="end_after_start"),
        sa.CheckConstraint("capacity IS NULL OR capacity >= 0", name="capacity_non_negative"),
        sa.CheckConstraint("length(title) > 0", name="title_not_empty"),
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


# --- contracts -----------------------------------------------------------------------------


class Contract(Base, table=True):
    __tablename__ = "contract"
    title: str = Field(max_length=200)
    kind: ContractKind = Field(default=ContractKind.OVRIGT, sa_type=enum_type(ContractKind))
    counterparty_id: int | None = fk("organisation.id", ondelete="RESTRICT")
    responsible_id: int | None = fk("contact.id", ondelete="SET NULL")
    diarienummer: str | None = Field(default=None, max_length=100, unique=True)
    initiative_id: int | None = fk("initiative.id", ondelete="SET NULL")
    signed_on: date | None = None
    starts_on: date | None = None
    ends_on: date | None = Field(default=None, index=True)
    notice_months: int | None = None
    auto_renew: bool = Field(default=False, nullable=False)
    renewal_months: int | None = None
    amount_ore: int | None = Field(default=None, sa_type=sa.BigInteger)
    status: ContractStatus = Field(default=ContractStatus.UTKAST, sa_type=enum_type(ContractStatus), index=True)
    registered_on: date | None = None
    archived_on: date | None = None
    archive_location: str | None = Field(default=None, max_length=200)
    document_ref: str | None = Field(default=None, max_length=300)
    note: str | None = Field(default=None, sa_type=sa.Text)

    payments: list["Payment"] = Relationship(
        back_populates="contract", sa_relationship_kwargs={"cascade": "all, delete-orphan"}
    )
    notes: list["ContractNote"] = Relationship(
        back_populates="contract", sa_relationship_kwargs={"cascade": "all, delete-orphan"}
    )

    __table_args__ = (
        sa.CheckConstraint("amount_ore IS NULL OR amount_ore >= 0", name="amount_non_negative"),
        sa.CheckConstraint("ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on", name="end_after_start"),
        sa.CheckConstraint("notice_months IS NULL OR (notice_months >= 0 AND notice_months <= 36)", name="notice_range"),
        sa.CheckConstraint("renewal_months IS NULL OR renewal_months > 0", name="renewal_positive"),
        sa.CheckConstraint("length(title) > 0", name="title_not_empty"),
    )


class Payment(Base, table=True):
    __tablename__ = "payment"
    contract_id: int = fk("contract.id", nullable=False, ondelete="CASCADE")
    due_on: date = Field(index=True)
    amount_ore: int = Field(sa_type=sa.BigInteger)
    paid_on: date | None = None
    paid_amount_ore: int | None = Field(default=None, sa_type=sa.BigInteger)
    reference: str | None = Field(default=None, max_length=100)
    note: str | None = Field(default=None, sa_type=sa.Text)

    contract: Optional["Contract"] = Relationship(back_populates="payments")

    __table_args__ = (
        sa.CheckConstraint("amount_ore >= 0", name="amount_non_negative"),
        sa.CheckConstraint("paid_amount_ore IS NULL OR paid_amount_ore >= 0", name="paid_non_negative"),
    )


class ContractNote(Base, table=True):
    """The follow-up log of a contract: date, note, who."""

    __tablename__ = "contract_note"
    contract_id: int = fk("contract.id", nullable=False, ondelete="CASCADE")
    noted_on: date = Field(default_factory=date.today)
    text: str = Field(sa_type=sa.Text)
    author: str | None = Field(default=None, max_length=100)

    contract: Optional["Contract"] = Relationship(back_populates="notes")


# --- budget and funding --------------------------------------------------------------------


class BudgetLine(Base, table=True):
    __tablename__ = "budget_line"
    name: str = Field(max_length=200, unique=True)
    group: str = Field(max_length=100)
    position: int = Field(default=0)

    years: list["BudgetYear"] = Relationship(
        back_populates="line", sa_relationship_kwargs={"cascade": "all, delete-orphan"}
    )


class BudgetYear(Base, table=True):
    __tablename__ = "budget_year"
    line_id: int = fk("budget_line.id", nullable=False, ondelete="CASCADE")
    year: int
    budget_ore: int | None = Field(default=None, sa_type=sa.BigInteger)
    outcome_ore: int | None = Field(default=None, sa_type=sa.BigInteger)
    outcome_as_of: date | None = None

    line: Optional["BudgetLine"] = Relationship(back_populates="years")

    __table_args__ = (
        sa.UniqueConstraint("line_id", "year", name="uq_budget_year_line_year"),
        sa.CheckConstraint("budget_ore IS NULL OR budget_ore >= 0", name="budget_non_negative"),
        sa.CheckConstraint("year BETWEEN 2000 AND 2100", name="year_range"),
    )


class Funder(Base, table=True):
    __tablename__ = "funder"
    name: str = Field(max_length=200, unique=True)
    amount_ore: int = Field(sa_type=sa.BigInteger)
    period: str | None = Field(default=None, max_length=40)

    __table_args__ = (sa.CheckConstraint("amount_ore >= 0", name="amount_non_negative"),)


class FundingApplication(Base, table=True):
    __tablename__ = "funding_application"
    title: str = Field(max_length=300)
    funder_id: int | None = fk("organisation.id", ondelete="RESTRICT")
    amount_ore: int = Field(default=0, sa_type=sa.BigInteger)
    status: ApplicationStatus = Field(
        default=ApplicationStatus.UNDER_ARBETE, sa_type=enum_type(ApplicationStatus), index=True
    )
    focus_area: FocusArea | None = Field(default=None, sa_type=enum_type(FocusArea), nullable=True)
    submitted_on: date | None = None
    decided_on: date | None = None
    initiative_id: int | None = fk("initiative.id", ondelete="SET NULL")
    note: str | None = Field(default=None, sa_type=sa.Text)

    __table_args__ = (sa.CheckConstraint("amount_ore >= 0", name="amount_non_negative"),)


# --- audit ---------------------------------------------------------------------------------


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


# Ids are never reused: on SQLite every table with an integer id is AUTOINCREMENT (without it the highest
# rowid is handed out again after a delete); PostgreSQL sequences never go back.
for _table in SQLModel.metadata.tables.values():
    if [c.name for c in _table.primary_key.columns] == ["id"]:
        _table.dialect_kwargs["sqlite_autoincrement"] = True

AUDITED_TABLES = [
    Organisation, Tag, Contact, ContactTag, Initiative, InitiativePartner, Indicator, Event,
    Participation, Contract, Payment, ContractNote, BudgetLine, BudgetYear, Funder, FundingApplication,
]
