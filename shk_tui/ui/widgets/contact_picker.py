"""A type-ahead contact picker that stays open for the next name.

Type a few letters, pick with ↑/↓ and enter (enter alone takes the first hit); the picker posts
``ContactPicker.Picked`` and clears itself for the next name, so 30 names go in without leaving
the keyboard. The last option, *Ny kontakt: …*, posts ``ContactPicker.CreateRequested`` with the
typed text so the screen can open a quick form. ``escape`` clears the typed letters, and in an empty
picker posts ``Closed`` (one step back at a time). Searches run in a
worker through ``shk_tui.services.contacts.picker`` (``event_id`` marks people already on that list)."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from shk_tui.services.contacts import picker
from shk_tui.ui import keys
from shk_tui.ui.base.work import Work

NEW_ID = "new"
SEARCH_FAILED = "Kunde inte söka bland kontakterna (se loggfilen)"


class ContactPicker(Work, Vertical):
    """Searches through ``Work.load`` (a failed search is a notice); ``self.db`` is the app's."""

    BINDINGS = keys.of("picker")

    class Picked(Message):
        def __init__(self, picker_: ContactPicker, hit: picker.Hit) -> None:
            super().__init__()
            self.picker = picker_
            self.hit = hit

        @property
        def control(self) -> ContactPicker:
            return self.picker

    class CreateRequested(Message):
        def __init__(self, picker_: ContactPicker, text: str) -> None:
            super().__init__()
            self.picker = picker_
            self.text = text

        @property
        def control(self) -> ContactPicker:
            return self.picker

    class Closed(Message):
        def __init__(self, picker_: ContactPicker) -> None:
            super().__init__()
            self.picker = picker_

        @property
        def control(self) -> ContactPicker:
            return self.picker

    def __init__(self, *, title: str = "Lägg till", event_id: int | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.event_id = event_id
        self.title = title
        self.hits: list[picker.Hit] = []
        self._text = ""
        self._shown = ""  # the text the options were built for

    def compose(self) -> ComposeResult:
        yield Static(self.title, classes="title")
        yield Input(placeholder="Skriv några bokstäver av namnet …", classes="input", compact=True)
        yield OptionList(classes="options")

    @property
    def input(self) -> Input:
        return self.query_one(".input", Input)

    @property
    def options(self) -> OptionList:
        return self.query_one(".options", OptionList)

    def set_title(self, title: str) -> None:
        self.title = title
        self.query_one(".title", Static).update(title)

    def focus_input(self) -> None:
        self.input.focus()

    def reset(self) -> None:
        self.input.value = ""
        self._text = ""
        self._shown = ""
        self.hits = []
        self.options.clear_options()

    def _search(self, text: str, found: Any, group: str) -> None:
        db, event_id = self.db, self.event_id
        self.load(lambda: picker.search(db, text, event_id=event_id), found, group=group, failed=SEARCH_FAILED)

    @on(Input.Changed, ".input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self._text = text = event.value
        if not text.strip():
            self.hits = []
            self._shown = ""
            self.options.clear_options()
            return
        self._search(text, lambda hits: self._searched(text, hits), "search")

    def _searched(self, text: str, hits: list[picker.Hit]) -> None:
        if text != self._text:
            return  # typed on (or cleared) since
        self.hits = hits
        self._shown = text
        options = [Option(hit.label, id=str(hit.id)) for hit in hits]
        options.append(Option(f"+ Ny kontakt: {text.strip()}", id=NEW_ID))
        self.options.set_options(options)
        self.options.highlighted = 0

    def action_move(self, step: int) -> None:
        opts = self.options
        if opts.option_count:
            current = opts.highlighted if opts.highlighted is not None else -1
            opts.highlighted = max(0, min(opts.option_count - 1, current + step))

    def action_close(self) -> None:
        """Esc steps back one step, as in every search and dialog: typed letters are cleared first
        (the picker stays open for another name), an empty picker closes (posts ``Closed``)."""
        if self.input.value:
            self.reset()
            self.focus_input()
            return
        self.post_message(self.Closed(self))

    @on(Input.Submitted, ".input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        opts = self.options
        text = event.value
        if not text.strip():
            return
        if self._shown != text or opts.highlighted is None or not opts.option_count:
            # Enter before the list for this text was shown (fast typing): take the first hit of
            # that text when its search returns, and clear the input for the next name now. Each
            # text has its own group: the names typed one after another all arrive.
            self._search(text, lambda hits: self._resolved(text, hits), f"enter {text}")
            self.reset()
            return
        self._choose(opts.get_option_at_index(opts.highlighted).id)

    def _resolved(self, text: str, hits: list[picker.Hit]) -> None:
        if hits:
            self.post_message(self.Picked(self, hits[0]))
        else:
            self.post_message(self.CreateRequested(self, text.strip()))

    @on(OptionList.OptionSelected, ".options")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option_id)

    def _choose(self, option_id: str | None) -> None:
        if option_id == NEW_ID:
            self.post_message(self.CreateRequested(self, self._text.strip()))
            return
        hit = next((h for h in self.hits if str(h.id) == option_id), None)
        if hit is not None:
            self.post_message(self.Picked(self, hit))
            self.reset()
            self.focus_input()
