"""The key help (``?`` or F1): every key of the app and of the screen it was opened from.

It is built from the active bindings at the moment it opens, so it never goes stale. Inside a
dialog (a modal screen, where the app's keys do not reach) F1 calls :func:`show_keys`: the dialog's
own keys first, then those of the focused field."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Static

from shk_tui.ui import keys

# Descriptions for Textual's own bindings, which carry English or no text.
_SWEDISH = {
    "quit": "Avsluta",
    "command_palette": "Kommandopalett",
    "focus_next": "Nästa fält",
    "focus_previous": "Föregående fält",
    "cursor_up": "Upp",
    "cursor_down": "Ned",
    "cursor_left": "Vänster",
    "cursor_right": "Höger",
    "page_up": "Sida upp",
    "page_down": "Sida ned",
    "scroll_top": "Första raden",
    "scroll_bottom": "Sista raden",
    "scroll_home": "Första raden",
    "scroll_end": "Sista raden",
    "select_cursor": "Välj",
    "page_left": "Sida vänster",
    "page_right": "Sida höger",
    "copy_text": "Kopiera markerad text",
}


def describe(binding: Binding) -> str:
    action = binding.action.split("(")[0].rsplit(".", 1)[-1]
    if binding.id is None and action in _SWEDISH:  # Textual's own binding: English text
        return _SWEDISH[action]
    return binding.description or binding.tooltip or _SWEDISH.get(action, action.replace("_", " "))


def screen_keys(screen: Screen, *, own_only: bool = False) -> list[tuple[str, str]]:
    """(key as shown, what it does) of every active, non-system binding of ``screen``: the screen's
    and the app's own (with an id) first, then Textual's. ``own_only``: only the screen's bindings
    and those with an id (a dialog's keys, not every editing key of the focused input)."""
    bindings = [(k, a.binding) for k, a in screen.active_bindings.items() if not a.binding.system
                and (not own_only or a.node is screen or a.binding.id is not None)]
    bindings.sort(key=lambda kb: kb[1].id is None)
    return [(screen.app.get_key_display(b.with_key(k)), describe(b)) for k, b in bindings]


def show_keys(screen: Screen, title: str = "Tangenter", *, more: Iterable[tuple[str, str]] = ()) -> None:
    """Open the key help for a dialog (its F1): its own keys, then ``more`` (keys it handles
    without a binding, e.g. enter in a field)."""
    screen.app.push_screen(HelpScreen([*screen_keys(screen, own_only=True), *more], title=title))


class HelpScreen(ModalScreen[None]):
    BINDINGS = keys.of("help")

    def __init__(self, keys: Iterable[tuple[str, str]], *, title: str = "Tangenter") -> None:
        """``keys``: (key as shown, what it does) pairs."""
        super().__init__()
        self.keys = list(keys)
        self.help_title = title

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog"):
            yield Static(self.help_title, id="help-title")
            yield DataTable(id="help-keys", cursor_type="row", zebra_stripes=True)
            yield Static("escape stänger", id="help-footer")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Tangent", "Gör")
        table.add_rows(self.keys)
        table.focus()

    def action_close(self) -> None:
        self.dismiss(None)
