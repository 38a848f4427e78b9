"""``shk demo``: loads once, refuses a second time without --force, checks --today."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.helpers.cli import run


def count(path: Path, table: str) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_demo_loads_refuses_and_forces(tmp_path, capsys):
    path = tmp_path / "shk.sqlite3"
    code, out, _ = run(capsys, "--db", str(path), "demo", "--today", "2026-11-25")
    assert code == 0
    assert out.startswith("Exempeldata laddad: ") and "61 kontakter" in out and "10 avtal" in out
    assert count(path, "contact") == 61

    code, out, err = run(capsys, "--db", str(path), "demo")
    assert code == 2 and out == ""
    assert err.strip().startswith("shk: Databasen innehåller redan data; använd --force")
    assert count(path, "contact") == 61

    code, _, _ = run(capsys, "--db", str(path), "demo", "--force", "--today", "2026-12-01")
    assert code == 0
    assert count(path, "contract") == 10


def test_demo_bad_date_changes_nothing(tmp_path, capsys):
    path = tmp_path / "shk.sqlite3"
    code, out, err = run(capsys, "--db", str(path), "demo", "--today", "25/11/2026")
    assert code == 2
    assert "Ogiltigt datum" in err and "ÅÅÅÅ-MM-DD" in err
    assert not path.exists()  # refused while the arguments were read: no database was created
