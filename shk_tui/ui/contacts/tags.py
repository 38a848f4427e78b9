"""Edit one contact's tags (modal, on the form kit): a comma-separated line with completion from
existing tags. Dismisses with True when saved, False when closed."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.suggester import Suggester
from textual.widget import Widget
from textual.widgets import Static

from shk_tui.fmt import completion
from shk_tui.services.contacts import contact_list
from shk_tui.services.contacts import contacts as svc
from shk_tui.ui.base.form import FormDialog
from shk_tui.ui.base.form_fields import FormField


class LastTagSuggester(Suggester):
    """Completes the tag being typed (after the last comma) from the existing tags."""

    def __init__(self, tags: list[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=False)
        self.tags = tags

    async def get_suggestion(self, value: str) -> str | None:
        last = value.rpartition(",")[2].lstrip()
        if not last:
            return None
        for tag in self.tags:
            rest = completion(tag, last)
            if rest is not None:
                return value + rest
        return None


class TagsScreen(FormDialog[bool]):
    FIELD_ID = "{}-input"
    cancel_result = False

    def __init__(self, contact_id: int) -> None:
        super().__init__()
        self.contact_id = contact_id
        self.existing: list[str] = []
        self.before: list[str] = []  # the tags when the dialog opened (ctrl+z in Kontakter puts them back)
        self.person = ""

    def form_fields(self) -> list[FormField]:
        detail = svc.get(self.db, self.contact_id)
        self.existing = contact_list.tag_names(self.db)
        self.heading = f"Taggar – {detail.name}"
        self.before, self.person = detail.tags, detail.name
        return [FormField("tags", "Taggar", value=", ".join(detail.tags), suggester=LastTagSuggester(self.existing),
                          help="Skriv taggar åtskilda med komma; → fyller i en befintlig tagg.")]

    def extra_rows(self) -> Iterable[Widget]:
        yield Static("Befintliga: " + (", ".join(self.existing) or "–"), classes="fk-help", id="tags-existing")

    def submit(self, values: dict[str, Any]) -> None:
        svc.set_tags(self.db, self.contact_id, svc.parse_tags(str(values["tags"])))

    def saved(self, result: Any) -> None:
        self.dismiss(True)
