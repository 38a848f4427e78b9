"""Opening each section at scale (issue #17), on bench/search.py's data (100 000 contacts in 5 000
organisations, 10 000 contracts with 20 000 payments, 10 000 events, 5 000 initiatives), plus 50 budget
lines × 10 years and one event with 2 000 participants.

In one ShkApp session per round (a new app each round, so every section opens for the FIRST time: a
section already opened is switched to, not rebuilt) it measures, from the key until the screen's table
shows its first rows (and its detail or side pane where it has one):
- the six sections by their keys (app.SECTIONS: 1 Översikt, 2 Portfölj, 3 Kontakter, 4 Evenemang, 5 Avtal,
  6 Budget; Översikt is the start screen, so its mode is replaced by a new one and opened again with 1
  at the end of the round),
- the contract detail (enter on the first contract in Avtal),
- the participant list of 2 000 (enter on that event in Evenemang);
against the floor (bench/floor_screen.py): a bare Textual app pushing a screen with the same kinds of
widgets, under the same Pilot harness. App and floor rounds alternate (and which goes first); each line
prints the median figure, the median floor and the median of the per-round ratios, target ≤ 1.5×.
Also printed: the TUI's memory (VmRSS, and the peak) after opening everything, in a process that does
only that; target < 250 MB."""

from __future__ import annotations

import asyncio
import json
import os
import resource
import statistics
import subprocess
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from bench import _pilot, _setup, floor_screen, search

TODAY = date(2026, 11, 25)
ROUNDS = 5
SIZE = (120, 40)
BIG_EVENT = 2_000
N_LINES = 50
YEARS = range(2017, 2027)
#: What is measured, in the order it is opened in a round, with its printed name.
NAMES = {
    "portfolj": "Portfölj (2)",
    "kontakter": "Kontakter (3)",
    "evenemang": "Evenemang (4)",
    "deltagare": "Deltagarlista, 2 000 personer (enter i Evenemang)",
    "avtal": "Avtal (5)",
    "avtalet": "Avtalets detalj (enter i Avtal)",
    "budget": "Budget (6)",
    "oversikt": "Översikt (1)",
}


def generate(db) -> int:
    """bench/search.py's data, budget lines and a 2 000-person event; returns that event's id."""
    from shk_tui.db.models import BudgetLine, BudgetYear, Event, Participation

    search.generate(db)
    now = datetime(2026, 1, 1)
    big = search.N_EVENTS + 1
    with db.engine.begin() as conn:
        conn.execute(sa.insert(Event.__table__), [
            {"id": big, "title": "Inkludera Mera 2026", "kind": "forum", "starts_at": datetime(2026, 12, 2, 9),
             "ends_at": datetime(2026, 12, 2, 16), "location": "Aulan", "city": "Västerås", "status": "planerad",
             "created_at": now, "updated_at": now}])
        step = search.contacts.N_CONTACTS // BIG_EVENT
        conn.execute(sa.insert(Participation.__table__), [
            {"event_id": big, "contact_id": 1 + i * step, "status": "anmäld", "role": "deltagare",
             "registered_at": now, "created_at": now, "updated_at": now} for i in range(BIG_EVENT)])
        conn.execute(sa.insert(BudgetLine.__table__), [
            {"id": i, "name": f"Budgetrad {i}", "group": ["verksamhet", "pilot", "funktion", "reserverat"][i % 4],
             "position": i, "created_at": now, "updated_at": now} for i in range(1, N_LINES + 1)])
        conn.execute(sa.insert(BudgetYear.__table__), [
            {"line_id": i, "year": y, "budget_ore": (i * 7 + y) % 40 * 10_000_00 + 10_000_00,
             "outcome_ore": (i * 3 + y) % 30 * 10_000_00, "outcome_as_of": date(y, 12, 31), "created_at": now,
             "updated_at": now} for i in range(1, N_LINES + 1) for y in YEARS])
        conn.exec_driver_sql("ANALYZE")
    return big


# --- the floor ------------------------------------------------------------------------------------

async def floor_round(times: int = len(NAMES)) -> float:
    """A bare app pushing the floor screen ``times`` times (popped in between); the median opening."""
    app = floor_screen.FloorScreenApp()
    found = []
    async with app.run_test(size=SIZE) as pilot:
        await _pilot.idle(pilot)
        for _ in range(times):
            found.append(await _pilot.timed_press(pilot, floor_screen.KEY, lambda: floor_screen.shown(app)))
            await _pilot.idle(pilot)
            await pilot.press("escape")
            await _pilot.idle(pilot)
    return statistics.median(found)


# --- the app --------------------------------------------------------------------------------------

def _rows(screen: Any, selector: str) -> int:
    from textual.widgets import DataTable

    return screen.query_one(selector, DataTable).row_count


