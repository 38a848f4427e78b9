"""The command palette (ctrl+p), in Swedish. One provider, ``PaletteCommands``, discovers and searches every
list of commands: the app's (``App.get_system_commands``: sections, example data, keys, and Textual's own
theme/quit/keys/screenshot commands translated by ``textual_commands``) and one screen's own actions
(``screen_commands``, for ``Screen.COMMANDS``), so each section can offer its commands without touching the app.
Beside it the global search (``ui/widgets/global_search.GlobalSearch``) lists contacts, contracts, events …

The palette sorts every hit by its score. A command whose title holds every typed word comes first
(``COMMAND_FIRST`` + its fuzzy score), then the search's hits (scores below 1, in the search's order: grouped
by kind), then commands matched only loosely by Textual's fuzzy matcher (below ``LOOSE_BELOW``).

``ShkCommandPalette`` is Textual's palette with its own texts in Swedish: its keys (from the keymap, each
calling the palette's own action) and the "Inga träffar" line, which Textual writes in English in
``CommandPalette._start_no_matches_countdown`` (overridden here; tests/ui/test_global_search.py guards it)."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from functools import partial
from typing import ClassVar

from rich.align import Align
from rich.text import Text
from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen
from textual.theme import ThemeProvider
from textual.widgets.option_list import Option

from shk_tui.fmt import fold
from shk_tui.ui import keys

log = logging.getLogger("shk_tui")

PLACEHOLDER = "Sök …"
THEME_PLACEHOLDER = "Sök tema …"
NO_MATCHES = "Inga träffar för ”{typed}”"
#: A command whose title holds every typed word scores this plus its fuzzy score: above every search hit.
COMMAND_FIRST = 2.0
#: A command matched only loosely (fuzzy) scores below this: under every search hit.
LOOSE_BELOW = 0.4


def command_score(title: str, typed: str, fuzzy: float) -> float:
    """The palette score of a command titled ``title`` for ``typed`` (``fuzzy``: Textual's score, > 0)."""
    words = fold(typed).split()
    folded = fold(title)
    if words and all(word in folded for word in words):
        return COMMAND_FIRST + fuzzy
    return LOOSE_BELOW * min(fuzzy, 1.0)


class ShkCommandPalette(CommandPalette):
    """Textual's command palette with its own texts in Swedish."""

    BINDINGS: ClassVar[list[BindingType]] = keys.of("palette")  # Textual's keys, each to its own action

    def action_close(self) -> None:
        self._action_escape()

    def action_next(self) -> None:
        self._action_cursor_down()

    def action_previous(self) -> None:
        self._action_command_list("cursor_up")

    def action_page_down(self) -> None:
        self._action_command_list("page_down")

    def action_page_up(self) -> None:
        self._action_command_list("page_up")

    def action_first(self) -> None:
        self._action_command_list("first")

    def action_last(self) -> None:
        self._action_command_list("last")

    def _start_no_matches_countdown(self, search_value: str) -> None:
        """As Textual's (command.py): after a short wait, one disabled line saying nothing was found; in
        Swedish. With nothing typed (the commands listed before typing) no such line."""
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(Option(
                    Align.center(Text(NO_MATCHES.format(typed=search_value), style="not bold")),
                    disabled=True, id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)


class PaletteCommands(Provider):
    """Commands in their given order: each shown before anything is typed (unless ``discover`` is false),
    those whose title matches what is typed while searching. By default the app's commands."""

    def commands(self) -> Iterable[SystemCommand]:
        return self.app.get_system_commands(self.screen)

    async def discover(self) -> Hits:
        for title, help_text, callback, discover in self.commands():
            if discover:
                yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback, _discover in self.commands():
            if (score := matcher.match(title)) > 0:
                yield Hit(command_score(title, query, score), matcher.highlight(title), callback, text=title,
                          help=help_text)


def screen_commands(entries: Sequence[tuple[str, str, str]]) -> type[Provider]:
    """A provider of ``(title, action, help)`` entries; choosing one runs ``action`` on the screen."""

    class ScreenCommands(PaletteCommands):
        def commands(self) -> Iterable[SystemCommand]:
            return [SystemCommand(title, help_text, partial(self.screen.run_action, action))
                    for title, action, help_text in entries]

    return ScreenCommands


def open_palette(app: App, placeholder: str = PLACEHOLDER) -> None:
    """The command palette with a Swedish placeholder (Textual's own says "Search for commands…")."""
    if app.use_command_palette and not CommandPalette.is_open(app):
        app.push_screen(ShkCommandPalette(placeholder=placeholder, id="--command-palette"))


def textual_commands(app: App, screen: Screen) -> Iterator[SystemCommand]:
    """Textual's own palette commands (``App.get_system_commands``), in Swedish."""
    yield SystemCommand("Tema", "Byt färgtema", partial(choose_theme, app))
    yield SystemCommand("Avsluta", "Avsluta programmet (ctrl+q)", app.action_quit)
    if screen.query("HelpPanel"):
        yield SystemCommand("Dölj tangentpanelen", "Ta bort panelen med tangenterna", app.action_hide_help_panel)
    else:
        yield SystemCommand("Tangentpanel", "Visa det markerade fältets hjälp och tangenter i en panel",
                            app.action_show_help_panel)
    if screen.maximized is not None:
        yield SystemCommand("Återställ storlek", "Visa fältet i normal storlek igen", screen.action_minimize)
    elif screen.focused is not None and screen.focused.allow_maximize:
        yield SystemCommand("Maximera", "Visa det markerade fältet i hela fönstret", screen.action_maximize)
    yield SystemCommand("Skärmbild", "Spara en SVG-bild av skärmen i aktuell mapp",
                        lambda: app.set_timer(0.1, partial(save_screenshot, app)))


def choose_theme(app: App) -> None:
    app.push_screen(ShkCommandPalette(providers=[ThemeProvider], placeholder=THEME_PLACEHOLDER))


def save_screenshot(app: App) -> None:
    """An SVG of the screen in the current folder, reported in Swedish (Textual's own notice is English)."""
    try:
        path = app.save_screenshot()
    except OSError as exc:
        log.warning("screenshot failed: %s", exc)
        app.notify(f"Skärmbilden kunde inte sparas: {exc.strerror or exc}", severity="error")
        return
    app.notify(f"Skärmbilden sparades: {path}")
