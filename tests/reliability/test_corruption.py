"""Nothing in a process that has the database open may open the live file except SQLite itself:
closing any descriptor of a file drops all of the process's POSIX locks on it, so another ``shk``
would believe it is the last user, checkpoint and delete the -wal/-shm under the open app."""

from __future__ import annotations

import asyncio
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from shk_tui import config
from shk_tui.app import ShkApp
from shk_tui.errors import BadInput
from shk_tui.services import backup as backups
from shk_tui.services import storage
from shk_tui.services.contacts import contact_import, contacts
from tests.helpers.proc import run_shk, shk_env

CSV = ("Förnamn;Efternamn;E-post\r\n"
       "Import;Ett;import1@example.se\r\n"
       "Import;Två;import2@example.se\r\n"
       "Import;Tre;import3@example.se\r\n").encode()


def integrity_in_fresh_process(path: Path) -> str:
    code = ("import sqlite3, sys\n"
            "c = sqlite3.connect(sys.argv[1])\n"
            "print(c.execute('PRAGMA integrity_check').fetchone()[0])\n")
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=60)
    return (done.stdout.strip() or done.stderr.strip().splitlines()[-1])


def contact_emails(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT email FROM contact WHERE email IS NOT NULL")}
    finally:
        conn.close()


@pytest.fixture
def demo_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "data"
    done = run_shk(["demo"], data_dir=data)
    assert done.returncode == 0, done.stderr
    monkeypatch.setenv("SHK_DATA_DIR", str(data))
    return data


def test_tui_start_up_backup_keeps_the_locks_of_its_own_connection(demo_dir, tmp_path):
    """The issue's scenario with real processes: TUI open (it takes the start-up backup), `shk due`,
    a save in the TUI, `shk import contacts`, quit. The file stays whole and keeps every write."""
    cfg = config.resolve(None)
    path = cfg.sqlite_path
    assert backups.list_backups(cfg.backup_dir) == []  # so the start-up backup runs
    src = tmp_path / "nya.csv"
    src.write_bytes(CSV)
    db = storage.open_database(cfg, auto_backup=True)
    assert len(backups.list_backups(cfg.backup_dir)) == 1

    async def scenario() -> None:
        app = ShkApp(db)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            due = await asyncio.to_thread(run_shk, ["due"], data_dir=demo_dir)
            assert due.returncode == 0, due.stderr
            await asyncio.to_thread(contacts.save, db, contacts.ContactInput(
                first_name="Sparad", last_name="ITUI", email="sparad@example.se"))
            imported = await asyncio.to_thread(run_shk, ["import", "contacts", str(src)], data_dir=demo_dir)
            assert imported.returncode == 0, imported.stderr
            await pilot.pause()
            app.exit()

    try:
        asyncio.run(scenario())
    finally:
        db.dispose()
    assert integrity_in_fresh_process(path) == "ok"
    emails = contact_emails(path)
    assert {"import1@example.se", "import2@example.se", "import3@example.se", "sparad@example.se"} <= emails
    again = run_shk(["due"], data_dir=demo_dir)
    assert again.returncode == 0 and "Traceback" not in again.stderr


PROBE = """
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute('SELECT count(*) FROM contact').fetchone()
c.close()  # the last connection would checkpoint and delete the -wal here
"""


@pytest.mark.parametrize("how", ["backup", "open", "inspect", "import_db", "import_shm"])
def test_our_file_checks_leave_the_process_locks_alone(demo_dir, how):
    """After a backup / an open / a look into the file in a process holding a connection, another
    process that opens and closes the database is not the last user: the -wal stays."""
    cfg = config.resolve(None)
    path = cfg.sqlite_path
    db = storage.open_database(cfg)
    try:
        with db.session() as s:  # a connection in this process, in WAL mode, holding its shared lock
            s.connection().exec_driver_sql("SELECT 1")
        wal = Path(f"{path}-wal")
        assert wal.exists()
        if how == "backup":
            backups.backup(db)
        elif how == "open":
            storage.open_database(cfg).dispose()
        elif how == "inspect":
            backups.inspect_file(path)
        else:  # the user picks the database (or its -shm) as the file to import: refused unread
            chosen = path if how == "import_db" else Path(f"{path}-shm")
            with pytest.raises(BadInput, match="databas som används"):
                contact_import.plan_file(db, chosen)
        done = subprocess.run([sys.executable, "-c", PROBE, str(path)], capture_output=True, text=True,
                              timeout=60, env=shk_env(demo_dir))
        assert done.returncode == 0, done.stderr
        assert wal.exists(), "another process took the file over: this process's locks were dropped"
        with db.session() as s:
            s.connection().exec_driver_sql("UPDATE contact SET title = 'Efter' WHERE id = 1")
    finally:
        db.dispose()
    assert integrity_in_fresh_process(path) == "ok"
