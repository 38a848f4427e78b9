"""Portfolio and budget at scale: 5 000 initiatives, 50 budget lines × 10 years. Measures, through the
real TUI driven by Pilot on a SQLite file:
- Portfölj opening (key 2 until board and list are filled),
- switching to the list view and back,
- moving a card one phase (``>`` until it shows in the next column; median of several moves),
- Budget opening (key 6 until the table is filled).
Data is synthetic (Swedish-looking names) and bulk-inserted with SQLAlchemy Core (no audit)."""

from __future__ import annotations

import asyncio
import random
import statistics
import time
from datetime import date, datetime, timedelta

import sqlalchemy as sa

from bench import _pilot, _setup

N_INITIATIVES = 5_000
N_LINES = 50
YEARS = list(range(2017, 2027))
TODAY = date(2026, 11, 25)
WORDS = ["Samverkan", "Trygghet", "Måltider", "Fritid", "Läsfrämjande", "Äldres hälsa", "Skolnärvaro",
         "Föräldrastöd", "Öppen verkstad", "Digital vardag", "Ensamhet", "Rörelse", "Språk", "Kultur"]
PLACES = ["Västerås", "Eskilstuna", "Skultuna", "Årby", "Råby", "Fröslunda", "Bäckby", "Lagersberg"]
FIRST = ["Anna", "Björn", "Cecilia", "David", "Elin", "Fredrik", "Greta", "Hassan", "Ida", "Johan", "Åsa", "Örjan"]
LAST = ["Andersson", "Berg", "Claesson", "Dahl", "Ek", "Fransson", "Gustafsson", "Holm", "Ivarsson", "Åberg"]
PHASES = ["förslag", "utforskas", "planeras", "fas 1", "fas 1", "fas 2", "avslutad", "pausad", "avslagen"]
FOCUS = ["barn", "aldre", "overgripande"]
SOURCES = ["ordinarie", "pilot", "extern", "ingen"]


def generate(db, seed: int = 7) -> None:
    from shk_tui.db.models import BudgetLine, BudgetYear, Contact, Initiative

    rng = random.Random(seed)
    now = datetime(2026, 11, 1, 12)
    with db.engine.begin() as conn:
        contacts = [{"id": i + 1, "first_name": rng.choice(FIRST), "last_name": rng.choice(LAST),
                     "archived": False, "search_text": "", "sort_key": "", "created_at": now, "updated_at": now}
                    for i in range(80)]
        conn.execute(sa.insert(Contact.__table__), contacts)
        rows = []
        for i in range(N_INITIATIVES):
            source = rng.choice(SOURCES)
            budget = 0 if source == "ingen" else rng.randint(1, 60) * 10_000_00
            rows.append({
                "name": f"{rng.choice(WORDS)} i {rng.choice(PLACES)} {i + 1}", "focus_area": rng.choice(FOCUS),
                "kind": "innovation", "phase": rng.choice(PHASES), "budget_ore": budget, "budget_source": source,
                "pilot_ore": budget if source == "pilot" else 0, "owner_id": rng.randint(1, 80),
                "context": f"{rng.choice(PLACES)} och {rng.choice(PLACES)}", "next_step": "Avstämning",
                "next_step_on": TODAY + timedelta(days=rng.randint(-30, 90)),
                "decided_by": "Core Team" if budget > 200_000_00 else None,
                "decided_on": TODAY - timedelta(days=30) if budget > 200_000_00 else None,
                "created_at": now - timedelta(minutes=i), "updated_at": now,
            })
        conn.execute(sa.insert(Initiative.__table__), rows)
        lines = [{"id": i + 1, "name": f"{rng.choice(WORDS)} {rng.choice(PLACES)} {i + 1}",
                  "group": ["verksamhet", "pilot", "funktion", "reserverat"][i % 4], "position": i,
                  "created_at": now, "updated_at": now} for i in range(N_LINES)]
        conn.execute(sa.insert(BudgetLine.__table__), lines)
        years = []
        for line in lines:
            for year in YEARS:
                budget = rng.randint(5, 400) * 10_000_00
                years.append({"line_id": line["id"], "year": year, "budget_ore": budget,
                              "outcome_ore": int(budget * rng.uniform(0.2, 1.1)),
                              "outcome_as_of": date(year, 12, 31), "created_at": now, "updated_at": now})
        conn.execute(sa.insert(BudgetYear.__table__), years)


