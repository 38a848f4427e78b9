"""Merge two contacts (modal): both side by side, one row per field. ``space`` or ``enter`` takes the
highlighted field from the other side, ``s`` swaps which contact is kept, ``ctrl+s`` merges after a
confirmation: participations, contracts and tags move to the kept contact; the other is removed."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Static

from shk_tui.errors import ShkError
from shk_tui.fmt import sv_sorted
from shk_tui.services.contacts import duplicates as svc
from shk_tui.ui.base.confirm import ConfirmScreen

CHOSEN = "◀"


class MergeScreen(ModalScreen[bool]):
    CSS_PATH = "contacts.tcss"
    BINDINGS = [
        Binding("space", "toggle", "Byt värde", id="merge.toggle"),
        Binding("s", "swap", "Byt vilken som behålls", id="merge.swap"),
        Binding("ctrl+s", "merge", "Slå ihop", id="merge.merge"),
        Binding("escape", "cancel", "Avbryt", id="merge.cancel"),
    ]

    def __init__(self, a_id: int, b_id: int) -> None:
        super().__init__()
        self.keep_id, self.drop_id = a_id, b_id
        self.take_from_drop: set[str] = set()

    def compose(self) -> ComposeResult:
        with Vertical(classes="form-dialog wide-dialog"):
            yield Static("Slå ihop kontakter", classes="form-title")
            yield Static("", id="merge-help", classes="form-help")
            yield DataTable(cursor_type="row", id="merge-fields")
            yield Static("", id="merge-moves")
            with Horizontal(classes="form-buttons"):
                yield Button("Slå ihop (ctrl+s)", variant="primary", id="merge-do")
                yield Button("Avbryt (esc)", id="merge-cancel")

    def on_mount(self) -> None:
        self.load(default=True)
        self.query_one("#merge-fields", DataTable).focus()

    def load(self, *, default: bool = False) -> None:
        try:
            self.keep, self.drop = svc.sides(self.app.db, self.keep_id, self.drop_id)
        except ShkError as exc:
            self.notify(exc.message, severity="error")
            self.dismiss(False)
            return
        if default:  # fill gaps in the kept contact from the other one
            self.take_from_drop = {f for f in svc.MERGE_FIELDS if not self.keep.values[f] and self.drop.values[f]}
        self.refresh_rows()

    def refresh_rows(self) -> None:
        table = self.query_one("#merge-fields", DataTable)
        row = table.cursor_row
        with self.app.batch_update():
            table.clear(columns=not table.columns)
            if not table.columns:
                table.add_columns("Fält", "Behålls", "", "Tas bort")
            for f in svc.MERGE_FIELDS:
                mark = "▶" if f in self.take_from_drop else CHOSEN
                table.add_row(svc.FIELD_LABELS[f], self.keep.values[f], mark, self.drop.values[f], key=f)
            tags = sv_sorted(set(self.keep.tags) | set(self.drop.tags))
            table.add_row("Taggar", ", ".join(self.keep.tags), "+", ", ".join(self.drop.tags), key="tags")
            table.move_cursor(row=max(0, min(row, len(svc.MERGE_FIELDS) - 1)))
        self.query_one("#merge-help", Static).update(
            f"Kontakt {self.keep.id} behålls, kontakt {self.drop.id} tas bort. Pilen visar varifrån varje "
            "värde tas; mellanslag byter, s byter vilken kontakt som behålls.")
        self.query_one("#merge-moves", Static).update(
            f"Flyttas till den som behålls: {self.drop.participations} deltaganden, {self.drop.contracts} avtal; "
            f"taggar efteråt: {', '.join(tags) or '–'}")

    def action_toggle(self) -> None:
        table = self.query_one("#merge-fields", DataTable)
        if 0 <= table.cursor_row < len(svc.MERGE_FIELDS):
            field = svc.MERGE_FIELDS[table.cursor_row]
            self.take_from_drop ^= {field}
            self.refresh_rows()

    @on(DataTable.RowSelected, "#merge-fields")
    def _selected(self) -> None:
        self.action_toggle()

    def action_swap(self) -> None:
        self.keep_id, self.drop_id = self.drop_id, self.keep_id
        self.take_from_drop = {f for f in svc.MERGE_FIELDS if f not in self.take_from_drop}
        self.load()

    @on(Button.Pressed, "#merge-do")
    def action_merge(self) -> None:
        name = f"{self.keep.values['first_name']} {self.keep.values['last_name']}".strip()
        self.app.push_screen(
            ConfirmScreen("Slå ihop?", f"Kontakt {self.drop.id} slås ihop med {name} och tas bort. "
                          "Det går inte att ångra."),
            lambda yes: yes and self._merge(),
        )

    def _merge(self) -> None:
        try:
            moved = svc.merge(self.app.db, self.keep_id, self.drop_id, self.take_from_drop)
        except ShkError as exc:
            self.notify(exc.message, severity="error")
            return
        self.notify(f"Sammanslagna: {moved['participations']} deltaganden och {moved['contracts']} avtal flyttades")
        self.dismiss(True)

    @on(Button.Pressed, "#merge-cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
