"""Contacts, their organisations and tags."""

from datetime import date
from typing import TYPE_CHECKING, Optional

import sqlalchemy as sa
from sqlmodel import Field, Relationship, SQLModel

from shk_tui.db.columns import enum_type, fk, link_key
from shk_tui.db.models.base import Base, not_empty
from shk_tui.enums import LegalBasis, OrganisationKind

if TYPE_CHECKING:
    from shk_tui.db.models.events import Participation


class Organisation(Base, table=True):
    __tablename__ = "organisation"
    name: str = Field(max_length=200, unique=True)
    short_name: str | None = Field(default=None, max_length=50)
    kind: OrganisationKind = Field(default=OrganisationKind.OVRIG, sa_type=enum_type(OrganisationKind))
    city: str | None = Field(default=None, max_length=100)
    note: str | None = Field(default=None, sa_type=sa.Text)
    archived: bool = Field(default=False, nullable=False)

    contacts: list["Contact"] = Relationship(back_populates="organisation")

    __table_args__ = (not_empty("name"),)


class ContactTag(SQLModel, table=True):
    __tablename__ = "contact_tag"
    contact_id: int = link_key("contact.id")
    tag_id: int = link_key("tag.id", index=True)


class Tag(Base, table=True):
    __tablename__ = "tag"
    name: str = Field(max_length=80, unique=True)

    contacts: list["Contact"] = Relationship(back_populates="tags", link_model=ContactTag)


class Contact(Base, table=True):
    __tablename__ = "contact"
    # the contacts in lists and counts (not restricted), in list order with what the counts test (migration 0010)
    __table_args__ = (sa.Index("ix_contact_listed", "archived", "sort_key", "id", "legal_basis", "erased_on",
                               sqlite_where=sa.text("restricted_on IS NULL"),
                               postgresql_where=sa.text("restricted_on IS NULL")),)
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
