"""The search columns are kept in sync for every writer of contacts, not only for code that happens to
import the contacts service: opening a database installs the hook (checked in a fresh interpreter)."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
from shk_tui.config import resolve
from shk_tui.db import migrate
from shk_tui.db.engine import Database
from shk_tui.db.models import Contact
assert "shk_tui.services.contacts.contacts" not in sys.modules
db = Database(resolve(sys.argv[1]))
migrate.upgrade(db)
with db.session() as s:
    s.add(Contact(first_name="Örjan", last_name="Östlund", email="orjan@example.se"))
with db.session() as s:
    c = s.query(Contact).one()
    print(c.search_text, "|", c.sort_key)
"""


def test_contacts_written_without_the_service_are_searchable(tmp_path):
    out = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "shk.sqlite3")],
                         capture_output=True, text=True, check=True).stdout
    text, key = (part.strip() for part in out.split(" | ", 1)) if " | " in out else (out, "")
    assert "örjan östlund" in text and "orjan@example.se" in text
    assert key
