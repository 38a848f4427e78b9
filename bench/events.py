"""Events at scale: 10 000 events and 500 000 participations (one event with 2 000 people).

Measures, through the real TUI driven by Pilot on a SQLite file:
- the Evenemang screen opening (key 4 until its rows are shown),
- the participant list of the 2 000-person event opening (until all rows are shown),
- one check-in keystroke (median; from the key to the updated match list).
Data is synthetic (Swedish-looking names) and bulk-inserted with SQLAlchemy Core (no audit)."""

from __future__ import annotations

import asyncio
import random
import statistics
import time
from datetime import date, datetime, timedelta

import sqlalchemy as sa

from bench import _pilot, _setup

N_EVENTS = 10_000
N_PARTICIPATIONS = 500_000
BIG_EVENT = 2_000
N_CONTACTS = 20_000
TODAY = date(2026, 11, 25)

FIRST = ["Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Eva", "Per", "Sara", "Nils", "Åsa", "Örjan",
         "Ingrid", "Magnus", "Elin", "Oskar", "Linnea", "Hugo", "Alva", "Ebba", "Björn", "Märta", "Göran"]
LAST = ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson",
        "Gustafsson", "Lindberg", "Åberg", "Öberg", "Ängel", "Sjöberg", "Ekström", "Holmgren", "Wallin", "Dahl"]
TITLES = ["Styrelsemöte", "Samhällsforum", "Labb", "Workshop", "Seminarium", "Öppen verkstad", "Co-working"]
KINDS = ["styrelsemöte", "forum", "labb", "workshop", "seminarium", "öppen verkstad", "co-working"]
STATUSES = ["anmäld", "deltog", "uteblev", "inbjuden", "avbokad", "reserv"]
DIETS = [None, None, None, "vegetarisk", "glutenfri", "vegan", "laktosfri"]


def generate(db) -> int:
    """Fill an empty migrated database; returns the id of the 2 000-person event."""
    from shk_tui.db.models import Contact, Event, Organisation, Participation

    rng = random.Random(5)
    now = datetime(2026, 1, 1)
    with db.engine.begin() as conn:
        conn.execute(sa.insert(Organisation.__table__), [
            {"id": i + 1, "name": f"Organisation {i + 1}", "kind": rng.choice(["civilsamhälle", "näringsliv",
             "offentlig aktör", "akademi"]), "archived": False, "created_at": now, "updated_at": now}
            for i in range(200)
        ])
        conn.execute(sa.insert(Contact.__table__), [
            {"id": i + 1, "first_name": rng.choice(FIRST), "last_name": f"{rng.choice(LAST)}{'' if i < 5000 else i}",
             "email": f"person{i}@exempel.se", "organisation_id": rng.randint(1, 200), "archived": False,
             "created_at": now, "updated_at": now}
            for i in range(N_CONTACTS)
        ])
        start = datetime(2018, 1, 1, 9)
        events = []
        for i in range(N_EVENTS):
            k = rng.randrange(len(TITLES))
            at = start + timedelta(days=rng.randint(0, 365 * 10), hours=rng.choice([0, 4]))
            events.append({"id": i + 1, "title": f"{TITLES[k]} {i + 1}", "kind": KINDS[k], "starts_at": at,
                           "ends_at": at + timedelta(hours=3), "capacity": rng.choice([None, 30, 50, 100]),
                           "status": "planerad", "created_at": now, "updated_at": now})
        big = N_EVENTS
        events[big - 1].update(starts_at=datetime(2026, 12, 2, 9), ends_at=datetime(2026, 12, 2, 16),
                               capacity=None, title="Inkludera Mera 2026")
        conn.execute(sa.insert(Event.__table__), events)
        rows = []
        per_event = (N_PARTICIPATIONS - BIG_EVENT) // (N_EVENTS - 1)
        for eid in range(1, N_EVENTS + 1):
            n = BIG_EVENT if eid == big else per_event + (1 if eid <= (N_PARTICIPATIONS - BIG_EVENT) % (N_EVENTS - 1) else 0)
            for cid in rng.sample(range(1, N_CONTACTS + 1), n):
                rows.append({"event_id": eid, "contact_id": cid, "status": "anmäld" if eid == big else rng.choice(STATUSES),
                             "role": "deltagare", "dietary": rng.choice(DIETS), "registered_at": now,
                             "created_at": now, "updated_at": now})
            if len(rows) >= 50_000:
                conn.execute(sa.insert(Participation.__table__), rows)
                rows = []
        if rows:
            conn.execute(sa.insert(Participation.__table__), rows)
    return big


async def _measure(db, big: int) -> dict[str, object]:
    from textual.widgets import DataTable

    from shk_tui.app import ShkApp
    from shk_tui.ui.events.checkin import CheckinScreen
    from shk_tui.ui.events.events import EventsScreen
    from shk_tui.ui.events.participants import ParticipantsScreen


    idle, until = _pilot.idle, _pilot.until

    app = ShkApp(db, today=TODAY)
    out: dict[str, object] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await idle(pilot)
        # Timed from the key to the rows being in the table (Pilot's own idle waits are not counted).
        out["events"] = await _pilot.timed_press(
            pilot, "4", lambda: isinstance(app.screen, EventsScreen) and app.screen.query_one("#table", DataTable).row_count)
        await idle(pilot)
        t0 = time.perf_counter()
        app.push_screen(ParticipantsScreen(big))
        await until(lambda: isinstance(app.screen, ParticipantsScreen)
                    and app.screen.query_one("#table", DataTable).row_count == BIG_EVENT)
        out["participants"] = time.perf_counter() - t0
        await idle(pilot)
        app.push_screen(CheckinScreen(big))
        await idle(pilot)
        screen = app.screen
        times = []
        for word in ("anna", "erik", "åsa", "örjan", "mag", "lin", "sara", "per"):
            for i, ch in enumerate(word):
                t0 = time.perf_counter()
                press = asyncio.create_task(pilot.press(ch))
                await until(lambda typed=word[: i + 1]: screen.shown_query == typed)
                times.append(time.perf_counter() - t0)
                await press
            screen.query_one("#input").value = ""
            await idle(pilot)
        out["checkin"] = times
    return out


def run() -> list[str]:
    from shk_tui.services.events import event_attention

    with _setup.generated(generate) as data:
        lines = [f"data: {N_EVENTS} evenemang, {N_PARTICIPATIONS} deltaganden ({data.seconds:.1f} s)"]
        t0 = time.perf_counter()
        attention = event_attention.attention_items(data.db, TODAY)
        attention_time = time.perf_counter() - t0
        result = asyncio.run(_measure(data.db, data.value))
    line = _setup.line

    lines.append(line("Evenemang öppnas", result["events"], 0.300))
    lines.append(line(f"Deltagarlista med {BIG_EVENT} öppnas", result["participants"], 0.300))
    lines.append(line("Incheckning per tangent (median)", statistics.median(result["checkin"]), 0.030))
    lines.append(line(f"Översiktens evenemangsrader ({len(attention)} st)", attention_time, 0.300))
    return lines


if __name__ == "__main__":
    for text in run():
        print(text)
