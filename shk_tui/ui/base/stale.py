"""A save refused because someone else changed the row since the form opened it (``StaleEdit``): the
form stays open and asks whether to reload, listing what differs (field: your value → value now).
"Ja" reloads the form with the current values; "Nej" keeps what the user typed, to copy from."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import Screen

from shk_tui.errors import ShkError, StaleEdit, ValidationError
from shk_tui.ui.base.confirm import ConfirmScreen

QUESTION = "Ladda om?"
KEEP_HINT = "Ja: visa de nuvarande uppgifterna. Nej: behåll formuläret som det är, så att du kan kopiera din text."


def describe(exc: StaleEdit) -> str:
    lines = [f"{exc.message}. {QUESTION}"]
    for field, (yours, now) in exc.changes.items():
        lines.append(f"{field}: {yours or '–'} → {now or '–'}")
    lines.append("")
    lines.append(KEEP_HINT)
    return "\n".join(lines)


def offer_reload(screen: Screen, exc: StaleEdit, reload: Callable[[], Any]) -> None:
    """Show the question; ``reload`` runs on "Ja"."""
    screen.notify(exc.message, severity="warning")

    def answered(yes: bool | None) -> None:
        if yes:
            reload()

    screen.app.push_screen(ConfirmScreen("Posten har ändrats", describe(exc)), answered)


def on_error(screen: Screen, reload: Callable[[], Any]) -> Callable[[ShkError], None]:
    """An ``on_error`` for ``saving.save``: stale → offer to reload; otherwise field messages (if the
    screen has ``show_errors``) and a notification."""

    def handle(exc: ShkError) -> None:
        if isinstance(exc, StaleEdit):
            offer_reload(screen, exc, reload)
            return
        show = getattr(screen, "show_errors", None)
        if isinstance(exc, ValidationError) and show is not None:
            show(exc.errors)
        screen.notify(exc.message, severity="error")

    return handle


def fill(screen: Screen, values: dict[str, Any]) -> None:
    """Put reloaded values into the form's Input/Select widgets whose ids are the field names."""
    from textual.widgets import Input, Select

    for key, value in values.items():
        for widget in screen.query(f"#{key}"):
            if isinstance(widget, Input):
                widget.value = "" if value is None else str(value)
            elif isinstance(widget, Select):
                widget.value = value if value not in ("", None) else Select.NULL
