"""The budget (lines and their years), funders and funding applications."""

from datetime import date
from typing import Optional

import sqlalchemy as sa
from sqlmodel import Field, Relationship

from shk_tui.db.columns import enum_type, fk, owned
from shk_tui.db.models.base import Base, non_negative
from shk_tui.enums import ApplicationStatus, FocusArea, FunderKind


class BudgetLine(Base, table=True):
    __tablename__ = "budget_line"
    name: str = Field(max_length=200, unique=True)
    group: str = Field(max_length=100)
    position: int = Field(default=0)

    years: list["BudgetYear"] = owned("line")


class BudgetYear(Base, table=True):
    __tablename__ = "budget_year"
    line_id: int = fk("budget_line.id", nullable=False, ondelete="CASCADE")
    year: int
    budget_ore: int | None = Field(default=None, sa_type=sa.BigInteger)
    outcome_ore: int | None = Field(default=None, sa_type=sa.BigInteger)
    outcome_as_of: date | None = None
    # the manual forecast adjustment (may be negative) and why (services.budget.forecast)
    adjustment_ore: int | None = Field(default=None, sa_type=sa.BigInteger)
    adjustment_reason: str | None = Field(default=None, sa_type=sa.Text)

    line: Optional["BudgetLine"] = Relationship(back_populates="years")

    __table_args__ = (
        sa.UniqueConstraint("line_id", "year", name="uq_budget_year_line_year"),
        non_negative("budget_ore", "budget_non_negative", nullable=True),
        sa.CheckConstraint("year BETWEEN 2000 AND 2100", name="year_range"),
        sa.CheckConstraint("adjustment_ore IS NULL OR (adjustment_reason IS NOT NULL AND length(adjustment_reason) > 0)",
                           name="adjustment_has_reason"),
    )


class Funder(Base, table=True):
    __tablename__ = "funder"
    name: str = Field(max_length=200, unique=True)
    amount_ore: int = Field(sa_type=sa.BigInteger)
    period: str | None = Field(default=None, max_length=40)

    __table_args__ = (non_negative("amount_ore", "amount_non_negative"),)


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
    funder_kind: FunderKind = Field(
        default=FunderKind.EXTERN, sa_type=enum_type(FunderKind),
        sa_column_kwargs={"server_default": FunderKind.EXTERN.value})
    # Samhällskontraktet's share of a consortium application (None: the whole amount is ours)
    sk_share_ore: int | None = Field(default=None, sa_type=sa.BigInteger)
    # the amount granted (None: as applied for, once beviljad)
    granted_ore: int | None = Field(default=None, sa_type=sa.BigInteger)

    __table_args__ = (
        non_negative("amount_ore", "amount_non_negative"),
        non_negative("sk_share_ore", "sk_share_non_negative", nullable=True),
        non_negative("granted_ore", "granted_non_negative", nullable=True),
    )
