"""The event form (new, edit, duplicate), on the form kit: one row per field, the validation
message under the field. ``save(values)`` is called with the form's strings; it raises
``ValidationError`` (shown under the fields, nothing saved) or returns the saved event's id,
which the screen dismisses with."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from shk_tui.enums import EventKind, EventStatus, FocusArea, Function
from shk_tui.ui.base.form import FormDialog
from shk_tui.ui.base.form_fields import CHOICE, YES_NO, FormField

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


class EventFormScreen(FormDialog[int | None]):
    FIELD_ID = "f-{}"

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
        super().__init__(title)
        #: The event's values as stored now (after a stale save was refused); None for a new event.
        self.reload_values = reload
        self.values_given = dict(values)
        self.initiatives = list(initiatives)
        self.save = save
        self.offer_copy_list = offer_copy_list

    def form_fields(self) -> list[FormField]:
        texts = {key: (label, hint) for key, label, hint in TEXT_FIELDS}
        selects = {key: (label, opts, blank) for key, label, opts, blank in select_fields(self.initiatives)}
        fields = []
        for key in ORDER:
            value = self.values_given.get(key, "")
            if key in texts:
                label, hint = texts[key]
                fields.append(FormField(key, label.removesuffix(" *"), value=value, placeholder=hint,
                                        required=label.endswith("*")))
            else:
                label, opts, blank = selects[key]
                fields.append(FormField(key, label, CHOICE, value, options=opts, allow_blank=blank))
        if self.offer_copy_list:
            fields.append(FormField("copy_list", "Inbjudningslista", YES_NO, False,
                                    placeholder="Kopiera inbjudningslistan"))
        return fields

    def form_values(self) -> dict[str, str]:
        """The form as the service takes it: strings ("1" or "" for the copy-list box)."""
        values = self.values()
        out = {key: str(values[key]) for key in ORDER}
        if self.offer_copy_list:
            out["copy_list"] = "1" if values["copy_list"] else ""
        return out

    def submit(self, values: dict[str, Any]) -> int:
        return self.save(self.form_values())

    def stored_values(self) -> dict[str, Any] | None:
        return self.reload_values() if self.reload_values is not None else None
