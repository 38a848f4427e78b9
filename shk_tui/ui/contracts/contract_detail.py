"""One contract: its fields, the payment schedule (paid vs amount always shown, overdue rows in red)
and the follow-up log. Keys: ``b`` mark the selected payment paid (``b`` then ``enter`` pays the
rest today), ``a`` add a payment, ``p`` change one, ``g`` generate a schedule, ``u`` undo a payment,
``x`` delete a payment, ``o`` add a note, ``e`` edit, ``r`` archive (or take out of the archive),
``ctrl+z`` undo an archive, ``escape`` back. Opening it persists a due auto-renewal (audited, logged)
and says so.

At 120×40 the fields are one per line beside the follow-up log; on a smaller terminal (80×24) the
screen is ``-compact``: two fields per line, the log under them, so the payments stay in view."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.widgets import DataTable, Header, Static

from shk_tui.enums import PaymentStatus
from shk_tui.errors import NotFound, ShkError, StaleEdit
from shk_tui.fmt import format_date, format_kr
from shk_tui.services.contracts import contract_edit, contract_money, contracts, payments
from shk_tui.services.contracts.contract_money import ContractMoney
from shk_tui.services.contracts.contracts import ContractDetail, PaymentRow
from shk_tui.ui import keys
from shk_tui.ui.base.confirm import ConfirmScreen
from shk_tui.ui.base.form_fields import FormField
from shk_tui.ui.base.titles import screen_title
from shk_tui.ui.base.undo import Undo, Undoable
from shk_tui.ui.base.work import ShkScreen
from shk_tui.ui.contracts import contract_archiving, money_view
from shk_tui.ui.contracts.contract_dialog import FormDialog
from shk_tui.ui.contracts.contract_form import ContractFormScreen
from shk_tui.ui.contracts.contract_info import ContractInfo
from shk_tui.ui.contracts.payment_schedule import PaymentScheduleScreen
from shk_tui.ui.widgets.footer import Footer
from shk_tui.ui.widgets.table import Table

if TYPE_CHECKING:
    from shk_tui.ui.contracts.contracts import ContractsScreen

PAYMENT_COLUMNS = ["Förfaller", "Belopp", "Betalt", "Betaldag", "Referens", "Status", *money_view.COLUMNS,
                   "Anteckning"]
NOTE_COLUMNS = ["Datum", "Anteckning", "Vem"]
NOTE_DATE_WIDTH, NOTE_WHO_WIDTH = 10, 10
#: Below this size the screen is compact (two fields per line, the log under them).
WIDE_MIN, TALL_MIN = 100, 36
NO_NOTES = "Uppföljning: inga anteckningar (o lägger till)"
STATUS_STYLE = {PaymentStatus.FORFALLEN: "bold red", PaymentStatus.BETALD: "green",
                PaymentStatus.DELBETALD: "yellow", PaymentStatus.PLANERAD: ""}


def summary_text(d: ContractDetail, money: ContractMoney | None = None) -> str:
    overdue = sum(p.status == PaymentStatus.FORFALLEN for p in d.payments)
    parts = [f"Betalt {format_kr(d.paid_ore) or '0 kr'} av {format_kr(d.amount_ore) or '0 kr'}",
             f"schemalagt {format_kr(d.scheduled_ore) or '0 kr'}"]
    if d.unscheduled_ore:
        parts.append(f"ej schemalagt {format_kr(d.unscheduled_ore)}")
    elif d.amount_ore is not None and d.scheduled_ore > d.amount_ore:
        parts.append(f"{format_kr(d.scheduled_ore - d.amount_ore)} mer än avtalets belopp")
    if overdue:
        parts.append(f"{overdue} förfallen" if overdue == 1 else f"{overdue} förfallna")
    return " · ".join(parts + money_view.summary_parts(money))


def payment_cells(p: PaymentRow, money: ContractMoney | None = None) -> tuple[Any, ...]:
    """An overdue row is red all through; the date and status carry the status colour; then its
    direction and attest (``money_view``)."""
    style = STATUS_STYLE[p.status]
    row_style = "red" if p.status == PaymentStatus.FORFALLEN else ""
    plain = (format_kr(p.amount_ore), format_kr(p.paid_amount_ore) if p.paid_amount_ore else "",
             format_date(p.paid_on), p.reference)
    attest = money_view.payment_cells(money.payments.get(p.id) if money is not None else None, row_style)
    return (Text(format_date(p.due_on), style=style), *(Text(v, style=row_style) for v in plain),
            Text(p.status.label, style=style), *attest, Text(p.note, style=row_style))


def compact(width: int, height: int) -> bool:
    return width < WIDE_MIN or height < TALL_MIN


class ContractDetailScreen(Undoable, ShkScreen):
    CSS_PATH = "contracts.tcss"
    BINDINGS = keys.of("contract")

    def __init__(self, contract_id: int) -> None:
        super().__init__()
        self.contract_id = contract_id
        self.detail: ContractDetail | None = None
        self.money: ContractMoney | None = None  # budget line, procurement, the payments' attest
        self._first_load = True
        self.title = screen_title("Avtal")

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="contract-detail"):
            yield Static("Laddar …", id="contract-title")
            with Horizontal(id="contract-top"):
                yield ContractInfo(id="contract-info")
                with Vertical(id="contract-notes-box"):
                    yield Static("Uppföljning", id="notes-title")
                    yield Table(cursor_type="row", id="contract-notes")
            yield Static("", id="payment-summary")
            yield Table(cursor_type="row", zebra_stripes=True, id="payments")
        yield Footer()

    @property
    def payments_table(self) -> DataTable:
        return self.query_one("#payments", DataTable)

    @property
    def undo_stack(self) -> list[Undo]:
        """The list's stack when Avtal is under this screen: an archive made here is undone there too."""
        below = self.contracts_list
        return below.undo_stack if below is not None else super().undo_stack

    @property
    def contracts_list(self) -> ContractsScreen | None:
        """The Avtal list this contract was opened from (None when opened from Översikt)."""
        from shk_tui.ui.contracts.contracts import ContractsScreen

        return next((s for s in self.app.screen_stack if isinstance(s, ContractsScreen)), None)

    def on_mount(self) -> None:
        self.payments_table.add_columns(*PAYMENT_COLUMNS)
        self.payments_table.focus()
        self._fit(self.app.size.width, self.app.size.height)
        self.reload(roll=True)

    def _fit(self, width: int, height: int) -> None:
        self.set_class(compact(width, height), "-compact")

    def reload(self, roll: bool = False) -> None:
        db, today, cid = self.db, self.today, self.contract_id

        def fetch() -> tuple[ContractDetail, ContractMoney]:
            for rolled in contract_edit.roll_renewals(db, today, cid) if roll else []:
                self._from_thread(self._rolled, rolled)  # said at once, even if a newer load replaces this one
            return contracts.get_contract(db, cid, today), contract_money.detail(db, cid, today)

        self.load(fetch, self._show, failed="Kunde inte läsa avtalet (se loggfilen)", on_error=self._load_failed)

    def _load_failed(self, exc: BaseException) -> None:
        self.report_error(exc, "Kunde inte läsa avtalet (se loggfilen)")
        # deleted meanwhile (or a stale Översikt row): back where we came from
        if isinstance(exc, NotFound) and self.app.screen is self:
            self.app.pop_screen()

    def _rolled(self, r: contract_edit.Rolled) -> None:
        self.notify(f"Förlängt automatiskt: slutdatum {format_date(r.old_end)} → {format_date(r.new_end)}",
                    title=r.title)

    def _show(self, found: tuple[ContractDetail, ContractMoney]) -> None:
        self.detail, self.money = d, money = found
        self.query_one("#contract-title", Static).update(d.title)
        self.query_one(ContractInfo).show(d, 2 if self.has_class("-compact") else 1, money)
        self.query_one("#payment-summary", Static).update(summary_text(d, money))
        table = self.payments_table
        row = table.cursor_row
        if self._first_load:  # start on the first payment not yet paid: b, enter pays it
            self._first_load = False
            row = next((i for i, p in enumerate(d.payments) if p.status != PaymentStatus.BETALD), 0)
        with self.app.batch_update():
            table.clear()
            for p in d.payments:
                table.add_row(*payment_cells(p, money), key=str(p.id))
            if d.payments:
                table.move_cursor(row=min(row, len(d.payments) - 1))
            self._fill_notes()

    def on_resize(self, event: Resize) -> None:
        self._fit(event.size.width, event.size.height)
        if self.detail is not None:
            self.query_one(ContractInfo).show(self.detail, 2 if self.has_class("-compact") else 1)
            self._fill_notes()

    def _fill_notes(self) -> None:
        """The log, newest first; a long note wraps inside its column so "Vem" stays in view."""
        assert self.detail is not None
        notes = self.query_one("#contract-notes", DataTable)
        # each column has one cell of padding on either side; leave room for the scrollbar
        width = max(20, notes.size.width - NOTE_DATE_WIDTH - NOTE_WHO_WIDTH - 8)
        notes.clear(columns=True)
        notes.add_column(NOTE_COLUMNS[0], width=NOTE_DATE_WIDTH)
        notes.add_column(NOTE_COLUMNS[1], width=width)
        notes.add_column(NOTE_COLUMNS[2], width=NOTE_WHO_WIDTH)
        for n in self.detail.notes:
            lines = len(textwrap.wrap(n.text, width)) or 1
            notes.add_row(format_date(n.noted_on), Text(n.text), n.author, key=str(n.id), height=lines)
        count = len(self.detail.notes)
        self.query_one("#notes-title", Static).update(f"Uppföljning ({count})" if count else NO_NOTES)
        self.query_one("#contract-notes-box").set_class(not count, "-empty")

    # --- helpers -------------------------------------------------------------------------

    @property
    def current_payment(self) -> PaymentRow | None:
        if self.detail is None or not self.detail.payments:
            return None
        row = self.payments_table.cursor_row
        return self.detail.payments[row] if 0 <= row < len(self.detail.payments) else None

    def _after(self, message: str):
        def done(result: Any) -> None:
            if result is not None and result is not False:
                self.notify(message)
                self.reload()
        return done

    def _run(self, call: Callable[[], object], message: str) -> None:
        """A write on the screen itself; a stale one shows the contract as it is now."""

        def failed(exc: ShkError) -> None:
            self.report_error(exc)
            if isinstance(exc, StaleEdit):
                self.reload()

        self.write(call, lambda _result: self._after(message)(True), on_error=failed,
                   failed="Det gick inte – databasen svarade inte som väntat (se loggfilen)")

    # --- actions -------------------------------------------------------------------------

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_mark_paid(self) -> None:
        p = self.current_payment
        if p is None:
            self.notify("Ingen utbetalning vald", severity="warning")
            return
        if p.status == PaymentStatus.BETALD:
            self.notify("Utbetalningen är redan betald (u ångrar)", severity="warning")
            return
        db, today = self.db, self.today
        fields = [
            FormField("reference", "Referens", value="", placeholder="faktura- eller verifikationsnummer"),
            FormField("paid_on", "Betaldag", value=format_date(today), placeholder="ÅÅÅÅ-MM-DD"),
            FormField("amount", "Belopp", value=format_kr(p.remaining_ore, decimals=None).removesuffix(" kr"),
                      help="Mindre belopp = delbetalning"),
        ]
        intro = f"Förfaller {format_date(p.due_on)}: {format_kr(p.amount_ore)}, kvar {format_kr(p.remaining_ore)}"

        def submit(v: dict[str, Any]) -> bool:
            payments.mark_paid(db, p.id, v["paid_on"], v["amount"], v["reference"], today=today)
            return True

        self.app.push_screen(FormDialog("Markera betald", fields, submit, intro=intro, dialog_id="payment-paid"),
                             self._after("Betalningen registrerades"))

    def action_add_payment(self) -> None:
        db, cid = self.db, self.contract_id
        fields = [FormField("due_on", "Förfaller", value="", placeholder="ÅÅÅÅ-MM-DD"),
                  FormField("amount", "Belopp", value="", placeholder="t.ex. 12 500,50"),
                  *money_view.payment_fields(),
                  FormField("note", "Anteckning", value="")]

        def submit(v: dict[str, Any]) -> int:
            return payments.add_payment(db, cid, v["due_on"], v["amount"], v["note"], direction=str(v["direction"]),
                                        decided_by=v["decided_by"], attested_by=v["attested_by"])

        self.app.push_screen(FormDialog("Ny utbetalning", fields, submit, dialog_id="payment-add"),
                             self._after("Utbetalningen lades till"))

    def action_edit_payment(self) -> None:
        p = self.current_payment
        if p is None:
            self.notify("Ingen utbetalning vald", severity="warning")
            return
        db = self.db
        fields = [FormField("due_on", "Förfaller", value=format_date(p.due_on), placeholder="ÅÅÅÅ-MM-DD"),
                  FormField("amount", "Belopp", value=format_kr(p.amount_ore).removesuffix(" kr")),
                  *money_view.payment_fields(self.money.payments.get(p.id) if self.money else None),
                  FormField("note", "Anteckning", value=p.note)]

        def submit(v: dict[str, Any]) -> bool:
            payments.update_payment(db, p.id, v["due_on"], v["amount"], v["note"], expected_version=p.version,
                                    direction=str(v["direction"]), decided_by=v["decided_by"],
                                    attested_by=v["attested_by"])
            return True

        self.app.push_screen(FormDialog("Ändra utbetalning", fields, submit, dialog_id="payment-edit"),
                             self._after("Utbetalningen ändrades"))

    def action_schedule(self) -> None:
        if self.detail is None:
            return
        self.app.push_screen(PaymentScheduleScreen(self.detail, self.db, self.today),
                             self._after("Betalplanen skapades"))

    def action_unmark(self) -> None:
        p = self.current_payment
        if p is None or not p.paid_amount_ore:
            self.notify("Ingen betalning att ångra på raden", severity="warning")
            return
        self._run(lambda: payments.unmark_paid(self.db, p.id, expected_version=p.version), "Betalningen ångrades")

    def action_delete_payment(self) -> None:
        p = self.current_payment
        if p is None:
            return
        question = ConfirmScreen("Ta bort utbetalningen?", f"{format_date(p.due_on)}: {format_kr(p.amount_ore)}")
        self.app.push_screen(question, lambda yes: self._run(
            lambda: payments.delete_payment(self.db, p.id, expected_version=p.version),
            "Utbetalningen togs bort") if yes else None)

    def action_add_note(self) -> None:
        db, cid, today = self.db, self.contract_id, self.today
        fields = [FormField("text", "Anteckning", value="", placeholder="vad hände, vad är nästa steg"),
                  FormField("noted_on", "Datum", value=format_date(today), placeholder="ÅÅÅÅ-MM-DD")]
        self.app.push_screen(
            FormDialog("Ny anteckning", fields,
                       lambda v: contract_edit.add_note(db, cid, v["text"], v["noted_on"], today=today),
                       dialog_id="contract-note"),
            self._after("Anteckningen sparades"))

    def action_edit(self) -> None:
        db, cid = self.db, self.contract_id
        form = self.attempt(lambda: ContractFormScreen(db, cid), "Kunde inte läsa avtalet (se loggfilen)")
        if form is not None:
            self.app.push_screen(form, self._after("Avtalet sparades"))

    def action_archive(self) -> None:
        """Archive (asking first when a live contract still has unpaid payments or renews itself), or
        take an archived contract out of the archive."""
        if self.detail is not None:
            contract_archiving.archive_or_restore(self, self.detail)

    def show_filter(self, name: str) -> None:
        """Översikt, with this contract left open in Avtal: back to the list, filtered as asked."""
        below = self.contracts_list
        if below is None:
            return
        while self.app.screen is not below and len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        below.show_filter(name)

    @on(DataTable.RowSelected, "#payments")
    def _payment_selected(self) -> None:
        self.action_mark_paid()
