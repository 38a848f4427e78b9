"""Merge two contacts (modal): both side by side, one row per field. ``space`` or ``enter`` takes the
highlighted field from the other side, ``s`` swaps which contact is kept, ``ctrl+s`` merges after a
confirmation: participations, contracts, initiatives and tags move to the kept contact; the other is
removed."""

from __future__ import annotations

from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Static

from shk_tui.fmt import count, sv_sorted
from shk_tui.services.contacts import duplicates as svc
from shk_tui.ui import keys
from shk_tui.ui.base.confirm import ConfirmScreen
from shk_tui.ui.base.work import ShkDialog
from shk_tui.ui.widgets.table import Table

CHOSEN = "◀"
LABEL_WIDTH = 15  # "Datum för grund", the longest field label


def _value_width(table_width: int) -> int:
    """Both sides equally wide, so the removed contact's values stay in view beside the kept ones (a
    longer value is drawn cut with "…"; the table is laid out before the contacts are read)."""
    return max(12, (table_width - LABEL_WIDTH - 1 - 3 * 2 - 2) // 2)  # 4 columns' padding, 2 for safety


def _names(keep: svc.MergeSide, drop: svc.MergeSide) -> tuple[str, str]:
    """The two people by name; by name and number when the names are the same."""
    if keep.name.casefold() != drop.name.casefold():
        return keep.name, drop.name
    return f"{keep.name} (kontakt {keep.id})", f"{drop.name} (kontakt {drop.id})"


def _moves(participations: int, contracts: int, shared: int, initiatives: int = 0, *, done: bool = False) -> str:
    """What a merge moves, before (``2 deltaganden, 1 avtal, 1 initiativ``) or after it (``2 deltaganden,
    1 avtal och 1 initiativ flyttades``; initiatives only when some move), with the participations on an
    event both were on, which become one."""
    parts = [count(participations, "deltagande", "deltaganden"), f"{contracts} avtal"]
    if initiatives:
        parts.append(f"{initiatives} initiativ")
    text = f"{', '.join(parts[:-1])} och {parts[-1]} flyttades" if done else ", ".join(parts)
    if shared:
        text += f"; {count(shared, 'deltagande', 'deltaganden')} på samma evenemang {'slogs' if done else 'slås'} ihop"
    return text


class MergeScreen(ShkDialog[bool]):
    CSS_PATH = "contacts.tcss"
    BINDINGS = keys.of("merge")

    def __init__(self, a_id: int, b_id: int) -> None:
        super().__init__()
        self.keep_id, self.drop_id = a_id, b_id
        self.take_from_drop: set[str] = set()
        self.sides: tuple[svc.MergeSide, svc.MergeSide] | None = None  # (kept, removed) once read

    def compose(self) -> ComposeResult:
        with Vertical(classes="form-dialog wide-dialog"):
            yield Static("Slå ihop kontakter", classes="form-title")
            yield Static("", id="merge-help", classes="form-help")
            yield Table(cursor_type="row", id="merge-fields")
            yield Static("", id="merge-moves")
            with Horizontal(classes="form-buttons"):
                yield Button("Slå ihop (ctrl+s)", variant="primary", id="merge-do", compact=True)
                yield Button("Avbryt (esc)", id="merge-cancel", compact=True)

    def on_mount(self) -> None:
        self._read_sides(default=True)
        self.query_one("#merge-fields", DataTable).focus()

    def _read_sides(self, *, default: bool = False) -> None:
        db, keep_id, drop_id = self.db, self.keep_id, self.drop_id
        self.load(lambda: svc.sides(db, keep_id, drop_id), partial(self._show_sides, default=default),
                  on_error=self._unreadable)

    def _unreadable(self, exc: BaseException) -> None:
        """Without both contacts (one merged or removed meanwhile) there is nothing to compare."""
        self.report_error(exc, "Kunde inte läsa kontakterna (se loggfilen)")
        self.dismiss(False)

    def _show_sides(self, sides: tuple[svc.MergeSide, svc.MergeSide], default: bool) -> None:
        self.sides = keep, drop = sides
        if default:  # fill gaps in the kept contact from the other one
            self.take_from_drop = {f for f in svc.MERGE_FIELDS if not keep.values[f] and drop.values[f]}
        self.refresh_rows()

    def refresh_rows(self) -> None:
        if self.sides is None:
            return
        keep, drop = self.sides
        table = self.query_one("#merge-fields", DataTable)
        row = table.cursor_row
        with self.app.batch_update():
            table.clear(columns=not table.columns)
            if not table.columns:
                value = _value_width(table.scrollable_content_region.width)
                for heading, width in (("Fält", LABEL_WIDTH), ("Behålls", value), ("", 1), ("Tas bort", value)):
                    table.add_column(heading, width=width)
            for f in svc.MERGE_FIELDS:
                mark = "▶" if f in self.take_from_drop else CHOSEN
                table.add_row(svc.FIELD_LABELS[f], keep.values[f], mark, drop.values[f], key=f)
            tags = sv_sorted(set(keep.tags) | set(drop.tags))
            table.add_row("Taggar", ", ".join(keep.tags), "+", ", ".join(drop.tags), key="tags")
            table.move_cursor(row=max(0, min(row, len(svc.MERGE_FIELDS) - 1)))
        kept, removed = _names(keep, drop)
        self.query_one("#merge-help", Static).update(
            f"{kept} behålls, {removed} tas bort. Pilen visar varifrån varje "
            "värde tas; mellanslag byter, s byter vilken kontakt som behålls.")
        self.query_one("#merge-moves", Static).update(
            f"Flyttas till den som behålls: {_moves(drop.moving, drop.contracts, drop.shared, drop.initiatives)}; "
            f"taggar efteråt: {', '.join(tags) or '–'}")

    def action_switch_value(self) -> None:  # not action_toggle: Textual's own toggle(attribute)
        table = self.query_one("#merge-fields", DataTable)
        if self.sides is not None and 0 <= table.cursor_row < len(svc.MERGE_FIELDS):
            field = svc.MERGE_FIELDS[table.cursor_row]
            self.take_from_drop ^= {field}
            self.refresh_rows()

    @on(DataTable.RowSelected, "#merge-fields")
    def _selected(self) -> None:
        self.action_switch_value()

    def action_swap(self) -> None:
        if self.sides is None:
            return
        self.keep_id, self.drop_id = self.drop_id, self.keep_id
        self.sides = self.sides[1], self.sides[0]
        self.take_from_drop = {f for f in svc.MERGE_FIELDS if f not in self.take_from_drop}
        self.refresh_rows()
        self._read_sides()  # and read both again

    @on(Button.Pressed, "#merge-do")
    def action_merge(self) -> None:
        if self.sides is None:
            return
        kept, removed = _names(*self.sides)
        self.app.push_screen(
            ConfirmScreen("Slå ihop?", f"{removed} slås ihop med {kept} och tas bort. "
                          "Det går inte att ångra."),
            lambda yes: self._merge() if yes else None,
        )

    def _merge(self) -> None:
        db, keep_id, drop_id, fields = self.db, self.keep_id, self.drop_id, set(self.take_from_drop)
        self.write(lambda: svc.merge(db, keep_id, drop_id, fields), self._merged)

    def _merged(self, moved: dict) -> None:
        self.notify("Sammanslagna: " + _moves(moved["participations"], moved["contracts"], moved["conflicts"],
                                              moved["initiatives"], done=True))
        self.dismiss(True)

    @on(Button.Pressed, "#merge-cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
