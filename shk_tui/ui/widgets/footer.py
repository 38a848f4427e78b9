"""Textual's Footer without a restyle per key, with the help key always in view and no key cut in half.

Textual's ``FooterKey.compact`` defaults to True while ``Footer.compact`` defaults to False, so
every key of every footer (recomposed whenever the bindings change: on each screen switch and
focus change) gets its ``-compact`` class added and removed again on mount, and each class change
restyles the key and its children: about a millisecond per key, tens of milliseconds per screen
opening. Here each key starts with the footer's own value, so nothing changes on mount; what is
shown is the same.

The help key ("? Hjälp") is docked at the right beside the command palette's key, so on a narrow
terminal, where the screen's own keys run out of room, the way to every key stays in view. The keys
that would reach under it are not shown at all (a key group as a whole): which ones is worked out
from the keys' texts and the terminal's width when the footer is composed (and again when its width
changes), never from a layout that may not have happened yet, so the same screen at the same size
always shows the same keys."""

from __future__ import annotations

from collections import defaultdict
from itertools import groupby

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey, FooterLabel

#: The key kept in view at the right: the app's help screen (``?``).
HELP_KEY = "question_mark"


def key_width(key: str, description: str) -> int:
    """Columns of a key with its description: `` k `` and ``Desc `` (the non-compact paddings)."""
    return len(key) + 2 + len(description) + 1


def group_width(keys: list[str], label: str, compact: bool = False) -> int:
    """Columns of a key group and its label: keys one column apart, a column either side (the grouped
    keys' margins, collapsed between them), then the label and its right margin; a compact group
    ("12345Triagera") has its keys side by side and a column before and after."""
    if compact:
        return sum(map(len, keys)) + 1 + len(label) + 1
    return sum(map(len, keys)) + len(keys) + 1 + len(label) + 1


class Footer(TextualFooter):
    DEFAULT_CSS = """
    Footer .footer-right {
        dock: right;
        width: auto;
        height: 1;
        FooterKey.-command-palette { dock: none; }
    }
    """

    _composed_keys: tuple | None = None  # _shown_keys() when last composed
    _recompose_queued = False

    def _items(self) -> tuple[list[int], int, set[str]]:
        """The width of each item the footer shows on the left (a key, or a key group with its label),
        in Textual's order, the width of the docked part at the right, and the actions of keys left
        alone of their group (the section key 6 where 1–5 triage a proposal): those are not shown, the
        help lists them."""
        app = self.app
        active = self.screen.active_bindings
        bindings = [b for (_, b, _e, _t) in active.values() if b.show]
        by_action: defaultdict[str, list[Binding]] = defaultdict(list)
        for b in bindings:
            by_action[b.action].append(b)
        widths: list[int] = []
        lone: set[str] = set()
        right = 0
        help_seen = False
        for group, multi in groupby(by_action.values(), lambda m: m[0].group):
            grouped = list(multi)
            if group is not None and len(grouped) > 1:
                widths.append(group_width([app.get_key_display(m[0]) for m in grouped], group.description, group.compact))
                continue
            for m in grouped:
                if group is not None:
                    lone.add(m[0].action)
                elif _is_help(m[0].key) and not help_seen:
                    help_seen = True
                    right += key_width(app.get_key_display(m[0]), m[0].description)
                else:
                    widths.append(key_width(app.get_key_display(m[0]), m[0].description))
        if self.show_command_palette and app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
            palette = active[app.COMMAND_PALETTE_BINDING][1]
            right += 1 + key_width(app.get_key_display(palette), palette.description) + 1  # border, padding
        return widths, right, lone

    def _shown(self) -> tuple[int, set[str]]:
        """How many of the left items fit beside the docked part, and the lone group keys."""
        widths, right, lone = self._items()
        room, used, shown = self.app.size.width - right, 0, 0
        for width in widths:
            if used + width > room:
                break
            used += width
            shown += 1
        return shown, lone

    def compose(self) -> ComposeResult:
        if not self._bindings_ready and self.is_attached:
            # the keys at once, from the screen's bindings (Textual's footer composes empty and again once the
            # screen has its focus): a screen's focus rarely changes which keys show, so the first frame has
            # them and the recompose after it is left out (``_recompose_if_changed``)
            self.set_reactive(TextualFooter._bindings_ready, True)
        compact = self.compact
        self._composed_keys = self._shown_keys() if self._bindings_ready else None
        shown, lone = self._shown() if self._bindings_ready else (0, set())
        right: list[FooterKey] = []
        item, in_group = 0, False
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.set_reactive(FooterKey.compact, compact)
                widget.set_class(compact, "-compact", update=False)
                if _is_help(widget.key) and not right:
                    right.append(widget)
                    continue
                if widget.has_class("-command-palette"):
                    right.append(widget)
                    continue
                if widget.action in lone and not widget.has_class("-grouped"):
                    widget.display = False
                elif widget.has_class("-grouped"):
                    in_group = True
                    widget.display = item < shown
                else:
                    widget.display = item < shown
                    item += 1
            elif isinstance(widget, FooterLabel) and in_group:
                widget.display = item < shown
                item, in_group = item + 1, False
            yield widget
        if right:
            yield Horizontal(*right, classes="footer-right")

    def on_resize(self, event: events.Resize) -> None:
        if self._bindings_ready:  # recomposed only if the width changes what it shows (_shown_keys)
            self._queue_recompose()

    def bindings_changed(self, screen: Screen) -> None:
        """Textual recomposes the footer after each change of the bindings; a screen opening changes them
        many times over (every focus change), each time rebuilding and restyling every key. Here one
        recompose is queued at a time, and it is left out when the keys to show are the ones shown."""
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self._queue_recompose()

    def _queue_recompose(self) -> None:
        if not self._recompose_queued:
            self._recompose_queued = True
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        self._recompose_queued = False
        if self.is_attached and self._shown_keys() != self._composed_keys:
            await self.recompose()

    def _shown_keys(self) -> tuple:
        """What compose draws from: the keys shown (with their state and texts), the width, the palette key."""
        active = self.screen.active_bindings
        keys = tuple((b.key, b.description, b.action, b.key_display, b.group, enabled, tooltip)
                     for (_, b, enabled, tooltip) in active.values() if b.show)
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        return keys, self.app.size.width, self.compact, self.show_command_palette, palette and palette[2]


def _is_help(key: str) -> bool:
    return key.split(",")[0] == HELP_KEY
