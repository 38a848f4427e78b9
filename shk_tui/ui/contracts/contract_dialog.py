"""The contract screens' form dialog on the one form kit (ui/base/form.py): the fields and the
service call are given to the constructor, so a small dialog (mark paid, a note, archiving) needs no
class of its own. ``submit(values)`` returns the result or raises ValidationError; the dialog
dismisses with that result (None when closed without saving). Field widgets are ``#in-<name>``.

``preview(values)``, when given, shows what saving would do (or the first problem) under the fields
while typing. ``reload()``, when given, returns the stored values as form text after a refused stale
save. A failure that is not the user's (the database gone) is shown above the buttons as well."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from textual import on
from textual.widget import Widget
from textual.widgets import Input, Select, Static

from shk_tui.errors import ShkError, StaleEdit, ValidationError
from shk_tui.ui.base import form
from shk_tui.ui.base.form_fields import FormField

log = logging.getLogger("shk_tui")
SAVE_FAILED = "Kunde inte spara – databasen svarade inte som väntat (se loggfilen). Inget sparades."
PREVIEW_FAILED = "(förhandsvisningen misslyckades)"


class FormDialog(form.FormDialog[Any]):
    """``FormDialog(title, fields, submit)``; pushed with a callback receiving the result."""

    DEFAULT_CSS = """
    FormDialog .cf-preview {
        height: auto;
        margin-top: 1;
        padding: 0 1;
        background: $boost;
    }
    """
    FIELD_ID = "in-{}"
    #: An unexpected failure (the database gone): shown above the buttons as well (``failed``).
    SAVE_FAILED = SAVE_FAILED

    def __init__(
        self,
        title: str,
        fields: Sequence[FormField],
        submit: Callable[[dict[str, Any]], Any],
        *,
        intro: str = "",
        dialog_id: str = "",
        preview: Callable[[dict[str, Any]], str] | None = None,
        reload: Callable[[], dict[str, Any]] | None = None,
    ) -> None:
        super().__init__(title, intro=intro, id=dialog_id or None)
        self.declared = list(fields)
        self.call = submit
        self.preview = preview
        self.reload_values = reload

    def form_fields(self) -> list[FormField]:
        return self.declared

    def extra_rows(self) -> Iterable[Widget]:
        if self.preview is not None:
            yield Static("", classes="cf-preview", id="form-preview")

    def on_mount(self) -> None:
        self._update_preview()

    def submit(self, values: dict[str, Any]) -> Any:
        return self.call(values)

    def failed(self, exc: ShkError) -> None:
        if not isinstance(exc, (StaleEdit, ValidationError)):
            self.show_errors({"": exc.message})
        super().failed(exc)

    def stored_values(self) -> dict[str, Any] | None:
        return self.reload_values() if self.reload_values is not None else None

    @on(Input.Changed)
    @on(Select.Changed)
    def _update_preview(self) -> None:
        """With ``preview``: show what saving would do, or the first problem, while typing."""
        if self.preview is None or not self.fields:
            return
        try:
            text = self.preview(self.values())
        except ShkError as exc:
            text = f"({exc.message})"
        except Exception:
            log.exception("preview of %r failed", self.heading)
            text = PREVIEW_FAILED
        self.query_one("#form-preview", Static).update(text)
