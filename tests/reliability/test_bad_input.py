"""Bad input given to the real ``shk`` process: every case ends, in bounded time, with ONE Swedish
line of at most 200 characters on stderr (exit 2 for bad input), no traceback, no "oväntat fel", and
the database as it was."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from tests.helpers.proc import run_shk

#: A generous bound for one run: a hang (FIFO, /dev/zero) or quadratic parsing would exceed it.
TIMEOUT = 60


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("data")
    done = run_shk(["demo"], data_dir=data, timeout=TIMEOUT)
    assert done.returncode == 0, done.stderr
    return data


def _digest(data: Path) -> str:
    """The database's contents (every table's rows), to show a failed command changed nothing."""
    conn = sqlite3.connect(data / "shk.sqlite3")
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        h = hashlib.sha256()
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY 1'):
                h.update(repr(row).encode())
        return h.hexdigest()
    finally:
        conn.close()


def assert_one_swedish_line(done, code: int = 2) -> str:
    err = done.stderr
    assert done.returncode == code, (done.returncode, err[:500])
    assert "Traceback" not in err + done.stdout
    assert "oväntat fel" not in err
    assert err.count("\n") == 1 and err.startswith("shk: "), err[:500]
    assert len(err.rstrip("\n")) <= 200, len(err)
    return err


def shk(args: list[str], data: Path):
    return run_shk(args, data_dir=data, timeout=TIMEOUT)


def test_import_from_dev_zero_is_refused_without_reading_it(demo_dir):
    before = _digest(demo_dir)
    err = assert_one_swedish_line(shk(["import", "contacts", "/dev/zero"], demo_dir))
    assert "Inte en vanlig fil" in err
    assert _digest(demo_dir) == before


def test_import_from_a_fifo_does_not_hang(demo_dir, tmp_path):
    fifo = tmp_path / "kontakter.csv"
    os.mkfifo(fifo)  # no one ever writes: opening it for reading would block for ever
    err = assert_one_swedish_line(shk(["import", "contacts", str(fifo)], demo_dir))
    assert "Inte en vanlig fil" in err and "kontakter.csv" in err
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_import_of_a_too_large_file_is_refused(demo_dir, tmp_path):
    big = tmp_path / "stor.csv"
    with open(big, "wb") as fh:  # a sparse 60 MB file: over the 50 MB cap without writing 60 MB
        fh.write(b"Namn;E-post\n")
        fh.truncate(60 * 1024 * 1024)
    before = _digest(demo_dir)
    err = assert_one_swedish_line(shk(["import", "contacts", str(big)], demo_dir))
    assert "för stor" in err and "50 MB" in err
    assert _digest(demo_dir) == before


def test_a_million_column_header_names_only_a_few(demo_dir, tmp_path):
    wide = tmp_path / "bred.csv"
    wide.write_text(";".join(f"kolumn{i}" for i in range(1_000_000)) + "\n", encoding="utf-8")
    err = assert_one_swedish_line(shk(["import", "contacts", str(wide)], demo_dir))
    assert "kolumn0, kolumn1" in err and "kolumn999999" not in err


def test_a_20_mb_photo_in_a_vcard_is_read_quickly(demo_dir, tmp_path):
    card = tmp_path / "foto.vcf"
    line = "A" * 74
    with open(card, "w", encoding="utf-8", newline="") as fh:
        fh.write("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Fotograf;Frida;;;\r\nFN:Frida Fotograf\r\n")
        fh.write("PHOTO;ENCODING=b;TYPE=JPEG:" + line)
        fh.write(("\r\n " + line) * (20 * 1024 * 1024 // 77))
        fh.write("\r\nEMAIL:frida.fotograf@example.se\r\nEND:VCARD\r\n")
    assert card.stat().st_size > 20 * 1024 * 1024
    done = shk(["import", "contacts", str(card), "--dry-run"], demo_dir)  # quadratic unfolding took minutes
    assert done.returncode == 0, done.stderr[:500]
    assert "1 ny, 0 dubbletter, 0 felaktiga rader, 0 varningar" in done.stdout


@pytest.mark.parametrize("args, expected", [
    (["import", "contacts", "{csv}", "--delimiter", "ab"], "--delimiter: ska vara exakt ett tecken"),
    (["import", "contacts", "{csv}", "--delimiter", ""], "--delimiter: ska vara exakt ett tecken"),
    (["import", "contacts", "{csv}", "--encoding", "finns-inte"], "Okänd teckenkodning"),
    (["demo", "--force", "--today", "0001-01-01"], "--today: Datumet 0001-01-01 ligger utanför 1900–2100"),
    (["demo", "--force", "--today", "9999-12-31"], "--today: Datumet 9999-12-31 ligger utanför"),
    (["due", "--days", "1000000000000"], "--days: måste vara mellan 0 och 3650"),
    (["due", "--days", "9" * 5000], "--days: måste vara mellan 0 och 3650"),
    (["gdpr", "extract", "100000000000000000000"], "KONTAKT_ID: ogiltigt id"),
    (["gdpr", "erase", "-5", "--reason", "x", "--yes"], "KONTAKT_ID: ogiltigt id"),
    (["export", "participants", "--event", "100000000000000000000"], "--event: ogiltigt id"),
    (["export", "events", "--from", "1800-01-01"], "--from: Datumet 1800-01-01 ligger utanför"),
    (["export", "deadlines", "--to", "x" * 100_000], "--to: Ogiltigt datum"),
])
def test_out_of_range_arguments_are_one_swedish_line(demo_dir, tmp_path, args, expected):
    csv_file = tmp_path / "k.csv"
    csv_file.write_text("Namn;E-post\nAnna Andersson;anna@example.se\n", encoding="utf-8")
    before = _digest(demo_dir)
    err = assert_one_swedish_line(shk([a.format(csv=csv_file) for a in args], demo_dir))
    assert expected in err
    assert _digest(demo_dir) == before


def test_postgresql_that_cannot_be_reached_is_swedish(tmp_path):
    done = run_shk(["--db", "postgresql+psycopg://shk@127.0.0.1:1/shk", "due"], data_dir=tmp_path, timeout=TIMEOUT)
    err = assert_one_swedish_line(done)
    assert "Kan inte ansluta till PostgreSQL" in err and "refused" not in err


def test_the_log_file_is_private(tmp_path):
    data = tmp_path / "ny"
    done = run_shk(["--db", str(tmp_path / "x.sqlite3"), "db", "upgrade"], data_dir=data, timeout=TIMEOUT)
    assert done.returncode == 0, done.stderr
    log = data / "shk-tui.log"  # the upgrade is logged
    assert "upgrading" in log.read_text(encoding="utf-8")
    assert stat.S_IMODE(os.stat(data).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(log).st_mode) == 0o600
