"""Which of the app's stylesheets are parsed when: the first frame parses only what it shows, the rest
follows once it is drawn.

The first opening of a screen with a CSS_PATH the app has not read makes Textual re-parse all CSS and
restyle every widget of the app (~0.1 s each), so every screen's stylesheet is read ahead; parsing them
all before the first frame cost the start ~10 ms. Each later one holds rules of its own screens only
(``ContactsScreen …``), so reading it after the first frame changes nothing shown
(``tests/ui/test_start_css.py`` keeps it so)."""

from __future__ import annotations

from pathlib import Path

from textual.css.stylesheet import Stylesheet

# resolved, as Textual resolves a screen's CSS_PATH: the same key in the stylesheet's sources
_UI = Path(__file__).resolve().parent

#: The first frame's: the app's, the dialogs' (a question can open at start) and Översikt's; app.tcss first.
START_CSS = tuple(_UI / f"{name}.tcss" for name in ("app", "base/dialogs", "overview/overview"))
#: Every other screen's, read after the first frame in this order (the order of the cascade).
LATER_CSS = tuple(_UI / f"{name}.tcss" for name in (
    "contracts/contracts", "portfolio/portfolio", "budget/budget", "events/events", "contacts/contacts",
    "portfolio/dialogs", "budget/dialogs", "overview/gallring"))


def read_later(stylesheet: Stylesheet) -> None:
    """The later stylesheets parsed into the app's: only the new sources are parsed (the others come from
    the stylesheet's parse cache), and no widget is restyled, since no rule of theirs applies to a widget
    shown yet. One a screen has read already (opened in the first frame, as Textual does) is left as it is."""
    for path in LATER_CSS:
        if not stylesheet.has_source(str(path), ""):
            stylesheet.read(path)
    stylesheet.parse()
