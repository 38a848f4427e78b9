"""The manual forecast adjustment of one budget line and year (``j`` in Budget, or enter on a Prognos), on the
form kit: an amount in kr (negative lowers the forecast; empty removes the adjustment) and the reason, which
the service requires (``services.budget.budget.set_adjustment``: versioned with the year's row, audited).
The intro shows how the forecast is made up now. A closed year takes no adjustment (Budget says so before
opening the dialog; the service refuses it too)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from shk_tui.errors import StaleEdit
from shk_tui.fmt import format_kr
from shk_tui.services.budget import budget as svc
from shk_tui.services.budget import forecast as fc
from shk_tui.ui.base.form import FormDialog
from shk_tui.ui.base.form_fields import FormField
from shk_tui.ui.budget.budget_figure import kr_input

if TYPE_CHECKING:
    from datetime import date

    from shk_tui.db.engine import Database


def stored(db: Database, line_id: int, year: int, today: date) -> fc.LineForecast:
    """The line's forecast of that year as stored now."""
    return fc.line_forecasts(db, [year], today)[(line_id, year)]


def make_up(f: fc.LineForecast) -> str:
    """How the forecast is made up, naming only what is there: 'Prognos 500 000 kr = utfall 0 kr + bundet
    550 000 kr − justering 50 000 kr (budget –)'."""
    text = f"Prognos {format_kr(f.forecast_ore)} = utfall {format_kr(f.outcome_ore or 0)} + bundet {format_kr(f.committed_ore)}"
    if f.initiatives_ore:
        text += f" + beslutade initiativ {format_kr(f.initiatives_ore)}"
    if f.adjustment_ore:
        text += f" {'−' if f.adjustment_ore < 0 else '+'} justering {format_kr(abs(f.adjustment_ore))}"
    return f"{text} (budget {format_kr(f.budget_ore) or '–'})"


class AdjustmentScreen(FormDialog[bool]):
    SAVE_FAILED = "Kunde inte spara justeringen (se loggfilen)"
    cancel_result = False

    def __init__(self, line_id: int, line: str, forecast: fc.LineForecast) -> None:
        super().__init__(f"Prognosjustering {forecast.year}: {line}", intro=make_up(forecast))
        self.line_id, self.line, self.year, self.forecast = line_id, line, forecast.year, forecast
        self.before: fc.LineForecast | None = None  # the adjustment the save replaced, and what it stored
        self.after: fc.LineForecast | None = None

    def form_fields(self) -> list[FormField]:
        f = self.forecast
        return [
            FormField("amount", "Justering (kr)", value=kr_input(f.adjustment_ore),
                      help="Minus sänker prognosen, t.ex. -50 000; tomt tar bort justeringen"),
            FormField("reason", "Skäl", value=f.adjustment_reason or "",
                      help="Krävs: varför prognosen justeras (sparas i historiken)"),
        ]

    def submit(self, values: dict[str, Any]) -> bool:
        before = self.forecast
        svc.set_adjustment(self.db, self.line_id, self.year, str(values["amount"]), str(values["reason"]),
                           today=self.today, expected_version=before.version)
        self.before, self.after = before, stored(self.db, self.line_id, self.year, self.today)
        return True

    def undo_call(self) -> Callable[[], object] | None:
        """After a save: the call that puts the adjustment back as it was. Refused (StaleEdit) when the
        adjustment has changed again since (the year's budget or outcome may have: they share its row)."""
        before, after = self.before, self.after
        if before is None or after is None:
            return None
        db, line_id, year, today = self.db, self.line_id, self.year, self.today
        amount, reason = kr_input(before.adjustment_ore), before.adjustment_reason or ""

        def undo() -> svc.Cell:
            now = stored(db, line_id, year, today)
            if (now.adjustment_ore, now.adjustment_reason) != (after.adjustment_ore, after.adjustment_reason):
                raise StaleEdit()
            return svc.set_adjustment(db, line_id, year, amount, reason, today=today, expected_version=now.version)

        return undo

    def stored_values(self) -> dict[str, Any]:
        self.forecast = stored(self.db, self.line_id, self.year, self.today)
        return {"amount": kr_input(self.forecast.adjustment_ore), "reason": self.forecast.adjustment_reason or ""}
