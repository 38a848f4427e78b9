"""Textual's Footer without a restyle per key.

Textual's ``FooterKey.compact`` defaults to True while ``Footer.compact`` defaults to False, so
every key of every footer (recomposed whenever the bindings change: on each screen switch and
focus change) gets its ``-compact`` class added and removed again on mount, and each class change
restyles the key and its children: about a millisecond per key, tens of milliseconds per screen
opening. Here each key starts with the footer's own value, so nothing changes on mount; what is
shown is the same.

The help key ("? Hjälp") is docked at the right beside the command palette's key, so on a narrow
terminal, where the screen's own keys run out of room, the way to every key stays in view."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey

#: The key kept in view at the right: the app's help screen (``?``).
HELP_KEY = "question_mark"


class Footer(TextualFooter):
    DEFAULT_CSS = """
    Footer .footer-right {
        dock: right;
        width: auto;
        height: 1;
        FooterKey.-command-palette { dock: none; }
    }
    """

    def compose(self) -> ComposeResult:
        compact = self.compact
        right: list[FooterKey] = []
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.set_reactive(FooterKey.compact, compact)
                widget.set_class(compact, "-compact", update=False)
                if widget.key.split(",")[0] == HELP_KEY and not right:
                    right.append(widget)
                    continue
                if widget.has_class("-command-palette"):
                    right.append(widget)
                    continue
            yield widget
        if right:
            yield Horizontal(*right, classes="footer-right")
