"""The event form (new, edit, duplicate): a modal with one row per field and the validation
message beside the field. ``save(values)`` is called with the form's strings; it raises
``ValidationError`` (shown beside the fields, nothing saved) or returns the saved event's id,
which the screen dismisses with."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, Select, Static

from shk_tui.enums import EventKind, EventStatus, FocusArea, Function
from shk_tui.errors import ShkError, ValidationError
from shk_tui.ui.base import saving, stale

TEXT_FIELDS = [
    ("title", "Titel *", "t.ex. Styrelsemöte"),
    ("starts_at", "Start *", "ÅÅÅÅ-MM-DD TT:MM"),
    ("ends_at", "Slut", "ÅÅÅÅ-MM-DD TT:MM"),
    ("location", "Plats", "lokal"),
    ("city", "Ort", "Västerås, Eskilstuna …"),
    ("capacity", "Kapacitet", "antal platser (tomt = obegränsat)"),
    ("booking_note", "Bokning", "lokalbokning, fika …"),
    ("follow_up_note", "Uppföljning", "anteckning efteråt"),
]


def select_fields(initiatives: Sequence[tuple[str, int]]) -> list[tuple[str, str, list[tuple[str, str]], bool]]:
    """(key, label, options, allow_blank) of the form's choice fields."""
    return [
        ("kind", "Typ", EventKind.choices(), False),
        ("function", "Funktion", Function.choices(), True),
        ("focus_area", "Fokusområde", FocusArea.choices(), True),
        ("initiative_id", "Initiativ", [(name, str(iid)) for name, iid in initiatives], True),
        ("status", "Status", EventStatus.choices(), False),
    ]


ORDER = ["title", "kind", "starts_at", "ends_at", "location", "city", "function", "focus_area",
         "initiative_id", "capacity", "status", "booking_note", "follow_up_note"]


class EventFormScreen(ModalScreen[int | None]):
    CSS_PATH = "events.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Spara", id="event_form.save"),
        Binding("escape", "cancel", "Avbryt", id="event_form.cancel"),
    ]

    def __init__(
        self,
        title: str,
        values: dict[str, str],
        initiatives: Sequence[tuple[str, int]],
        save: Callable[[dict[str, str]], int],
        *,
        offer_copy_list: bool = False,
        reload: Callable[[], dict[str, str]] | None = None,
    ) -> None:
        super().__init__()
        #: The event's values as stored now (after a stale save was refused); None for a new event.
        self.reload_values = reload
        self.heading = title
        self.values = dict(values)
        self.initiatives = list(initiatives)
        self.save = save
        self.offer_copy_list = offer_copy_list

    def compose(self) -> ComposeResult:
        texts = {key: (label, hint) for key, label, hint in TEXT_FIELDS}
        selects = {key: (label, opts, blank) for key, label, opts, blank in select_fields(self.initiatives)}
        with Vertical(classes="evf-dialog"):
            yield Static(self.heading, classes="evf-title")
            with VerticalScroll(classes="evf-body"):
                for key in ORDER:
                    with Horizontal(classes="evf-row"):
                        if key in texts:
                            label, hint = texts[key]
                            yield Label(label, classes="evf-label")
                            yield Input(self.values.get(key, ""), placeholder=hint, id=f"f-{key}", compact=True)
                        else:
                            label, opts, blank = selects[key]
                            value = self.values.get(key) or Select.NULL
                            if value is not Select.NULL and value not in {v for _, v in opts}:
                                value = Select.NULL
                            yield Label(label, classes="evf-label")
                            yield Select(
                                opts, value=value, allow_blank=blank, id=f"f-{key}", compact=True, prompt="–"
                            )
                        yield Static("", classes="evf-error", id=f"err-{key}")
                if self.offer_copy_list:
                    with Horizontal(classes="evf-row"):
                        yield Label("", classes="evf-label")
                        yield Checkbox("Kopiera inbjudningslistan", id="f-copy_list", compact=True)
            yield Static("ctrl+s eller enter sparar · esc avbryter · * = måste anges", classes="evf-hint")

    def on_mount(self) -> None:
        self.query_one("#f-title", Input).focus()

    def form_values(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for key in ORDER:
            widget = self.query_one(f"#f-{key}")
            if isinstance(widget, Input):
                out[key] = widget.value
            else:
                out[key] = "" if widget.value is Select.NULL else str(widget.value)
        if self.offer_copy_list:
            out["copy_list"] = "1" if self.query_one("#f-copy_list", Checkbox).value else ""
        return out

    def show_errors(self, errors: dict[str, str]) -> None:
        for key in ORDER:
            self.query_one(f"#err-{key}", Static).update(errors.get(key, ""))
        first = next((k for k in ORDER if k in errors), None)
        if first:
            self.query_one(f"#f-{first}").focus()

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        values = self.form_values()
        saving.save(self, lambda: self.save(values), self.dismiss, on_error=self._failed)

    def _failed(self, exc: ShkError) -> None:
        if isinstance(exc, ValidationError):
            self.show_errors(exc.errors)
            self.notify("Rätta de markerade fälten", severity="error")
            return
        stale.on_error(self, self._reload)(exc)

    def _reload(self) -> None:
        if self.reload_values is None:
            return
        try:
            current = self.reload_values()
        except ShkError as exc:
            self.notify(exc.message, severity="error")
            return
        for key, value in current.items():
            for widget in self.query(f"#f-{key}"):
                if isinstance(widget, Input):
                    widget.value = value or ""
                elif isinstance(widget, Select):
                    widget.value = value if value else Select.NULL
        self.show_errors({})

    def action_cancel(self) -> None:
        self.dismiss(None)
