"""The search index at scale (issue #16): 100 000 contacts in 5 000 organisations (bench/contacts.py's
generator), 10 000 contracts with 20 000 payments, 10 000 events and 5 000 initiatives.

Measures, each as figure, floor and ratio, interleaved in the same run (bench/_setup.interleaved):
- the Kontakter data path per keystroke (``contact_list.search``: first page in Swedish order, its tags
  and the count) against raw sqlite3 doing an FTS5 ``MATCH`` for the first page plus the count on the
  same index (bench/floor_search.py); target ≤ 2×;
- the same on PostgreSQL (when a server can be started, as the tests do) against raw psycopg with the
  same pg_trgm query; target ≤ 2×;
- the global search (``global_search.find``, every kind) per keystroke, printed beside the same floor.
Also printed: building the index from scratch (what ``shk db upgrade`` does at 0009) at this size."""

from __future__ import annotations

import random
import statistics
import time
from datetime import date, datetime, timedelta

import sqlalchemy as sa

from bench import _setup, contacts, floor_search

N_CONTRACTS = 10_000
N_EVENTS = 10_000
N_INITIATIVES = 5_000
#: What is typed, a letter at a time (words of the generated data; 1-2 letters walk the prefix index).
WORDS = ["lind", "erik", "sjö", "mdu", "ström", "anna lind", "070 5"]
ROUNDS = 5


def generate(db) -> None:
    from shk_tui.db import search_index
    from shk_tui.db.models import Contract, Event, Initiative, Payment

    contacts.generate(db, index=False)
    rng = random.Random(16)
    now = datetime(2026, 1, 1)
    subjects = ["Följeforskning", "Samverkan förskola", "Äldres hälsa", "Skolnärvaro", "Öppen verkstad",
                "Digital vardag", "Trygghet i Årby", "Läsfrämjande", "Ensamhet bland äldre", "Lokalhyra"]
    with db.engine.begin() as conn:
        conn.execute(sa.insert(Contract.__table__), [
            {"id": i, "title": f"{rng.choice(subjects)} {rng.choice(contacts.PLACES)} {i}", "kind": "samarbetsavtal",
             "counterparty_id": rng.randint(1, contacts.N_ORGS), "diarienummer": f"SK {2019 + i % 8}/{i}",
             "status": "aktivt", "auto_renew": False, "direct_award_documented": False, "created_at": now,
             "updated_at": now} for i in range(1, N_CONTRACTS + 1)])
        conn.execute(sa.insert(Payment.__table__), [
            {"id": i, "contract_id": (i - 1) // 2 + 1, "due_on": date(2026, 1, 1) + timedelta(days=i % 700),
             "amount_ore": 100_000, "reference": f"F{20260000 + i}", "direction": "utbetalning",
             "created_at": now, "updated_at": now} for i in range(1, 2 * N_CONTRACTS + 1)])
        conn.execute(sa.insert(Event.__table__), [
            {"id": i, "title": f"{rng.choice(['Labb', 'Forum', 'Workshop'])}: {rng.choice(subjects)}",
             "kind": rng.choice(["labb", "forum", "workshop"]), "starts_at": datetime(2024, 1, 1) + timedelta(hours=7 * i),
             "location": f"Aulan {i % 40}", "city": rng.choice(contacts.PLACES), "status": "planerad",
             "created_at": now, "updated_at": now} for i in range(1, N_EVENTS + 1)])
        conn.execute(sa.insert(Initiative.__table__), [
            {"id": i, "name": f"{rng.choice(subjects)} {i}", "description": f"Om {rng.choice(subjects).lower()}",
             "focus_area": "overgripande", "kind": "innovation", "phase": "förslag", "budget_ore": 0,
             "budget_source": "ingen", "pilot_ore": 0, "owner_id": rng.randint(1, contacts.N_CONTACTS),
             "created_at": now, "updated_at": now} for i in range(1, N_INITIATIVES + 1)])
    t0 = time.perf_counter()
    with db.engine.begin() as conn:
        search_index.rebuild(conn)
    generate.rebuild_seconds = time.perf_counter() - t0  # type: ignore[attr-defined]
    with db.engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")


def _typed() -> list[str]:
    return [w[: i + 1] for w in WORDS for i in range(len(w)) if w[: i + 1].strip() == w[: i + 1]]


def _timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def run() -> list[str]:
    from shk_tui.services.contacts import contact_list as svc
    from shk_tui.services.search import global_search

    lines: list[str] = []
    with _setup.generated(generate) as data:
        db, path = data.db, data.path
        lines.append(f"data: {contacts.N_CONTACTS} kontakter i {contacts.N_ORGS} organisationer, {N_CONTRACTS} avtal, "
                     f"{N_EVENTS} evenemang, {N_INITIATIVES} initiativ ({data.seconds:.1f} s; sökindexet byggt på "
                     f"{generate.rebuild_seconds:.1f} s)")  # type: ignore[attr-defined]
        floor = floor_search.SqliteFloor(path)
        ratios, figures, floors, globals_ = [], [], [], []
        for typed in _typed():
            page = svc.search(db, svc.ContactFilter(text=typed))
            total, ids = floor.search(typed)
            assert page.total == total and [r.id for r in page.rows] == ids, (typed, page.total, total)
            fig, flo, ratio = _setup.interleaved(
                lambda t=typed: _timed(lambda: svc.search(db, svc.ContactFilter(text=t))),
                lambda t=typed: _timed(lambda: floor.search(t)), ROUNDS)
            figures.append(fig)
            floors.append(flo)
            ratios.append(ratio)
            globals_.append(min(_timed(lambda t=typed: global_search.find(db, t)) for _ in range(3)))
        floor.close()
        worst = max(zip(ratios, _typed(), strict=True))
        lines.append(_setup.ratio_line("Kontakter, sökning per tangent (median, SQLite)", statistics.median(figures),
                                       statistics.median(floors), statistics.median(ratios), target=2.0, unit="ms")
                     + f"; sämst {worst[0]:.2f}× ({worst[1]!r})")
        lines.append(f"Global sökning per tangent, alla slag (median, SQLite): {statistics.median(globals_) * 1000:.1f} ms, "
                     f"sämst {max(globals_) * 1000:.1f} ms")
    lines.extend(_postgres())
    return lines


def _postgres() -> list[str]:
    """The same on PostgreSQL, when a server can be started (tests/helpers/pg.py)."""
    try:
        from tests.helpers import pg
    except Exception:  # pragma: no cover - the test helpers are not installed
        return ["PostgreSQL: hoppades över (testhjälpen saknas)"]
    return floor_search.postgres_lines(pg, generate, _typed(), ROUNDS)


if __name__ == "__main__":
    for text in run():
        print(text)
