"""What needs the user's attention now: the rows of the Översikt dashboard.

Each domain service that has something to say provides ``attention_items(db, today)`` returning
``AttentionItem``s; ``collect`` gathers them from every domain module that exists, so a domain can be
added without touching this file (add its module name to ``PROVIDERS``).

Opening a row (Översikt, ``enter``): an item of section "avtal" opens its contract's detail screen;
for any other section the app switches to that mode and, when the section's screen has a method
``show_item(target_id: int)``, calls it so the screen can select or open that row."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, TypeVar, cast

if TYPE_CHECKING:
    from shk_tui.db.engine import Database
    from shk_tui.db.light import Reader

log = logging.getLogger("shk_tui")
T = TypeVar("T")

#: Modules under shk_tui.services that may define ``attention_items(db, today)``. Each is light: it and
#: what it imports never import SQLAlchemy, SQLModel, Pydantic or the models (``db.light`` reads), so
#: Översikt's first rows and ``shk due`` need no more than the standard library's sqlite3.
PROVIDERS = (
    "contracts.contract_attention",
    "contracts.diarium",
    "contracts.procurement",
    "contracts.attest",
    "events.event_attention",
    "portfolio.portfolio_attention",
    "budget.budget_attention",
    "contacts.contact_attention",
    "gallring_plan",
)


@dataclass(frozen=True)
class AttentionItem:
    """One thing to act on.

    category: Swedish heading it is grouped under, e.g. "Förfallna utbetalningar".
    severity: 0 = act now, 1 = soon, 2 = for information.
    when: the date it concerns (due date, deadline, event date) or None.
    text: one line describing it, in Swedish.
    section: the app mode that shows it ("avtal", "evenemang", "portfolj", ...).
    target_id: the row it concerns in that section (contract id, event id, ...), or None.
    """

    category: str
    severity: int
    when: date | None
    text: str
    section: str
    target_id: int | None = None


def sort_key(item: AttentionItem) -> tuple:
    return (item.severity, item.when or date.max, item.category, item.text)


def group(items: list[AttentionItem]) -> list[tuple[str, list[AttentionItem]]]:
    """Items under their category, most urgent first within it; categories ordered by their most
    urgent item (severity, then earliest date), so overdue things lead."""
    groups: dict[str, list[AttentionItem]] = {}
    for item in sorted(items, key=sort_key):
        groups.setdefault(item.category, []).append(item)
    return sorted(groups.items(), key=lambda kv: (sort_key(kv[1][0])[:2], kv[0]))


def collect(db: Database | Reader, today: date) -> list[AttentionItem]:
    """All attention items of every domain, most urgent first; ``db`` a Database or a plain ``Reader``. The
    providers read side by side (``light.parallel``)."""
    from shk_tui.db import light

    def run(provider: Callable[[Reader, date], list[AttentionItem]]) -> Callable[[Reader], list[AttentionItem]]:
        return lambda rows: provider(rows, today)

    found = light.parallel(db, [run(provider) for provider in providers()])
    return sorted((item for items in found for item in items), key=sort_key)


def collect_with(db: Database | Reader, today: date, also: Callable[[Reader], T]) -> tuple[list[AttentionItem], T]:
    """``collect``'s items and ``also``'s value (Översikt's summary), read side by side."""
    from shk_tui.db import light

    items, other = light.parallel(db, [lambda rows: collect(rows, today), also])
    return cast("list[AttentionItem]", items), cast(T, other)


def providers() -> list[Callable[[Reader, date], list[AttentionItem]]]:
    """The ``attention_items`` of the PROVIDERS modules that exist, in PROVIDERS' order."""
    found = []
    for name in PROVIDERS:
        try:
            module = importlib.import_module(f"shk_tui.services.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"shk_tui.services.{name}":
                continue
            raise
        provider = getattr(module, "attention_items", None)
        if provider is not None:
            found.append(provider)
    return found
