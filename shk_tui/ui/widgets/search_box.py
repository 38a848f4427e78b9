"""The search box of a section: :class:`SearchBox`, an Input that knows the table it filters.

``SearchBox(placeholder="Sök …", id="contacts-search", table="#contacts-table")``. The same in every
section:

- the section opens with its table focused (the screen focuses the table, also after rows load);
  ``/`` focuses the search (the screen's ``search`` key);
- Esc in the search, with text: clears it (the usual ``Input.Changed`` fires, so the screen reloads)
  and focuses the table; already empty: posts :class:`SearchBox.ClearFilters` (the screen resets its
  own filters and reloads, so an empty list's hint "(esc rensar)" is true) and focuses the table;
- Enter focuses the table (the rows found);
- leaving a section with a section key clears its search boxes (the app calls :func:`clear_all`), so
  a search never carries over silently to the next visit."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.css.query import NoMatches
from textual.dom import DOMNode
from textual.message import Message
from textual.widgets import Input

from shk_tui.ui import keys


class SearchBox(Input):
    BINDINGS = keys.of("search")

    class ClearFilters(Message):
        """Esc in an empty search: the screen resets its own filters and reloads."""

        def __init__(self, box: SearchBox) -> None:
            super().__init__()
            self.box = box

        @property
        def control(self) -> SearchBox:
            return self.box

    def __init__(self, placeholder: str = "", *, id: str | None = None, table: str = "",
                 **kwargs: Any) -> None:
        super().__init__(placeholder=placeholder, id=id, **kwargs)
        #: The CSS selector (on the screen) of the table this search filters.
        self.table = table

    def focus_table(self) -> None:
        """Focus the table this search filters (nothing when there is none on the screen)."""
        if not self.table:
            return
        try:
            self.screen.query_one(self.table).focus()
        except NoMatches:
            pass

    def action_clear(self) -> None:
        """Esc: clear the text, or (already empty) ask the screen to clear its filters; then the table."""
        if self.value:
            self.value = ""
        else:
            self.post_message(self.ClearFilters(self))
        self.focus_table()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        # the screen's own handlers still see the message (it bubbles on); the rows found get focus
        self.focus_table()


def clear_all(node: DOMNode) -> None:
    """Empty every SearchBox under ``node`` (a section being left). Each empties with its usual
    ``Input.Changed``, so the screen's list follows on its next showing."""
    for box in node.query(SearchBox):
        if box.value:
            box.value = ""
