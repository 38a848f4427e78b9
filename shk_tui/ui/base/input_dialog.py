"""A small modal of labelled inputs (a budget line, a budget figure, an indicator, a measurement):
enter in any field saves; a ``ValidationError`` shows its messages beside the fields and keeps the
dialog open; escape cancels. Subclasses give the heading, the fields and ``save``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from shk_tui.errors import ShkError, StaleEdit, ValidationError
from shk_tui.ui.base import saving, stale
from shk_tui.ui.base.work import report_error

T = TypeVar("T")


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    value: str = ""
    placeholder: str = ""


def show_field_errors(node: DOMNode, errors: dict[str, str], *, mark_fields: bool = False) -> None:
    """Put each message in the ``#err-<field>`` Static beside its field (class ``-shown`` when set)
    and clear the others; ``mark_fields`` also marks the field itself ``-invalid``."""
    for err in node.query(".field-error"):
        key = (err.id or "").removeprefix("err-")
        message = errors.get(key, "")
        err.update(message)  # type: ignore[attr-defined]
        err.set_class(bool(message), "-shown")
        if mark_fields:
            for widget in node.query(f"#{key}"):
                widget.set_class(bool(message), "-invalid")


class InputDialog(ModalScreen[T]):
    """Subclasses set ``CSS_PATH`` and a ``BINDINGS`` entry for escape → ``cancel`` (with its own id)
    and implement ``heading``, ``fields`` and ``save``."""

    #: What escape returns.
    cancel_result: T | None = None
    #: A line under the fields (e.g. which keys save).
    hint: str = ""

    def heading(self) -> str:
        raise NotImplementedError

    def fields(self) -> Sequence[Field]:
        raise NotImplementedError

    def save(self, values: dict[str, str]) -> T:
        """Store the typed values (raise ValidationError / ShkError); the result is dismissed with."""
        raise NotImplementedError

    def stored_values(self) -> dict[str, str] | None:
        """The fields as stored now, after a stale save was refused and the user chose to reload
        (subclasses editing a versioned row; None: nothing to reload)."""
        return None

    def compose(self) -> ComposeResult:
        with Vertical(classes="small-dialog"):
            yield Static(self.heading(), classes="form-title")
            for field in self.fields():
                yield Label(field.label, classes="form-label")
                yield Input(field.value, placeholder=field.placeholder, id=field.key)
                yield Static("", id=f"err-{field.key}", classes="field-error")
            if self.hint:
                yield Static(self.hint, classes="form-hint")

    def on_mount(self) -> None:
        self.query(Input).first().focus()

    @on(Input.Submitted)
    def _submit(self) -> None:
        values = {str(i.id): i.value for i in self.query(Input)}
        saving.save(self, lambda: self.save(values), self.dismiss, on_error=self._failed,
                    failed="Kunde inte sparas (se loggfilen)")

    def _failed(self, exc: ShkError) -> None:
        if isinstance(exc, ValidationError):
            show_field_errors(self, exc.errors)
        elif isinstance(exc, StaleEdit):
            stale.offer_reload(self, exc, self._reload)
        else:
            report_error(self, exc, "Kunde inte sparas (se loggfilen)")

    def _reload(self) -> None:
        try:
            values = self.stored_values()
        except ShkError as exc:
            report_error(self, exc, "Kunde inte läsas (se loggfilen)")
            return
        for key, value in (values or {}).items():
            for widget in self.query(f"#{key}").results(Input):
                widget.value = value
        show_field_errors(self, {})

    def action_cancel(self) -> None:
        self.dismiss(self.cancel_result)
