"""A new budget line (modal, on the form kit): name and group – verksamhet, pilot, funktion,
reserverat or a new group (type-ahead over the known ones; a new name makes a new group)."""

from __future__ import annotations

from shk_tui.fmt import fold
from shk_tui.services.budget import budget as svc
from shk_tui.ui.base.form import FormDialog
from shk_tui.ui.base.form_fields import TYPE_AHEAD, FormField


def groups_starting(typed: str) -> list[str]:
    key = fold(typed)
    return [group for group in svc.GROUP_LABELS if fold(group).startswith(key)]


class BudgetLineScreen(FormDialog[int | None]):
    def __init__(self) -> None:
        super().__init__("Ny budgetrad")

    def form_fields(self) -> list[FormField]:
        return [FormField("name", "Namn", required=True),
                FormField("group", "Grupp", TYPE_AHEAD, "verksamhet", required=True, lookup=groups_starting,
                          help=", ".join(svc.GROUP_LABELS) + " eller en ny grupp", new_hint="Ny grupp: {}")]

    def submit(self, values: dict[str, str]) -> int:
        return svc.add_line(self.db, values["name"], values["group"])
