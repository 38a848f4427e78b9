"""An organisation field with type-ahead: the Input completes to the first organisation whose name
starts with what is typed (→ or end accepts it); a hint line lists other matches, or says that a
new organisation will be created when the name is new."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.suggester import Suggester
from textual.widgets import Input, Static

Lookup = Callable[[str], list[str]]


class _OrganisationSuggester(Suggester):
    def __init__(self, lookup: Lookup) -> None:
        super().__init__(use_cache=False, case_sensitive=False)
        self.lookup = lookup

    async def get_suggestion(self, value: str) -> str | None:
        names = await asyncio.to_thread(self.lookup, value)
        for name in names:
            if name.casefold().startswith(value):
                return name
        return None


class OrgPicker(Vertical):
    """``value`` is the typed (or completed) organisation name."""

    def __init__(self, lookup: Lookup, value: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id, classes="org-picker")
        self.lookup = lookup
        self._initial = value

    def compose(self) -> ComposeResult:
        yield Input(self._initial, placeholder="Skriv för att söka – ny skapas", id="organisation",
                    suggester=_OrganisationSuggester(self.lookup))
        yield Static("", classes="org-hint")

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    @property
    def value(self) -> str:
        return self.input.value.strip()

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        self._hint(event.value)

    def _hint(self, typed: str) -> None:
        hint = self.query_one(".org-hint", Static)
        text = typed.strip()
        if not text:
            hint.update("")
            return
        names = self.lookup(text)
        if any(n.casefold() == text.casefold() for n in names):
            hint.update("")
        elif names:
            hint.update("Finns: " + ", ".join(names[:5]))
        else:
            hint.update(f"Ny organisation skapas: {text}")
