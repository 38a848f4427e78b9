"""Uppföljning of one event or of a period: counts per status, attendance rate, breadth per party
and per organisation kind (bar charts and tables), no-shows per organisation, and the dietary
summary for catering as counts only."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Header, Input, Label, Static

from shk_tui.enums import ParticipationStatus as PS
from shk_tui.fmt import count, parse_date
from shk_tui.services.events import event_export
from shk_tui.services.events import events as events_svc
from shk_tui.services.events import followup as svc
from shk_tui.services.events.event_export import percent
from shk_tui.ui import keys
from shk_tui.ui.base.export_target import saved_notice
from shk_tui.ui.base.work import ShkScreen
from shk_tui.ui.events.export_dialog import SaveExportScreen
from shk_tui.ui.events.participant_actions import EXPORT_FAILED
from shk_tui.ui.widgets.bar_chart import BarChart
from shk_tui.ui.widgets.footer import Footer


def summary_text(f: svc.Followup) -> str:
    counts = " · ".join(f"{s.label.lower()} {f.counts[s]}" for s in PS)
    rate = percent(f.attendance_rate)
    events = f"{f.events} evenemang · " if f.events != 1 else ""
    return f"{events}{counts}\nNärvaro (deltog / (deltog + uteblev)): {rate}"


class FollowupScreen(ShkScreen):
    CSS_PATH = "events.tcss"
    LOAD_FAILED = "Kunde inte räkna fram uppföljningen (se loggfilen)"
    BINDINGS = keys.of("followup")

    def __init__(
        self,
        *,
        event_id: int | None = None,
        start: date | None = None,
        end: date | None = None,
        flt: events_svc.EventFilter | None = None,
    ) -> None:
        super().__init__()
        self.event_id = event_id
        self.flt = flt
        self.start = start
        self.end = end
        self.result: svc.Followup | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="body"):
            yield Static("Uppföljning", id="title")
            if self.event_id is None:
                with Horizontal(id="period"):
                    yield Label("Från ")
                    yield Input(self.start.isoformat() if self.start else "", id="from", compact=True)
                    yield Label("Till ")
                    yield Input(self.end.isoformat() if self.end else "", id="to", compact=True)
            yield Static("Laddar …", id="summary")
            yield Static("Bredd per part", classes="heading", id="party-heading")
            yield BarChart(id="party-chart")
            yield DataTable(id="party", cursor_type="none")
            yield Static("Per organisationstyp", classes="heading")
            yield BarChart(id="kind-chart")
            yield DataTable(id="kind", cursor_type="none")
            yield Static("Uteblivna per organisation", classes="heading", id="noshow-heading")
            yield DataTable(id="noshow", cursor_type="none")
            yield Static("Kost (antal, för catering)", classes="heading")
            yield Static("", id="diet")
            if self.event_id is None:
                yield Static("Per evenemang", classes="heading")
                yield DataTable(id="events", cursor_type="none")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#party", DataTable).add_columns("Part", "Antal", "Andel")
        self.query_one("#kind", DataTable).add_columns("Organisationstyp", "Antal", "Andel")
        self.query_one("#noshow", DataTable).add_columns("Organisation", "Deltog", "Uteblev", "Andel uteblev")
        if self.event_id is None:
            self.query_one("#events", DataTable).add_columns("Evenemang", "Deltog", "Uteblev", "Närvaro")
        self.reload()

    def reload(self) -> None:
        db, event_id, start, end, flt = self.db, self.event_id, self.start, self.end, self.flt

        def fetch() -> svc.Followup:
            if event_id is not None:
                return svc.for_event(db, event_id)
            return svc.for_period(db, start or date.min, end or date.max, flt)

        self.load(fetch, self.show)  # a newer period asked for wins

    def show(self, f: svc.Followup) -> None:
        self.result = f
        self.title = f"Uppföljning – {f.title}"
        self.query_one("#title", Static).update(f"Uppföljning: {f.title}")
        self.query_one("#summary", Static).update(summary_text(f))
        self.query_one("#party-heading", Static).update(f"Bredd per part – {f.participants} {f.basis}")
        self.query_one("#party-chart", BarChart).update_items(f.breadth_party)
        total = f.participants
        party = self.query_one("#party", DataTable)
        party.clear()
        for label, n in f.breadth_party:
            party.add_row(label, str(n), percent(n / total if total else None))
        self.query_one("#kind-chart", BarChart).update_items(f.breadth_kind)
        kinds = self.query_one("#kind", DataTable)
        kinds.clear()
        for label, n in f.breadth_kind:
            kinds.add_row(label, str(n), percent(n / total if total else None))
        noshow = self.query_one("#noshow", DataTable)
        noshow.clear()
        self.query_one("#noshow-heading", Static).update(
            "Uteblivna per organisation" if f.no_shows else "Uteblivna per organisation: ingen närvaro uppföljd än"
        )
        for row in f.no_shows:
            noshow.add_row(row.organisation, str(row.attended), str(row.no_show), percent(row.rate))
        self.query_one("#diet", Static).update(
            f"{count(f.eating, 'person', 'personer')} anmälda/deltog · {svc.diet_text(f.dietary)}"
        )
        if self.event_id is None:
            table = self.query_one("#events", DataTable)
            table.clear()
            for name, came, missed in f.per_event:
                table.add_row(name, str(came), str(missed), percent(came / (came + missed) if came + missed else None))

    @on(Input.Submitted)
    def _period(self) -> None:
        try:
            start = parse_date(self.query_one("#from", Input).value)
            end = parse_date(self.query_one("#to", Input).value)
        except ValueError as exc:
            self.notify(str(exc), severity="error")
            return
        if end < start:
            self.notify("Periodens slut måste vara samma dag som eller efter starten", severity="error")
            return
        self.start, self.end = start, end
        self.reload()

    def action_export(self) -> None:
        result = self.result
        if result is None:
            return
        name = "uppfoljning-" + event_export.slug(result.title) + ".csv"
        data = self.attempt(lambda: event_export.followup_csv(result), EXPORT_FAILED)
        if data is None:
            return

        def saved(path: Path | None) -> None:
            if path is not None:
                self.notify(saved_notice("uppföljningen", path), title="Exporterad", timeout=8)

        self.app.push_screen(SaveExportScreen("Uppföljning (CSV)", name, data), saved)

    def action_back(self) -> None:
        self.app.pop_screen()
