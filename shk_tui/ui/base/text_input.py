"""Ask for one line of text (on the form kit): ``TextInputScreen(title, value)`` dismisses with the
text (enter or ctrl+s) or None (escape; a changed text asks first)."""

from __future__ import annotations

from typing import Any

from shk_tui.ui.base.form import FormDialog
from shk_tui.ui.base.form_fields import FormField


class TextInputScreen(FormDialog[str | None]):
    FIELD_ID = "{}-input"

    def __init__(self, title: str, value: str = "", *, placeholder: str = "", hint: str = "",
                 label: str = "Text") -> None:
        super().__init__(title)
        self.value = value
        self.placeholder = placeholder
        self.hint = hint
        self.label = label

    def form_fields(self) -> list[FormField]:
        return [FormField("text", self.label, value=self.value, placeholder=self.placeholder,
                          help=self.hint or "enter sparar, esc avbryter")]

    def submit(self, values: dict[str, Any]) -> str:
        return str(values["text"])
