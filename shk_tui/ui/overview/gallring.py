"""Gallring (modal, from Översikt with ``g`` or enter on "Gallring att göra"): each retention rule with
its period, source and what it removes or anonymises now, and the inactive contacts proposed for
review. ``ctrl+r`` gallrar (after a confirmation, one transaction); on a contact to review, enter opens
its GDPR dialog (erase, or restrict when its data must be kept) and ``b`` keeps it (reviewed: not
proposed again for the rule's period). Dismisses with True when something changed."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Static

from shk_tui.fmt import count, format_date
from shk_tui.services import gallring
from shk_tui.services.gallring import Plan
from shk_tui.ui import keys
from shk_tui.ui.base.confirm import ConfirmScreen
from shk_tui.ui.base.work import ShkDialog
from shk_tui.ui.widgets.table import Table


class GallringScreen(ShkDialog[bool]):
    CSS_PATH = ["../contacts/contacts.tcss", "gallring.tcss"]
    BINDINGS = keys.of("gallring")

    def __init__(self) -> None:
        super().__init__()
        self.plan: Plan | None = None
        self.changed = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="form-dialog wide-dialog"):
            yield Static("Gallring – personuppgifter och arkiv", classes="form-title")
            yield Table(cursor_type="row", id="gallring-rules")
            yield Static("Laddar …", id="gallring-summary")
            yield Static("Att granska", id="gallring-review-title")
            yield Table(cursor_type="row", id="gallring-review")
            with Horizontal(classes="form-buttons"):
                yield Button("Gallra nu (ctrl+r)", variant="error", id="gallring-run")
                yield Button("Behåll (b)", id="gallring-keep")
                yield Button("Stäng (esc)", id="gallring-close")

    def on_mount(self) -> None:
        self.query_one("#gallring-rules", DataTable).add_columns("Regel", "Åtgärd", "Hur länge", "Nu", "Källa")
        self.query_one("#gallring-review", DataTable).add_columns("Namn", "Organisation", "Grund", "Senast aktiv")
        self.reload()

    def reload(self) -> None:
        db, today = self.db, self.today
        self.load(lambda: gallring.plan(db, today), self._show_plan, on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.report_error(exc, "Kunde inte läsa gallringen från databasen (se loggfilen)")
        self.query_one("#gallring-summary", Static).update("Kunde inte laddas")

    def _show_plan(self, plan: Plan) -> None:
        self.plan = p = plan
        rules = self.query_one("#gallring-rules", DataTable)
        rules.clear()
        for step in p.steps:
            r = step.rule
            rules.add_row(r.name, r.action, r.period_text, step.text, r.source)
        n = p.removals
        self.query_one("#gallring-summary", Static).update(
            f"{count(n, 'uppgift', 'uppgifter')} att gallra {format_date(p.today)}" if n
            else f"Inget att gallra {format_date(p.today)}")
        review = self.query_one("#gallring-review", DataTable)
        review.clear()
        for c in p.review:
            review.add_row(c.name, c.organisation, c.legal_basis, format_date(c.last_activity) or "–", key=str(c.id))
        k = len(p.review)
        self.query_one("#gallring-review-title", Static).update(
            f"Att granska ({k}): enter öppnar GDPR (radera eller begränsa), b behåller" if k
            else "Att granska: inga kontakter")

    def _current(self) -> int | None:
        review = self.query_one("#gallring-review", DataTable)
        if self.plan is None or not self.plan.review or not 0 <= review.cursor_row < len(self.plan.review):
            return None
        return self.plan.review[review.cursor_row].id

    @on(Button.Pressed, "#gallring-run")
    def action_run(self) -> None:
        if self.plan is None:
            return
        n = self.plan.removals
        if not n:
            self.notify("Inget att gallra")
            return
        text = "\n".join(s.text for s in self.plan.steps if s.count and s.rule.action != "granskas")
        self.app.push_screen(
            ConfirmScreen("Gallra nu?", f"{text}\n\nGörs i en transaktion och går inte att ångra.", yes="Gallra"),
            lambda yes: self._run() if yes else None)

    def _run(self) -> None:
        db, today = self.db, self.today
        self.write(lambda: gallring.run(db, today), self._ran)

    def _ran(self, done: Plan) -> None:
        self._changed(f"Gallrat: {done.removals} {'uppgift' if done.removals == 1 else 'uppgifter'}")

    @on(Button.Pressed, "#gallring-keep")
    def action_keep(self) -> None:
        contact_id = self._current()
        if contact_id is None:
            self.notify("Välj en kontakt att behålla", severity="warning")
            return
        months = next((s.rule.period for s in self.plan.steps if s.rule.key == "inaktiva"), None) if self.plan else None
        db, today = self.db, self.today
        self.write(lambda: gallring.mark_reviewed(db, [contact_id], today),
                   lambda _: self._changed(f"Behålls: granskad i dag, föreslås inte igen förrän om {months} månader"))

    def _changed(self, done: str) -> None:
        self.changed = True
        self.notify(done)
        self.reload()

    @on(DataTable.RowSelected, "#gallring-review")
    def _open_gdpr(self) -> None:
        contact_id = self._current()
        if contact_id is None:
            return
        from shk_tui.ui.contacts.gdpr import GdprScreen

        self.app.push_screen(GdprScreen(contact_id), self._after_gdpr)

    def _after_gdpr(self, changed: bool | None) -> None:
        if changed:
            self.changed = True
            self.reload()

    @on(Button.Pressed, "#gallring-close")
    def action_close(self) -> None:
        self.dismiss(self.changed)
