"""``shk restore`` as a process: a file is checked completely before anything is replaced.

Refused: a damaged file, a schema the app did not build (an extra trigger, view or index, a dropped
column), an unknown revision. Each gives exit 2, one Swedish line, and leaves the live database
byte for byte as it was, with no backup taken (so none rotated away)."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.helpers.proc import run_shk

IMPORT = "Förnamn;Efternamn;E-post\r\nEfter;Backupen;efter@example.se\r\n".encode()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def listing(directory: Path) -> list[tuple[str, str]]:
    if not directory.exists():
        return []
    return sorted((p.name, sha256(p)) for p in directory.iterdir() if p.is_file())


def emails(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT email FROM contact WHERE email IS NOT NULL")}
    finally:
        conn.close()


@pytest.fixture(scope="module")
def _demo_with_backup(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    data = tmp_path_factory.mktemp("restore") / "data"
    assert run_shk(["demo"], data_dir=data).returncode == 0
    good = data.parent / "god.sqlite3"
    done = run_shk(["backup", "-o", str(good)], data_dir=data)
    assert done.returncode == 0, done.stderr
    return data, good


@pytest.fixture
def setup(_demo_with_backup, tmp_path: Path) -> tuple[Path, Path, Path]:
    """(data dir, live database, a good backup), the live database changed after the backup."""
    src_data, src_good = _demo_with_backup
    data = tmp_path / "data"
    data.mkdir()
    shutil.copyfile(src_data / "shk.sqlite3", data / "shk.sqlite3")
    good = tmp_path / "god.sqlite3"
    shutil.copyfile(src_good, good)
    csv = tmp_path / "efter.csv"
    csv.write_bytes(IMPORT)
    done = run_shk(["import", "contacts", str(csv)], data_dir=data)
    assert done.returncode == 0, done.stderr
    return data, data / "shk.sqlite3", good


def damage(path: Path) -> None:
    """Valid header, garbage pages in the middle."""
    size = path.stat().st_size
    with open(path, "r+b") as fh:  # a test file no SQLite connection has open
        fh.seek(size // 3)
        fh.write(b"\xde\xad\xbe\xef" * (size // 16))


def edit(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys=OFF")
        for sql in statements:
            conn.execute(sql)
    finally:
        conn.close()


def drop_email(path: Path) -> None:
    conn = sqlite3.connect(path)
    indexes = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index' AND sql LIKE '%email%'")]
    conn.close()
    edit(path, *[f'DROP INDEX "{ix}"' for ix in indexes], "ALTER TABLE contact DROP COLUMN email")


BAD = {
    "damaged": (damage, "skadad"),
    "trigger": (lambda p: edit(p, "CREATE TRIGGER t AFTER INSERT ON contact BEGIN DELETE FROM payment; END"),
                "okänd utlösare (trigger) t"),
    "view": (lambda p: edit(p, "CREATE VIEW v AS SELECT * FROM payment"), "okänd vy v"),
    "dropped_column": (drop_email, "kolumn saknas: contact.email"),
    "extra_index": (lambda p: edit(p, "CREATE INDEX ix_extra ON contact (title)"), "okänt index ix_extra"),
    "cascade": (lambda p: edit(p, "PRAGMA writable_schema=ON",
                               "UPDATE sqlite_master SET sql = replace(sql, 'ON DELETE SET NULL', "
                               "'ON DELETE CASCADE') WHERE name = 'contact'"),  # an organisation's delete would
                "främmande nycklar i contact"),                                    # wipe its contacts
    "unknown_revision": (lambda p: edit(p, "UPDATE alembic_version SET version_num = '9999_okand'"),
                         "nyare än den här versionen"),
    "not_sqlite": (lambda p: p.write_bytes(b"namn;e-post\nAnna;anna@example.se\n" * 100), "ingen SQLite-databas"),
}


@pytest.mark.parametrize("kind", sorted(BAD))
def test_restore_refuses_a_bad_file_and_changes_nothing(setup, kind):
    data, live, good = setup
    make_bad, expected = BAD[kind]
    make_bad(good)
    before, backups_before = sha256(live), listing(data / "backups")
    done = run_shk(["restore", str(good)], data_dir=data)
    assert done.returncode == 2, (done.stdout, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("shk: ") and "Traceback" not in done.stderr
    assert expected in lines[0], lines[0]
    assert len(lines[0]) <= 260
    assert sha256(live) == before
    assert listing(data / "backups") == backups_before
    assert not [p for p in data.iterdir() if p.name.startswith(".shk-")]
    assert "efter@example.se" in emails(live)
    assert run_shk(["due"], data_dir=data).returncode == 0


def test_schema_difference_message_names_the_first_few(setup):
    data, live, good = setup
    edit(good, *[f"CREATE INDEX ix_extra_{i} ON contact (title, phone)" for i in range(30)],
         "CREATE TRIGGER t AFTER INSERT ON contact BEGIN DELETE FROM payment; END")
    done = run_shk(["restore", str(good)], data_dir=data)
    line = done.stderr.strip()
    assert done.returncode == 2 and "okänd utlösare (trigger) t" in line and "till." in line
    assert len(line.removeprefix("shk: ")) <= 200


def test_a_good_backup_restores_while_another_connection_is_open(setup):
    data, live, good = setup
    reader = sqlite3.connect(live)  # e.g. the TUI open in another terminal
    try:
        assert "efter@example.se" in {r[0] for r in reader.execute("SELECT email FROM contact")}
        done = run_shk(["restore", str(good)], data_dir=data)
        assert done.returncode == 0, done.stderr
        assert "återställd" in done.stdout and "tidigare databasen sparades" in done.stdout
        assert "efter@example.se" not in {r[0] for r in reader.execute("SELECT email FROM contact")}
        assert reader.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        reader.close()
    assert emails(live) == emails(good)
    kept = [p for p in (data / "backups").iterdir() if p.name.endswith("-fore-aterstallning.sqlite3")]
    assert len(kept) == 1 and "efter@example.se" in emails(kept[0])
    assert run_shk(["due"], data_dir=data).returncode == 0
    assert not [p for p in data.iterdir() if p.name.startswith(".shk-")]
