"""The contract form (new or edit), on the form kit: every field of an avtal on one row each (it fits
80×24 with Save in view), type-ahead over organisations (a new name creates the organisation when
saved again) and contacts, validation messages under the fields. The money fields (issue #18): the
budget line and year its payments are charged to, the procurement route, the category (type-ahead over
those in use), the estimated total value (empty: computed) and whether a direktupphandling is documented.
Dismisses with the saved contract's id, or None when closed without saving."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from shk_tui.enums import ContractKind, ContractStatus, ProcurementRoute
from shk_tui.errors import ValidationError
from shk_tui.fmt import fold
from shk_tui.services.contracts import contract_edit, contract_money
from shk_tui.ui.base.form_fields import CHOICE, TYPE_AHEAD, YES_NO, FormField, NameSuggester
from shk_tui.ui.contracts.contract_dialog import FormDialog

if TYPE_CHECKING:
    from shk_tui.db.engine import Database

DATE_HINT = "ÅÅÅÅ-MM-DD"
COUNTERPARTY_HELP = "→ tar förslaget; ett nytt namn skapar organisationen"


class ContactSuggester(NameSuggester):
    """Type-ahead over the contacts, asked from the database per keystroke (there may be 100 000),
    in a thread: a scan of many contacts must not stall typing."""

    def __init__(self, db: Database) -> None:
        def lookup(typed: str) -> list[str]:
            found = contract_edit.contact_suggestion(db, typed)
            return [found] if found else []

        super().__init__(lookup)


def names_matching(names: list[str]) -> Any:
    """A lookup over ``names``: those starting with the typed text first, then those containing it."""

    def lookup(typed: str) -> list[str]:
        key = fold(typed)
        starting = [n for n in names if fold(n).startswith(key)]
        return starting + [n for n in names if key in fold(n) and n not in starting]

    return lookup


def money_fields(money: contract_money.FormChoices, values: dict[str, Any]) -> list[FormField]:
    """Budget line and year, procurement route, category, estimated total value, documented."""
    v = values.get
    return [
        FormField("budget_line_id", "Budgetrad", CHOICE, v("budget_line_id", ""), options=money.budget_lines,
                  prompt="Ingen"),
        FormField("budget_year", "Budgetår", value=v("budget_year", ""), placeholder="tomt: året en betalning förfaller"),
        FormField("procurement_route", "Upphandling", CHOICE, v("procurement_route", ""),
                  options=ProcurementRoute.choices(), prompt="Ej angiven"),
        FormField("procurement_category", "Kategori", TYPE_AHEAD, v("procurement_category", ""),
                  placeholder="vad som köps, t.ex. konsulttjänster", lookup=names_matching(money.categories),
                  new_hint="Ny kategori: {}"),
        FormField("estimated_value", "Uppskattat värde", value=v("estimated_value", ""),
                  placeholder="kr, hela löptiden med förlängningar", help="Tomt: beloppet och förlängningen räknas"),
        FormField("direct_award_documented", "Dokumenterad", YES_NO, v("direct_award_documented", False),
                  placeholder="direktupphandlingen är dokumenterad"),
    ]


def contract_fields(choices: contract_edit.FormChoices, values: dict[str, Any],
                    contacts: NameSuggester | None = None,
                    money: contract_money.FormChoices | None = None) -> list[FormField]:
    v = values.get
    initiatives = [(name, str(i)) for name, i in choices.initiatives]

    def day(name: str, label: str) -> FormField:
        return FormField(name, label, value=v(name, ""), placeholder=DATE_HINT)

    return [
        FormField("title", "Titel", value=v("title", ""), placeholder="t.ex. Samarbetsavtal MDU 2024–2027"),
        FormField("kind", "Typ", CHOICE, v("kind", ContractKind.SAMARBETSAVTAL.value), options=ContractKind.choices()),
        FormField("counterparty", "Motpart", TYPE_AHEAD, v("counterparty", ""), help=COUNTERPARTY_HELP,
                  placeholder="organisation (→ fyller i)", lookup=names_matching(choices.organisations),
                  new_hint="Ny organisation: {}"),
        FormField("responsible", "Ansvarig", value=v("responsible", ""), placeholder="kontaktperson (→ fyller i)",
                  suggester=contacts),
        FormField("diarienummer", "Diarienummer", value=v("diarienummer", ""), placeholder="t.ex. KS 2016-254/322"),
        FormField("initiative_id", "Initiativ", CHOICE, v("initiative_id", ""), options=initiatives),
        day("signed_on", "Undertecknat"),
        day("starts_on", "Startdatum"),
        day("ends_on", "Slutdatum"),
        FormField("notice_months", "Uppsägning (mån)", value=v("notice_months", ""), placeholder="0–36"),
        FormField("auto_renew", "Förlängs automatiskt", YES_NO, v("auto_renew", False)),
        FormField("renewal_months", "Förlängning (mån)", value=v("renewal_months", ""), placeholder="12"),
        FormField("amount", "Belopp (kr)", value=v("amount", ""), placeholder="1 272 000 eller 12 500,50"),
        *money_fields(money or contract_money.FormChoices([], []), values),
        FormField("status", "Status", CHOICE, v("status", ContractStatus.UTKAST.value),
                  options=ContractStatus.choices()),
        day("registered_on", "Diariefört"),
        day("archived_on", "Arkiverat"),
        FormField("archive_location", "Arkivplats", value=v("archive_location", "")),
        FormField("document_ref", "Dokument", value=v("document_ref", ""), placeholder="sökväg eller länk"),
        FormField("note", "Anteckning", value=v("note", "")),
    ]


class ContractFormScreen(FormDialog):
    def __init__(self, db: Database, contract_id: int | None = None) -> None:
        super().__init__("Nytt avtal", [], self._save, dialog_id="contract-form",
                         reload=self._stored if contract_id else None)
        self.contract_db = db
        self.contract_id = contract_id
        self._confirmed_new = ""  # a new counterparty name the user has been warned about once
        self.version: int | None = None  # of the contract as loaded; passed back on save

    def form_fields(self) -> list[FormField]:
        db = self.contract_db
        choices = contract_edit.form_choices(db)
        values = contract_edit.form_values(db, self.contract_id) if self.contract_id else {}
        if self.contract_id:
            self.heading = f"Ändra avtal: {values['title']}"
        self.version = values.get("version")
        return contract_fields(choices, values, ContactSuggester(db), contract_money.form_choices(db))

    def _save(self, form: dict[str, Any]) -> int:
        name = str(form.get("counterparty") or "").strip()
        try:
            return contract_edit.save_contract(
                self.contract_db, form, self.contract_id, new_counterparty_ok=name.casefold() == self._confirmed_new,
                expected_version=self.version)
        except ValidationError as exc:
            if exc.errors.get("counterparty") == contract_edit.new_counterparty_message(name):
                self._confirmed_new = name.casefold()
            raise

    def _stored(self) -> dict[str, Any]:
        assert self.contract_id is not None  # offered as reload only when editing a contract
        current = contract_edit.form_values(self.contract_db, self.contract_id)
        self.version = current["version"]
        return current
