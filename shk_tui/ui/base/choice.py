"""Pick one of a few options: ``ChoiceScreen(title, [(label, value), …])`` dismisses with the chosen
value, or None on escape."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from shk_tui.ui.base.work import ShkDialog


class ChoiceScreen(ShkDialog[str | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Avbryt", id="choice.cancel"),
        *(Binding(str(n), f"pick({n - 1})", f"Val {n}", show=False, id=f"choice.pick{n}") for n in range(1, 10)),
    ]

    def __init__(self, title: str, choices: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self.question = title
        self.choices = list(choices)

    def compose(self) -> ComposeResult:
        with Vertical(id="choice-dialog"):
            yield Static(self.question, classes="form-title")
            yield OptionList(*(Option(label, id=value) for label, value in self.choices), id="choice-options")
            yield Static("↑/↓ och enter eller siffra väljer, esc avbryter", classes="form-hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_id)

    def action_pick(self, index: int) -> None:
        """Number keys choose directly (1 = the first option)."""
        if index < len(self.choices):
            self.dismiss(self.choices[index][1])

    def action_cancel(self) -> None:
        self.dismiss(None)
