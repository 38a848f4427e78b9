"""The command palette (ctrl+p), in Swedish. One provider, ``PaletteCommands``, discovers and searches every
list of commands: the app's (``App.get_system_commands``: sections, example data, keys, and Textual's own
theme/quit/keys/screenshot commands translated by ``textual_commands``) and one screen's own actions
(``screen_commands``, for ``Screen.COMMANDS``), so each section can offer its commands without touching the app."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from functools import partial

from textual.app import App, SystemCommand
from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen
from textual.theme import ThemeProvider

log = logging.getLogger("shk_tui")

PLACEHOLDER = "Sök …"
THEME_PLACEHOLDER = "Sök tema …"


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
                yield Hit(score, matcher.highlight(title), callback, text=title, help=help_text)


def screen_commands(entries: Sequence[tuple[str, str, str]]) -> type[Provider]:
    """A provider of ``(title, action, help)`` entries; choosing one runs ``action`` on the screen."""

    class ScreenCommands(PaletteCommands):
        def commands(self) -> Iterable[SystemCommand]:
            return [SystemCommand(title, help_text, partial(self.screen.run_action, action))
                    for title, action, help_text in entries]

    return ScreenCommands


def open_palette(app: App) -> None:
    """The command palette with the Swedish placeholder (Textual's own says "Search for commands…")."""
    if app.use_command_palette and not CommandPalette.is_open(app):
        app.push_screen(CommandPalette(placeholder=PLACEHOLDER, id="--command-palette"))


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
    app.push_screen(CommandPalette(providers=[ThemeProvider], placeholder=THEME_PLACEHOLDER))


def save_screenshot(app: App) -> None:
    """An SVG of the screen in the current folder, reported in Swedish (Textual's own notice is English)."""
    try:
        path = app.save_screenshot()
    except OSError as exc:
        log.warning("screenshot failed: %s", exc)
        app.notify(f"Skärmbilden kunde inte sparas: {exc.strerror or exc}", severity="error")
        return
    app.notify(f"Skärmbilden sparades: {path}")
