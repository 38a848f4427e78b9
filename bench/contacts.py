"""Contacts at scale: 100 000 contacts in 5 000 organisations (issue #4).

Measures
- the Kontakter screen opening in the real TUI (Pilot; key 3 until the first rows are shown),
- a search keystroke in the TUI (median; from the key until the table shows the new first row and count),
- the service query per keystroke against a raw sqlite3 query giving the same rows (≤ 2×),
- the app's memory (max RSS of a separate process that only runs the TUI),
- importing a 100 000-row CSV (Excel, Swedish headers, ``;``) through plan + apply.
Data is synthetic (Swedish-looking names), bulk-inserted with SQLAlchemy Core (no audit)."""

from __future__ import annotations

import asyncio
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
import unicodedata
from datetime import date, datetime
from pathlib import Path

import sqlalchemy as sa

from bench import _pilot, _setup

N_CONTACTS = 100_000
N_ORGS = 5_000
N_IMPORT = 100_000
TODAY = date(2026, 11, 25)
WORDS = ["an", "lind", "åb", "öst", "kar", "erik", "sjö", "mdu", "berg", "ström"]

FIRST = ["Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Eva", "Per", "Sara", "Nils", "Åsa", "Örjan", "Ingrid",
         "Magnus", "Elin", "Oskar", "Linnea", "Hugo", "Alva", "Ebba", "Björn", "Märta", "Göran", "Ida", "Viktor"]
LAST = ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson",
        "Gustafsson", "Lindberg", "Åberg", "Öberg", "Ängel", "Sjöberg", "Ekström", "Holmgren", "Wallin", "Dahl",
        "Östlund", "Lindqvist", "Bergström", "Sandberg", "Forsberg", "Ström"]
ORG_WORDS = ["Föreningen", "Stiftelsen", "Bolaget", "Skolan", "Förvaltningen", "Centrum", "Nätverket", "Rådet"]
PLACES = ["Västerås", "Eskilstuna", "Skultuna", "Årby", "Köping", "Strängnäs", "Torshälla", "Kungsör", "Sala"]
KINDS = ["civilsamhälle", "näringsliv", "offentlig aktör", "akademi", "samarbetspart"]
TAGS = ["nyhetsbrev", "styrelse", "core team", "forskare", "student", "äldre", "barn och unga", "testbädd"]
TITLES = ["Samordnare", "Enhetschef", "Forskare", "Lärare", "Projektledare", "Handläggare", "Rektor", None]


def generate(db, *, index: bool = True) -> None:
    from shk_tui.db import search_index
    from shk_tui.db.contact_search import search_text, sort_key
    from shk_tui.db.models import Contact, ContactTag, Organisation, Tag

    rng = random.Random(4)
    now = datetime(2026, 1, 1)
    orgs = [(i + 1, f"{rng.choice(ORG_WORDS)} {rng.choice(PLACES)} {i + 1}") for i in range(N_ORGS - 1)]
    orgs.insert(0, (N_ORGS, "Mälardalens universitet"))
    org_name = dict(orgs)
    with db.engine.begin() as conn:
        conn.execute(sa.insert(Organisation.__table__), [
            {"id": oid, "name": name, "short_name": "MDU" if oid == N_ORGS else None, "kind": rng.choice(KINDS),
             "archived": False, "created_at": now, "updated_at": now} for oid, name in orgs
        ])
        conn.execute(sa.insert(Tag.__table__), [
            {"id": i + 1, "name": t, "created_at": now, "updated_at": now} for i, t in enumerate(TAGS)
        ])
        contacts, links = [], []
        for i in range(1, N_CONTACTS + 1):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            org = rng.randint(1, N_ORGS)
            email = f"{first.lower()}.{last.lower()}{i}@exempel{org}.se"
            phone = f"+46 70 {rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
            title = rng.choice(TITLES)
            tag_ids = rng.sample(range(1, len(TAGS) + 1), rng.choice([0, 1, 1, 2]))
            contacts.append({
                "id": i, "first_name": first, "last_name": last, "title": title, "organisation_id": org,
                "email": email, "phone": phone, "archived": i % 50 == 0, "created_at": now, "updated_at": now,
                "search_text": search_text(first, last, title, email, phone, (org_name.get(org),),
                                           [TAGS[t - 1] for t in tag_ids]),
                "sort_key": sort_key(last, first),
            })
            links.extend({"contact_id": i, "tag_id": t} for t in tag_ids)
            if len(contacts) == 20_000:
                conn.execute(sa.insert(Contact.__table__), contacts)
                contacts = []
        if contacts:
            conn.execute(sa.insert(Contact.__table__), contacts)
        conn.execute(sa.insert(ContactTag.__table__), links)
        if index:  # Kontakter searches the search index (#16); bulk Core inserts bypass its hooks
            search_index.rebuild(conn)
    with db.engine.begin() as conn:
        if db.dialect == "sqlite":
            conn.exec_driver_sql("ANALYZE")


def raw_search(path: Path, word: str) -> tuple[int, list[tuple]]:
    """The same rows as the service, straight through sqlite3 and the same plan: one page (PAGE rows,
    one more to know whether there are more) from the search index (#16), their tags, and the count unless
    the page holds them all (bench/floor_search.py)."""
    from bench import floor_search

    floor = floor_search.SqliteFloor(path)
    try:
        total, ids = floor.search(word)
    finally:
        floor.close()
    return total, [(i,) for i in ids]


