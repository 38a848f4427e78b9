"""Initiatives of the portfolio, their partner organisations and indicators."""

from datetime import date
from typing import Optional

import sqlalchemy as sa
from sqlmodel import Field, Relationship, SQLModel

from shk_tui.db.columns import enum_type, fk, link_key, owned
from shk_tui.db.models.base import Base, ends_after_start, non_negative, year_range
from shk_tui.enums import BudgetSource, DecisionBody, FocusArea, Function, InitiativeKind, Phase


class InitiativePartner(SQLModel, table=True):
    __tablename__ = "initiative_partner"
    initiative_id: int = link_key("initiative.id")
    organisation_id: int = link_key("organisation.id", index=True)


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
    # who decided its budget, as recorded (the derived DecisionLevel says who must)
    decision_body: DecisionBody | None = Field(default=None, sa_type=enum_type(DecisionBody), nullable=True)
    note: str | None = Field(default=None, sa_type=sa.Text)
    # the budget line and year its remaining budget is expected on (services.budget.forecast)
    budget_line_id: int | None = fk("budget_line.id", ondelete="SET NULL")
    budget_year: int | None = None

    indicators: list["Indicator"] = owned("initiative")

    __table_args__ = (
        non_negative("budget_ore", "budget_non_negative"),
        sa.CheckConstraint("pilot_ore >= 0 AND pilot_ore <= budget_ore", name="pilot_within_budget"),
        ends_after_start(),
        year_range("budget_year"),
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
