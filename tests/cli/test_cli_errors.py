"""How the CLI words failures: one Swedish line of at most 200 characters, never a driver's English
text; the argument types shared by every command; the private log file."""

from __future__ import annotations

import argparse
import errno
import logging
import os
import sqlite3
import stat

import psycopg
import pytest
import sqlalchemy as sa
from psycopg import errors as pg_errors
from sqlalchemy.orm.exc import StaleDataError

from shk_tui import cli, config
from shk_tui.commands import args as types
from shk_tui.errors import BadInput, DatabaseBusy, ShkError
from shk_tui.services import storage


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _sqlite_error(text: str, code: int | None = None) -> sqlite3.OperationalError:
    exc = sqlite3.OperationalError(text)
    if code is not None:
        exc.sqlite_errorcode = code
    return exc


def _wrapped(orig: BaseException, kind=sa.exc.OperationalError) -> sa.exc.DBAPIError:
    return kind("UPDATE contact SET …", {}, orig)


@pytest.mark.parametrize("exc, expected", [
    (_wrapped(_sqlite_error("database or disk is full")), cli.DISK_FULL),
    (_wrapped(_sqlite_error("något", code=13)), cli.DISK_FULL),  # SQLITE_FULL by its code
    (OSError(errno.ENOSPC, "No space left on device", "/data/shk.sqlite3"), cli.DISK_FULL),
    (_wrapped(_sqlite_error("disk I/O error", code=10 | (3 << 8))), cli.DISK_IO),  # an extended IOERR code
    (_wrapped(_sqlite_error("database is locked")), DatabaseBusy().message),
    (_wrapped(_sqlite_error("attempt to write a readonly database")), cli._SQLITE_TEXT[8]),
    (_wrapped(psycopg.OperationalError("consuming input failed: server closed the connection unexpectedly\n\t"
                                       "This probably means the server terminated abnormally")), cli.PG_LOST),
    (_wrapped(pg_errors.AdminShutdown("terminating connection due to administrator command")), cli.PG_LOST),
    (_wrapped(psycopg.OperationalError('connection failed: connection to server at "10.0.0.1", port 5432 '
                                       "failed: Connection refused")), cli.PG_CONNECT),
    (_wrapped(pg_errors.SerializationFailure("could not serialize access")), cli.CONCURRENT),
    (_wrapped(pg_errors.DeadlockDetected("deadlock detected")), cli.CONCURRENT),
    (_wrapped(pg_errors.UniqueViolation("duplicate key value violates unique constraint"), sa.exc.IntegrityError),
     cli.CONCURRENT),
    (StaleDataError("UPDATE statement on table 'contract' expected to update 1 row(s); 0 were matched."),
     cli.CONCURRENT),
])
def test_driver_failures_are_described_in_swedish(exc, expected):
    assert cli._describe(exc) == expected


@pytest.mark.parametrize("exc, expected", [
    (_wrapped(psycopg.OperationalError("something new and English")), "databasfel (OperationalError); detaljer i"),
    (OSError(errno.EACCES, "Permission denied", "/x"), "filfel: åtkomst nekad (/x); detaljer i"),
    (RuntimeError("intern"), "oväntat fel (RuntimeError); detaljer i"),
])
def test_other_failures_name_the_log_but_no_english(exc, expected):
    text = cli._describe(exc)
    assert text.startswith(expected) and str(config.log_file()) in text
    assert "English" not in text and "Permission" not in text


def test_a_message_built_on_a_full_disk_says_the_disk_is_full(tmp_path, capsys, monkeypatch):
    """services.backup.inspect_file wraps any sqlite3 error as 'Filen är ingen läsbar SQLite-databas'."""
    def upgrade(cfg):
        try:
            raise _sqlite_error("database or disk is full", code=13)
        except sqlite3.Error as exc:
            raise BadInput(f"Filen är ingen läsbar SQLite-databas: x ({exc})") from None

    monkeypatch.setattr(storage, "upgrade_database", upgrade)
    code, _, err = run(capsys, "--db", str(tmp_path / "x.sqlite3"), "db", "upgrade")
    assert (code, err) == (1, f"shk: {cli.DISK_FULL}\n")


