"""Record a measurement of an indicator (modal): type the value, enter (date defaults to today)."""

from __future__ import annotations

from textual.binding import Binding

from shk_tui.services.portfolio import initiatives as svc
from shk_tui.ui.base.input_dialog import Field, InputDialog


class MeasureScreen(InputDialog[bool]):
    CSS_PATH = "dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", "Avbryt", id="measure.cancel")]
    cancel_result = False

    def __init__(self, indicator: svc.IndicatorRow) -> None:
        super().__init__()
        self.indicator = indicator

    def heading(self) -> str:
        target = f" (mål {self.indicator.target:g} {self.indicator.unit})" if self.indicator.target is not None else ""
        return f"Ny mätning: {self.indicator.name}{target}"

    def fields(self) -> list[Field]:
        return [Field("current", "Uppmätt värde"),
                Field("measured_on", "Mätdatum (tomt = i dag)", placeholder=self.app.today.isoformat())]

    def save(self, values: dict[str, str]) -> bool:
        svc.measure(self.app.db, self.indicator.id, values["current"], values["measured_on"], self.app.today)
        return True
