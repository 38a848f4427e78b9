"""Floor for importing contacts: plain ``sqlite3`` and ``csv``, no shk_tui code on the way.

It reads the same Swedish Excel CSV (UTF-8 with BOM, ``;``), creates the organisations it names, and
inserts every row as a contact into a database at today's schema (made by the app's migrations, so
with the same indexes) with one audit row per contact and per organisation (JSON of the fields, as
the app writes), all in one transaction, on a connection with the app's pragmas (``secure_delete``
among them). The rows hold what the app stores for this file: the phone as the app writes it
(``070-123 45 67`` → ``+46 70 123 45 67``, done here for the mobile numbers the bench file holds) and the
same search text (name, title, e-mail, phone, its digits, the digits as typed in Sweden, organisation),
folded with a plain ``casefold``, and the sort key with å, ä, ö after z as the app's (whose fold and
Swedish sort key do a little more, for text this file does not hold). When the schema
has the "Find anything" index (``search_index``, FTS5 trigram, and ``search_words``, FTS5 word starts over
the same rows), each contact gets its row in both (name and search text).

    python -m bench.floor_import FILE.sqlite3 IMPORT.csv   # prints the seconds taken
"""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
import sys
import time
from datetime import datetime
from pathlib import Path

PRAGMAS = ("foreign_keys=ON", "secure_delete=ON", "journal_mode=WAL", "synchronous=NORMAL", "cache_size=-32768",
           "temp_store=MEMORY")

_NON_DIGIT = re.compile(r"\D")
SWEDISH_LAST = str.maketrans({"å": "{", "ä": "|", "ö": "}"})  # sorts after z, as in the app's sort key


def _phone(text: str) -> tuple[str, str]:
    """(the phone as the app stores it, its digits): Swedish mobile numbers as ``+46 70 123 45 67``."""
    digits = _NON_DIGIT.sub("", text)
    if len(digits) == 10 and digits.startswith("07"):
        digits = "46" + digits[1:]
        return f"+46 {digits[2:4]} {digits[4:7]} {digits[7:9]} {digits[9:]}", digits
    return text, digits


def import_csv(db_path: Path, csv_path: Path) -> int:
    conn = sqlite3.connect(db_path, isolation_level=None)
    for pragma in PRAGMAS:
        conn.execute(f"PRAGMA {pragma}")
    rows = list(csv.reader(io.StringIO(csv_path.read_bytes().decode("utf-8-sig")), delimiter=";"))
    header, rows = rows[0], [r for r in rows[1:] if r]
    col = {name: i for i, name in enumerate(header)}
    first_i, last_i, mail_i, phone_i, org_i, title_i = (
        col[n] for n in ("Förnamn", "Efternamn", "E-post", "Telefon", "Organisation", "Titel"))
    at = datetime.now().isoformat(" ")
    actor = "bench"
    source = f"import: {csv_path.name}"
    conn.execute("BEGIN IMMEDIATE")
    orgs = {name: oid for oid, name in conn.execute("SELECT id, name FROM organisation")}
    new_orgs = sorted({r[org_i] for r in rows if r[org_i] and r[org_i] not in orgs})
    start = conn.execute("SELECT coalesce(max(id), 0) FROM organisation").fetchone()[0]
    conn.executemany("INSERT INTO organisation (created_at, updated_at, name, kind, archived, version)"
                     " VALUES (?, ?, ?, 'övrig', 0, 1)", [(at, at, name) for name in new_orgs])
    orgs.update({name: start + 1 + i for i, name in enumerate(new_orgs)})
    audits = [(at, "organisation", orgs[name], "insert",
               json.dumps({"name": [None, name], "kind": [None, "övrig"], "archived": [None, False]}), actor)
              for name in new_orgs]
    first_id = conn.execute("SELECT coalesce(max(id), 0) FROM contact").fetchone()[0] + 1
    contacts = []
    for n, r in enumerate(rows):
        first, last, mail, org, title = r[first_i], r[last_i], r[mail_i], r[org_i], r[title_i] or None
        phone, digits = _phone(r[phone_i])
        swedish = "0" + digits[2:] if digits.startswith("46") else ""
        search = "|".join(p for p in (f"{first} {last}", title, mail, phone, digits, swedish, org) if p).casefold()
        contacts.append((at, at, first, last, title, orgs.get(org), mail, phone, source, search,
                         f"{last} {first}".casefold().translate(SWEDISH_LAST)))
        changes = {"first_name": [None, first], "last_name": [None, last], "organisation_id": [None, orgs.get(org)],
                   "email": [None, mail], "phone": [None, phone], "source": [None, source], "archived": [None, False]}
        if title:
            changes["title"] = [None, title]
        audits.append((at, "contact", first_id + n, "insert", json.dumps(changes), actor))
    conn.executemany("INSERT INTO contact (created_at, updated_at, first_name, last_name, title, organisation_id,"
                     " email, phone, source, archived, search_text, sort_key, version)"
                     " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, 1)", contacts)
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'search_index'").fetchone():
        index = [(10**12 + first_id + n, row[2].casefold() + " " + row[3].casefold(), row[9])
                 for n, row in enumerate(contacts)]
        conn.executemany("INSERT INTO search_index (rowid, title, body) VALUES (?, ?, ?)", index)
        conn.executemany("INSERT INTO search_words (rowid, title, body) VALUES (?, ?, ?)", index)
    conn.executemany("INSERT INTO audit_entry (at, table_name, row_id, action, changes, actor)"
                     " VALUES (?, ?, ?, ?, ?, ?)", audits)
    conn.execute("COMMIT")
    conn.close()
    return len(contacts)


if __name__ == "__main__":
    t0 = time.perf_counter()
    n = import_csv(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"{n} kontakter på {time.perf_counter() - t0:.2f} s")