def conditions(app: Any) -> dict[str, Callable[[], bool]]:
    """Per name: the screen is on top and its table shows rows (its pane its text)."""
    from shk_tui.ui.budget.budget import BudgetScreen
    from shk_tui.ui.contacts.contacts import ContactsScreen
    from shk_tui.ui.contracts.contract_detail import ContractDetailScreen
    from shk_tui.ui.contracts.contracts import ContractsScreen
    from shk_tui.ui.events.events import EventsScreen
    from shk_tui.ui.events.participants import ParticipantsScreen
    from shk_tui.ui.overview.overview import OverviewScreen
    from shk_tui.ui.portfolio.portfolio import PortfolioScreen
    from shk_tui.ui.widgets.contact_detail import ContactDetailPane

    def on(cls: type, check: Callable[[Any], Any]) -> Callable[[], bool]:
        return lambda: isinstance(app.screen, cls) and bool(check(app.screen))

    return {
        "portfolj": on(PortfolioScreen, lambda s: any(c.option_count for c in s.kanban.columns)),
        "kontakter": on(ContactsScreen, lambda s: s.table.row_count
                        and str(s.query_one(ContactDetailPane).render()).strip()),
        "evenemang": on(EventsScreen, lambda s: _rows(s, "#table")),
        "deltagare": on(ParticipantsScreen, lambda s: s.table.row_count == BIG_EVENT),
        "avtal": on(ContractsScreen, lambda s: s.loads and s.table.row_count),
        "avtalet": on(ContractDetailScreen, lambda s: s.detail is not None and _rows(s, "#payments")),
        "budget": on(BudgetScreen, lambda s: _rows(s, "#budget-table")),
        "oversikt": on(OverviewScreen, lambda s: s.loads and s.table.row_count
                       and _rows(s, "#section .section-rows")),
    }


async def app_round(db, big: int, timed: bool = True) -> dict[str, float]:
    """One new ShkApp: every section opened for the first time, the contract detail and the list of 2 000."""
    from shk_tui.app import SECTIONS, ShkApp, fresh_screen

    app = ShkApp(db, today=TODAY)
    done = conditions(app)
    out: dict[str, float] = {}

    async def press(name: str, key: str) -> None:
        out[name] = await _pilot.timed_press(pilot, key, done[name])
        await _pilot.idle(pilot, 0.05)

    async with app.run_test(size=SIZE) as pilot:
        await _pilot.idle(pilot, 0.3)  # Översikt's loads and the start's timers
        await press("portfolj", "2")
        await press("kontakter", "3")
        await press("evenemang", "4")
        events = app.screen
        events.table.move_cursor(row=events.table.get_row_index(str(big)))
        await _pilot.idle(pilot)
        await press("deltagare", "enter")
        await pilot.press("escape")
        await _pilot.idle(pilot)
        await press("avtal", "5")
        app.screen.table.move_cursor(row=0)
        await _pilot.idle(pilot)
        await press("avtalet", "enter")
        await pilot.press("escape")
        await _pilot.idle(pilot)
        await press("budget", "6")
        # Översikt afresh: its mode replaced by a new screen, as at the start
        oversikt = SECTIONS[0]
        app.remove_mode(oversikt.mode)
        app.add_mode(oversikt.mode, fresh_screen(oversikt.screen))
        await press("oversikt", "1")
        if not timed:
            out["rss_mb"] = rss_mb()
            out["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def memory_main(db_path: str, big: str) -> None:
    """In a process of its own (``run``): open everything once, print the memory as JSON."""
    from shk_tui.config import resolve
    from shk_tui.db.engine import Database

    db = Database(resolve(db_path))
    out = asyncio.run(app_round(db, int(big), timed=False))
    db.dispose()
    print(json.dumps(out))


async def measure(db, big: int, rounds: int = ROUNDS) -> list[tuple[float, dict[str, float]]]:
    await app_round(db, big)  # warm-up: imports, SQLite's page cache
    await floor_round(2)
    found = []
    for i in range(rounds):  # floor and app alternate, and which goes first too
        if i % 2:
            figures = await app_round(db, big)
            floor = await floor_round()
        else:
            floor = await floor_round()
            figures = await app_round(db, big)
        found.append((floor, figures))
    return found


def run() -> list[str]:
    with _setup.generated(generate) as data:
        big = data.value
        lines = [f"data: {search.contacts.N_CONTACTS} kontakter, {search.N_CONTRACTS} avtal, {search.N_EVENTS + 1} "
                 f"evenemang (ett med {BIG_EVENT} deltagare), {search.N_INITIATIVES} initiativ, {N_LINES} budgetrader "
                 f"× {len(YEARS)} år ({data.seconds:.1f} s)"]
        rounds = asyncio.run(measure(data.db, big))
        proc = subprocess.run(
            [sys.executable, "-c", "import sys, bench.sections as b; b.memory_main(sys.argv[1], sys.argv[2])",
             str(data.path), str(big)],
            capture_output=True, text=True, env=dict(os.environ), cwd=Path(__file__).resolve().parents[1], timeout=600)
    floor = statistics.median(f for f, _ in rounds)
    for name, label in NAMES.items():
        figure = statistics.median(r[name] for _, r in rounds)
        ratio = statistics.median(r[name] / f for f, r in rounds)
        lines.append(_setup.ratio_line(f"{label} öppnas", figure, floor, ratio, unit="ms"))
    if proc.returncode != 0:
        lines.append("Minnesmätningen misslyckades: FAIL")
        lines.extend(proc.stderr.strip().splitlines()[-5:])
    else:
        mem = json.loads(proc.stdout.strip().splitlines()[-1])
        lines.append(_setup.line("TUI:ns minne efter att allt öppnats (VmRSS)", mem["rss_mb"], 250, unit="MB")
                     + f"; topp {mem['maxrss_mb']:.0f} MB")
    return lines


if __name__ == "__main__":
    for text in run():
        print(text)
