"""What a widget shows: its rendered lines as text (the strips Textual draws, through the public
``Widget.render_lines``), so a test can see a value that is cut or broken across lines."""

from __future__ import annotations

from textual.geometry import Region


def shown_lines(widget) -> list[str]:
    """The widget's lines as drawn at its current size (border and padding included), right-trimmed."""
    region = Region(0, 0, widget.region.width, widget.region.height)
    return [strip.text.rstrip() for strip in widget.render_lines(region)]


def shown_text(widget) -> str:
    return "\n".join(shown_lines(widget))
