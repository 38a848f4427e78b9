"""The global search in the command palette (ctrl+p from every section, ``/`` on Översikt): contacts,
organisations, events, contracts, payments, initiatives and funding applications, found by
``services.search.global_search.find`` as you type.

The search runs in a thread (``asyncio.to_thread``): a keystroke never waits for the database, and the
palette drops the answer to an older keystroke. Each hit shows its kind and title, and under it a short
line of context and the section it opens in; the hits come grouped by kind, in the search's order (their
scores fall from 1, below the commands whose title holds every typed word, see ``screen_commands``).
Enter opens the item where it lives: the app's ``open_item(section, target_id, kind, title)``."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.command import Hit, Hits, Provider
from textual.markup import escape

from shk_tui.ui.base.work import report_error

if TYPE_CHECKING:  # the service (and the database layer under it) is imported at the first search
    from shk_tui.services.search import global_search

log = logging.getLogger("shk_tui")

#: The app's section labels by mode (``shk_tui.app.SECTIONS``; a test checks they agree).
SECTION_LABELS = {"oversikt": "Översikt", "portfolj": "Portfölj", "kontakter": "Kontakter",
                  "evenemang": "Evenemang", "avtal": "Avtal", "budget": "Budget"}
#: The placeholder of the palette that ``/`` on Översikt opens.
SEARCH_PLACEHOLDER = "Sök kontakter, organisationer, evenemang, avtal, initiativ, ansökningar …"
SEARCH_FAILED = "Sökningen gick inte att göra (se loggfilen)"
#: Hits per kind.
PER_KIND = 8
#: The score of the first hit; each next one a step lower (at most 7 × PER_KIND hits: all above 0.9).
FIRST_SCORE = 0.99
STEP = 0.001


def prompt(hit: global_search.Hit) -> Text:
    """The hit's first line: its kind (the group it belongs to), then its title."""
    from shk_tui.services.search import global_search

    return Text.assemble((f"{global_search.KIND_LABELS[hit.kind]}: ", "not bold"), hit.title or "(utan titel)")


def help_line(hit: global_search.Hit) -> str:
    """The hit's second line (palette markup): its context and the section it opens in."""
    where = f"öppnas i {SECTION_LABELS.get(hit.section, hit.section)}"
    return escape(f"{hit.context} · {where}" if hit.context else where)


def opener(app: Any, hit: global_search.Hit) -> Callable[[], Awaitable[None]]:
    """What Enter on ``hit`` runs: the app opens the item in its section."""

    async def open_hit() -> None:
        await app.open_item(hit.section, hit.target_id, hit.kind, hit.title)

    return open_hit


class GlobalSearch(Provider):
    """Everything in the database that matches what is typed (nothing before typing)."""

    async def search(self, query: str) -> Hits:
        db = getattr(self.app, "db", None)
        if db is None or not query.strip():
            return
        from shk_tui.services.search import global_search

        try:
            found = await asyncio.to_thread(global_search.find, db, query, limit_per_kind=PER_KIND)
        except Exception as exc:  # a database error: a notice, the commands are still listed
            report_error(self.app, exc, SEARCH_FAILED)
            return
        for n, hit in enumerate(found):
            yield Hit(FIRST_SCORE - n * STEP, prompt(hit), opener(self.app, hit), text=hit.title,
                      help=help_line(hit))
