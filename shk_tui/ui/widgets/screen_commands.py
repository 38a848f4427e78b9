"""Command-palette entries for one screen's own actions (``Screen.COMMANDS``), so each section can
offer its commands (ctrl+p) without touching the app."""

from __future__ import annotations

from collections.abc import Sequence

from textual.command import DiscoveryHit, Hit, Hits, Provider


def screen_commands(entries: Sequence[tuple[str, str, str]]) -> type[Provider]:
    """A Provider of ``(name, action, help)`` entries; choosing one runs ``action`` on the screen."""

    class ScreenCommands(Provider):
        def _run(self, action: str):
            screen = self.screen

            async def run() -> None:
                await screen.run_action(action)

            return run

        async def discover(self) -> Hits:
            for name, action, help_text in entries:
                yield DiscoveryHit(name, self._run(action), help=help_text)

        async def search(self, query: str) -> Hits:
            matcher = self.matcher(query)
            for name, action, help_text in entries:
                if (score := matcher.match(name)) > 0:
                    yield Hit(score, matcher.highlight(name), self._run(action), text=name, help=help_text)

    return ScreenCommands
