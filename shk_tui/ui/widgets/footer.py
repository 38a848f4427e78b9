"""Textual's Footer without a restyle per key.

Textual's ``FooterKey.compact`` defaults to True while ``Footer.compact`` defaults to False, so
every key of every footer (recomposed whenever the bindings change: on each screen switch and
focus change) gets its ``-compact`` class added and removed again on mount, and each class change
restyles the key and its children: about a millisecond per key, tens of milliseconds per screen
opening. Here each key starts with the footer's own value, so nothing changes on mount; what is
shown is the same."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey


class Footer(TextualFooter):
    def compose(self) -> ComposeResult:
        compact = self.compact
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.set_reactive(FooterKey.compact, compact)
                widget.set_class(compact, "-compact", update=False)
            yield widget
