"""Contracts at scale: 10 000 contracts and 100 000 payments. Measures, through the real TUI driven
by Pilot on a SQLite file:
- Översikt at program start (from creating the app until its attention rows are shown),
- the Avtal screen opening (key 5 until its rows are shown; three times, first and median),
- the Översikt dashboard opening again (key 1 until a new load is shown; three times),
and ``shk due`` as a real process (interpreter start included). Data is synthetic (Swedish-looking
titles and organisations) and bulk-inserted with SQLAlchemy Core (no audit)."""

from __future__ import annotations

import asyncio
import os
import random
import statistics
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

from bench import _pilot, _setup

N_CONTRACTS = 10_000
N_PAYMENTS = 100_000
N_ORGS = 300
TODAY = date(2026, 11, 25)
ROUNDS = 3  # each screen is opened this many times; the first and the median are reported
KINDS = ["samarbetsavtal", "forskningsavtal", "uppdragsavtal", "upphandling/ramavtal", "konsultavtal",
         "studentuppdrag", "överenskommelse om medel", "övrigt"]
SUBJECTS = ["Följeforskning", "Samverkan förskola", "Äldres hälsa", "Måltider och möten", "Skolnärvaro",
            "Öppen verkstad", "Digital vardag", "Fritid för alla", "Trygghet i Årby", "Föräldrastöd",
            "Läsfrämjande", "Ensamhet bland äldre", "Hälsoekonomi", "Lokalhyra", "Konferens och catering"]
PLACES = ["Västerås", "Eskilstuna", "Köping", "Sala", "Strängnäs", "Torshälla", "Hallstahammar", "Örebro"]
ORG_KINDS = ["offentlig aktör", "akademi", "civilsamhälle", "näringsliv", "finansiär", "övrig"]


def generate(db, seed: int = 6) -> None:
    from shk_tui.db.models import Contract, Organisation, Payment

    rng = random.Random(seed)
    now = datetime(2026, 11, 1, 12)
    with db.engine.begin() as conn:
        orgs = [{"id": i + 1, "name": f"{rng.choice(['Föreningen', 'Stiftelsen', 'AB', 'Förvaltningen'])} "
                 f"{rng.choice(SUBJECTS)} {rng.choice(PLACES)} {i + 1}", "kind": rng.choice(ORG_KINDS),
                 "archived": False, "created_at": now, "updated_at": now} for i in range(N_ORGS)]
        conn.execute(sa.insert(Organisation.__table__), orgs)
        contracts = []
        for i in range(N_CONTRACTS):
            start = date(2019, 1, 1) + timedelta(days=rng.randint(0, 365 * 8))
            end = start + timedelta(days=rng.choice([365, 730, 1095, 1460]) - 1)
            ended = end < TODAY
            status = rng.choice(["avslutat", "avslutat", "uppsagt"]) if ended else rng.choice(
                ["aktivt"] * 8 + ["under signering", "utkast"])
            auto = not ended and rng.random() < 0.1
            contracts.append({
                "id": i + 1, "title": f"{rng.choice(SUBJECTS)} {rng.choice(PLACES)} {start.year}-{i + 1}",
                "kind": rng.choice(KINDS), "counterparty_id": rng.randint(1, N_ORGS),
                "diarienummer": None if rng.random() < 0.05 else f"KS {start.year}-{i + 1}/{rng.randint(1, 999)}",
                "starts_on": start, "ends_on": end, "signed_on": start - timedelta(days=14),
                "notice_months": rng.choice([None, 1, 3, 6]), "auto_renew": auto,
                "renewal_months": 12 if auto else None, "amount_ore": rng.randint(10, 5_000) * 100_000,
                "status": status, "archived_on": (end + timedelta(days=30)) if ended and rng.random() < 0.9 else None,
                "created_at": now, "updated_at": now,
            })
        conn.execute(sa.insert(Contract.__table__), contracts)
        rows = []
        per = N_PAYMENTS // N_CONTRACTS
        for c in contracts:
            part = c["amount_ore"] // per
            for k in range(per):
                due = c["starts_on"] + timedelta(days=int(k * (c["ends_on"] - c["starts_on"]).days / per))
                paid = due < TODAY - timedelta(days=10) and rng.random() < 0.98
                rows.append({"contract_id": c["id"], "due_on": due, "amount_ore": part,
                             "paid_on": due if paid else None, "paid_amount_ore": part if paid else None,
                             "reference": f"Ver {due.year}-{rng.randint(1000, 9999)}" if paid else None,
                             "created_at": now, "updated_at": now})
            if len(rows) >= 20_000:
                conn.execute(sa.insert(Payment.__table__), rows)
                rows = []
        if rows:
            conn.execute(sa.insert(Payment.__table__), rows)


