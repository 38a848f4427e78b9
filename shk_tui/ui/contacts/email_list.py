"""The e-mail addresses of the contacts now shown in Kontakter (all pages of the current search and
filters), ``;``-separated for Outlook: copied to the clipboard and shown, since a terminal's
clipboard may not work — the text can be selected and copied from here too, or saved as a file with
the one "Spara som" field (ui/base/export_target.py; ctrl+s), whose notice names the saved file."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from textual.widget import Widget
from textual.widgets import Static, TextArea

from shk_tui.fmt import count
from shk_tui.services.contacts import contact_list
from shk_tui.services.contacts.contact_list import ContactFilter
from shk_tui.ui.base.export_target import export_field, export_file_path, remember_export, saved_notice
from shk_tui.ui.base.form import FormDialog
from shk_tui.ui.base.form_fields import FormField
from shk_tui.ui.base.work import error_message

HELP = ("Klistra in i Outlooks Till/Hemlig kopia. Fungerar inte urklipp i terminalen: markera texten nedan "
        "och kopiera den, eller spara den som fil (ctrl+s).")


def addresses_text(n: int) -> str:
    return count(n, "e-postadress", "e-postadresser")


class EmailListScreen(FormDialog[None]):
    FIELD_ID = "email-{}"

    def __init__(self, flt: ContactFilter) -> None:
        super().__init__("Hämtar e-postadresser …", intro=HELP)
        self.filter = flt
        self.text = ""
        self.count = 0

    def form_fields(self) -> list[FormField]:
        return [export_field(f"e-post-{self.today.isoformat()}.txt")]

    def extra_rows(self) -> Iterable[Widget]:
        yield TextArea("", read_only=True, soft_wrap=True, id="email-text", compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        db, flt = self.db, self.filter
        self.load(lambda: contact_list.emails(db, flt), self._show, on_error=self._failed)

    def _title(self, text: str) -> None:
        self.query_one(".fk-title", Static).update(text)

    def _failed(self, exc: BaseException) -> None:
        message = error_message(exc, "Kunde inte läsa e-postadresserna (se loggfilen)")
        self._title(message)
        self.notify(message, severity="error", title="Fel")

    def _show(self, addresses: list[str]) -> None:
        if not addresses:
            self._title("Inga e-postadresser bland de visade kontakterna")
            return
        self.text, self.count = "; ".join(addresses), len(addresses)
        self.app.copy_to_clipboard(self.text)
        self._title(f"{addresses_text(self.count)} kopierade")
        self.query_one("#email-text", TextArea).text = self.text

    def submit(self, values: dict[str, Any]) -> tuple[Path, int]:
        path = export_file_path(values["path"])
        return path, contact_list.save_email_list(self.db, self.filter, path)

    def saved(self, result: Any) -> None:
        path, written = result
        remember_export(path)
        self.notify(saved_notice(addresses_text(written), path))
        self.dismiss(None)
