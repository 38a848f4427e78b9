"""Add an indicator to an initiative (modal): name, target, unit; enter in any field saves."""

from __future__ import annotations

from textual.binding import Binding

from shk_tui.services.portfolio import initiatives as svc
from shk_tui.ui.base.input_dialog import Field, InputDialog

FIELDS = (("name", "Indikator *"), ("target", "Mål (tal)"), ("unit", "Enhet (t.ex. personer, st)"))


class IndicatorFormScreen(InputDialog[bool]):
    CSS_PATH = "dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", "Avbryt", id="indicator_form.cancel")]
    cancel_result = False

    def __init__(self, initiative_id: int) -> None:
        super().__init__()
        self.initiative_id = initiative_id

    def heading(self) -> str:
        return "Ny indikator"

    def fields(self) -> list[Field]:
        return [Field(key, label) for key, label in FIELDS]

    def save(self, values: dict[str, str]) -> bool:
        svc.add_indicator(self.app.db, self.initiative_id, values["name"], values["target"], values["unit"])
        return True
