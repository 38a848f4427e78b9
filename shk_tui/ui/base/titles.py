"""The app's name, the first part of every screen's title ("Samhällskontraktet – Avtal")."""

from __future__ import annotations

APP_TITLE = "Samhällskontraktet"


def screen_title(part: str) -> str:
    """The title of a screen: the app's name and ``part``."""
    return f"{APP_TITLE} – {part}"