def test_a_domain_message_is_kept_when_its_cause_is_not_the_surroundings(tmp_path, capsys, monkeypatch):
    def upgrade(cfg):
        try:
            raise _sqlite_error("database is locked", code=5)
        except sqlite3.Error:
            raise DatabaseBusy() from None

    monkeypatch.setattr(storage, "upgrade_database", upgrade)
    code, _, err = run(capsys, "--db", str(tmp_path / "x.sqlite3"), "db", "upgrade")
    assert (code, err) == (1, f"shk: {DatabaseBusy().message}\n")


@pytest.mark.parametrize("raised", [
    ShkError("rad ett\nrad två\r\n" + "ö" * 1_000_000, exit_code=2),
    OSError(errno.EACCES, "Permission denied", "/" + "k" * 100_000),
])
def test_every_message_is_one_line_of_at_most_200_characters(tmp_path, capsys, monkeypatch, raised):
    def upgrade(cfg):
        raise raised

    monkeypatch.setattr(storage, "upgrade_database", upgrade)
    code, _, err = run(capsys, "--db", str(tmp_path / "x.sqlite3"), "db", "upgrade")
    assert code == (2 if isinstance(raised, ShkError) else 1)
    assert err.count("\n") == 1 and len(err) <= 201 and err.rstrip("\n").endswith("…")
    assert "\r" not in err


def test_one_line():
    assert types.one_line("a\n\n b\tc\x00d") == "a b c d"
    assert types.one_line("x" * 300) == "x" * 199 + "…"
    assert types.one_line(" " * 10_000 + "slut") == "…"  # not scanned to its end


@pytest.mark.parametrize("parse, text, value", [
    (types.row_id, "1", 1), (types.row_id, str(types.MAX_ID), types.MAX_ID), (types.days, "0", 0),
    (types.days, " 3650 ", 3650), (types.one_char, ";", ";"), (types.one_char, "tab", "\t"),
])
def test_argument_types_accept_the_range(parse, text, value):
    assert parse(text) == value


@pytest.mark.parametrize("parse, text, message", [
    (types.row_id, "0", "ogiltigt id"), (types.row_id, str(types.MAX_ID + 1), "ogiltigt id"),
    (types.row_id, "1" * 100_000, "ogiltigt id"), (types.row_id, "١٢", "ogiltigt heltal"),
    (types.days, "-1", "mellan 0 och 3650"), (types.days, "1.5", "ogiltigt heltal: '1.5'"),
    (types.day, "1899-12-31", "utanför 1900–2100"), (types.day, "2101-01-01", "utanför"),
    (types.day, "x" * 10_000, "Ogiltigt datum"), (types.one_char, "", "exakt ett tecken"),
    (types.one_char, '"', "kan inte vara"), (types.one_char, "\x00", "kan inte vara"),
])
def test_argument_types_refuse_with_a_short_swedish_message(parse, text, message):
    with pytest.raises(argparse.ArgumentTypeError) as caught:
        parse(text)
    assert message in str(caught.value) and len(str(caught.value)) < 120


def _log_something() -> None:
    cli.setup_logging()
    logging.getLogger("shk_tui").error("något")
    for handler in logging.getLogger("shk_tui").handlers:
        handler.close()


def test_the_log_file_is_created_0600_in_a_0700_data_dir(tmp_path, monkeypatch):
    data = tmp_path / "ny" / "data"
    monkeypatch.setenv(config.ENV_DATA_DIR, str(data))
    _log_something()
    assert stat.S_IMODE(os.stat(data).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(config.log_file()).st_mode) == 0o600
    assert "något" in config.log_file().read_text(encoding="utf-8")


def test_an_existing_readable_log_is_made_private(tmp_path, monkeypatch):
    monkeypatch.setenv(config.ENV_DATA_DIR, str(tmp_path))
    log = config.log_file()
    log.write_text("gammal rad\n", encoding="utf-8")
    log.chmod(0o644)
    _log_something()
    assert stat.S_IMODE(os.stat(log).st_mode) == 0o600
    assert log.read_text(encoding="utf-8").startswith("gammal rad\n")  # appended, not replaced


@pytest.mark.postgres
def test_a_real_lost_postgresql_connection_is_swedish(pg_server):
    engine = sa.create_engine(pg_server)
    admin = sa.create_engine(pg_server, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            pid = conn.execute(sa.text("SELECT pg_backend_pid()")).scalar_one()
            with admin.connect() as other:  # ends only this test's own connection
                other.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            with pytest.raises(sa.exc.DBAPIError) as caught:
                conn.execute(sa.text("SELECT 1"))
        assert cli._describe(caught.value) == cli.PG_LOST
    finally:
        engine.dispose()
        admin.dispose()
