"""``kill -9`` in the middle of ``shk backup``, ``shk restore`` and ``shk import contacts``: the live
database passes ``integrity_check`` afterwards and is either wholly old or wholly new, and the next
``shk`` removes the temporary files the killed process left."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers.proc import run_shk, start_shk

CONTACTS = 200_000


def integrity_in_fresh_process(path: Path) -> str:
    code = "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute('PRAGMA integrity_check').fetchone()[0])"
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=120)
    return done.stdout.strip() or done.stderr.strip()


def state(path: Path) -> tuple[int, str]:
    """(number of contacts, first name of contact 1)."""
    conn = sqlite3.connect(path)
    try:
        return (conn.execute("SELECT count(*) FROM contact").fetchone()[0],
                conn.execute("SELECT first_name FROM contact WHERE id = 1").fetchone()[0])
    finally:
        conn.close()


def temps(*directories: Path) -> list[Path]:
    return [p for d in directories if d.exists() for p in d.iterdir() if p.name.startswith(".shk-")]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def wait_for(check: Callable[[], bool], proc: subprocess.Popen, timeout: float = 60) -> None:
    """Poll (stat only, never opening the database) until ``check()``; fail if ``proc`` ends first."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if check():
            return
        if proc.poll() is not None:
            pytest.fail(f"shk ended before the moment to kill it: {proc.returncode} {proc.stderr.read()}")
        time.sleep(0.002)
    proc.kill()
    pytest.fail("timed out waiting for the moment to kill shk")


def kill(proc: subprocess.Popen) -> None:
    proc.kill()
    proc.communicate(timeout=30)
    assert proc.returncode == -9


def size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


@pytest.fixture(scope="module")
def _big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated database with 200 000 contacts inserted with raw sqlite3, and a backup of it."""
    data = tmp_path_factory.mktemp("big") / "data"
    assert run_shk(["db", "upgrade"], data_dir=data).returncode == 0
    conn = sqlite3.connect(data / "shk.sqlite3")
    conn.executemany(
        "INSERT INTO contact (created_at, updated_at, first_name, last_name, email, archived, search_text, sort_key) "
        "VALUES ('2025-01-01', '2025-01-01', ?, ?, ?, 0, ?, ?)",
        ((f"Förnamn{i}", f"Efternamn{i}", f"p{i}@example.se", f"förnamn{i} efternamn{i}", f"efternamn{i}")
         for i in range(CONTACTS)))
    conn.commit()
    conn.close()
    done = run_shk(["backup", "-o", str(data.parent / "stor.sqlite3")], data_dir=data)
    assert done.returncode == 0, done.stderr
    return data


@pytest.fixture
def big(_big: Path, tmp_path: Path) -> tuple[Path, Path, Path]:
    """(data dir, live database, backup): the live database differs from the backup (fewer contacts,
    contact 1 renamed), so "old" and "new" can be told apart."""
    data = tmp_path / "data"
    data.mkdir()
    live = data / "shk.sqlite3"
    shutil.copyfile(_big / "shk.sqlite3", live)
    backup = tmp_path / "stor.sqlite3"
    shutil.copyfile(_big.parent / "stor.sqlite3", backup)
    conn = sqlite3.connect(live)
    conn.execute("UPDATE contact SET first_name = 'Levande' WHERE id = 1")
    conn.execute("DELETE FROM contact WHERE id > 150000")
    conn.commit()
    conn.close()
    return data, live, backup


OLD = (150_000, "Levande")
NEW = (CONTACTS, "Förnamn0")


def test_kill_during_backup_leaves_the_database_whole_and_the_orphan_is_cleaned(big):
    data, live, _ = big
    before = sha256(live)
    proc = start_shk(["backup"], data_dir=data)
    wait_for(lambda: any(size(p) > 0 for p in temps(data / "backups")), proc)
    kill(proc)
    assert temps(data / "backups"), "the killed backup left its temporary file"
    assert sha256(live) == before and integrity_in_fresh_process(live) == "ok"
    assert not [p for p in (data / "backups").iterdir() if p.name.endswith(".sqlite3")]  # no half backup
    assert run_shk(["due"], data_dir=data).returncode == 0
    assert temps(data / "backups", data) == []


def test_kill_during_the_restore_swap_leaves_old_or_new(big):
    data, live, backup = big
    wal = Path(f"{live}-wal")
    proc = start_shk(["restore", str(backup)], data_dir=data)
    wait_for(lambda: size(wal) > 8_000_000, proc)  # the swap is writing the copy into the live WAL
    kill(proc)
    assert temps(data)
    assert integrity_in_fresh_process(live) == "ok"
    assert state(live) in (OLD, NEW)
    assert run_shk(["due"], data_dir=data).returncode == 0
    assert temps(data / "backups", data) == []
    assert integrity_in_fresh_process(live) == "ok" and state(live) in (OLD, NEW)


def test_kill_just_before_the_swap_leaves_the_old_database(big):
    data, live, backup = big
    before = sha256(live)
    proc = start_shk(["restore", str(backup)], data_dir=data, SHK_TEST_PAUSE_AT="restore-swap")
    line = proc.stderr.readline()
    assert line.strip() == "SHK_TEST_PAUSED restore-swap", line
    kill(proc)
    assert temps(data), "the checked copy is left beside the database"
    assert sha256(live) == before and state(live) == OLD
    done = run_shk(["restore", str(backup)], data_dir=data)  # the next run cleans up and restores
    assert done.returncode == 0, done.stderr
    assert state(live) == NEW and integrity_in_fresh_process(live) == "ok"
    assert temps(data / "backups", data) == []


def test_kill_during_an_import_is_all_or_nothing(tmp_path):
    data = tmp_path / "data"
    assert run_shk(["db", "upgrade"], data_dir=data).returncode == 0
    live = data / "shk.sqlite3"
    csv = tmp_path / "stor.csv"
    csv.write_text("Förnamn;Efternamn;E-post\n" + "".join(f"Namn{i};Import{i};i{i}@example.se\n" for i in range(50_000)),
                   encoding="utf-8")
    wal = Path(f"{live}-wal")
    proc = start_shk(["import", "contacts", str(csv)], data_dir=data)
    wait_for(lambda: size(wal) > 1_000_000, proc)  # the import's transaction is being written
    kill(proc)
    assert integrity_in_fresh_process(live) == "ok"
    conn = sqlite3.connect(live)
    try:
        assert conn.execute("SELECT count(*) FROM contact").fetchone()[0] in (0, 50_000)
    finally:
        conn.close()
    assert run_shk(["due"], data_dir=data).returncode == 0
