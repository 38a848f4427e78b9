"""Add an indicator to an initiative (modal, on the form kit): name, target, unit; enter saves."""

from __future__ import annotations

from shk_tui.services.portfolio import initiatives as svc
from shk_tui.ui.base.form import FormDialog
from shk_tui.ui.base.form_fields import FormField


class IndicatorFormScreen(FormDialog[bool]):
    cancel_result = False

    def __init__(self, initiative_id: int) -> None:
        super().__init__("Ny indikator")
        self.initiative_id = initiative_id

    def form_fields(self) -> list[FormField]:
        return [FormField("name", "Indikator", required=True), FormField("target", "Mål (tal)"),
                FormField("unit", "Enhet", placeholder="t.ex. personer, st")]

    def submit(self, values: dict[str, str]) -> bool:
        svc.add_indicator(self.db, self.initiative_id, values["name"], values["target"], values["unit"])
        return True
