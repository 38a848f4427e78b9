"""Contracts, their payment schedules and follow-up notes."""

from datetime import date
from typing import Optional

import sqlalchemy as sa
from sqlmodel import Field, Relationship

from shk_tui.db.columns import enum_type, fk, owned
from shk_tui.db.models.base import Base, ends_after_start, non_negative, not_empty, year_range
from shk_tui.enums import ContractKind, ContractStatus, PaymentDirection, ProcurementRoute


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
    # the budget line and year its payments are charged to (services.budget.forecast)
    budget_line_id: int | None = fk("budget_line.id", ondelete="SET NULL")
    budget_year: int | None = None
    # procurement (LOU, services.contracts.procurement): the route, what is bought, and the user's
    # estimate of the total value over the whole term incl. options and renewals (None: computed)
    procurement_route: ProcurementRoute | None = Field(
        default=None, sa_type=enum_type(ProcurementRoute), nullable=True)
    procurement_category: str | None = Field(default=None, max_length=100, index=True)
    estimated_value_ore: int | None = Field(default=None, sa_type=sa.BigInteger)
    direct_award_documented: bool = Field(
        default=False, nullable=False, sa_column_kwargs={"server_default": sa.false()})

    payments: list["Payment"] = owned("contract")
    notes: list["ContractNote"] = owned("contract")

    __table_args__ = (
        non_negative("amount_ore", "amount_non_negative", nullable=True),
        ends_after_start(),
        sa.CheckConstraint("notice_months IS NULL OR (notice_months >= 0 AND notice_months <= 36)", name="notice_range"),
        sa.CheckConstraint("renewal_months IS NULL OR renewal_months > 0", name="renewal_positive"),
        not_empty("title"),
        year_range("budget_year"),
        non_negative("estimated_value_ore", "estimated_value_non_negative", nullable=True),
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
    direction: PaymentDirection = Field(
        default=PaymentDirection.UT, sa_type=enum_type(PaymentDirection),
        sa_column_kwargs={"server_default": PaymentDirection.UT.value})
    decided_by: str | None = Field(default=None, max_length=100)  # beslutsattestant
    attested_by: str | None = Field(default=None, max_length=100)

    contract: Optional["Contract"] = Relationship(back_populates="payments")

    __table_args__ = (
        non_negative("amount_ore", "amount_non_negative"),
        non_negative("paid_amount_ore", "paid_non_negative", nullable=True),
    )


class ContractNote(Base, table=True):
    """The follow-up log of a contract: date, note, who."""

    __tablename__ = "contract_note"
    contract_id: int = fk("contract.id", nullable=False, ondelete="CASCADE")
    noted_on: date = Field(default_factory=date.today)
    text: str = Field(sa_type=sa.Text)
    author: str | None = Field(default=None, max_length=100)

    contract: Optional["Contract"] = Relationship(back_populates="notes")
