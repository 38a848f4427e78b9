"""The data model (DESIGN.md). Money is integer öre (``*_ore``), dates are ``date``/``datetime``.
Every table has ``id``, ``created_at`` and ``updated_at``; every write leaves an AuditEntry
(see ``shk_tui.db.audit``). One module a subject; every model is imported from here."""

from sqlmodel import SQLModel

from shk_tui.db.columns import enum_type, fk, now
from shk_tui.db.models.audit_entry import AuditEntry
from shk_tui.db.models.base import Base
from shk_tui.db.models.budget import BudgetLine, BudgetYear, Funder, FundingApplication
from shk_tui.db.models.contacts import Contact, ContactTag, Organisation, Tag
from shk_tui.db.models.contracts import Contract, ContractNote, Payment
from shk_tui.db.models.events import Event, Participation
from shk_tui.db.models.initiatives import Indicator, Initiative, InitiativePartner

__all__ = [
    "AUDITED_TABLES", "AuditEntry", "Base", "BudgetLine", "BudgetYear", "Contact", "ContactTag", "Contract",
    "ContractNote", "Event", "Funder", "FundingApplication", "Indicator", "Initiative", "InitiativePartner",
    "Organisation", "Participation", "Payment", "Tag", "enum_type", "fk", "now",
]

# Ids are never reused: on SQLite every table with an integer id is AUTOINCREMENT (without it the highest
# rowid is handed out again after a delete); PostgreSQL sequences never go back.
for _table in SQLModel.metadata.tables.values():
    if [c.name for c in _table.primary_key.columns] == ["id"]:
        _table.dialect_kwargs["sqlite_autoincrement"] = True

AUDITED_TABLES = [
    Organisation, Tag, Contact, ContactTag, Initiative, InitiativePartner, Indicator, Event,
    Participation, Contract, Payment, ContractNote, BudgetLine, BudgetYear, Funder, FundingApplication,
]
