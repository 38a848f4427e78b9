"""Shared pieces of the dialog tests: open a dialog with its keys, and whether a widget is fully in view."""

from __future__ import annotations

from tests.ui.conftest import settle


def fully_shown(widget) -> bool:
    """The whole widget is on screen, not clipped by a scrolling container."""
    geometry = widget.screen.find_widget(widget)
    return geometry.region.area > 0 and geometry.visible_region == geometry.region


async def open_dialog(app, pilot, dialog):
    """Push ``dialog`` and wait until it shows."""
    await settle(pilot)
    app.push_screen(dialog)
    await settle(pilot)
    assert app.screen is dialog
    return dialog
