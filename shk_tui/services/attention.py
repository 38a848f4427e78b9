"""What needs the user's attention now: the rows of the Översikt dashboard.

Each domain service that has something to say provides ``attention_items(db, today)`` returning
``AttentionItem``s; ``collect`` gathers them from every domain module that exists, so a domain can be
added without touching this file (add its module name to ``PROVIDERS``). Översikt lists only the first
``per_category`` items of a category under its full count (``collect_shown``): a provider whose
categories can hold thousands of rows (overdue payments) also provides ``attention_shown(db, today,
per_category)`` returning a ``Shown``, reading only those first rows and the counts; any other
provider's items are cut here.

Opening a row (Översikt, ``enter``): an item of section "avtal" opens its contract's detail screen;
for any other section the app switches to that mode and, when the section's screen has a method
``show_item(target_id: int)``, calls it so the screen can select or open that row."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from types import ModuleType
from typing import TYPE_CHECKING, NamedTuple, TypeVar, cast

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


class Shown(NamedTuple):
    """The first items of each category, most urgent first (``collect_shown``), and every category's whole
    count (the listed ones and those left out)."""

    items: list[AttentionItem]
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def cut(items: list[AttentionItem], per_category: int) -> Shown:
    """``items`` sorted, at most ``per_category`` of each category kept, and every category's count."""
    kept: list[AttentionItem] = []
    counts: dict[str, int] = {}
    for item in sorted(items, key=sort_key):
        n = counts[item.category] = counts.get(item.category, 0) + 1
        if n <= per_category:
            kept.append(item)
    return Shown(kept, counts)


def collect(db: Database | Reader, today: date) -> list[AttentionItem]:
    """All attention items of every domain, most urgent first; ``db`` a Database or a plain ``Reader``. The
    providers read side by side (``light.parallel``)."""
    from shk_tui.db import light

    def run(provider: Callable[[Reader, date], list[AttentionItem]]) -> Callable[[Reader], list[AttentionItem]]:
        return lambda rows: provider(rows, today)

    found = light.parallel(db, [run(provider) for provider in providers()])
    return sorted((item for items in found for item in items), key=sort_key)


def collect_shown(db: Database | Reader, today: date, per_category: int) -> Shown:
    """What Översikt lists: the first ``per_category`` items of each category (as ``collect`` orders them)
    and each category's whole count, without building the items it leaves out where the provider can
    (``attention_shown``)."""
    from shk_tui.db import light

    def run(module: ModuleType) -> Callable[[Reader], Shown]:
        first = getattr(module, "attention_shown", None)
        if first is not None:
            return lambda rows: cast(Shown, first(rows, today, per_category))
        return lambda rows: cut(module.attention_items(rows, today), per_category)

    found = light.parallel(db, [run(module) for module in _modules() if hasattr(module, "attention_items")])
    counts: dict[str, int] = {}
    for part in found:
        for category, n in part.counts.items():
            counts[category] = counts.get(category, 0) + n
    return Shown(cut([item for part in found for item in part.items], per_category).items, counts)


def collect_with(db: Database | Reader, today: date, per_category: int,
                 also: Callable[[Reader], T]) -> tuple[Shown, T]:
    """``collect_shown``'s items and ``also``'s value (Översikt's summary), read side by side."""
    from shk_tui.db import light

    shown, other = light.parallel(db, [lambda rows: collect_shown(rows, today, per_category), also])
    return cast(Shown, shown), cast(T, other)


def providers() -> list[Callable[[Reader, date], list[AttentionItem]]]:
    """The ``attention_items`` of the PROVIDERS modules that exist, in PROVIDERS' order."""
    return [module.attention_items for module in _modules() if hasattr(module, "attention_items")]


def _modules() -> list[ModuleType]:
    """The PROVIDERS modules that exist, in PROVIDERS' order."""
    found = []
    for name in PROVIDERS:
        try:
            found.append(importlib.import_module(f"shk_tui.services.{name}"))
        except ModuleNotFoundError as exc:
            if exc.name != f"shk_tui.services.{name}":
                raise
    return found
