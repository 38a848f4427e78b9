"""Global search: what the command palette (ctrl+p) and ``/`` on Översikt show as you type.

``find(db, typed)`` returns :class:`Hit` rows grouped by kind in :data:`KINDS` order (contacts first), the
best matches first within a kind (every typed word in the title before those found elsewhere), at most
``limit_per_kind`` of each. Every typed word must match, in any order, folded as every search folds
(``shk_tui.fmt.fold``); ``%``, ``_``, ``\\`` and NUL are literal. A hit names the app mode (``section``,
one of ``shk_tui.app.SECTIONS``) and the id to open there (``target_id``: a payment opens its contract).

Hidden from the search as from every list: contacts under restriction (GDPR art. 18), archived and
erased contacts, archived organisations."""

from __future__ import annotations

from dataclasses import dataclass

from shk_tui.db.engine import Database

#: The kinds, in the order their groups are shown.
KINDS = ("contact", "organisation", "event", "contract", "payment", "initiative", "application")

KIND_LABELS: dict[str, str] = {
    "contact": "Kontakter",
    "organisation": "Organisationer",
    "event": "Evenemang",
    "contract": "Avtal",
    "payment": "Utbetalningar",
    "initiative": "Initiativ",
    "application": "Ansökningar",
}

#: The app mode (``shk_tui.app.SECTIONS``) where each kind is opened.
SECTION_OF: dict[str, str] = {
    "contact": "kontakter",
    "organisation": "kontakter",
    "event": "evenemang",
    "contract": "avtal",
    "payment": "avtal",
    "initiative": "portfolj",
    "application": "budget",
}


@dataclass(frozen=True)
class Hit:
    kind: str  # one of KINDS
    item_id: int  # the row's own id (a payment's id for a payment)
    title: str  # what the item is called
    context: str  # a short Swedish line: organisation and e-mail, date and place, diarienummer and motpart …
    section: str  # the app mode to open it in (SECTION_OF[kind])
    target_id: int  # the id to open in that section (a payment: its contract's id)


def find(db: Database, typed: str, *, limit_per_kind: int = 8) -> list[Hit]:
    """The hits for ``typed`` (nothing typed: no hits), grouped by kind, best first within a kind."""
    from shk_tui.services.search import hits

    return hits.find(db, typed, limit_per_kind=limit_per_kind)
