"""Översikt's row for contacts: contacts kept without a legal basis (GDPR). Light (``db.light`` reads,
no SQLAlchemy): Översikt's first rows and ``shk due`` import it from a cold process."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from shk_tui.db import light
from shk_tui.services.attention import AttentionItem

if TYPE_CHECKING:
    from shk_tui.db.engine import Database

_MISSING = """
SELECT count(*) FROM contact
WHERE legal_basis IS NULL AND erased_on IS NULL AND archived = :no AND restricted_on IS NULL
"""


def attention_items(db: Database | light.Reader, today: date) -> list[AttentionItem]:
    """Contacts kept without a legal basis (GDPR): one Översikt row."""
    missing = light.rows_of(db).scalar(_MISSING, no=False)
    if not missing:
        return []
    noun = "kontakt saknar" if missing == 1 else "kontakter saknar"
    return [AttentionItem("Kontakter (GDPR)", 2, None, f"{missing} {noun} rättslig grund", "kontakter", None)]
