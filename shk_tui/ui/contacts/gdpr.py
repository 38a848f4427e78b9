"""GDPR for one contact (modal, from Kontakter with ``g``): the register extract shown and saved as
Markdown and JSON, and erasure or restriction (GDPR art. 18) with a reason and a confirmation. A person
tied to records that must be kept (``services.restriction``) is not offered erasure: the dialog says
why and offers restriction instead. A restriction can be lifted here too. Dismisses with True after a
change."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static, TextArea

from shk_tui.errors import ShkError
from shk_tui.services.contacts import gdpr as svc
from shk_tui.services.contacts import restriction
from shk_tui.ui import keys
from shk_tui.ui.base.confirm import ConfirmScreen
from shk_tui.ui.base.export_target import export_file_path, export_path, remember_export
from shk_tui.ui.base.work import ShkDialog


class GdprScreen(ShkDialog[bool]):
    CSS_PATH = "contacts.tcss"
    BINDINGS = keys.of("gdpr")

    def __init__(self, contact_id: int) -> None:
        super().__init__()
        self.contact_id = contact_id
        self.extract_data: dict[str, Any] | None = None  # read in a worker when the dialog opens
        self.markdown = ""
        self.person_name = ""
        self.must_keep: list[str] = []

    def on_mount(self) -> None:
        db, today, contact_id = self.db, self.today, self.contact_id
        self.load(lambda: svc.extract(db, contact_id, today=today), self._show_extract, on_error=self._unreadable)

    def _unreadable(self, exc: BaseException) -> None:
        """The contact is gone (removed or merged meanwhile) or the database failed: nothing to show."""
        self.report_error(exc, "Kunde inte läsa kontakten (se loggfilen)")
        self.dismiss(False)

    def _show_extract(self, data: dict[str, Any]) -> None:
        self.extract_data = data
        self.markdown = svc.to_markdown(data, today=self.today)
        self.call_later(self._compose_extract)

    async def _compose_extract(self) -> None:
        await self.recompose()
        self.query_one("#gdpr-extract", TextArea).focus()  # the first field, as when a dialog opens

    def compose(self) -> ComposeResult:
        if self.extract_data is None:
            with Vertical(classes="form-dialog wide-dialog"):
                yield Static("GDPR – läser registerutdraget …", classes="form-title")
            return
        f = self.extract_data["fields"]
        self.person_name = f"{f['first_name']} {f['last_name']}".strip()
        with Vertical(classes="form-dialog wide-dialog"):
            yield Static(f"GDPR – {self.person_name}", classes="form-title")
            yield TextArea(self.markdown, read_only=True, id="gdpr-extract")
            yield Label("Spara registerutdrag som (.md och .json)", classes="form-label")
            with Horizontal(classes="options"):
                yield Input(export_path(f"registerutdrag-{self.contact_id}-{self.today}.md"), id="gdpr-path", compact=True)
                yield Button("Spara (ctrl+s)", id="gdpr-save", compact=True)
            yield Static("", id="err-path", classes="field-error")
            self.must_keep = self.extract_data["must_keep"]
            if f.get("restricted_on"):
                with Horizontal(classes="options"):
                    yield Static(f"Begränsad sedan {f['restricted_on']}: {f.get('restriction_reason') or ''}",
                                 id="gdpr-restricted")
                    yield Button("Häv begränsning", id="gdpr-unrestrict", compact=True)
            if not f.get("erased_on"):
                if self.must_keep:
                    yield Static("Kan inte raderas: uppgifterna ska bevaras enligt arkivlagen ("
                                 + "; ".join(self.must_keep) + "). Begränsa behandlingen i stället (GDPR art. 18): "
                                 "personen döljs i listor, sökning och exporter och uppgifterna sparas med skälet.",
                                 id="gdpr-must-keep")
                what = "Begränsa" if self.must_keep else "Radera eller begränsa"
                yield Label(f"{what} personen: skäl (krävs)", classes="form-label")
                with Horizontal(classes="options"):
                    yield Input(placeholder="t.ex. begäran från personen 2026-11-20", id="gdpr-reason", compact=True)
                    if not self.must_keep:
                        yield Button("Radera …", variant="error", id="gdpr-erase", compact=True)
                    if not f.get("restricted_on"):
                        yield Button("Begränsa …", variant="warning", id="gdpr-restrict", compact=True)
                yield Static("", id="err-reason", classes="field-error")
            with Horizontal(classes="form-buttons"):
                yield Button("Stäng (esc)", id="gdpr-close", compact=True)

    def _error(self, which: str, message: str) -> None:
        err = self.query_one(f"#err-{which}", Static)
        err.update(message)
        err.set_class(bool(message), "-shown")

    @on(Button.Pressed, "#gdpr-save")
    @on(Input.Submitted, "#gdpr-path")
    def action_save_extract(self) -> None:
        if self.extract_data is None:  # still reading
            return
        text = self.query_one("#gdpr-path", Input).value.strip()
        if not text:
            self._error("path", "Ange en fil, inte en katalog")
            return
        try:
            md, js = svc.save_extract(self.extract_data, export_file_path(text), today=self.today)
        except ShkError as exc:
            self._error("path", exc.message)
            return
        self._error("path", "")
        remember_export(md)
        self.notify(f"Registerutdrag sparat: {md} och {js}")

    def _reason(self, what: str) -> str:
        reason = self.query_one("#gdpr-reason", Input).value.strip()
        self._error("reason", "" if reason else f"Ange ett skäl för {what}")
        return reason

    @on(Input.Submitted, "#gdpr-reason")
    def _submitted(self) -> None:
        if self.must_keep:
            self._ask_restrict()
        else:
            self._ask_erase()

    @on(Button.Pressed, "#gdpr-restrict")
    def _ask_restrict(self) -> None:
        text = (f"{self.person_name} döljs i alla listor, sökningar och exporter; i deltagarlistor står "
                f"\"Begränsad uppgift\". Uppgifterna sparas med skälet och syns i registerutdraget. "
                "Begränsningen kan hävas.")
        self._ask("begränsningen", ConfirmScreen("Begränsa behandlingen (GDPR art. 18)?", text, yes="Begränsa"),
                  partial(restriction.restrict, self.db, self.contact_id, today=self.today),
                  "Personen är begränsad: döljs i listor, sökning och exporter")

    @on(Button.Pressed, "#gdpr-erase")
    def _ask_erase(self) -> None:
        text = (f"Alla uppgifter som identifierar {self.person_name} tas bort, även ur historiken. Deltaganden finns "
                f"kvar anonymt för statistiken. Det går inte att ångra.")
        self._ask("raderingen", ConfirmScreen("Radera enligt GDPR?", text, yes="Radera"),
                  partial(svc.erase, self.db, self.contact_id, today=self.today), "Personen är raderad (anonymiserad)")

    def _ask(self, what: str, question: ConfirmScreen, change: Callable[[str], Any], done: str) -> None:
        """With a reason typed: ask ``question``; on yes write ``change(reason)`` and say ``done``."""
        reason = self._reason(what)
        if reason:
            self.app.push_screen(question, lambda yes: self._change(partial(change, reason), done) if yes else None)

    @on(Button.Pressed, "#gdpr-unrestrict")
    def _unrestrict(self) -> None:
        self._change(partial(restriction.unrestrict, self.db, self.contact_id), "Begränsningen är hävd")

    def _change(self, call: Callable[[], Any], done: str) -> None:
        self.write(call, lambda _: self._changed(done))

    def _changed(self, done: str) -> None:
        self.notify(done)
        self.dismiss(True)

    @on(Button.Pressed, "#gdpr-close")
    def action_close(self) -> None:
        self.dismiss(False)
