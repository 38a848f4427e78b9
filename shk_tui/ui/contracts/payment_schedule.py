"""Generate a payment schedule: N equal instalments monthly or quarterly from a first due date, or
one per given date; the last instalment takes the rounding remainder so the sum is exact. A preview
lists the rows while typing. Dismisses with the created payment ids (None when cancelled)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from shk_tui.fmt import count, format_date, format_kr
from shk_tui.services.contracts import payments
from shk_tui.services.contracts.contract_rules import Interval, add_months
from shk_tui.services.contracts.contracts import ContractDetail
from shk_tui.ui.base.form_fields import CHOICE, FormField
from shk_tui.ui.contracts.contract_dialog import FormDialog

if TYPE_CHECKING:
    from shk_tui.db.engine import Database

PREVIEW_ROWS = 8


def preview_text(values: dict[str, Any]) -> str:
    rows = payments.preview_schedule(values["amount"], Interval(values["interval"] or Interval.MONTHLY),
                                     values["count"], values["first_due"], values["dates"])
    # whole kronor unless an instalment has öre; then all of them with öre, so the column lines up
    decimals = True if any(ore % 100 for _, ore in rows) else None
    lines = [f"{format_date(day)}  {format_kr(ore, decimals=decimals):>20}" for day, ore in rows[:PREVIEW_ROWS]]
    if len(rows) > PREVIEW_ROWS:
        lines.append(f"… och {len(rows) - PREVIEW_ROWS} till")
    total = format_kr(sum(o for _, o in rows), decimals=decimals)
    lines.append(f"{count(len(rows), 'delbetalning', 'delbetalningar')}, summa {total}")
    return "\n".join(lines)


class PaymentScheduleScreen(FormDialog):
    def __init__(self, detail: ContractDetail, db: Database, today: date) -> None:
        # Default: what is not yet scheduled (nothing when the schedule already covers the amount).
        amount = detail.unscheduled_ore if detail.amount_ore else 0
        first = detail.starts_on if detail.starts_on and detail.starts_on >= today else add_months(today, 1)
        fields = [
            FormField("interval", "Intervall", CHOICE, Interval.QUARTERLY.value,
                      options=[("Varje månad", Interval.MONTHLY.value), ("Varje kvartal", Interval.QUARTERLY.value),
                               ("Givna datum", Interval.DATES.value)]),
            FormField("count", "Antal", value="4", placeholder="antal delbetalningar"),
            FormField("first_due", "Första förfallodag", value=format_date(first), placeholder="ÅÅÅÅ-MM-DD"),
            FormField("dates", "Datum", placeholder="2027-01-31, 2027-06-30 (vid Givna datum)"),
            FormField("amount", "Summa", value=format_kr(amount).removesuffix(" kr") if amount else "",
                      help="Förvalt: det som ännu inte är schemalagt"),
        ]
        scheduled = format_kr(detail.scheduled_ore) or "0 kr"
        if detail.amount_ore and not detail.unscheduled_ore:
            scheduled += " (hela beloppet)"
        # the amounts on a line of their own: at 80 columns a title before them broke "1 100 / 000 kr"
        intro = f"{detail.title}\nBelopp {format_kr(detail.amount_ore) or '–'} · redan schemalagt {scheduled}"

        def submit(v: dict[str, Any]) -> list[int]:
            return payments.generate_schedule(db, detail.id, v["amount"], Interval(v["interval"] or Interval.MONTHLY),
                                              v["count"], v["first_due"], v["dates"])

        super().__init__("Skapa betalplan", fields, submit, intro=intro, dialog_id="payment-schedule",
                         preview=preview_text)