def best(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def ascii_local(text: str) -> str:
    """'Åsa.Öberg' → 'asa.oberg' (e-mail addresses as organisations hand them out)."""
    return unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()


def write_import_csv(path: Path) -> None:
    rng = random.Random(9)
    lines = ["Förnamn;Efternamn;E-post;Telefon;Organisation;Titel"]
    for i in range(N_IMPORT):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        local = ascii_local(f"{first}.{last}")
        lines.append(f"{first};{last};{local}.ny{i}@import.se;070-{rng.randint(100, 999)} "
                     f"{rng.randint(10, 99)} {rng.randint(10, 99)};{rng.choice(PLACES)}s förening {i % 300};"
                     f"{rng.choice(TITLES) or ''}")
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8-sig"))


# --- the TUI part, run in its own process so its memory is the app's alone ----------------


async def _measure_ui(db, expected: dict[str, tuple[str, str]]) -> dict[str, object]:
    from textual.widgets import Input, Static

    from shk_tui.app import ShkApp
    from shk_tui.ui.contacts.contacts import ContactsScreen


    idle, until = _pilot.idle, _pilot.until

    app = ShkApp(db, today=TODAY)
    out: dict[str, object] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await idle(pilot)
        out["open"] = await _pilot.timed_press(
            pilot, "3", lambda: isinstance(app.screen, ContactsScreen) and app.screen.table.row_count > 0)
        await idle(pilot)
        screen = app.screen
        search = screen.query_one("#contacts-search", Input)

        def shows(first_cell: str, count: str) -> bool:
            table = screen.table
            first = str(table.get_row_at(0)[0]) if table.row_count else ""
            return first == first_cell and str(screen.query_one(".section-count", Static).render()) == count

        times = []
        for word in WORDS:
            search.focus()
            for i in range(len(word)):
                typed = word[: i + 1]
                first_cell, count = expected[typed]
                t0 = time.perf_counter()
                press = asyncio.create_task(pilot.press(word[i]))
                await until(lambda t=typed, f=first_cell, c=count: search.value == t and shows(f, c))
                times.append(time.perf_counter() - t0)
                await press
            search.value = ""
            await idle(pilot)
        out["keystrokes"] = times
    out["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def ui_main(db_path: str, expected_path: str) -> None:
    from shk_tui.config import resolve
    from shk_tui.db.engine import Database

    expected = {k: tuple(v) for k, v in json.loads(Path(expected_path).read_text()).items()}
    db = Database(resolve(db_path))
    result = asyncio.run(_measure_ui(db, expected))
    db.dispose()
    print(json.dumps(result))


def run() -> list[str]:
    from shk_tui.config import resolve
    from shk_tui.db.engine import Database
    from shk_tui.services.contacts import contact_import
    from shk_tui.services.contacts import contact_list as svc
    from shk_tui.ui.widgets.section_table import count_text

    line = _setup.line
    with _setup.generated(generate) as data:
        db, path, tmp = data.db, data.path, data.folder
        lines = [f"data: {N_CONTACTS} kontakter i {N_ORGS} organisationer ({data.seconds:.1f} s)"]

        # service vs raw sqlite3, and what the table must show after each keystroke
        expected: dict[str, tuple[str, str]] = {}
        service_times, ratios = [], []
        for word in WORDS:
            for i in range(len(word)):
                typed = word[: i + 1]
                page = svc.search(db, svc.ContactFilter(text=typed))
                total, raw_rows = raw_search(path, typed)
                assert page.total == total and [r.id for r in page.rows] == [r[0] for r in raw_rows], typed
                expected[typed] = (page.rows[0].cells()[0] if page.rows else "", count_text(len(page.rows), page.total))
                t_service = best(lambda t=typed: svc.search(db, svc.ContactFilter(text=t)))
                t_raw = best(lambda t=typed: raw_search(path, t))
                service_times.append(t_service)
                ratios.append(t_service / t_raw)
        db.dispose()
        expected_path = tmp / "expected.json"
        expected_path.write_text(json.dumps(expected))

        proc = subprocess.run(
            [sys.executable, "-c", "import sys, bench.contacts as b; b.ui_main(sys.argv[1], sys.argv[2])",
             str(path), str(expected_path)],
            capture_output=True, text=True, env=dict(os.environ), cwd=Path(__file__).resolve().parents[1], timeout=600,
        )
        if proc.returncode != 0:
            lines.append("TUI-mätningen misslyckades: FAIL")
            lines.extend(proc.stderr.strip().splitlines()[-5:])
            ui = None
        else:
            ui = json.loads(proc.stdout.strip().splitlines()[-1])

        csv_path = tmp / "import.csv"
        write_import_csv(csv_path)
        db = Database(resolve(str(path)))
        t0 = time.perf_counter()
        plan = contact_import.plan_file(db, csv_path)
        contact_import.apply(db, plan)
        import_time = time.perf_counter() - t0
        imported = len(plan.new)
        db.dispose()

    if ui is not None:
        lines.append(line("Kontakter öppnas", ui["open"], 0.300))
        lines.append(line("Sökning per tangent i tabellen (median)", statistics.median(ui["keystrokes"]), 0.030))
    lines.append(line("Sökfrågan i tjänsten per tangent (median)", statistics.median(service_times), 0.030))
    worst = max(ratios)
    lines.append(f"Tjänsten mot rå sqlite3-fråga: median {statistics.median(ratios):.2f}×, sämst {worst:.2f}× "
                 f"(mål ≤ 2×) {'PASS' if statistics.median(ratios) <= 2 else 'FAIL'}")
    if ui is not None:
        lines.append(line("Appens minne (max RSS)", ui["maxrss_mb"], 250, unit="MB"))
    lines.append(line(f"Import av {imported} rader CSV", import_time, 5.0, unit="s"))
    return lines


if __name__ == "__main__":
    for text in run():
        print(text)
