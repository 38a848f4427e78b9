"""The contract form (new or edit): every field of an avtal, type-ahead over organisations (a new
name creates the organisation on save) and contacts, validation messages beside the fields.
Dismisses with the saved contract's id, or None when cancelled."""

from __future__ import annotations

import asyncio
from typing import Any

from textual.suggester import Suggester

from shk_tui.enums import ContractKind, ContractStatus
from shk_tui.errors import ValidationError
from shk_tui.services.contracts import contract_edit
from shk_tui.ui.contracts.contract_dialog import FieldSpec, FormDialog

DATE_HINT = "ÅÅÅÅ-MM-DD"


class ContactSuggester(Suggester):
    """Type-ahead over the contacts, asked from the database per keystroke (there may be 100 000)."""

    def __init__(self, db: Any) -> None:
        super().__init__(use_cache=True, case_sensitive=False)
        self.db = db

    async def get_suggestion(self, value: str) -> str | None:
        # in a thread: a scan of many contacts must not stall typing
        return await asyncio.to_thread(contract_edit.contact_suggestion, self.db, value)


def contract_fields(choices: contract_edit.FormChoices, values: dict[str, Any],
                    contacts: Suggester | None = None) -> list[FieldSpec]:
    v = values.get
    initiatives = [(name, str(i)) for name, i in choices.initiatives]
    return [
        FieldSpec("title", "Titel", v("title", ""), placeholder="t.ex. Samarbetsavtal MDU 2024–2027"),
        FieldSpec("kind", "Typ", v("kind", ContractKind.SAMARBETSAVTAL.value), kind="select",
                  options=ContractKind.choices()),
        FieldSpec("counterparty", "Motpart", v("counterparty", ""), placeholder="organisation (→ fyller i)",
                  suggestions=choices.organisations, hint="→ eller enter tar förslaget; nytt namn skapar organisationen"),
        FieldSpec("responsible", "Ansvarig", v("responsible", ""), placeholder="kontaktperson (→ fyller i)",
                  suggester=contacts),
        FieldSpec("diarienummer", "Diarienummer", v("diarienummer", ""), placeholder="t.ex. KS 2016-254/322"),
        FieldSpec("initiative_id", "Initiativ", v("initiative_id", ""), kind="select", options=initiatives),
        FieldSpec("signed_on", "Undertecknat", v("signed_on", ""), placeholder=DATE_HINT),
        FieldSpec("starts_on", "Startdatum", v("starts_on", ""), placeholder=DATE_HINT),
        FieldSpec("ends_on", "Slutdatum", v("ends_on", ""), placeholder=DATE_HINT),
        FieldSpec("notice_months", "Uppsägning (mån)", v("notice_months", ""), placeholder="0–36"),
        FieldSpec("auto_renew", "Förlängs automatiskt", v("auto_renew", False), kind="check"),
        FieldSpec("renewal_months", "Förlängning (mån)", v("renewal_months", ""), placeholder="12"),
        FieldSpec("amount", "Belopp (kr)", v("amount", ""), placeholder="1 272 000 eller 12 500,50"),
        FieldSpec("status", "Status", v("status", ContractStatus.UTKAST.value), kind="select",
                  options=ContractStatus.choices()),
        FieldSpec("registered_on", "Diariefört", v("registered_on", ""), placeholder=DATE_HINT),
        FieldSpec("archived_on", "Arkiverat", v("archived_on", ""), placeholder=DATE_HINT),
        FieldSpec("archive_location", "Arkivplats", v("archive_location", "")),
        FieldSpec("document_ref", "Dokument", v("document_ref", ""), placeholder="sökväg eller länk"),
        FieldSpec("note", "Anteckning", v("note", "")),
    ]


class ContractFormScreen(FormDialog):
    def __init__(self, db: Any, contract_id: int | None = None) -> None:
        choices = contract_edit.form_choices(db)
        values = contract_edit.form_values(db, contract_id) if contract_id else {}
        title = f"Ändra avtal: {values['title']}" if contract_id else "Nytt avtal"

        self._confirmed_new = ""  # a new counterparty name the user has been warned about once
        self.version = values.get("version")  # of the contract as loaded; passed back on save

        def submit(form: dict[str, Any]) -> int:
            name = str(form.get("counterparty") or "").strip()
            try:
                return contract_edit.save_contract(
                    db, form, contract_id, new_counterparty_ok=name.casefold() == self._confirmed_new,
                    expected_version=self.version)
            except ValidationError as exc:
                if exc.errors.get("counterparty") == contract_edit.new_counterparty_message(name):
                    self._confirmed_new = name.casefold()
                raise

        def reload() -> dict[str, Any]:
            current = contract_edit.form_values(db, contract_id)
            self.version = current["version"]
            return current

        super().__init__(title, contract_fields(choices, values, ContactSuggester(db)), submit, columns=2,
                         dialog_id="contract-form", reload=reload if contract_id else None)
