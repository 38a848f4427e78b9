"""Uppföljning of one event or of a period: counts per status, attendance rate, breadth per party
and per organisation kind (bar charts and tables), no-shows per organisation, and the dietary
summary for catering as counts only."""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Label, Static

from shk_tui.enums import ParticipationStatus as PS
from shk_tui.errors import ShkError
from shk_tui.fmt import parse_date
from shk_tui.services.events import event_export
from shk_tui.services.events import events as events_svc
from shk_tui.services.events import followup as svc
from shk_tui.services.events.event_export import percent
from shk_tui.ui.widgets.bar_chart import BarChart
from shk_tui.ui.widgets.footer import Footer

log = logging.getLogger("shk_tui")


def summary_text(f: svc.Followup) -> str:
    counts = " · ".join(f"{s.label.lower()} {f.counts[s]}" for s in PS)
    rate = percent(f.attendance_rate)
    events = f"{f.events} evenemang · " if f.events != 1 else ""
    return f"{events}{counts}\nNärvaro (deltog / (deltog + uteblev)): {rate}"


class FollowupScreen(Screen):
    CSS_PATH = "events.tcss"
    BINDINGS = [
        Binding("escape", "back", "Tillbaka", id="followup.back"),
        Binding("x", "export", "Exportera (CSV)", id="followup.export"),
    ]

    class Loaded(Message):
        def __init__(self, result: svc.Followup, seq: int) -> None:
            super().__init__()
            self.seq = seq
            self.result = result

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
        self._seq = 0

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="fu-body"):
            yield Static("Uppföljning", id="fu-title")
            if self.event_id is None:
                with Horizontal(id="fu-period"):
                    yield Label("Från ")
                    yield Input(self.start.isoformat() if self.start else "", id="fu-from", compact=True)
                    yield Label("Till ")
                    yield Input(self.end.isoformat() if self.end else "", id="fu-to", compact=True)
            yield Static("Laddar …", id="fu-summary")
            yield Static("Bredd per part", classes="fu-heading", id="fu-party-heading")
            yield BarChart(id="fu-party-chart")
            yield DataTable(id="fu-party", cursor_type="none")
            yield Static("Per organisationstyp", classes="fu-heading")
            yield BarChart(id="fu-kind-chart")
            yield DataTable(id="fu-kind", cursor_type="none")
            yield Static("Uteblivna per organisation", classes="fu-heading", id="fu-noshow-heading")
            yield DataTable(id="fu-noshow", cursor_type="none")
            yield Static("Kost (antal, för catering)", classes="fu-heading")
            yield Static("", id="fu-diet")
            if self.event_id is None:
                yield Static("Per evenemang", classes="fu-heading")
                yield DataTable(id="fu-events", cursor_type="none")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#fu-party", DataTable).add_columns("Part", "Antal", "Andel")
        self.query_one("#fu-kind", DataTable).add_columns("Organisationstyp", "Antal", "Andel")
        self.query_one("#fu-noshow", DataTable).add_columns("Organisation", "Deltog", "Uteblev", "Andel uteblev")
        if self.event_id is None:
            self.query_one("#fu-events", DataTable).add_columns("Evenemang", "Deltog", "Uteblev", "Närvaro")
        self.reload()

    def reload(self) -> None:
        self._seq += 1
        self._load(self.app.db, self.event_id, self.start, self.end, self._seq)

    @work(thread=True, group="followup-load")
    def _load(self, db: Any, event_id: int | None, start: date | None, end: date | None, seq: int) -> None:
        try:
            if event_id is not None:
                result = svc.for_event(db, event_id)
            else:
                result = svc.for_period(db, start or date.min, end or date.max, self.flt)
        except ShkError as exc:
            self.app.call_from_thread(self.notify, exc.message, severity="error", title="Fel")
            return
        except Exception:
            log.exception("follow-up failed")
            self.app.call_from_thread(self.notify, "Kunde inte räkna fram uppföljningen (se loggfilen)", severity="error")
            return
        self.post_message(self.Loaded(result, seq))

    def on_followup_screen_loaded(self, message: Loaded) -> None:
        if message.seq != self._seq:
            return  # a newer period was asked for
        f = self.result = message.result
        self.title = f"Uppföljning – {f.title}"
        self.query_one("#fu-title", Static).update(f"Uppföljning: {f.title}")
        self.query_one("#fu-summary", Static).update(summary_text(f))
        self.query_one("#fu-party-heading", Static).update(f"Bredd per part – {f.participants} {f.basis}")
        self.query_one("#fu-party-chart", BarChart).update_items(f.breadth_party)
        total = f.participants
        party = self.query_one("#fu-party", DataTable)
        party.clear()
        for label, n in f.breadth_party:
            party.add_row(label, str(n), percent(n / total if total else None))
        self.query_one("#fu-kind-chart", BarChart).update_items(f.breadth_kind)
        kinds = self.query_one("#fu-kind", DataTable)
        kinds.clear()
        for label, n in f.breadth_kind:
            kinds.add_row(label, str(n), percent(n / total if total else None))
        noshow = self.query_one("#fu-noshow", DataTable)
        noshow.clear()
        self.query_one("#fu-noshow-heading", Static).update(
            "Uteblivna per organisation" if f.no_shows else "Uteblivna per organisation: ingen närvaro uppföljd än"
        )
        for row in f.no_shows:
            noshow.add_row(row.organisation, str(row.attended), str(row.no_show), percent(row.rate))
        self.query_one("#fu-diet", Static).update(
            f"{f.eating} personer anmälda/deltog · {svc.diet_text(f.dietary)}"
        )
        if self.event_id is None:
            table = self.query_one("#fu-events", DataTable)
            table.clear()
            for name, came, missed in f.per_event:
                table.add_row(name, str(came), str(missed), percent(came / (came + missed) if came + missed else None))

    @on(Input.Submitted)
    def _period(self) -> None:
        try:
            start = parse_date(self.query_one("#fu-from", Input).value)
            end = parse_date(self.query_one("#fu-to", Input).value)
        except ValueError as exc:
            self.notify(str(exc), severity="error")
            return
        if end < start:
            self.notify("Periodens slut måste vara samma dag som eller efter starten", severity="error")
            return
        self.start, self.end = start, end
        self.reload()

    def action_export(self) -> None:
        if self.result is None:
            return
        name = "uppfoljning-" + event_export.slug(self.result.title) + ".csv"
        try:
            path = event_export.write(event_export.followup_csv(self.result), name)
        except ShkError as exc:
            self.notify(exc.message, severity="error")
            return
        self.notify(f"Sparad: {path}", title="Exporterad", timeout=8)

    def action_back(self) -> None:
        self.app.pop_screen()
