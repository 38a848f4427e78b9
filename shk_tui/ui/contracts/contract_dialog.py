"""A small modal form used by the contract screens: labelled fields (text, choice, yes/no), the
service's Swedish validation messages shown beside each field, ctrl+s or enter to save, escape to
cancel. ``submit(values)`` is a service call that returns the result or raises ValidationError;
the dialog dismisses with that result (None when cancelled). Nothing is saved while errors remain."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.suggester import Suggester, SuggestFromList
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from shk_tui.errors import ShkError, StaleEdit, ValidationError
from shk_tui.ui.base import saving, stale

log = logging.getLogger("shk_tui")
SAVE_FAILED = "Kunde inte spara – databasen svarade inte som väntat (se loggfilen). Inget sparades."


@dataclass(frozen=True)
class FieldSpec:
    """One field. kind: "text", "select" (``options`` = (label, value) pairs) or "check"."""

    name: str
    label: str
    value: Any = ""
    kind: str = "text"
    placeholder: str = ""
    options: Sequence[tuple[str, str]] = ()
    suggestions: Sequence[str] = field(default_factory=tuple)
    hint: str = ""
    suggester: Suggester | None = None  # instead of ``suggestions``, e.g. one asking the database


class FormDialog(ModalScreen[Any]):
    """``FormDialog(title, fields, submit)``; pushes with a callback receiving the result."""

    CSS_PATH = "contracts.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Spara", id="form.save"),
        Binding("escape", "cancel", "Avbryt", id="form.cancel"),
    ]

    def __init__(
        self,
        title: str,
        fields: Sequence[FieldSpec],
        submit: Callable[[dict[str, Any]], Any],
        *,
        columns: int = 1,
        intro: str = "",
        dialog_id: str = "",
        preview: Callable[[dict[str, Any]], str] | None = None,
        reload: Callable[[], dict[str, Any]] | None = None,
    ) -> None:
        super().__init__(id=dialog_id or None)
        self.form_title = title
        self.fields = list(fields)
        self.submit = submit
        self.columns = columns
        self.intro = intro
        self.preview = preview
        # The stored values as form text, asked for after a stale save was refused and the user chose
        # to reload (the submit callable then takes the new version from what it returned).
        self.reload = reload

    def compose(self) -> ComposeResult:
        # The whole dialog scrolls when the terminal is too short for it, so the buttons and the
        # form's error line stay reachable (focus moves scroll the focused field into view).
        with VerticalScroll(classes=f"cform-dialog cols-{self.columns}"):
            yield Static(self.form_title, classes="cform-title")
            if self.intro:
                yield Static(self.intro, classes="cform-intro")
            with Vertical(classes="cform-body"), Horizontal(classes="cform-columns"):
                per_column = -(-len(self.fields) // self.columns)
                for start in range(0, len(self.fields), per_column):
                    with Vertical(classes="cform-column"):
                        for spec in self.fields[start : start + per_column]:
                            yield from self._field(spec)
            if self.preview is not None:
                yield Static("", classes="cform-preview", id="form-preview")
            yield Static("", classes="cform-error", id="err-form")
            with Horizontal(classes="cform-buttons"):
                yield Button("Spara (ctrl+s)", variant="primary", id="form-save")
                yield Button("Avbryt (esc)", id="form-cancel")

    def _field(self, spec: FieldSpec) -> ComposeResult:
        with Vertical(classes="cform-field", id=f"field-{spec.name}"):
            with Horizontal(classes="cform-row"):
                yield Label(spec.label, classes="cform-label")
                yield self._widget(spec)
            yield Static(spec.hint, classes="cform-hint" if spec.hint else "cform-hint -none")
            yield Static("", classes="cform-error", id=f"err-{spec.name}")

    def _widget(self, spec: FieldSpec) -> Widget:
        wid = f"in-{spec.name}"
        if spec.kind == "select":
            values = {v for _, v in spec.options}
            value = spec.value if spec.value in values else Select.NULL
            return Select(list(spec.options), value=value, prompt="–", id=wid, classes="cform-input", compact=True)
        if spec.kind == "check":
            return Checkbox("ja", bool(spec.value), id=wid, classes="cform-input", compact=True)
        suggester = spec.suggester or (
            SuggestFromList(spec.suggestions, case_sensitive=False) if spec.suggestions else None)
        return Input(str(spec.value or ""), placeholder=spec.placeholder, suggester=suggester, id=wid,
                     classes="cform-input", compact=True)

    def on_mount(self) -> None:
        first = self.query(".cform-input").first()
        first.focus()
        self._update_preview()

    @on(Input.Changed)
    @on(Select.Changed)
    def _update_preview(self) -> None:
        """With ``preview``: show what saving would do, or the first problem, while typing."""
        if self.preview is None:
            return
        try:
            text = self.preview(self.values())
        except ShkError as exc:
            text = f"({exc.message})"
        except Exception:
            log.exception("preview of %r failed", self.form_title)
            text = "(förhandsvisningen misslyckades)"
        self.query_one("#form-preview", Static).update(text)

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for spec in self.fields:
            widget = self.query_one(f"#in-{spec.name}")
            if isinstance(widget, Select):
                out[spec.name] = "" if widget.value is Select.NULL else widget.value
            elif isinstance(widget, Checkbox):
                out[spec.name] = widget.value
            elif isinstance(widget, Input):
                out[spec.name] = widget.value
        return out

    def show_errors(self, errors: dict[str, str]) -> None:
        names = {spec.name for spec in self.fields}
        for spec in self.fields:
            error = self.query_one(f"#err-{spec.name}", Static)
            error.update(errors.get(spec.name, ""))
            error.display = spec.name in errors
            self.query_one(f"#field-{spec.name}").set_class(spec.name in errors, "-invalid")
        rest = [msg for key, msg in errors.items() if key not in names]
        self.query_one("#err-form", Static).update("; ".join(rest))
        self.query_one("#err-form", Static).display = bool(rest)
        first = next((spec.name for spec in self.fields if spec.name in errors), None)
        if first:
            self.query_one(f"#in-{first}").focus()

    def action_save(self) -> None:
        values = self.values()

        def call() -> Any:
            try:
                return self.submit(values)
            except ShkError:
                raise
            except Exception:  # e.g. the database locked or gone: say so, keep what was typed
                log.exception("saving %r failed", self.form_title)
                raise ShkError(SAVE_FAILED) from None

        saving.save(self, call, self.dismiss, on_error=self._failed, failed=SAVE_FAILED)

    def _failed(self, exc: ShkError) -> None:
        if isinstance(exc, StaleEdit):
            self.show_errors({"": exc.message})
            stale.offer_reload(self, exc, self._reload)
        elif isinstance(exc, ValidationError):
            self.show_errors(exc.errors)
        else:
            self.show_errors({"": exc.message})

    def _reload(self) -> None:
        if self.reload is None:
            return
        try:
            values = self.reload()
        except ShkError as exc:
            self.show_errors({"": exc.message})
            return
        for spec in self.fields:
            if spec.name not in values:
                continue
            widget = self.query_one(f"#in-{spec.name}")
            value = values[spec.name]
            if isinstance(widget, Select):
                widget.value = value if value not in ("", None) else Select.NULL
            elif isinstance(widget, Checkbox):
                widget.value = bool(value)
            elif isinstance(widget, Input):
                widget.value = str(value)
        self.show_errors({})

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        """Enter takes a shown type-ahead suggestion first; otherwise it saves."""
        suggestion = getattr(event.input, "_suggestion", "")  # Textual 8.2.8 keeps it private
        if event.input.suggester is not None and len(suggestion) > len(event.value):
            event.input.value = suggestion
            event.input.cursor_position = len(suggestion)
            return
        self.action_save()

    @on(Button.Pressed, "#form-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#form-cancel")
    def _cancel_pressed(self) -> None:
        self.dismiss(None)
