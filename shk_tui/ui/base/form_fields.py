"""The fields of the form kit (see :mod:`shk_tui.ui.base.form`): :class:`FormField`, the declaration
of one field, and the helpers that build its one-line widget, read it and fill it.

Kinds: ``TEXT`` (Input), ``CHOICE`` (Select; ``options`` = (label, value) pairs), ``YES_NO``
(Checkbox; ``placeholder`` is its text, default "ja"), ``MULTI_LINE`` (TextArea, three lines),
``TYPE_AHEAD`` (Input completing from ``lookup(text) -> names``; the help line lists other matches
or says ``new_hint``; with ``confirm_new`` a name that matches none is only saved after a yes) and
``DATE`` (Input, ÅÅÅÅ-MM-DD, checked before saving)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from textual.suggester import Suggester, SuggestFromList
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Select, TextArea

from shk_tui.fmt import completion, fold

log = logging.getLogger("shk_tui")

TEXT = "text"
CHOICE = "choice"
YES_NO = "yes-no"
MULTI_LINE = "multi-line"
TYPE_AHEAD = "type-ahead"
DATE = "date"

DATE_FORMAT = "ÅÅÅÅ-MM-DD"
BAD_DATE = "Ange datumet som ÅÅÅÅ-MM-DD"

Lookup = Callable[[str], list[str]]


@dataclass(frozen=True)
class FormField:
    """One field of a form, declared once."""

    name: str
    label: str
    kind: str = TEXT
    value: Any = ""
    #: Marks the label with " *"; the check itself stays the service's (its message is the one shown).
    required: bool = False
    #: A muted line under the field.
    help: str = ""
    placeholder: str = ""
    #: CHOICE: (label, value) pairs; ``prompt`` is shown for no value (when ``allow_blank``).
    options: Sequence[tuple[str, str]] = ()
    allow_blank: bool = True
    prompt: str = "–"
    #: TEXT: completion from a fixed list, or any Suggester.
    suggestions: Sequence[str] = ()
    suggester: Suggester | None = None
    #: TYPE_AHEAD: names starting with (or containing) the typed text.
    lookup: Lookup | None = None
    new_hint: str = "Ny: {}"
    confirm_new: str = ""
    #: A local check before anything is sent: the value → a Swedish message, or None when fine.
    validate: Callable[[Any], str | None] | None = None

    @property
    def shown_label(self) -> str:
        return f"{self.label} *" if self.required else self.label


class NameSuggester(Suggester):
    """Completes to the first name from ``lookup`` that starts with the typed text; remembers its
    last answer so Enter can take it (``pending``)."""

    def __init__(self, lookup: Lookup) -> None:
        super().__init__(use_cache=False, case_sensitive=False)
        self.lookup = lookup
        self.latest: tuple[str, str] = ("", "")

    async def get_suggestion(self, value: str) -> str | None:
        try:
            names = await asyncio.to_thread(self.lookup, value)
        except Exception:  # a lost connection while typing: no completion, the save will say more
            log.warning("type-ahead lookup failed", exc_info=True)
            return None
        found = next((n for n in names if completion(n, value) is not None), None)
        self.latest = (value, found or "")
        return found

    def pending(self, typed: str) -> str:
        """The completion shown for ``typed`` (longer than it), or ""."""
        value, found = self.latest
        return found if fold(value) == fold(typed) and len(found) > len(typed) else ""


def build(spec: FormField, widget_id: str) -> Widget:
    """The field's one-line (compact) widget."""
    classes = "fk-input"
    if spec.kind == CHOICE:
        values = {v for _, v in spec.options}
        value = spec.value if spec.value in values else Select.NULL
        return Select(list(spec.options), value=value, prompt=spec.prompt, allow_blank=spec.allow_blank,
                      id=widget_id, classes=classes, compact=True)
    if spec.kind == YES_NO:
        return Checkbox(spec.placeholder or "ja", bool(spec.value), id=widget_id, classes=classes, compact=True)
    if spec.kind == MULTI_LINE:
        return TextArea(str(spec.value or ""), id=widget_id, classes=f"{classes} fk-multi", compact=True,
                        show_line_numbers=False, tab_behavior="focus")
    suggester = spec.suggester
    if spec.kind == TYPE_AHEAD and spec.lookup is not None:
        suggester = NameSuggester(spec.lookup)
    elif suggester is None and spec.suggestions:
        suggester = SuggestFromList(spec.suggestions, case_sensitive=False)
    placeholder = spec.placeholder or (DATE_FORMAT if spec.kind == DATE else "")
    return Input(str(spec.value or ""), placeholder=placeholder, suggester=suggester, id=widget_id,
                 classes=classes, compact=True)


def read(widget: Widget) -> Any:
    """What the widget holds: text, a choice's value ("" for none) or a yes/no."""
    if isinstance(widget, Select):
        return "" if widget.value is Select.NULL else widget.value
    if isinstance(widget, Checkbox):
        return widget.value
    if isinstance(widget, TextArea):
        return widget.text
    if isinstance(widget, Input):
        return widget.value
    return None


def fill(widget: Widget, value: Any) -> None:
    """Put ``value`` into the widget (the inverse of :func:`read`)."""
    if isinstance(widget, Select):
        widget.value = value if value not in ("", None) else Select.NULL
    elif isinstance(widget, Checkbox):
        widget.value = bool(value)
    elif isinstance(widget, TextArea):
        widget.text = "" if value is None else str(value)
    elif isinstance(widget, Input):
        widget.value = "" if value is None else str(value)


def local_error(spec: FormField, value: Any) -> str | None:
    """The field's own check (a date's form, then ``validate``), before the service is asked."""
    if spec.kind == DATE and str(value or "").strip():
        try:
            date.fromisoformat(str(value).strip())
        except ValueError:
            return BAD_DATE
    return spec.validate(value) if spec.validate is not None else None


def lookup_hint(spec: FormField, typed: str) -> str:
    """TYPE_AHEAD's help line: other matches, or that the typed name is new."""
    text = typed.strip()
    if not text or spec.lookup is None:
        return spec.help
    names = safe_lookup(spec, text)
    if any(n.casefold() == text.casefold() for n in names):
        return spec.help
    if names:
        return "Finns: " + ", ".join(names[:5])
    return spec.new_hint.format(text)


def safe_lookup(spec: FormField, text: str) -> list[str]:
    try:
        return list(spec.lookup(text)) if spec.lookup is not None else []
    except Exception:
        log.warning("type-ahead lookup failed", exc_info=True)
        return []


def is_new(spec: FormField, value: Any) -> bool:
    """A TYPE_AHEAD value that matches none of the names it looks up (so saving would create it)."""
    text = str(value or "").strip()
    if spec.kind != TYPE_AHEAD or not text:
        return False
    return not any(n.casefold() == text.casefold() for n in safe_lookup(spec, text))
