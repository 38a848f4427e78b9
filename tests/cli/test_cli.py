"""``shk`` in-process (``cli.main``) and once as a real process: bad input is one Swedish line,
exit 2, no traceback and nothing created; backup/restore/db upgrade work on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from shk_tui import cli, config
from shk_tui.db import migrate as _migrate
from shk_tui.errors import DatabaseBusy
from shk_tui.services import storage
from tests.helpers.cli import run

HEAD = _migrate.head()  # the newest schema revision

ROOT = Path(__file__).resolve().parents[2]



def snapshot(root: Path) -> dict[str, bytes | None]:
    """Every path under ``root`` with its content, to prove nothing was created or changed."""
    return {str(p.relative_to(root)): (p.read_bytes() if p.is_file() else None) for p in sorted(root.rglob("*"))}


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nothing listens once the socket is closed


def make_too_new(path: Path) -> None:
    assert cli.main(["--db", str(path), "db", "upgrade"]) == 0
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_framtid'")
    conn.commit()
    conn.close()


def bad_inputs(tmp_path: Path) -> dict[str, tuple[list[str], str]]:
    """name -> (argv, expected text in the message); files set up under tmp_path/'in'."""
    work = tmp_path / "in"
    work.mkdir()
    (work / "en_fil").write_text("inte en katalog")
    (work / "anteckningar.txt").write_text("Det här är ingen databas.\n" * 10)
    make_too_new(work / "framtid.sqlite3")
    return {
        "directory": (["--db", str(work), "db", "upgrade"], "katalog"),
        "under_a_file": (["--db", str(work / "en_fil" / "x.sqlite3"), "db", "upgrade"], "katalog"),
        "deep_under_a_file": (["--db", str(work / "en_fil" / "a" / "x.sqlite3"), "db", "upgrade"], "Kan inte skapa"),
        "not_sqlite": (["--db", str(work / "anteckningar.txt"), "db", "upgrade"], "ingen SQLite-databas"),
        "not_sqlite_tui": (["--db", str(work / "anteckningar.txt")], "ingen SQLite-databas"),
        "malformed_url": (["--db", "postgresql+psycopg://shk:hemligt@värd:abc/shk", "db", "upgrade"],
                          "Ogiltig databasadress"),
        "unknown_backend": (["--db", "mysql://shk@localhost/shk", "db", "upgrade"], "stöds inte"),
        "unreachable_pg": (["--db", f"postgresql+psycopg://shk@127.0.0.1:{closed_port()}/shk", "db", "upgrade"],
                           "Kan inte ansluta till PostgreSQL"),
        "too_new": (["--db", str(work / "framtid.sqlite3"), "db", "upgrade"], "nyare än den här versionen"),
        "backup_not_sqlite": (["--db", str(work / "anteckningar.txt"), "backup"], "ingen SQLite-databas"),
        "restore_text": (["--db", str(work / "ny.sqlite3"), "restore", str(work / "anteckningar.txt")],
                         "ingen SQLite-databas"),
        "restore_missing": (["--db", str(work / "ny.sqlite3"), "restore", str(work / "finns_inte.sqlite3")],
                            "finns inte"),
        "restore_too_new": (["--db", str(work / "ny.sqlite3"), "restore", str(work / "framtid.sqlite3")],
                            "nyare"),
        "backup_missing_db": (["--db", str(work / "ny.sqlite3"), "backup"], "ingen databas"),
        "pg_backup": (["--db", "postgresql+psycopg://shk@127.0.0.1/shk", "backup"], "pg_dump"),
        "pg_restore": (["--db", "postgresql+psycopg://shk@127.0.0.1/shk", "restore", "x.sqlite3"], "pg_dump"),
        "unknown_command": (["trolla"], "fel"),
        "db_without_action": (["--db", str(work / "ny.sqlite3"), "db"], "shk db upgrade"),
    }


CASES = ["directory", "under_a_file", "deep_under_a_file", "not_sqlite", "not_sqlite_tui", "malformed_url",
         "unknown_backend", "unreachable_pg", "too_new", "backup_not_sqlite", "restore_text", "restore_missing",
         "restore_too_new", "backup_missing_db", "pg_backup", "pg_restore", "unknown_command",
         "db_without_action"]


@pytest.mark.parametrize("case", CASES)
def test_bad_input_exits_2_with_one_swedish_line_and_creates_nothing(case, tmp_path, capsys, _isolated_data_dir):
    argv, expected = bad_inputs(tmp_path)[case]
    capsys.readouterr()
    before = snapshot(tmp_path)
    code, out, err = run(capsys, *argv)
    assert code == 2, err
    assert expected in err
    assert err.startswith("shk: ") and err.count("\n") == 1
    assert "hemligt" not in err
    assert out == ""
    assert snapshot(tmp_path) == before  # no file, -wal/-shm, backup, directory or log created


def test_non_writable_directory(tmp_path, capsys):
    if os.geteuid() == 0:
        pytest.skip("root can write everywhere; the under-a-file cases cover this")
    locked = tmp_path / "låst"
    locked.mkdir(mode=0o500)
    code, _, err = run(capsys, "--db", str(locked / "x.sqlite3"), "db", "upgrade")
    assert code == 2 and "skriva" in err
    assert list(locked.iterdir()) == []


def test_db_upgrade_is_idempotent(tmp_path, capsys):
    path = tmp_path / "shk.sqlite3"
    code, out, _ = run(capsys, "--db", str(path), "db", "upgrade")
    assert code == 0 and f"skapad med schema {HEAD}" in out
    code, out, _ = run(capsys, "--db", str(path), "db", "upgrade")
    assert code == 0 and out.strip() == f"Databasen är redan uppdaterad (rev {HEAD})"
    assert not (tmp_path / "backups").exists()


def test_db_upgrade_reports_backup_and_upgrade(tmp_path, capsys, monkeypatch):
    from shk_tui.db import migrate, schema_head

    path = tmp_path / "shk.sqlite3"
    assert run(capsys, "--db", str(path), "db", "upgrade")[0] == 0
    real_current = migrate.current
    state = {"old": True}
    monkeypatch.setattr(schema_head, "stored", lambda db: "0000_gammal" if state["old"] else schema_head.HEAD)
    monkeypatch.setattr(migrate, "current", lambda db: "0000_gammal" if state["old"] else real_current(db))
    monkeypatch.setattr(migrate, "check_not_newer", lambda db: None)
    monkeypatch.setattr(migrate, "needs_upgrade", lambda db: state["old"])
    monkeypatch.setattr(migrate, "upgrade", lambda db: state.update(old=False) or True)
    code, out, _ = run(capsys, "--db", str(path), "db", "upgrade")
    assert code == 0
    assert "Säkerhetskopia före uppgraderingen:" in out and f"Uppgraderad till {HEAD} (från 0000_gammal)" in out
    assert len(list((tmp_path / "backups").iterdir())) == 1


def test_backup_then_restore_round_trip(tmp_path, capsys):
    path = tmp_path / "shk.sqlite3"
    assert run(capsys, "--db", str(path), "db", "upgrade")[0] == 0
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO tag (name, created_at, updated_at) VALUES ('Före', '2025-01-01', '2025-01-01')")
    conn.commit()
    conn.close()
    out_file = tmp_path / "kopia.sqlite3"
    code, out, _ = run(capsys, "--db", str(path), "backup", "-o", str(out_file))
    assert code == 0 and str(out_file) in out
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM tag")
    conn.execute("INSERT INTO tag (name, created_at, updated_at) VALUES ('Efter', '2025-01-02', '2025-01-02')")
    conn.commit()
    conn.close()
    code, out, _ = run(capsys, "--db", str(path), "restore", str(out_file))
    assert code == 0 and "återställd" in out and "tidigare databasen sparades" in out
    conn = sqlite3.connect(path)
    assert [r[0] for r in conn.execute("SELECT name FROM tag")] == ["Före"]
    conn.close()
    code, out, _ = run(capsys, "--db", str(path), "backup")
    assert code == 0 and "backups" in out


def test_restore_of_a_foreign_sqlite_file_leaves_the_database(tmp_path, capsys):
    path = tmp_path / "shk.sqlite3"
    assert run(capsys, "--db", str(path), "db", "upgrade")[0] == 0
    other = tmp_path / "annat.sqlite3"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE recept (namn TEXT)")
    conn.commit()
    conn.close()
    before = snapshot(tmp_path)
    code, _, err = run(capsys, "--db", str(path), "restore", str(other))
    assert code == 2 and "ingen shk-databas" in err
    assert snapshot(tmp_path) == before


@pytest.mark.postgres
def test_db_upgrade_on_postgresql(pg_server, capsys):
    admin = sa.create_engine(pg_server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql("CREATE DATABASE t_cli_upgrade")
    url = pg_server.rsplit("/", 1)[0] + "/t_cli_upgrade"
    try:
        code, out, _ = run(capsys, "--db", url, "db", "upgrade")
        assert code == 0 and f"skapad med schema {HEAD}" in out
        code, out, _ = run(capsys, "--db", url, "db", "upgrade")
        assert code == 0 and f"redan uppdaterad (rev {HEAD})" in out
        code, _, err = run(capsys, "--db", url, "backup")
        assert code == 2 and "pg_dump" in err
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql("DROP DATABASE IF EXISTS t_cli_upgrade WITH (FORCE)")
        admin.dispose()


def test_unexpected_error_is_one_line_and_logged(tmp_path, capsys, monkeypatch):
    def boom(cfg):
        raise RuntimeError("något gick sönder internt")

    monkeypatch.setattr(storage, "upgrade_database", boom)
    code, out, err = run(capsys, "--db", str(tmp_path / "x.sqlite3"), "db", "upgrade")
    assert code == 1
    assert out == "" and err.count("\n") == 1 and "oväntat fel (RuntimeError)" in err
    log = config.log_file().read_text(encoding="utf-8")
    assert "Traceback" in log and "något gick sönder internt" in log


def test_operational_error_anywhere_is_one_swedish_line(tmp_path, capsys, monkeypatch):
    def locked(cfg):
        raise sa.exc.OperationalError("SELECT 1", {}, sqlite3.OperationalError("database is locked"))

    monkeypatch.setattr(storage, "upgrade_database", locked)
    code, _, err = run(capsys, "--db", str(tmp_path / "x.sqlite3"), "db", "upgrade")
    assert code == 1
    assert err == f"shk: {DatabaseBusy().message}\n" and "locked" not in err


def test_help_and_version_exit_0(capsys):
    assert cli.main(["--version"]) == 0
    assert "shk-tui" in capsys.readouterr().out
    assert cli.main(["db", "--help"]) == 0
    assert "upgrade" in capsys.readouterr().out


@pytest.mark.parametrize("args, expected", [
    (["--db", "{dir}"], "katalog"),
    (["--db", "{dir}/notes.txt", "db", "upgrade"], "ingen SQLite-databas"),
])
def test_real_process_shows_no_traceback(tmp_path, args, expected):
    (tmp_path / "notes.txt").write_text("ingen databas här\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SHK_DATA_DIR": str(tmp_path / "data")}
    env.pop("SHK_DATABASE_URL", None)
    before = snapshot(tmp_path)
    proc = subprocess.run([sys.executable, "-m", "shk_tui", *(a.format(dir=tmp_path) for a in args)],
                          capture_output=True, text=True, env=env, timeout=60, cwd=tmp_path)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stdout + proc.stderr
    assert proc.stderr.startswith("shk: ") and expected in proc.stderr and proc.stderr.count("\n") == 1
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("argv, expected", [
    (["due", "--days", "x"], "shk: fel: --days: ogiltigt heltal: 'x'"),
    (["due", "--format", "pdf"], "shk: fel: --format: ogiltigt val 'pdf' (välj 'text', 'csv')"),
    (["due", "--bogus"], "shk: fel: okända argument: --bogus"),
    (["report", "beslutsunderlag"], "shk: fel: dessa argument saknas: --focus"),
])
def test_usage_errors_are_swedish(tmp_path, capsys, argv, expected):
    code, _out, err = run(capsys, "--db", str(tmp_path / "shk.sqlite3"), *argv)
    assert code == 2 and err.strip() == expected
