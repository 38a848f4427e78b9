"""A new budget line (modal): name and group (verksamhet, pilot, funktion, reserverat or new)."""

from __future__ import annotations

from textual.binding import Binding

from shk_tui.services.budget import budget as svc
from shk_tui.ui.base.input_dialog import Field, InputDialog


class BudgetLineScreen(InputDialog[int | None]):
    CSS_PATH = "dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", "Avbryt", id="budget_line.cancel")]

    def heading(self) -> str:
        return "Ny budgetrad"

    def fields(self) -> list[Field]:
        return [Field("name", "Namn *"), Field("group", f"Grupp * ({', '.join(svc.GROUP_LABELS)})", "verksamhet")]

    def save(self, values: dict[str, str]) -> int:
        return svc.add_line(self.app.db, values["name"], values["group"])
