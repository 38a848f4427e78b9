"""One initiative (modal): every field, its indicators (name, target, current, unit, measured on),
linked events, contracts, organisations and contacts, and the phase history from the audit trail.
``m`` records a measurement of the highlighted indicator, ``i`` adds an indicator, ``e`` edits."""

from __future__ import annotations

from rich.markup import escape
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import DataTable, Static

from shk_tui.enums import BudgetSource, FocusArea, Function, InitiativeKind, Phase
from shk_tui.fmt import format_kr, parse_kr
from shk_tui.services.portfolio import initiatives as svc
from shk_tui.services.portfolio.portfolio import decision_level
from shk_tui.ui import keys
from shk_tui.ui.base.work import ShkDialog
from shk_tui.ui.widgets.table import Table

LINK_HEADINGS = {"evenemang": "Evenemang", "avtal": "Avtal", "organisation": "Parter", "kontakt": "Kontakter"}


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:g}".replace(".", ",")


def summary(detail: svc.Detail) -> str:
    v = detail.values
    budget = parse_kr(v.budget) if v.budget else 0
    pilot = parse_kr(v.pilot) if v.pilot else 0
    lines = [
        f"[b]{escape(v.name)}[/b]",
        f"Fokusområde: {FocusArea(v.focus_area).label}   Fas: {Phase(v.phase).label}   "
        f"Typ: {InitiativeKind(v.kind).label}   Funktion: {Function(v.function).label if v.function else '–'}",
        f"Budget: {format_kr(budget) if budget else '–'} {escape(v.budget_note)}   "
        f"Källa: {BudgetSource(v.budget_source).label}"
        + (f" (varav pilot {format_kr(pilot)})" if v.budget_source == BudgetSource.BLANDAD else ""),
        f"Beslutsnivå: {decision_level(budget).label}   Beslutat av: {escape(v.decided_by) or '–'} "
        f"{v.decided_on}".rstrip(),
        f"Ägare: {escape(detail.owner) or '–'}   Start: {v.starts_on or '–'}   Slut: {v.ends_on or '–'}",
        f"Nästa steg: {v.next_step_on} {escape(v.next_step) or '–'}".replace("  ", " "),
    ]
    for key, label in svc.TEXT_FIELDS[1:]:
        value = getattr(v, key)
        if value and key not in ("budget_note", "next_step"):
            lines.append(f"[b]{label.split(' (')[0]}:[/b] {escape(value)}")
    return "\n".join(lines)


class InitiativeDetailScreen(ShkDialog[None]):
    CSS_PATH = "dialogs.tcss"
    BINDINGS = keys.of("initiative_detail")

    def __init__(self, initiative_id: int) -> None:
        super().__init__()
        self.initiative_id = initiative_id
        self.detail: svc.Detail | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            with VerticalScroll(id="detail-scroll", can_focus=True):
                yield Static("", id="detail-summary", classes="text")
                yield Static("Indikatorer (m = ny mätning, i = ny indikator)", classes="heading")
                yield Table(id="detail-indicators", cursor_type="row", zebra_stripes=True)
                yield Static("", id="detail-links", classes="text")
                yield Static("", id="detail-history", classes="text")
            yield Static("[b]e[/] ändra · [b]m[/] ny mätning · [b]i[/] ny indikator · [b]tab[/] bläddra · "
                         "[b]esc[/] stäng",
                         classes="keys")

    def on_mount(self) -> None:
        table = self.query_one("#detail-indicators", DataTable)
        table.add_columns("Indikator", "Mål", "Nuläge", "Enhet", "Mätt")
        self.refresh_detail()
        table.focus()

    def refresh_detail(self) -> None:
        db, iid = self.db, self.initiative_id
        self.load(lambda: svc.get(db, iid), self._show, on_error=self._load_failed)

    def _load_failed(self, exc: BaseException) -> None:
        self.report_error(exc, "Kunde inte läsa initiativet (se loggfilen)")
        if self.is_active:
            self.dismiss(None)

    def _show(self, detail: svc.Detail) -> None:
        self.detail = detail
        self.query_one("#detail-summary", Static).update(summary(detail))
        table = self.query_one("#detail-indicators", DataTable)
        row = table.cursor_row
        table.clear()
        for ind in detail.indicators:
            table.add_row(ind.name, _number(ind.target), _number(ind.current), ind.unit,
                          ind.measured_on.isoformat() if ind.measured_on else "", key=str(ind.id))
        if detail.indicators:
            table.move_cursor(row=min(row, len(detail.indicators) - 1))
        links = []
        for kind, heading in LINK_HEADINGS.items():
            found = [escape(link.text) for link in detail.links if link.kind == kind]
            links.append(f"[b]{heading}:[/b] " + ("; ".join(found) if found else "–"))
        self.query_one("#detail-links", Static).update("\n".join(links))
        history = "; ".join(f"{d} {old + ' → ' if old else 'skapad i '}{new}" for d, old, new in detail.history)
        self.query_one("#detail-history", Static).update(f"[b]Fashistorik:[/b] {history or '–'}")

    def action_close(self) -> None:
        self.dismiss(None)

    def action_edit(self) -> None:
        from shk_tui.ui.portfolio.initiative_form import InitiativeFormScreen

        self.app.push_screen(InitiativeFormScreen(self.initiative_id), lambda _r: self.refresh_detail())

    def action_measure(self) -> None:
        from shk_tui.ui.portfolio.measure import MeasureScreen

        if not self.detail or not self.detail.indicators:
            self.notify("Inga indikatorer – tryck i för att lägga till", severity="warning")
            return
        row = self.query_one("#detail-indicators", DataTable).cursor_row
        indicator = self.detail.indicators[max(0, min(row, len(self.detail.indicators) - 1))]
        self.app.push_screen(MeasureScreen(indicator), lambda _r: self.refresh_detail())

    def action_new_indicator(self) -> None:
        from shk_tui.ui.portfolio.indicator_form import IndicatorFormScreen

        self.app.push_screen(IndicatorFormScreen(self.initiative_id), lambda _r: self.refresh_detail())
