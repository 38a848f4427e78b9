"""Shared pieces of the dialog tests: open a dialog with its keys, and whether a widget is fully in view."""

from __future__ import annotations

from textual.errors import NoWidget

from tests.ui.conftest import settle


def fully_shown(widget) -> bool:
    """The whole widget is on screen, not clipped by a scrolling container (a widget not shown at all,
    ``display`` off or outside the layout, is not)."""
    if not widget.display:
        return False
    try:
        geometry = widget.screen.find_widget(widget)
    except NoWidget:
        return False
    return geometry.region.area > 0 and geometry.visible_region == geometry.region


async def open_dialog(app, pilot, dialog):
    """Push ``dialog`` and wait until it shows."""
    await settle(pilot)
    app.push_screen(dialog)
    await settle(pilot)
    assert app.screen is dialog
    return dialog
