"""The one form kit: every dialog that edits fields is a :class:`FormDialog`.

Usage::

    from shk_tui.ui.base.form import FormDialog
    from shk_tui.ui.base.form_fields import CHOICE, DATE, FormField

    class OrganisationFormScreen(FormDialog[int | None]):
        def __init__(self, org_id: int | None) -> None:
            super().__init__()
            self.org_id = org_id

        def form_fields(self) -> list[FormField]:       # called once, when the dialog is composed
            d = svc.get(self.db, self.org_id)            # a ShkError here: notice, dialog closes
            self.heading = "Ändra organisation"
            return [FormField("name", "Namn", value=d.name, required=True),
                    FormField("kind", "Typ", CHOICE, d.kind, options=..., allow_blank=False)]

        def submit(self, values: dict[str, Any]) -> int:  # the service write, run by self.write
            return svc.save(self.db, ...)                # ValidationError → beside the fields

        def stored_values(self) -> dict[str, Any] | None: # after a StaleEdit the user may reload
            return {...}

What the kit does, the same for every form:

- One row per field: the label beside a one-line input (compact widgets, no tall borders); a help
  line under it when the field has help; an error line under it only while it has an error.
- The fields scroll (VerticalScroll) between the title and the button row; "Spara (ctrl+s)" and
  "Avbryt (esc)" stay in view at any terminal size (80×24 included).
- ctrl+s saves (enter too in a one-line field, unless ``ENTER_SAVES = False``: then enter moves on;
  enter first takes a type-ahead completion shown). Each field's local check runs first; then
  ``submit(values)`` runs through ``self.write`` (the one save path, ui/base/saving.py). A
  ``ValidationError`` puts each message beside its field and moves focus to the first bad one
  (messages for no field show above the buttons); a ``StaleEdit`` offers a reload
  (ui/base/stale.py, filled from ``stored_values()``). ``saved(result)`` then dismisses with it.
- A TYPE_AHEAD field with ``confirm_new`` asks before a name that matches nothing is saved (a new
  organisation is only created after a clear yes).
- Esc: an unchanged form closes (dismissing ``cancel_result``); a changed one asks "Spara
  ändringar?" – Spara / Kasta / Fortsätt redigera.
- F1 lists the dialog's keys (ui/base/help.py).

Widget ids are ``FIELD_ID.format(name)`` (default: the field's name) and the error lines
``ERROR_ID.format(name)`` (default ``err-<name>``), so tests and subclasses query them by name.
``extra_rows()`` may yield more widgets under the fields (inside the scroll); ``values()`` and
``show_errors(errors)`` are public. The CSS is this module's DEFAULT_CSS, scoped to the dialog."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static

from shk_tui.errors import ShkError, StaleEdit, ValidationError
from shk_tui.ui import keys
from shk_tui.ui.base import form_fields as kit
from shk_tui.ui.base import saving, stale
from shk_tui.ui.base.choice import ChoiceScreen
from shk_tui.ui.base.confirm import ConfirmScreen
from shk_tui.ui.base.form_fields import FormField
from shk_tui.ui.base.help import show_keys
from shk_tui.ui.base.work import ShkDialog, T, error_message

SAVE_CHANGES = "Spara ändringar?"
SAVE, DISCARD, KEEP_EDITING = "save", "discard", "edit"
UNSAVED_CHOICES = (("Spara", SAVE), ("Kasta", DISCARD), ("Fortsätt redigera", KEEP_EDITING))
FIX_FIELDS = "Rätta de markerade fälten"
NOT_CREATED = "Välj ett befintligt namn eller bekräfta ett nytt"


class FormDialog(ShkDialog[T]):
    """The base of every form dialog (see the module docstring)."""

    DEFAULT_CSS = """
    FormDialog {
        align: center middle;
        background: $background 60%;
    }
    FormDialog .fk-dialog {
        width: 100;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    FormDialog .fk-title {
        dock: top;
        height: auto;
        text-style: bold;
        color: $accent;
    }
    FormDialog .fk-body {
        height: auto;
        max-height: 1fr;
    }
    FormDialog .fk-intro {
        color: $text-muted;
    }
    FormDialog .fk-field {
        height: auto;
    }
    FormDialog .fk-row {
        height: auto;
    }
    FormDialog .fk-label {
        width: 22;
        height: 1;
        margin: 0;
        padding: 0 1 0 0;
    }
    FormDialog .fk-field.-error .fk-label {
        color: $error;
        text-style: bold;
    }
    FormDialog .fk-input {
        width: 1fr;
        height: 1;
        margin: 0;
        border: none;
    }
    FormDialog .fk-multi {
        height: 3;
    }
    FormDialog .fk-help {
        height: auto;
        padding-left: 22;
        color: $text-muted;
    }
    FormDialog .fk-error {
        display: none;
        height: auto;
        padding-left: 22;
        color: $error;
    }
    FormDialog .fk-error.-shown {
        display: block;
    }
    FormDialog .fk-form-error {
        padding-left: 0;
    }
    FormDialog .fk-footer {
        dock: bottom;
        height: auto;
    }
    FormDialog .fk-buttons {
        height: 1;
        align-horizontal: left;
    }
    FormDialog .fk-buttons Button {
        margin-right: 2;
    }
    FormDialog .fk-keys {
        width: 1fr;
        height: 1;
        color: $text-muted;
        text-align: right;
    }
    """

    BINDINGS = keys.of("form")

    #: Format of a field widget's id and of its error line's id (``{}`` = the field's name).
    FIELD_ID: ClassVar[str] = "{}"
    ERROR_ID: ClassVar[str] = "err-{}"
    #: Enter in a one-line field saves (False: it moves to the next field).
    ENTER_SAVES: ClassVar[bool] = True
    #: The keys line beside the buttons.
    KEYS_HINT: ClassVar[str] = "F1 tangenter"
    #: The notice when a save fails unexpectedly (a bug, a lost connection); the form stays open.
    SAVE_FAILED: ClassVar[str] = saving.FAILED
    #: The notice when reading the fields fails unexpectedly; the dialog closes.
    READ_FAILED: ClassVar[str] = "Kunde inte läsa posten (se loggfilen)"

    #: What closing without saving dismisses with.
    cancel_result: Any = None

    def __init__(self, heading: str = "", *, intro: str = "", id: str | None = None) -> None:
        super().__init__(id=id)
        self.heading = heading
        self.intro = intro
        self.fields: list[FormField] = []
        self._initial: dict[str, Any] = {}

    # -- what subclasses give ---------------------------------------------------------------------
    def form_fields(self) -> Sequence[FormField]:
        """The fields, in order (may read the database; a ShkError closes the dialog with a notice)."""
        raise NotImplementedError

    def submit(self, values: dict[str, Any]) -> Any:
        """The service write (raise ValidationError / StaleEdit / ShkError); its result is ``saved``."""
        raise NotImplementedError

    def saved(self, result: Any) -> None:
        self.dismiss(result)

    def stored_values(self) -> dict[str, Any] | None:
        """The fields as stored now, after a refused stale save (None: nothing to reload)."""
        return None

    def extra_rows(self) -> Iterable[Widget]:
        """More widgets under the fields, inside the scroll."""
        return ()

    # -- composing ----------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        try:
            self.fields = list(self.form_fields())
        except Exception as exc:  # a ShkError (e.g. removed by someone else) or anything else (logged)
            self.gone(exc)
            return
        with Vertical(classes="fk-dialog"):
            yield Static(self.heading, classes="fk-title")
            with VerticalScroll(classes="fk-body"):
                if self.intro:
                    yield Static(self.intro, classes="fk-intro")
                for spec in self.fields:
                    yield from self._field(spec)
                yield from self.extra_rows()
            with Vertical(classes="fk-footer"):
                yield Static("", classes="fk-error fk-form-error", id="err-form")
                with Horizontal(classes="fk-buttons"):
                    yield Button("Spara (ctrl+s)", variant="primary", id="form-save", compact=True)
                    yield Button("Avbryt (esc)", id="form-cancel", compact=True)
                    yield Static(self.KEYS_HINT, classes="fk-keys")

    def _field(self, spec: FormField) -> ComposeResult:
        with Vertical(classes="fk-field", id=f"field-{spec.name}"):
            with Horizontal(classes="fk-row"):
                yield Label(spec.shown_label, classes="fk-label")
                yield kit.build(spec, self.FIELD_ID.format(spec.name))
            if spec.help or spec.kind == kit.TYPE_AHEAD:
                yield Static(kit.lookup_hint(spec, str(spec.value or "")), classes="fk-help", id=f"help-{spec.name}")
            yield Static("", classes="fk-error", id=self.ERROR_ID.format(spec.name))

    def on_mount(self) -> None:
        if self.fields:
            self.widget(self.fields[0].name).focus()
        self.mark_unchanged()

    def gone(self, exc: BaseException) -> None:
        """The record went away (another user removed it) or could not be read: say so and close
        instead of failing."""
        self.notify(error_message(exc, self.READ_FAILED), severity="error")
        self.call_after_refresh(lambda: self.dismiss(self.cancel_result) and None)  # not awaited: own handler

    # -- reading and showing -------------------------------------------------------------------------
    def widget(self, name: str) -> Widget:
        return self.query_one(f"#{self.FIELD_ID.format(name)}")

    def values(self) -> dict[str, Any]:
        return {spec.name: kit.read(self.widget(spec.name)) for spec in self.fields}

    def fill(self, values: dict[str, Any]) -> None:
        """Put values (by field name) into the fields; the others stay."""
        for spec in self.fields:
            if spec.name in values:
                kit.fill(self.widget(spec.name), values[spec.name])

    def mark_unchanged(self) -> None:
        """What the form holds now counts as unchanged (Esc closes without asking)."""
        self._initial = self.values() if self.fields else {}

    @property
    def changed(self) -> bool:
        return bool(self.fields) and self.values() != self._initial

    def show_errors(self, errors: dict[str, str]) -> None:
        """Each message under its field (the others cleared), the rest above the buttons; focus to
        the first bad field."""
        names = {spec.name for spec in self.fields}
        for spec in self.fields:
            message = errors.get(spec.name, "")
            line = self.query_one(f"#{self.ERROR_ID.format(spec.name)}", Static)
            line.update(message)
            line.set_class(bool(message), "-shown")
            self.query_one(f"#field-{spec.name}").set_class(bool(message), "-error")
        rest = "; ".join(msg for key, msg in errors.items() if key not in names)
        form_line = self.query_one("#err-form", Static)
        form_line.update(rest)
        form_line.set_class(bool(rest), "-shown")
        first = next((spec.name for spec in self.fields if spec.name in errors), None)
        if first is not None:
            self.widget(first).focus()

    # -- saving ---------------------------------------------------------------------------------------
    def action_save(self) -> None:
        values = self.values()
        errors = {spec.name: msg for spec in self.fields if (msg := kit.local_error(spec, values[spec.name]))}
        if errors:
            self.show_errors(errors)
            self.notify(FIX_FIELDS, severity="error")
            return
        new = next((spec for spec in self.fields if spec.confirm_new and kit.is_new(spec, values[spec.name])), None)
        if new is None:
            self._write(values)
            return
        name = str(values[new.name]).strip()

        def answered(yes: bool | None) -> None:
            if yes:
                self._write(values)
            else:
                self.show_errors({new.name: NOT_CREATED})

        self.app.push_screen(ConfirmScreen(new.confirm_new.format(name), kit.lookup_hint(new, name)), answered)

    def _write(self, values: dict[str, Any]) -> None:
        self.write(lambda: self.submit(values), self.saved, on_error=self.failed, failed=self.SAVE_FAILED)

    def failed(self, exc: ShkError) -> None:
        """A refused save: field messages, a reload offer, or the error's own line."""
        if isinstance(exc, StaleEdit):
            stale.offer_reload(self, exc, self.reload)
        elif isinstance(exc, ValidationError):
            self.show_errors(exc.errors)
            names = {spec.name for spec in self.fields}
            self.notify(FIX_FIELDS if set(exc.errors) <= names else exc.message, severity="error")
        else:
            self.notify(exc.message, severity="error")

    def reload(self) -> None:
        """Show the stored values (after a refused stale save)."""
        current = self.attempt(self.stored_values, "Kunde inte läsa posten (se loggfilen)")
        if current is None:
            return
        self.fill(current)
        self.show_errors({})
        self.mark_unchanged()

    # -- keys -------------------------------------------------------------------------------------------
    def action_cancel(self) -> None:
        if not self.changed:
            self.dismiss(self.cancel_result)
            return

        def answered(choice: str | None) -> None:
            if choice == SAVE:
                self.action_save()
            elif choice == DISCARD:
                self.dismiss(self.cancel_result)

        self.app.push_screen(ChoiceScreen(SAVE_CHANGES, UNSAVED_CHOICES), answered)

    def action_keys(self) -> None:
        enter = "Spara" if self.ENTER_SAVES else "Nästa fält"
        show_keys(self, f"Tangenter – {self.heading}" if self.heading else "Tangenter",
                  more=[("⏎", f"{enter} (i ett fält; tar först ett visat förslag)"), ("→", "Fyll i förslaget")])

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        """Enter takes a shown type-ahead completion first; then saves (or moves on)."""
        event.stop()
        suggester = event.input.suggester
        if isinstance(suggester, kit.NameSuggester) and (found := suggester.pending(event.value)):
            event.input.value = found
            event.input.cursor_position = len(found)
            return
        if self.ENTER_SAVES:
            self.action_save()
        else:
            self.focus_next()

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        """A type-ahead field's help line follows what is typed."""
        spec = next((s for s in self.fields if s.kind == kit.TYPE_AHEAD
                     and event.input.id == self.FIELD_ID.format(s.name)), None)
        if spec is not None:
            self.query_one(f"#help-{spec.name}", Static).update(kit.lookup_hint(spec, event.value))

    @on(Button.Pressed, "#form-save")
    def _save_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#form-cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()