async def _measure(db) -> dict[str, float]:
    from textual.widgets import DataTable

    from shk_tui.app import ShkApp
    from shk_tui.enums import Phase
    from shk_tui.ui.budget.budget import BudgetScreen
    from shk_tui.ui.portfolio.portfolio import PortfolioScreen


    until = _pilot.until

    async def idle(pilot) -> None:
        await _pilot.idle(pilot, repaint=0.1)  # each figure measures one action alone

    app = ShkApp(db, today=TODAY)
    out: dict[str, float] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await idle(pilot)

        def portfolio_filled() -> bool:
            screen = app.screen
            return isinstance(screen, PortfolioScreen) and screen.kanban.column(Phase.FORSLAG).option_count > 0

        out["portfolj"] = await _pilot.timed_press(pilot, "2", portfolio_filled)
        await idle(pilot)
        screen = app.screen
        t0 = time.perf_counter()
        await pilot.press("v")
        table = screen.query_one("#section DataTable", DataTable)
        await until(lambda: table.has_focus and table.row_count > 0)
        out["lista"] = time.perf_counter() - t0
        await idle(pilot)
        # a filter change in the list (focus area) until the new rows are shown
        first = str(table.get_row_at(0)[1])
        t0 = time.perf_counter()
        screen.query_one("#filter-focus_area").value = "aldre"
        await until(lambda: table.row_count > 0 and str(table.get_row_at(0)[1]) != first
                    and all(str(table.get_row_at(i)[1]) == "Äldre" for i in range(3)))
        out["filter"] = time.perf_counter() - t0
        await pilot.press("v")
        await idle(pilot)
        # moves: cards without budget from förslag onwards (no decision needed)
        timings = []
        kanban = screen.kanban
        candidates = [c for c in kanban.column(Phase.FORSLAG).cards if c.budget_ore == 0][:7]
        for card in candidates:
            kanban.select(card.id)
            await idle(pilot)
            await asyncio.sleep(0.1)  # let the selection's repaint finish: measure the move alone
            t0 = time.perf_counter()
            press = asyncio.create_task(pilot.press("greater_than_sign"))
            await until(lambda c=card: any(x.id == c.id for x in kanban.column(Phase.UTFORSKAS).cards))
            timings.append(time.perf_counter() - t0)
            await press
            await pilot.pause()
        out["flytt"] = statistics.median(timings)

        def budget_filled() -> bool:
            return isinstance(app.screen, BudgetScreen) and app.screen.query_one("#budget-table", DataTable).row_count

        out["budget"] = await _pilot.timed_press(pilot, "6", budget_filled)
        await idle(pilot)
    return out


def run() -> list[str]:
    with _setup.generated(generate) as data:
        lines = [f"data: {N_INITIATIVES} initiativ, {N_LINES} budgetrader × {len(YEARS)} år ({data.seconds:.1f} s)"]
        result = asyncio.run(_measure(data.db))
    line = _setup.line
    lines.append(line("Portfölj öppnas (tavlan)", result["portfolj"], 0.300))
    lines.append(line("Listvyn visas", result["lista"], 0.300))
    lines.append(line("Listan filtreras (fokusområde)", result["filter"], 0.300))
    lines.append(line("Flytta ett kort en fas (median)", result["flytt"], 0.030))
    lines.append(line("Budget öppnas", result["budget"], 0.300))
    return lines


if __name__ == "__main__":
    for text in run():
        print(text)