async def _measure(db) -> dict[str, float]:
    from textual.widgets import DataTable

    from shk_tui.app import ShkApp
    from shk_tui.ui.contracts.contracts import ContractsScreen


    idle, until = _pilot.idle, _pilot.until

    def rows(screen_cls, selector: str):
        return lambda: isinstance(app.screen, screen_cls) and app.screen.query_one(selector, DataTable).row_count

    from shk_tui.ui.overview.overview import OverviewScreen

    t0 = time.perf_counter()
    app = ShkApp(db, today=TODAY)
    out: dict[str, list[float]] = {"avtal": [], "oversikt": [], "start": []}
    async with app.run_test(size=(120, 40)) as pilot:
        # from creating the app to the first attention rows (rolls due auto-renewals once)
        await until(lambda: isinstance(app.screen, OverviewScreen) and app.screen.loads > 0)
        out["start"].append(time.perf_counter() - t0)
        await idle(pilot)
        overview = app.screen
        contracts_screen = None
        for _ in range(ROUNDS):
            # Each open is timed until a new load is shown (a screen shown before keeps its old rows
            # while it reloads), from the key press.
            shown = contracts_screen.loads if contracts_screen is not None else 0
            t0 = time.perf_counter()
            press = asyncio.create_task(pilot.press("5"))
            await until(lambda shown=shown: isinstance(app.screen, ContractsScreen) and app.screen.loads > shown)
            contracts_screen = app.screen
            assert contracts_screen.query_one("#section DataTable", DataTable).row_count
            out["avtal"].append(time.perf_counter() - t0)
            await press
            await idle(pilot)
            shown = overview.loads
            t0 = time.perf_counter()
            press = asyncio.create_task(pilot.press("1"))
            await until(lambda shown=shown: app.screen is overview and overview.loads > shown)
            assert overview.query_one("#attention", DataTable).row_count
            out["oversikt"].append(time.perf_counter() - t0)
            await press
            await idle(pilot)
    return out


def _due_process(path: Path) -> tuple[float, int, str]:
    env = {**os.environ}
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "shk_tui", "--db", str(path), "due", "--today", TODAY.isoformat()],
                          capture_output=True, text=True, env=env, check=False)
    return time.perf_counter() - t0, done.returncode, done.stdout


def run() -> list[str]:
    with _setup.generated(generate) as data:
        lines = [f"data: {N_CONTRACTS} avtal, {N_PAYMENTS} utbetalningar ({data.seconds:.1f} s); "
                 f"datorns belastning (load average) {os.getloadavg()[0]:.1f} – andra processer påverkar tiderna"]
        result = asyncio.run(_measure(data.db))
        data.db.dispose()
        _due_process(data.path)  # warm the OS file cache like a morning cron run after the laptop woke up
        due_time, code, out = _due_process(data.path)
    line = _setup.line

    lines.append(line("Översikt vid programstart (tills raderna visas)", result["start"][0], 0.300))
    for key, name in (("avtal", "Avtal öppnas"), ("oversikt", "Översikt öppnas igen")):
        times = result[key]
        lines.append(line(f"{name} (median av {len(times)}, första {times[0] * 1000:.0f} ms)",
                          statistics.median(times), 0.300))
    first = out.splitlines()[0] if out else "(ingen utdata)"
    lines.append(line(f"shk due som process ({first})", due_time, 1.0) + ("" if code == 0 else f" FAIL exit {code}"))
    return lines


if __name__ == "__main__":
    for text in run():
        print(text)
