"""Record a measurement of an indicator (modal, on the form kit): type the value, enter (the date
defaults to today)."""

from __future__ import annotations

from shk_tui.services.portfolio import initiatives as svc
from shk_tui.ui.base.form import FormDialog
from shk_tui.ui.base.form_fields import FormField


class MeasureScreen(FormDialog[bool]):
    cancel_result = False

    def __init__(self, indicator: svc.IndicatorRow) -> None:
        target = f" (mål {indicator.target:g} {indicator.unit})" if indicator.target is not None else ""
        super().__init__(f"Ny mätning: {indicator.name}{target}")
        self.indicator = indicator

    def form_fields(self) -> list[FormField]:
        return [FormField("current", "Uppmätt värde"),
                FormField("measured_on", "Mätdatum", placeholder=f"{self.today.isoformat()} (tomt = i dag)")]

    def submit(self, values: dict[str, str]) -> bool:
        svc.measure(self.db, self.indicator.id, values["current"], values["measured_on"], self.today)
        return True
